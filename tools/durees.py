"""Durée estimée du devoir de chaque module, et durée annoncée dans l'en-tête de sa leçon.

    python tools/durees.py              # tableau des durées estimées, question par question
    python tools/durees.py 12-canevas-strategique
    python tools/durees.py --verifier   # sort en erreur si un devoir sort de ses bornes ou si
                                        # l'en-tête de sa leçon annonce une autre durée

La règle et ses temps sont dans donnees/durees.toml (lecture à 200 mots par minute, un temps de
base par type de question, plus la taille de la réponse attendue). Le devoir distribué
(exercises/) donne ce que l'élève lit ; le corrigé (solutions/) donne le type de chaque question
et la taille de sa réponse. Seule la bibliothèque standard sert, comme tools/concepts.py.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

RACINE = Path(__file__).resolve().parent.parent
DONNEES = RACINE / "donnees" / "durees.toml"
_TITRE = re.compile(r"^## Question (\d+)\s*[—-]\s*(.+?)\s*$")
_MOT = re.compile(r"\w+")
# Une ligne de code qui ne porte que des parenthèses, crochets, accolades ou virgules ne compte pas.
_LIGNE_VIDE = re.compile(r"[\s()\[\]{},]*")
# « 1 h 20 pour les exercices », « 30 min pour le devoir », « l'heure d'exercices » (module 16).
_ANNONCE = re.compile(
    r"(?P<duree>\d+\s*h(?:\s*\d+)?|\d+\s*min(?:utes)?)\s+pour\s+(?:les\s+exercices|le\s+devoir)"
    r"|(?P<heure>l['’]heure\s+d['’]exercices)")


def _texte(cellule: dict) -> str:
    source = cellule.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def _nbgrader(cellule: dict) -> dict:
    return cellule.get("metadata", {}).get("nbgrader", {})


def _est_test(cellule: dict) -> bool:
    meta = _nbgrader(cellule)
    return bool(meta.get("grade")) and not meta.get("solution") and cellule["cell_type"] == "code"


def _solution(texte: str) -> str:
    """Le texte entre ### BEGIN SOLUTION et ### END SOLUTION (toute la cellule s'il n'y en a pas)."""
    morceaux = [m.split("### END SOLUTION")[0] for m in texte.split("### BEGIN SOLUTION")[1:]]
    return "\n".join(morceaux) if morceaux else texte


def parametres() -> dict:
    return tomllib.loads(DONNEES.read_text(encoding="utf-8"))


@dataclass
class Question:
    numero: str
    titre: str
    type: str = "calcul"
    lignes: int = 0          # lignes du corrigé (réponse en code)
    mots_reponse: int = 0    # mots du corrigé (réponse rédigée)
    mots_lus: int = 0        # mots de l'énoncé de la question que l'élève lit
    minutes: float = 0.0


@dataclass
class Estimation:
    devoir: str
    mots_lus: int
    lecture_min: float
    installation_min: float
    questions: list[Question] = field(default_factory=list)

    @property
    def total_min(self) -> float:
        return self.lecture_min + self.installation_min + sum(q.minutes for q in self.questions)


def _carnet(dossier: str, devoir: str) -> dict:
    return json.loads((RACINE / dossier / devoir / f"{devoir}.ipynb").read_text(encoding="utf-8"))


def _par_question(carnet: dict):
    """(numéro de question ou None pour l'introduction, titre, cellule), dans l'ordre du carnet."""
    numero, titre = None, ""
    for cellule in carnet["cells"]:
        premiere = _texte(cellule).splitlines()[0] if _texte(cellule) else ""
        m = _TITRE.match(premiere) if cellule["cell_type"] == "markdown" else None
        if m:
            numero, titre = m.group(1), m.group(2)
        yield numero, titre, cellule


def type_de_question(cellules: list[dict]) -> str:
    """redaction, classement, fonction ou calcul (voir donnees/durees.toml)."""
    reponses = [c for c in cellules if _nbgrader(c).get("solution")]
    if any(c["cell_type"] == "markdown" for c in reponses):
        return "redaction"
    if any(_est_test(c) and "classement(" in _texte(c) for c in cellules):
        return "classement"
    if any(re.search(r"^\s*def ", _texte(c), re.M) for c in reponses):
        return "fonction"
    return "calcul"


def estimer(devoir: str, params: dict | None = None) -> Estimation:
    """L'estimation du devoir ``devoir`` (« 12-canevas-strategique »)."""
    params = params or parametres()
    questions: dict[str, Question] = {}
    cellules: dict[str, list[dict]] = {}
    for numero, titre, cellule in _par_question(_carnet("solutions", devoir)):
        if numero is None:
            continue
        question = questions.setdefault(numero, Question(numero, titre))
        cellules.setdefault(numero, []).append(cellule)
        if not _nbgrader(cellule).get("solution"):
            continue
        corrige = _solution(_texte(cellule))
        if cellule["cell_type"] == "markdown":
            question.mots_reponse += len(_MOT.findall(corrige))
        else:
            question.lignes += sum(1 for ligne in corrige.splitlines() if not _LIGNE_VIDE.fullmatch(ligne))
    mots_lus = 0
    for numero, _, cellule in _par_question(_carnet("exercises", devoir)):
        texte = _texte(cellule)
        if _est_test(cellule) or "BEGIN MARK SCHEME" in texte:
            continue  # l'élève ne lit pas les tests ; la grille est vide dans le carnet distribué
        mots = len(_MOT.findall(texte))
        mots_lus += mots
        if numero in questions:
            questions[numero].mots_lus += mots
    for numero, question in questions.items():
        question.type = type_de_question(cellules[numero])
        regle = params["types"][question.type]
        if question.type == "redaction":
            question.minutes = regle["base_min"] + question.mots_reponse / regle["mots_par_minute"]
        else:
            question.minutes = regle["base_min"] + question.lignes * regle["par_ligne_min"]
    return Estimation(devoir, mots_lus, mots_lus / params["mots_par_minute"], params["installation_min"],
                      list(questions.values()))


def bornes(devoir: str, params: dict | None = None) -> tuple[float, float]:
    params = params or parametres()
    propre = params.get("modules", {}).get(devoir, {})
    return propre.get("min", params["bornes"]["min"]), propre.get("max", params["bornes"]["max"])


def en_minutes(texte: str) -> int:
    """« 1 h 20 » → 80, « 30 min » → 30, « 2 h » → 120 (espaces insécables compris)."""
    m = re.fullmatch(r"(\d+)\s*h(?:\s*(\d+))?", texte.strip())
    if m:
        return int(m.group(1)) * 60 + int(m.group(2) or 0)
    return int(re.match(r"\d+", texte.strip()).group(0))


def duree_annoncee(devoir: str) -> tuple[int, Path] | None:
    """La durée des exercices annoncée dans l'en-tête (première cellule) d'une leçon du module."""
    for lecon in sorted((RACINE / "course").glob(f"{devoir}*.ipynb")):
        entete = _texte(json.loads(lecon.read_text(encoding="utf-8"))["cells"][0])
        m = _ANNONCE.search(entete)
        if m:
            return (60 if m.group("heure") else en_minutes(m.group("duree"))), lecon
    return None


def devoirs() -> list[str]:
    return sorted(p.name for p in (RACINE / "solutions").iterdir() if p.is_dir())


def duree_lisible(minutes: float) -> str:
    """52 → « 52 min », 80 → « 1 h 20 », 60 → « 1 h » (espaces insécables)."""
    minutes = round(minutes)
    if minutes < 60:
        return f"{minutes}\u00a0min"
    heures, reste = divmod(minutes, 60)
    return f"{heures}\u00a0h" + (f"\u00a0{reste:02d}" if reste else "")


def problemes(devoir: str, params: dict | None = None) -> list[str]:
    """Ce qui ne va pas pour ce devoir (liste vide : bornes et annonce respectées)."""
    params = params or parametres()
    estimation = estimer(devoir, params)
    bas, haut = bornes(devoir, params)
    erreurs = []
    if not bas <= estimation.total_min <= haut:
        erreurs.append(f"{devoir} : {duree_lisible(estimation.total_min)} estimées, hors des bornes "
                       f"{duree_lisible(bas)} – {duree_lisible(haut)}")
    annonce = duree_annoncee(devoir)
    tolerance = params["annonce"]["tolerance_annonce_min"]
    if annonce is None:
        erreurs.append(f"{devoir} : aucune leçon n'annonce la durée des exercices (« … pour les exercices »)")
    elif abs(annonce[0] - estimation.total_min) > tolerance:
        erreurs.append(f"{devoir} : {annonce[1].name} annonce {duree_lisible(annonce[0])} pour les exercices, "
                       f"l'estimation est {duree_lisible(estimation.total_min)} (écart permis : {tolerance} min)")
    return erreurs


def tableau(liste: list[str], detail: bool) -> str:
    params = parametres()
    lignes = ["| Devoir | Lecture | Questions | Estimé | Annoncé |", "|---|---|---|---|---|"]
    for devoir in liste:
        e = estimer(devoir, params)
        annonce = duree_annoncee(devoir)
        detail_q = " · ".join(f"Q{q.numero} {q.type} {round(q.minutes)}" for q in e.questions)
        lignes.append(f"| {devoir} | {round(e.lecture_min)} min ({e.mots_lus} mots) | {detail_q} | "
                      f"{duree_lisible(e.total_min)} | {duree_lisible(annonce[0]) if annonce else '—'} |")
        if detail:
            for q in e.questions:
                taille = f"{q.mots_reponse} mots rédigés" if q.type == "redaction" else f"{q.lignes} lignes"
                lignes.append(f"|  | Q{q.numero} {q.titre} | {q.type}, {taille} | {q.minutes:.1f} min | |")
    return "\n".join(lignes)


def main(arguments: list[str]) -> int:
    analyse = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyse.add_argument("devoirs", nargs="*", help="NN-slug (tous par défaut)")
    analyse.add_argument("--verifier", action="store_true", help="sortir en erreur si une durée ne va pas")
    args = analyse.parse_args(arguments)
    liste = args.devoirs or devoirs()
    print(tableau(liste, detail=bool(args.devoirs)))
    if args.verifier:
        erreurs = [e for d in liste for e in problemes(d)]
        for erreur in erreurs:
            print(erreur, file=sys.stderr)
        return 1 if erreurs else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
