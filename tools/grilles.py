"""Les grilles de notation des réponses rédigées, écrites depuis donnees/grilles/*.toml.

    python tools/grilles.py [DEVOIR …]   écrit la cellule de grille de chaque réponse rédigée dans
                                         solutions/DEVOIR/ (par défaut : tous les devoirs qui ont un
                                         fichier de grilles), puis la section « Grilles de notation »
                                         de docs/formateur.md
    python tools/grilles.py --verifier   ne modifie rien ; sort en erreur si une cellule ou la
                                         section n'est pas à jour

Une seule source, le fichier TOML du devoir ; deux lecteurs, le formateur dans le formgrader et
dans le guide. La cellule de grille suit la réponse rédigée : une cellule de texte verrouillée
dont tout le contenu est entre ``<!-- BEGIN MARK SCHEME -->`` et ``<!-- END MARK SCHEME -->``.
À la publication, nbgrader (ClearMarkScheme) la vide dans exercises/ ; à la correction,
OverwriteCells lui rend sa source (gardée dans le gradebook), donc le carnet noté que montre le
formgrader la contient ; les retours aux élèves la retirent (nbgrader_config.py). Après une
modification : ``python tools/generer_exercices.py DEVOIR`` et commitez solutions/, exercises/,
docs/formateur.md.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

sys.path.insert(0, str(Path(__file__).resolve().parent))
import catalogue_erreurs as catalogue  # noqa: E402
from carnets import ecrire, normaliser  # noqa: E402

RACINE = Path(__file__).resolve().parent.parent
DOSSIER = RACINE / "donnees" / "grilles"
GUIDE = RACINE / "docs" / "formateur.md"

DEBUT = "<!-- BEGIN MARK SCHEME -->"
FIN = "<!-- END MARK SCHEME -->"
DEBUT_SECTION = "<!-- grilles:debut — section écrite par python tools/grilles.py depuis donnees/grilles/*.toml : ne pas l'éditer à la main -->"
FIN_SECTION = "<!-- grilles:fin -->"

NIVEAUX = {
    "complete": "Réponse complète",
    "partielle": "Réponse partielle",
    "faible": "Réponse faible",
}
CHAMPS_GRILLE = {
    "question": "grade_id de la cellule de réponse rédigée",
    "lecon": "les sections de la leçon sur lesquelles la grille s'appuie : « course/NN-slug.ipynb, « titre exact » »",
    "critere": "les critères ([[grille.critere]] : nom, attendu, points) ; leurs points font ceux de la question",
    **{niveau: f"l'exemple de {texte.lower()} ([grille.{niveau}] : note, reponse, pourquoi)" for niveau, texte in NIVEAUX.items()},
}
CHAMPS_CRITERE = ("nom", "attendu", "points")
CHAMPS_EXEMPLE = ("note", "reponse", "pourquoi")


def _nombre(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(float(x)).replace(".", ",")


def _points(x: float) -> str:
    return f"{_nombre(x)} point{'s' if x >= 2 else ''}"


def fichiers() -> list[Path]:
    return sorted(DOSSIER.glob("*.toml"))


def _nbgrader(cellule: dict) -> dict:
    return cellule.get("metadata", {}).get("nbgrader", {}) or {}


def est_reponse_libre(cellule: dict) -> bool:
    """Une réponse rédigée, notée à la main (cellule de texte nbgrader notée et à compléter)."""
    meta = _nbgrader(cellule)
    return cellule["cell_type"] == "markdown" and bool(meta.get("grade")) and bool(meta.get("solution"))


def id_grille(question: str) -> str:
    """Le grade_id de la cellule de grille d'une réponse : « q5-vos-relations » → « q5-grille »."""
    return question.split("-", 1)[0] + "-grille"


def charger(fichier: Path) -> list[dict]:
    """Les grilles ``[[grille]]`` d'un fichier, contrôlées (forme seulement) ; ValueError en français sinon."""
    try:
        donnees = tomllib.loads(fichier.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{fichier.name} n'est pas du TOML valide : {exc}") from exc
    if set(donnees) != {"grille"} or not isinstance(donnees["grille"], list) or not donnees["grille"]:
        raise ValueError(f"{fichier.name} : seules des entrées [[grille]] sont permises, et au moins une")
    for numero, grille in enumerate(donnees["grille"], start=1):
        ici = f"{fichier.name}, grille n° {numero}"
        manquants = [c for c in CHAMPS_GRILLE if c not in grille]
        en_trop = sorted(set(grille) - set(CHAMPS_GRILLE))
        if manquants or en_trop:
            raise ValueError(f"{ici} : champs absents {manquants}, inconnus {en_trop}")
        if not isinstance(grille["lecon"], list) or not grille["lecon"]:
            raise ValueError(f"{ici} : lecon est une liste d'au moins une section")
        for section in grille["lecon"]:
            if catalogue.decouper_lecon(section) is None:
                raise ValueError(f"{ici} : lecon s'écrit « course/NN-slug.ipynb, « Titre de la section » » "
                                 f"(reçu : {section!r})")
        if not isinstance(grille["critere"], list) or len(grille["critere"]) < 2:
            raise ValueError(f"{ici} : au moins deux critères [[grille.critere]]")
        for critere in grille["critere"]:
            if sorted(critere) != sorted(CHAMPS_CRITERE) or not all(str(critere[c]).strip() for c in CHAMPS_CRITERE):
                raise ValueError(f"{ici} : un critère a exactement les champs {CHAMPS_CRITERE}, non vides (reçu : {critere})")
        for niveau in NIVEAUX:
            exemple = grille[niveau]
            if not isinstance(exemple, dict) or sorted(exemple) != sorted(CHAMPS_EXEMPLE):
                raise ValueError(f"{ici} : [grille.{niveau}] a exactement les champs {CHAMPS_EXEMPLE}")
            if not str(exemple["reponse"]).strip() or not str(exemple["pourquoi"]).strip():
                raise ValueError(f"{ici} : [grille.{niveau}] a une réponse et un pourquoi non vides")
    return donnees["grille"]


def problemes_de_bareme(grille: dict, points: float) -> list[str]:
    """Ce qui ne va pas dans les points d'une grille pour une question sur ``points`` points."""
    problemes = []
    total = sum(float(c["points"]) for c in grille["critere"])
    if total != points:
        problemes.append(f"les critères totalisent {_nombre(total)} points, la question en vaut {_nombre(points)}")
    demi = [c["nom"] for c in grille["critere"] if float(c["points"]) <= 0 or (float(c["points"]) * 2) % 1]
    if demi:
        problemes.append(f"points d'un critère : un multiple positif de 0,5 ({demi})")
    notes = {n: float(grille[n]["note"]) for n in NIVEAUX}
    if notes["complete"] != points:
        problemes.append(f"la réponse complète a {_nombre(notes['complete'])} / {_nombre(points)} : elle a tous les points")
    if not 0 < notes["partielle"] < points:
        problemes.append(f"la réponse partielle a {_nombre(notes['partielle'])} : strictement entre 0 et {_nombre(points)}")
    if not 0 <= notes["faible"] < notes["partielle"]:
        problemes.append(f"la réponse faible a {_nombre(notes['faible'])} : au moins 0 et moins que la partielle")
    if any((n * 2) % 1 for n in notes.values()):
        problemes.append("les notes des exemples sont des multiples de 0,5")
    return problemes


def _cellule_tableau(texte: str) -> str:
    return " ".join(str(texte).split()).replace("|", "\\|")


def _citation(texte: str) -> list[str]:
    return [f"> {ligne}".rstrip() for ligne in str(texte).strip("\n").splitlines()]


def corps(grille: dict, points: float) -> list[str]:
    """Le texte commun à la cellule et au guide : critères, trois exemples, sections à relire."""
    lignes = ["| Critère | Ce qui vaut les points | Points |", "|---|---|---|"]
    for critere in grille["critere"]:
        lignes.append(f"| {_cellule_tableau(critere['nom'])} | {_cellule_tableau(critere['attendu'])} "
                      f"| {_nombre(float(critere['points']))} |")
    lignes.append(f"| **Total** | | **{_nombre(points)}** |")
    for niveau, libelle in NIVEAUX.items():
        exemple = grille[niveau]
        lignes += ["", f"**{libelle} — {_nombre(float(exemple['note']))} / {_nombre(points)}**", "",
                   *_citation(exemple["reponse"]), "", f"*Pourquoi :* {' '.join(str(exemple['pourquoi']).split())}"]
    sections = [catalogue.decouper_lecon(s) for s in grille["lecon"]]
    par_lecon: dict[str, list[str]] = {}
    for fichier_lecon, section in sections:
        par_lecon.setdefault(fichier_lecon, []).append(f"« {section} »")
    relire = " ; ".join(f"`{f}`, {', '.join(s)}" for f, s in par_lecon.items())
    lignes += ["", f"*À relire dans la leçon :* {relire}."]
    return lignes


def source_cellule(devoir: str, grille: dict, points: float) -> str:
    return "\n".join([
        DEBUT,
        f"<!-- Écrit par python tools/grilles.py depuis donnees/grilles/{devoir}.toml : modifiez ce fichier, "
        "pas cette cellule. -->",
        f"### Grille de notation (formateur) — {_points(points)}",
        "",
        "*Réservée au formateur : cette cellule est vide dans le carnet distribué aux élèves et dans leur "
        "retour ; elle revient dans le carnet noté que montre le formgrader.*",
        "",
        *corps(grille, points),
        FIN,
    ])


def cellule_grille(devoir: str, grille: dict, points: float) -> dict:
    return {
        "cell_type": "markdown",
        "id": id_grille(grille["question"]),
        "metadata": {"nbgrader": {
            "grade": False, "grade_id": id_grille(grille["question"]), "locked": True, "schema_version": 3,
            "solution": False, "task": False,
        }},
        "source": source_cellule(devoir, grille, points),
    }


def chemin_carnet(devoir: str) -> Path:
    return RACINE / "solutions" / devoir / f"{devoir}.ipynb"


def avec_grilles(devoir: str, carnet: dict, grilles: list[dict]) -> dict:
    """Le carnet (normalisé) avec la cellule de chaque grille juste après sa réponse rédigée."""
    par_question = {g["question"]: g for g in grilles}
    ids_grilles = {id_grille(q) for q in par_question}
    cellules = [c for c in carnet["cells"] if _nbgrader(c).get("grade_id") not in ids_grilles]
    reponses = {_nbgrader(c).get("grade_id"): c for c in cellules if est_reponse_libre(c)}
    inconnues = sorted(set(par_question) - set(reponses))
    if inconnues:
        raise ValueError(f"donnees/grilles/{devoir}.toml : pas de réponse rédigée {inconnues} dans "
                         f"{chemin_carnet(devoir).relative_to(RACINE)}")
    nouvelles = []
    for cellule in cellules:
        nouvelles.append(cellule)
        gid = _nbgrader(cellule).get("grade_id")
        if est_reponse_libre(cellule) and gid in par_question:
            nouvelles.append(cellule_grille(devoir, par_question[gid], float(_nbgrader(cellule)["points"])))
    return normaliser({**carnet, "cells": nouvelles})


def _texte(carnet: dict) -> str:
    return json.dumps(carnet, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _titre_question(cellules: list[dict], gid: str) -> str:
    position = next(i for i, c in enumerate(cellules) if _nbgrader(c).get("grade_id") == gid)
    return catalogue._titre_question(cellules, position, gid)


def titre_module(devoir: str) -> str:
    """« Module 16 — Le dilemme du prisonnier » : le titre de la leçon, numéroté comme les autres."""
    titre = re.sub(r"\s*\(\d+/\d+\).*$", "", catalogue._titre_module(devoir))  # first of a series of lessons
    numero = devoir.split("-", 1)[0]
    titre = re.sub(rf"^(Module\s+)?{numero}\s*—\s*", "", titre)
    return f"Module {numero} — {titre}"


def section_guide() -> str:
    """La section « Grilles de notation » de docs/formateur.md, marqueurs compris."""
    lignes = [
        DEBUT_SECTION,
        "## 9. Grilles de notation",
        "",
        "Chaque réponse rédigée a sa grille : ses critères et leurs points, puis trois exemples propres au",
        "module (une réponse complète, une partielle, une faible) avec la note qu'ils valent et pourquoi.",
        "Dans le formgrader, la grille est la cellule qui suit la réponse de l'élève (§ 5) ; les élèves ne",
        "la voient ni dans le carnet distribué ni dans leur retour. Les exemples sont des repères, pas",
        "des modèles à retrouver mot pour mot : une réponse juste sur un autre cas que celui de l'exemple",
        "vaut les mêmes points.",
        "",
        "Pour modifier une grille : éditez `donnees/grilles/NN-slug.toml`, lancez",
        "`python tools/grilles.py NN-slug` (il réécrit la cellule de grille du devoir et cette section),",
        "puis `python tools/generer_exercices.py NN-slug`, et commitez les trois. Le gradebook prend la",
        "nouvelle grille au prochain `nbgrader generate_assignment NN-slug --force` ; un carnet déjà noté",
        "garde l'ancienne jusqu'à sa prochaine correction. Une cellule de grille est une cellule du devoir :",
        "un gradebook qui a déjà des soumissions d'une version sans elle refuse de l'ajouter (§ 8).",
    ]
    couvertes = set()
    for fichier in fichiers():
        devoir = fichier.stem
        try:
            cellules = catalogue.cellules_du_devoir(devoir)
        except FileNotFoundError:
            cellules = []
        points = {_nbgrader(c).get("grade_id"): float(_nbgrader(c).get("points", 0)) for c in cellules}
        lignes += ["", f"### {titre_module(devoir)}", "", f"Fichier : `donnees/grilles/{fichier.name}`."]
        for grille in charger(fichier):
            gid = grille["question"]
            couvertes.add((devoir, gid))
            titre = _titre_question(cellules, gid) if gid in points else gid
            total = points.get(gid, sum(float(c["points"]) for c in grille["critere"]))
            lignes += ["", f"#### {titre} (`{gid}`, {_points(total)})", "", *corps(grille, total)]
    sans = []
    for dossier in sorted(p for p in (RACINE / "solutions").iterdir() if p.is_dir() and not p.name.startswith(".")):
        for cellule in catalogue.cellules_du_devoir(dossier.name) if chemin_carnet(dossier.name).is_file() else []:
            gid = _nbgrader(cellule).get("grade_id")
            if est_reponse_libre(cellule) and (dossier.name, gid) not in couvertes:
                sans.append(f"`{dossier.name}` (`{gid}`)")
    if sans:
        lignes += ["", "### Réponses rédigées sans grille pour l'instant", "", ", ".join(sans) + "."]
    lignes.append(FIN_SECTION)
    return "\n".join(lignes)


def guide_avec_section(guide: str) -> str:
    section = section_guide()
    if DEBUT_SECTION in guide and FIN_SECTION in guide:
        avant = guide.split(DEBUT_SECTION)[0]
        apres = guide.split(FIN_SECTION, 1)[1]
        return avant + section + apres
    return guide.rstrip("\n") + "\n\n" + section + "\n"


def main(arguments: list[str]) -> int:
    verifier = "--verifier" in arguments
    demandes = [a for a in arguments if a != "--verifier"]
    disponibles = {f.stem: f for f in fichiers()}
    inconnus = [d for d in demandes if d not in disponibles]
    if inconnus:
        print(f"Pas de fichier de grilles pour : {', '.join(inconnus)} (attendu : donnees/grilles/DEVOIR.toml)")
        return 2
    a_jour = True
    for devoir in demandes or sorted(disponibles):
        chemin = chemin_carnet(devoir)
        brut = chemin.read_text(encoding="utf-8")
        nouveau = _texte(avec_grilles(devoir, json.loads(brut), charger(disponibles[devoir])))
        if nouveau != brut:
            a_jour = False
            if verifier:
                print(f"{chemin.relative_to(RACINE)} : cellules de grille pas à jour : lancez python tools/grilles.py {devoir}")
            else:
                chemin.write_text(nouveau, encoding="utf-8")
                print(f"Grilles écrites : {chemin.relative_to(RACINE)} (lancez python tools/generer_exercices.py {devoir})")
    guide = GUIDE.read_text(encoding="utf-8")
    nouveau_guide = guide_avec_section(guide)
    if nouveau_guide != guide:
        a_jour = False
        if verifier:
            print(f"{GUIDE.relative_to(RACINE)} : section « Grilles de notation » pas à jour : lancez python tools/grilles.py")
        else:
            GUIDE.write_text(nouveau_guide, encoding="utf-8")
            print(f"Section « Grilles de notation » écrite : {GUIDE.relative_to(RACINE)}")
    return 1 if verifier and not a_jour else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
