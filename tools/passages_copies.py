"""Trouver les passages du cours recopiés des articles sources.

Le cours reprend les faits des articles, pas leurs phrases : toute suite de 12 mots identique à un
article est un passage recopié, sauf une courte citation entre guillemets « … » (attribuée).

* ``python tools/passages_copies.py`` liste les passages recopiés (fichier, extrait) et sort en
  erreur s'il y en a.
* ``python tools/passages_copies.py empreintes DOSSIER_DES_SOURCES`` réécrit
  ``tests/donnees/empreintes_sources.txt`` : les empreintes (hachées) de toutes les suites de 12
  mots des articles. Le dépôt ne contient ainsi aucun texte des sources, et le test tourne partout.

Les mots sont comparés sans casse, sans accents ni ponctuation, apostrophes comprises : « l'offre »
et « L’offre » sont les mêmes mots.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
EMPREINTES = RACINE / "tests" / "donnees" / "empreintes_sources.txt"
LONGUEUR = 12
# Ce que lit un apprenant ou un formateur : leçons, exercices, bibliothèque, documentation.
CHAMP = ("course", "solutions", "exercises", "lib", "docs", "README.md")
SUFFIXES = (".ipynb", ".py", ".md", ".json", ".toml", ".csv", ".txt")
_CITATION = re.compile(r"«[^«»]{0,400}»")
_MOT = re.compile(r"[a-z0-9]+")


def mots(texte: str) -> list[str]:
    """Les mots d'un texte, sans casse ni accents ; l'apostrophe sépare (« l'offre » → l, offre)."""
    plie = unicodedata.normalize("NFKD", texte.lower())
    plie = "".join(c for c in plie if not unicodedata.combining(c))
    return _MOT.findall(plie)


def empreinte(suite: list[str]) -> str:
    return hashlib.blake2b(" ".join(suite).encode(), digest_size=8).hexdigest()


def empreintes_de(texte: str) -> set[str]:
    m = mots(texte)
    return {empreinte(m[i:i + LONGUEUR]) for i in range(len(m) - LONGUEUR + 1)}


def texte_lisible(chemin: Path) -> str:
    """Le texte d'un fichier ; pour un carnet, ses cellules (sans les sorties), une par paragraphe."""
    brut = chemin.read_text(encoding="utf-8", errors="replace")
    if chemin.suffix != ".ipynb":
        return brut
    try:
        carnet = json.loads(brut)
    except json.JSONDecodeError:
        return brut
    return "\n\n".join("".join(c.get("source", "")) for c in carnet.get("cells", []))


def passages(texte: str, connues: set[str]) -> list[str]:
    """Les passages du texte dont une suite de 12 mots est dans ``connues`` (hors citations « … »)."""
    sans_citations = _CITATION.sub(" ¤ ", texte)
    trouves = []
    for paragraphe in re.split(r"\n\s*\n|\"\s*,\s*\"|\\n\\n", sans_citations):
        for morceau in paragraphe.split("¤"):
            m = mots(morceau)
            touches = [i for i in range(len(m) - LONGUEUR + 1) if empreinte(m[i:i + LONGUEUR]) in connues]
            if not touches:
                continue
            # Group overlapping hits into one passage per run.
            debut = fin = touches[0]
            for i in touches[1:] + [None]:
                if i is not None and i <= fin + LONGUEUR:
                    fin = i
                    continue
                trouves.append(" ".join(m[debut:fin + LONGUEUR]))
                if i is not None:
                    debut = fin = i
    return trouves


def fichiers(racine: Path = RACINE):
    for nom in CHAMP:
        chemin = racine / nom
        candidats = [chemin] if chemin.is_file() else sorted(chemin.rglob("*"))
        for f in candidats:
            if f.is_file() and f.suffix in SUFFIXES and ".ipynb_checkpoints" not in f.parts and "__pycache__" not in f.parts:
                yield f


def charger_empreintes(chemin: Path = EMPREINTES) -> set[str]:
    return {ligne.strip() for ligne in chemin.read_text().splitlines() if ligne.strip() and not ligne.startswith("#")}


def rapport(racine: Path = RACINE, connues: set[str] | None = None) -> dict[str, list[str]]:
    """{fichier relatif: [passages recopiés]} pour tout le champ du cours."""
    connues = charger_empreintes() if connues is None else connues
    resultat = {}
    for f in fichiers(racine):
        trouves = passages(texte_lisible(f), connues)
        if trouves:
            resultat[str(f.relative_to(racine))] = trouves
    return resultat


def ecrire_empreintes(dossier: Path) -> int:
    toutes: set[str] = set()
    for source in sorted(Path(dossier).glob("[0-9][0-9][0-9]_*.txt")):
        toutes |= empreintes_de(source.read_text(encoding="utf-8"))
    EMPREINTES.parent.mkdir(parents=True, exist_ok=True)
    EMPREINTES.write_text(
        f"# Empreintes (blake2b, 8 octets) des suites de {LONGUEUR} mots des articles sources ;"
        " régénérer : python tools/passages_copies.py empreintes DOSSIER\n" + "\n".join(sorted(toutes)) + "\n")
    return len(toutes)


def main(arguments: list[str]) -> int:
    if arguments[:1] == ["empreintes"] and len(arguments) == 2:
        print(f"{ecrire_empreintes(Path(arguments[1]))} empreintes écrites dans {EMPREINTES.relative_to(RACINE)}.")
        return 0
    resultat = rapport()
    for fichier, trouves in resultat.items():
        for passage in trouves:
            print(f"{fichier} : « {passage} »")
    total = sum(map(len, resultat.values()))
    print(f"{total} passage(s) recopié(s) des sources ({LONGUEUR} mots ou plus)." if total else
          "Aucun passage recopié des sources.")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
