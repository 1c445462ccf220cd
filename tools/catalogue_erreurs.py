"""Le catalogue des idées fausses (docs/erreurs-typiques.md), écrit depuis tests/erreurs_typiques/*.toml.

    python tools/catalogue_erreurs.py            écrit docs/erreurs-typiques.md
    python tools/catalogue_erreurs.py --verifier sort en erreur si le fichier n'est pas à jour

Le module sert aussi à tests/test_erreurs_typiques.py : ``charger`` lit et contrôle un fichier
d'erreurs typiques, ``cellules_du_devoir`` lit le carnet de solution d'un devoir.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

RACINE = Path(__file__).resolve().parent.parent
DOSSIER = RACINE / "tests" / "erreurs_typiques"
CATALOGUE = RACINE / "docs" / "erreurs-typiques.md"

CHAMPS = {
    "question": "grade_id de la cellule de réponse que la réponse fausse remplace",
    "tests": "grade_id de la cellule de tests dont la partie visible doit échouer",
    "idee_fausse": "l'idée fausse, en une phrase (c'est elle que ce catalogue montre)",
    "reponse": "le code de la réponse fausse, tel qu'un apprenant l'écrit (remplace toute la cellule)",
    "message": "un morceau exact du message de l'AssertionError que le test visible doit lever",
    "lecon": "la section à relire : « course/NN-slug.ipynb, « titre exact de la section » »",
}
_LECON = re.compile(r"^(?P<fichier>course/[\w.-]+\.ipynb), « (?P<section>.+) »$")
_TITRE_QUESTION = re.compile(r"^#{1,6}\s*(Question\b.*?)\s*$", re.M)
_POINTS_DU_TITRE = re.compile(r"\s*\([^()]*\bpoints?\b[^()]*\)\s*$")


def _source(cellule: dict) -> str:
    source = cellule.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def _nbgrader(cellule: dict) -> dict:
    return cellule.get("metadata", {}).get("nbgrader", {}) or {}


def est_test(cellule: dict) -> bool:
    """Une cellule de tests notée automatiquement."""
    meta = _nbgrader(cellule)
    return cellule["cell_type"] == "code" and bool(meta.get("grade")) and not meta.get("solution")


def est_reponse(cellule: dict) -> bool:
    """Une cellule de code à compléter (solution), non notée elle-même."""
    meta = _nbgrader(cellule)
    return cellule["cell_type"] == "code" and bool(meta.get("solution")) and not meta.get("grade")


def cellules_du_devoir(devoir: str) -> list[dict]:
    chemin = RACINE / "solutions" / devoir / f"{devoir}.ipynb"
    return json.loads(chemin.read_text(encoding="utf-8"))["cells"]


def titres_de_section(lecon: Path) -> set[str]:
    """Les titres (#, ##, ###…) des cellules de texte d'une leçon, sans les dièses."""
    titres = set()
    for cellule in json.loads(lecon.read_text(encoding="utf-8"))["cells"]:
        if cellule["cell_type"] == "markdown":
            titres |= {m.strip() for m in re.findall(r"^#{1,6}\s+(.+?)\s*$", _source(cellule), re.M)}
    return titres


def decouper_lecon(lecon: str) -> tuple[str, str] | None:
    """(fichier, section) d'un champ ``lecon``, ou None s'il n'a pas la bonne forme."""
    trouve = _LECON.match(lecon)
    return (trouve["fichier"], trouve["section"]) if trouve else None


def charger(fichier: Path) -> list[dict]:
    """Les entrées ``[[erreur]]`` d'un fichier, contrôlées ; ValueError (en français) sinon."""
    try:
        donnees = tomllib.loads(fichier.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{fichier.name} n'est pas du TOML valide : {exc}") from exc
    inconnus = set(donnees) - {"erreur"}
    if inconnus:
        raise ValueError(f"{fichier.name} : clés inconnues au premier niveau : {sorted(inconnus)} (seul [[erreur]] est permis)")
    erreurs = donnees.get("erreur")
    if not isinstance(erreurs, list) or not erreurs:
        raise ValueError(f"{fichier.name} : aucune entrée [[erreur]]")
    for numero, erreur in enumerate(erreurs, start=1):
        manquants = [c for c in CHAMPS if not isinstance(erreur.get(c), str) or not erreur[c].strip()]
        if manquants:
            raise ValueError(f"{fichier.name}, erreur n° {numero} : champs absents ou vides : {manquants}")
        en_trop = set(erreur) - set(CHAMPS)
        if en_trop:
            raise ValueError(f"{fichier.name}, erreur n° {numero} : champs inconnus : {sorted(en_trop)}")
        if decouper_lecon(erreur["lecon"]) is None:
            raise ValueError(f"{fichier.name}, erreur n° {numero} : lecon doit s'écrire "
                             f"« course/NN-slug.ipynb, « Titre de la section » » (reçu : {erreur['lecon']!r})")
        erreur["numero"] = numero
    return erreurs


def fichiers() -> list[Path]:
    return sorted(DOSSIER.glob("*.toml"))


def _titre_question(cellules: list[dict], position: int, defaut: str) -> str:
    for cellule in reversed(cellules[:position]):
        if cellule["cell_type"] == "markdown":
            titres = _TITRE_QUESTION.findall(_source(cellule))
            if titres:
                return _POINTS_DU_TITRE.sub("", titres[-1])
    return defaut


def _titre_module(devoir: str) -> str:
    lecon = RACINE / "course" / f"{devoir}.ipynb"
    if lecon.is_file():
        for cellule in json.loads(lecon.read_text(encoding="utf-8"))["cells"]:
            trouve = re.search(r"^#\s+(.+?)\s*$", _source(cellule), re.M)
            if cellule["cell_type"] == "markdown" and trouve:
                return trouve[1]
    return devoir


def _code_en_cellule(code: str) -> str:
    # Leading spaces only become &nbsp;: the indentation of Python must survive the table.
    lignes = [("&nbsp;" * (len(l) - len(l.lstrip(" ")))) + html.escape(l.lstrip(" "), quote=False)
              for l in code.strip("\n").splitlines()]
    return "<code>" + "<br>".join(lignes).replace("|", "&#124;") + "</code>"


def _cellule_tableau(texte: str) -> str:
    return " ".join(texte.split()).replace("|", "\\|")


def _nombre(points: float) -> str:
    return str(int(points)) if float(points).is_integer() else str(points).replace(".", ",")


def generer() -> str:
    """Le texte de docs/erreurs-typiques.md."""
    lignes = [
        "# Erreurs typiques : le catalogue des idées fausses",
        "",
        "<!-- Écrit par python tools/catalogue_erreurs.py depuis tests/erreurs_typiques/*.toml : "
        "ne pas éditer à la main. -->",
        "",
        "Pour chaque question notée automatiquement, les réponses fausses qu'un apprenant écrit vraiment,",
        "l'idée fausse que chacune révèle et la section de la leçon à relire. Le test visible de la",
        "question échoue sur chacune avec un message qui nomme l'idée fausse : `tests/test_erreurs_typiques.py`",
        "le vérifie dans un noyau, et vérifie aussi que la solution passe ces tests visibles.",
        "",
        "## Le format des fichiers",
        "",
        "Un fichier par module, `tests/erreurs_typiques/NN-slug.toml` (le nom du devoir), fait",
        "d'entrées `[[erreur]]` ; au moins deux par cellule de tests notée automatiquement. Champs,",
        "tous obligatoires :",
        "",
        "| Champ | Contenu |",
        "|---|---|",
        *[f"| `{champ}` | {texte} |" for champ, texte in CHAMPS.items()],
        "",
        "Pour chaque entrée, le test exécute le carnet de solution (tests cachés retirés) dans un seul",
        "noyau ouvert dans `exercises/NN-slug/` ; arrivé à la cellule `tests`, il efface les variables",
        "que la réponse de la solution crée, exécute `reponse` à la place de la cellule `question` (et",
        "les cellules de code fournies entre les deux), puis la partie visible de `tests`, qui doit lever",
        "une `AssertionError` contenant `message` ; il remet ensuite la solution. Exemple :",
        "",
        "```toml",
        "[[erreur]]",
        'question = "q2-marge"',
        'tests = "q2-tests"',
        'idee_fausse = "Une fonction qui affiche son résultat avec print le renvoie aussi."',
        "reponse = '''",
        "def marge(prix, cout):",
        "    print(prix - cout)",
        "'''",
        'message = "ne renvoie rien (None)"',
        'lecon = "course/00-demarrer.ipynb, « 2. La bibliothèque du cours »"',
        "```",
        "",
        "Après une modification : `python tools/catalogue_erreurs.py`, puis commitez ce fichier.",
    ]
    couverts = set()
    for fichier in fichiers():
        devoir = fichier.stem
        couverts.add(devoir)
        erreurs = charger(fichier)
        try:
            cellules = cellules_du_devoir(devoir)
        except FileNotFoundError:
            cellules = []
        positions = {_nbgrader(c).get("grade_id"): i for i, c in enumerate(cellules)}
        lignes += ["", f"## {_titre_module(devoir)}", "", f"Fichier : `tests/erreurs_typiques/{fichier.name}`."]
        ordre = sorted({e["tests"] for e in erreurs}, key=lambda gid: positions.get(gid, len(positions)))
        for gid in ordre:
            position = positions.get(gid)
            titre = _titre_question(cellules, position, gid) if position is not None else gid
            points = _nbgrader(cellules[position]).get("points", 0) if position is not None else 0
            lignes += [
                "", f"### {titre} (`{gid}`, {_nombre(points)} point{'s' if points >= 2 else ''})", "",
                "| Idée fausse | Réponse typique | À relire |", "|---|---|---|",
            ]
            for erreur in (e for e in erreurs if e["tests"] == gid):
                fichier_lecon, section = decouper_lecon(erreur["lecon"])
                lignes.append(f"| {_cellule_tableau(erreur['idee_fausse'])} | {_code_en_cellule(erreur['reponse'])} "
                              f"| `{fichier_lecon}`, « {_cellule_tableau(section)} » |")
    restants = sorted(p.name for p in (RACINE / "solutions").iterdir() if p.is_dir() and p.name not in couverts
                      and not p.name.startswith("."))
    if restants:
        lignes += ["", "## Modules sans fichier d'erreurs typiques pour l'instant", "",
                   ", ".join(f"`{d}`" for d in restants) + "."]
    return "\n".join(lignes) + "\n"


def main(arguments: list[str]) -> int:
    texte = generer()
    if "--verifier" in arguments:
        actuel = CATALOGUE.read_text(encoding="utf-8") if CATALOGUE.exists() else ""
        if actuel != texte:
            print(f"{CATALOGUE.relative_to(RACINE)} n'est pas à jour : lancez python tools/catalogue_erreurs.py")
            return 1
        return 0
    CATALOGUE.write_text(texte, encoding="utf-8")
    print(f"Catalogue écrit : {CATALOGUE.relative_to(RACINE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
