"""La table des concepts et des questions : quel objectif de leçon chaque question du devoir vérifie.

    python tools/concepts.py            # réécrit docs/concepts-questions.md
    python tools/concepts.py --verifier # sort en erreur si la table n'est plus à jour

La table se lit dans les leçons elles-mêmes : chaque objectif de la première cellule d'une leçon
nomme la question qui le vérifie (« → exercice, question 3 », « — *question 2 b* »). Les questions
viennent des titres « ## Question N — … » des devoirs (solutions/). Seule la bibliothèque standard
sert : l'outil tourne avant l'installation de l'environnement.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
TABLE = RACINE / "docs" / "concepts-questions.md"
_LIEN = re.compile(r"\[([^\]]+)\]\([^)]+\)")
_QUESTIONS = re.compile(r"questions?\s+(\d+(?:\s*[a-z]\b)?(?:\s*(?:,|et|à)\s*\d+(?:\s*[a-z]\b)?)*)", re.I)
_TITRE = re.compile(r"^## Question (\d+)\s*[—-]\s*(.+?)\s*(?:\((.+)\))?\s*$")


def _texte(cellule: dict) -> str:
    source = cellule.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def objectifs(lecon: Path) -> list[str]:
    """Les objectifs de la leçon (puces de la liste qui suit « Objectifs »), sur une ligne chacun."""
    premiere = _texte(json.loads(lecon.read_text(encoding="utf-8"))["cells"][0])
    debut = premiere.find("Objectifs")
    if debut < 0:
        return []
    puces: list[str] = []
    for ligne in premiere[debut:].splitlines()[1:]:
        if ligne.startswith("- "):
            puces.append(ligne[2:].strip())
        elif puces and ligne.startswith("  ") and ligne.strip():
            puces[-1] += " " + ligne.strip()
        elif puces and not ligne.strip():
            break
        elif puces:
            break
    return [_LIEN.sub(r"\1", p).replace("**", "").replace("*", "") for p in puces]


def questions_nommees(objectif: str) -> list[str]:
    """« … → exercice, questions 6 et 4 (notée…) » → ["6", "4"] ; « question 2 b » → ["2"]."""
    nommees: list[str] = []
    for groupe in _QUESTIONS.findall(objectif):
        for debut, fin in re.findall(r"(\d+)(?:\s*[a-z]\b)?(?:\s*à\s*(\d+))?", groupe):
            nommees += [str(n) for n in range(int(debut), int(fin or debut) + 1)]
    return list(dict.fromkeys(nommees))


def questions_du_devoir(devoir: Path) -> dict[str, str]:
    """{numéro: titre (points)} des questions du devoir."""
    trouvees = {}
    for carnet in sorted(devoir.glob("*.ipynb")):
        for cellule in json.loads(carnet.read_text(encoding="utf-8"))["cells"]:
            if cellule["cell_type"] != "markdown":
                continue
            m = _TITRE.match(_texte(cellule).splitlines()[0] if _texte(cellule) else "")
            if m:
                trouvees[m.group(1)] = m.group(2) + (f" ({m.group(3)})" if m.group(3) else "")
    return trouvees


def modules() -> list[tuple[str, list[Path], Path]]:
    """[(devoir, [ses leçons], dossier du devoir)] pour chaque devoir de solutions/."""
    resultat = []
    for devoir in sorted(p for p in (RACINE / "solutions").iterdir() if p.is_dir()):
        lecons = sorted((RACINE / "course").glob(f"{devoir.name}*.ipynb"))
        resultat.append((devoir.name, lecons, devoir))
    return resultat


def table() -> str:
    lignes = [
        "# Concepts et questions",
        "",
        "Quel objectif de chaque leçon vérifie quelle question de son devoir, lu dans les leçons (première",
        "cellule, « Objectifs ») et dans les titres des questions des devoirs. Écrit par `tools/concepts.py`",
        "(ne pas éditer à la main) ; `tests/test_concepts.py` vérifie qu'il est à jour et que chaque",
        "question d'un devoir vérifie au moins un objectif de sa leçon.",
        "",
    ]
    for devoir, lecons, dossier in modules():
        questions = questions_du_devoir(dossier)
        lignes += [f"## {devoir}", "", "| objectif de la leçon | question(s) |", "|---|---|"]
        couvertes = set()
        for lecon in lecons:
            for objectif in objectifs(lecon):
                nommees = [q for q in questions_nommees(objectif) if q in questions]
                couvertes |= set(nommees)
                concept = re.split(r"\s+(?:→|—)\s+", objectif)[0].rstrip(" ;.")
                cible = ", ".join(f"Q{q} {questions[q]}" for q in nommees) or "aucune (non notée)"
                lignes.append(f"| {concept.replace('|', '/')} | {cible.replace('|', '/')} |")
        orphelines = [q for q in questions if q not in couvertes]
        if orphelines:
            lignes.append(f"| *(aucun objectif ne la nomme)* | {', '.join(f'Q{q} {questions[q]}' for q in orphelines)} |")
        lignes.append("")
    return "\n".join(lignes)


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verifier", action="store_true")
    options = parser.parse_args(arguments)
    attendu = table()
    if options.verifier:
        if not TABLE.is_file() or TABLE.read_text(encoding="utf-8") != attendu:
            print("docs/concepts-questions.md n'est plus à jour : lancez python tools/concepts.py")
            return 1
        return 0
    TABLE.write_text(attendu, encoding="utf-8")
    print(f"Table écrite : {TABLE.relative_to(RACINE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
