"""Glossaire et bibliographie : les liens des leçons aboutissent, chaque terme est complet."""

import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest

RACINE = Path(__file__).resolve().parent.parent
COURS = RACINE / "course"
GLOSSAIRE = COURS / "glossaire.md"
BIBLIOGRAPHIE = COURS / "bibliographie.md"

# [texte](cible) : la cible s'arrête au premier espace ou à la parenthèse fermante.
_LIEN = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_TITRE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


def _texte_markdown(chemin: Path) -> str:
    """Le markdown qu'un lecteur voit : les cellules de texte d'un carnet, ou le fichier .md."""
    if chemin.suffix == ".ipynb":
        carnet = json.loads(chemin.read_text(encoding="utf-8"))
        return "\n\n".join("".join(c["source"]) for c in carnet["cells"] if c["cell_type"] == "markdown")
    return chemin.read_text(encoding="utf-8")


def _ancre(titre: str) -> str:
    """L'identifiant que JupyterLab donne à un titre : son texte affiché, espaces remplacés par « - »."""
    texte = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", titre)  # un lien affiche son texte
    texte = re.sub(r"[*_`]", "", texte)
    return texte.replace(" ", "-")


def _titres(texte: str) -> list[tuple[int, str]]:
    titres, dans_code = [], False
    for ligne in texte.splitlines():
        if ligne.lstrip().startswith("```"):
            dans_code = not dans_code
            continue
        m = None if dans_code else _TITRE.match(ligne)
        if m:
            titres.append((len(m.group(1)), m.group(2)))
    return titres


def _entrees(texte: str) -> dict[str, str]:
    """Terme (titre de niveau 3) → le texte de son entrée, jusqu'au titre suivant."""
    morceaux = re.split(r"^(#{1,3} .+)$", texte, flags=re.M)
    entrees = {}
    for titre, corps in zip(morceaux[1::2], morceaux[2::2]):
        if titre.startswith("### "):
            entrees[titre[4:].strip()] = corps
    return entrees


def _sans_accents(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", texte.lower()) if unicodedata.category(c) != "Mn")


def _pages() -> list[Path]:
    return sorted([*COURS.glob("*.ipynb"), *COURS.glob("*.md")])


def _liens_vers(nom: str) -> list[tuple[Path, str, str]]:
    """(page, cible complète, ancre) de chaque lien vers `nom` dans les leçons et les pages du cours."""
    liens = []
    for page in _pages():
        for cible in _LIEN.findall(_texte_markdown(page)):
            chemin, _, ancre = cible.partition("#")
            if chemin == nom or chemin.endswith("/" + nom) or (not chemin and page.name == nom and ancre):
                liens.append((page, cible, unquote(ancre)))
    return liens


def test_glossaire_et_bibliographie_existent():
    assert GLOSSAIRE.is_file(), "course/glossaire.md manque : les leçons y renvoient."
    assert BIBLIOGRAPHIE.is_file(), "course/bibliographie.md manque : les leçons y renvoient."


def test_chaque_lien_vers_le_glossaire_aboutit_a_un_terme():
    ancres = {_ancre(t) for _, t in _titres(_texte_markdown(GLOSSAIRE))}
    casses = [f"{p.name} : {c}" for p, c, a in _liens_vers("glossaire.md") if a and a not in ancres]
    assert not casses, (
        "Liens vers un terme absent du glossaire (l'ancre est le titre du terme, espaces remplacés "
        "par « - », casse et accents compris, par exemple glossaire.md#Équilibre-de-Nash) :\n"
        + "\n".join(casses))


def test_chaque_lien_vers_la_bibliographie_aboutit():
    ancres = {_ancre(t) for _, t in _titres(_texte_markdown(BIBLIOGRAPHIE))}
    casses = [f"{p.name} : {c}" for p, c, a in _liens_vers("bibliographie.md") if a and a not in ancres]
    assert not casses, "Liens vers une ancre absente de la bibliographie :\n" + "\n".join(casses)


def test_les_lecons_renvoient_au_glossaire():
    # Sans lien, le glossaire n'existe pas pour l'apprenant.
    lecons = {p.name for p, _, _ in _liens_vers("glossaire.md") if p.suffix == ".ipynb"}
    assert len(lecons) >= 5, f"Seules ces leçons renvoient au glossaire : {sorted(lecons)}"


def test_chaque_terme_a_son_anglais_et_son_module():
    entrees = _entrees(_texte_markdown(GLOSSAIRE))
    assert len(entrees) >= 60, f"Le glossaire ne compte que {len(entrees)} termes."
    lecons = {p.name for p in COURS.glob("*.ipynb")}
    fautes = []
    for terme, corps in entrees.items():
        anglais = re.search(r"^- \*\*Anglais\*\* : \*(.+)\*\s*$", corps, re.M)
        module = re.search(r"^- \*\*Module\*\* : (.+)$", corps, re.M)
        if not anglais:
            fautes.append(f"{terme} : pas de ligne « - **Anglais** : *terme anglais* »")
        if not module:
            fautes.append(f"{terme} : pas de ligne « - **Module** : [NN — titre](NN-slug.ipynb) »")
            continue
        cibles = re.findall(r"\]\(([^)#]+)", module.group(1))
        if not cibles:
            fautes.append(f"{terme} : le module n'est pas un lien vers sa leçon")
        fautes += [f"{terme} : la leçon {c} n'existe pas" for c in cibles if c not in lecons]
        definition = _LIEN.sub("]", re.sub(r"^- .*$", "", corps, flags=re.M)).strip()
        if len(definition.split()) < 8:
            fautes.append(f"{terme} : définition absente ou trop courte")
    assert not fautes, "Entrées du glossaire incomplètes :\n" + "\n".join(fautes)


def test_le_glossaire_est_dans_l_ordre_alphabetique():
    termes = list(_entrees(_texte_markdown(GLOSSAIRE)))
    cles = [_sans_accents(t) for t in termes]
    desordre = [f"« {b} » après « {a} »" for a, b, ka, kb in zip(termes, termes[1:], cles, cles[1:]) if kb < ka]
    assert not desordre, "Termes hors de l'ordre alphabétique :\n" + "\n".join(desordre)
    assert len(set(cles)) == len(cles), "Un terme apparaît deux fois dans le glossaire."


def test_un_lien_casse_est_bien_detecte(tmp_path):
    # Garde-fou du test lui-même : une ancre fausse ne doit pas passer inaperçue.
    ancres = {_ancre(t) for _, t in _titres("## A\n\n### Équilibre de Nash\n\n### Churn\n")}
    assert "Équilibre-de-Nash" in ancres and "Churn" in ancres
    assert "equilibre-de-nash" not in ancres
    page = "Voir [l'équilibre](glossaire.md#%C3%89quilibre-de-Nash) et [x](glossaire.md#Nash)."
    trouves = [unquote(c.partition("#")[2]) for c in _LIEN.findall(page)]
    assert trouves == ["Équilibre-de-Nash", "Nash"]


@pytest.mark.parametrize("texte, attendu", [
    ("Valeur à vie", "Valeur-à-vie"),
    ("*BG/NBD*", "BG/NBD"),
])
def test_ancre_comme_jupyterlab(texte, attendu):
    assert _ancre(texte) == attendu
