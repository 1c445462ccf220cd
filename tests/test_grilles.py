"""Les grilles de notation (donnees/grilles/*.toml) : complètes, justes, écrites dans les carnets et le guide.

Chaque réponse rédigée d'un devoir a une grille dont les critères font les points de la question, avec
trois exemples (complet, partiel, faible) et les sections de la leçon du module où elle prend ses
critères. La cellule de grille suit la réponse dans solutions/, vide dans exercises/. Que le carnet
noté la retrouve et que les retours aux élèves ne la montrent pas : tests/test_nbgrader.py (nbgrader
seul) et tests/correction/test_correction.py (``strategie corriger``).
"""

from __future__ import annotations

import re
import sys

import pytest

from conftest import RACINE, devoirs, lire

sys.path.insert(0, str(RACINE / "tools"))
import catalogue_erreurs as catalogue  # noqa: E402
import grilles  # noqa: E402

FICHIERS = grilles.fichiers()


def _nbgrader(cellule):
    return cellule["metadata"].get("nbgrader", {}) or {}


def _cellules(dossier: str, devoir: str) -> list[dict]:
    return lire(RACINE / dossier / devoir / f"{devoir}.ipynb")["cells"]


def _lignes_de_grille(source: str) -> set[str]:
    """Les lignes d'une cellule de grille qui, retrouvées ailleurs, seraient une fuite."""
    return {l.strip().lstrip("> ").strip() for l in source.splitlines() if len(l.strip()) > 20 and "MARK SCHEME" not in l}


@pytest.mark.parametrize("fichier", FICHIERS, ids=lambda f: f.stem)
def test_grilles_justes(fichier):
    """Chaque grille vise une réponse rédigée du devoir, ses critères font ses points, ses exemples sont bien notés."""
    entrees = grilles.charger(fichier)
    devoir = fichier.stem
    assert (RACINE / "solutions" / devoir).is_dir(), f"{fichier.name} : pas de devoir solutions/{devoir}"
    reponses = {_nbgrader(c)["grade_id"]: c for c in _cellules("solutions", devoir) if grilles.est_reponse_libre(c)}
    numero = devoir.split("-", 1)[0]
    problemes = []
    questions = [g["question"] for g in entrees]
    if len(set(questions)) != len(questions):
        problemes.append(f"une question a deux grilles : {questions}")
    for grille in entrees:
        gid = grille["question"]
        if gid not in reponses:
            problemes.append(f"{gid} : pas de réponse rédigée de ce nom dans le devoir ({sorted(reponses)})")
            continue
        points = float(_nbgrader(reponses[gid])["points"])
        problemes += [f"{gid} : {p}" for p in grilles.problemes_de_bareme(grille, points)]
        exemples = [" ".join(grille[n]["reponse"].split()) for n in grilles.NIVEAUX]
        if len(set(exemples)) != 3:
            problemes.append(f"{gid} : les trois exemples doivent être différents")
        for section in grille["lecon"]:
            fichier_lecon, titre = catalogue.decouper_lecon(section)
            if not re.fullmatch(rf"course/{numero}-[\w-]+\.ipynb", fichier_lecon):
                problemes.append(f"{gid} : {fichier_lecon} n'est pas une leçon du module {numero}")
            elif not (RACINE / fichier_lecon).is_file():
                problemes.append(f"{gid} : {fichier_lecon} n'existe pas")
            elif titre not in catalogue.titres_de_section(RACINE / fichier_lecon):
                problemes.append(f"{gid} : pas de section « {titre} » dans {fichier_lecon}")
    assert not problemes, f"{fichier.name} :\n" + "\n".join(problemes)


def test_chaque_reponse_redigee_a_sa_grille():
    couvertes = {(f.stem, g["question"]) for f in FICHIERS for g in grilles.charger(f)}
    sans = [f"{d} ({_nbgrader(c)['grade_id']})" for d in devoirs()
            for c in _cellules("solutions", d)
            if grilles.est_reponse_libre(c) and (d, _nbgrader(c)["grade_id"]) not in couvertes]
    assert not sans, f"réponses rédigées sans grille (donnees/grilles/DEVOIR.toml) : {sans}"


def test_cellules_et_guide_a_jour():
    """Les cellules de grille de solutions/ et la section du guide sont celles qu'écrit tools/grilles.py."""
    a_refaire = [f.stem for f in FICHIERS
                 if grilles._texte(grilles.avec_grilles(f.stem, lire(grilles.chemin_carnet(f.stem)), grilles.charger(f)))
                 != grilles.chemin_carnet(f.stem).read_text(encoding="utf-8")]
    assert not a_refaire, f"cellules de grille pas à jour : lancez python tools/grilles.py {' '.join(a_refaire)}"
    guide = grilles.GUIDE.read_text(encoding="utf-8")
    assert grilles.DEBUT_SECTION in guide, "docs/formateur.md n'a pas de section « Grilles de notation »"
    assert grilles.guide_avec_section(guide) == guide, (
        "docs/formateur.md : section « Grilles de notation » pas à jour : lancez python tools/grilles.py")


@pytest.mark.parametrize("devoir", devoirs())
def test_grille_verrouillee_apres_sa_reponse(devoir):
    """Une région de grille n'existe que dans une cellule verrouillée, avec un grade_id, juste après sa réponse.

    Sans grade_id (ou sans verrou), OverwriteCells ne rendrait pas sa source au carnet noté, et
    nbgrader ne dirait rien : nbgrader_config.py désactive ClearMarkScheme.enforce_metadata.
    """
    cellules = _cellules("solutions", devoir)
    for position, cellule in enumerate(cellules):
        source = cellule["source"]
        if "MARK SCHEME" not in source:
            continue
        meta = _nbgrader(cellule)
        nom = meta.get("grade_id", cellule.get("id"))
        assert cellule["cell_type"] == "markdown" and meta.get("locked") and meta.get("grade_id"), (
            f"{nom} : une grille va dans une cellule de texte verrouillée avec un grade_id")
        assert not (meta.get("grade") or meta.get("solution") or meta.get("task")), (
            f"{nom} : une cellule de grille n'est ni notée, ni à compléter, ni une tâche")
        assert source.startswith(grilles.DEBUT + "\n") and source.endswith("\n" + grilles.FIN), (
            f"{nom} : tout le texte de la grille va entre {grilles.DEBUT} et {grilles.FIN}")
        precedente = cellules[position - 1]
        assert grilles.est_reponse_libre(precedente) and grilles.id_grille(_nbgrader(precedente)["grade_id"]) == nom, (
            f"{nom} : la cellule de grille suit directement sa réponse rédigée")


@pytest.mark.parametrize("devoir", devoirs())
def test_grille_absente_de_la_version_distribuee(devoir):
    """exercises/ garde la cellule de grille (vide, pour que la correction la remplisse) et rien de son texte."""
    sources = {_nbgrader(c)["grade_id"]: c["source"] for c in _cellules("solutions", devoir) if "MARK SCHEME" in c["source"]}
    publiees = {_nbgrader(c).get("grade_id"): c for c in _cellules("exercises", devoir)}
    for gid in sources:
        assert gid in publiees, f"exercises/{devoir} n'a pas la cellule {gid} : lancez python tools/generer_exercices.py {devoir}"
        assert publiees[gid]["source"] == "", f"exercises/{devoir} : la cellule {gid} n'est pas vide"
    secrets = set().union(*map(_lignes_de_grille, sources.values())) if sources else set()
    for fichier in (p for p in (RACINE / "exercises" / devoir).rglob("*") if p.is_file()):
        texte = fichier.read_text(encoding="utf-8", errors="replace")
        assert "MARK SCHEME" not in texte, f"{fichier.relative_to(RACINE)} garde un marqueur de grille"
        fuites = sorted(l for l in secrets if l in texte)
        assert not fuites, f"{fichier.relative_to(RACINE)} laisse voir la grille : {fuites[:3]}"
