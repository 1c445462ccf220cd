"""Écrire et normaliser les carnets du cours.

Deux usages :

* ``python tools/carnets.py normaliser [FICHIERS…]`` enlève les sorties et les
  compteurs d'exécution, fixe les métadonnées et donne à chaque cellule un
  identifiant stable (sans argument : tous les carnets de course/, solutions/
  et exercises/). ``--verifier`` ne modifie rien et sort en erreur si un
  carnet n'est pas normalisé.
* ``Carnet`` construit un carnet depuis Python (cellules de cours, réponses
  nbgrader, tests visibles et cachés, réponses libres notées à la main) ; les
  identifiants de cellule sont déterministes.

Only the standard library is used, so that the tool runs before the
environment is installed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
DOSSIERS = ("course", "solutions", "exercises")

# language_info holds the name only: the learner's exact Python version is unknown here, and
# strategie.serveur fills in the kernel's own at opening time (otherwise the lesson opens « modified »).
METADONNEES_CARNET = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
_ID_VALIDE = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
# Cell metadata keys worth keeping; the rest (collapsed, scrolled, execution…) is editor noise.
_CLES_CELLULE = ("nbgrader", "tags", "deletable", "editable")


def _source(texte: str | list[str]) -> str:
    return texte if isinstance(texte, str) else "".join(texte)


def normaliser(carnet: dict, prefixe: str = "cellule") -> dict:
    """Renvoie une copie normalisée d'un carnet (dict nbformat 4)."""
    cellules = []
    vus: set[str] = set()
    for numero, cellule in enumerate(carnet.get("cells", []), start=1):
        type_ = cellule["cell_type"]
        meta = {k: cellule.get("metadata", {})[k] for k in _CLES_CELLULE if k in cellule.get("metadata", {})}
        ident = cellule.get("id") or ""
        grade_id = meta.get("nbgrader", {}).get("grade_id")
        if grade_id and _ID_VALIDE.match(grade_id):
            ident = grade_id
        if not _ID_VALIDE.match(ident) or ident in vus:
            ident = f"{prefixe}-{numero:02d}"
        vus.add(ident)
        nouvelle = {"cell_type": type_, "id": ident, "metadata": meta, "source": _source(cellule.get("source", ""))}
        if type_ == "code":
            nouvelle["execution_count"] = None
            nouvelle["outputs"] = []
        cellules.append(nouvelle)
    return {
        "cells": cellules,
        "metadata": {**METADONNEES_CARNET, **({"title": carnet["metadata"]["title"]} if "title" in carnet.get("metadata", {}) else {})},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def ecrire(carnet: dict, chemin: Path) -> None:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(json.dumps(carnet, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def tous_les_carnets() -> list[Path]:
    return sorted(
        p for d in DOSSIERS for p in (RACINE / d).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )


class Carnet:
    """Construit un carnet cellule par cellule.

    >>> nb = Carnet()
    >>> nb.md("# Titre")
    >>> nb.code("import strategie")
    >>> nb.reponse("q1-code", "x = 1  # BEGIN SOLUTION …")
    >>> nb.tests("q1-tests", 2, '\"\"\"Vérifie x.\"\"\"\\nassert x == 1, "x doit valoir 1"')
    >>> nb.enregistrer("solutions/00-demarrer/00-demarrer.ipynb")
    """

    def __init__(self) -> None:
        self.cellules: list[dict] = []

    def _ajouter(self, type_: str, source: str, nbgrader: dict | None = None) -> None:
        meta = {}
        if nbgrader is not None:
            meta["nbgrader"] = {
                "grade": False, "locked": False, "solution": False, "task": False, "schema_version": 3, **nbgrader
            }
        self.cellules.append({"cell_type": type_, "metadata": meta, "source": source.strip("\n")})

    def md(self, texte: str) -> None:
        """Cellule de texte ordinaire."""
        self._ajouter("markdown", texte)

    def code(self, source: str) -> None:
        """Cellule de code ordinaire (cours, ou code fourni dans un exercice)."""
        self._ajouter("code", source)

    def consigne(self, grade_id: str, texte: str) -> None:
        """Texte verrouillé d'un exercice (l'énoncé ne peut pas être effacé)."""
        self._ajouter("markdown", texte, {"grade_id": grade_id, "locked": True})

    def reponse(self, grade_id: str, source: str) -> None:
        """Cellule de code à compléter : la solution entre ### BEGIN/END SOLUTION."""
        self._ajouter("code", source, {"grade_id": grade_id, "solution": True})

    def tests(self, grade_id: str, points: float, source: str) -> None:
        """Cellule de tests notée automatiquement (tests cachés entre ### BEGIN/END HIDDEN TESTS)."""
        self._ajouter("code", source, {"grade_id": grade_id, "grade": True, "locked": True, "points": points})

    def reponse_libre(self, grade_id: str, points: float, texte: str) -> None:
        """Réponse rédigée, notée à la main dans le formgrader."""
        self._ajouter("markdown", texte, {"grade_id": grade_id, "grade": True, "solution": True, "points": points})

    def enregistrer(self, chemin: str | Path, titre: str | None = None) -> Path:
        chemin = Path(chemin)
        if not chemin.is_absolute():
            chemin = RACINE / chemin
        carnet = {"cells": self.cellules, "metadata": {"title": titre} if titre else {}}
        ecrire(normaliser(carnet), chemin)
        return chemin


def _principal(arguments: list[str]) -> int:
    if not arguments or arguments[0] != "normaliser":
        print(__doc__)
        return 2
    verifier = "--verifier" in arguments
    fichiers = [Path(a) for a in arguments[1:] if a != "--verifier"] or tous_les_carnets()
    a_revoir = []
    for chemin in fichiers:
        brut = chemin.read_text(encoding="utf-8")
        propre = json.dumps(normaliser(json.loads(brut)), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        if propre != brut:
            a_revoir.append(chemin)
            if not verifier:
                chemin.write_text(propre, encoding="utf-8")
    for chemin in a_revoir:
        print(("à normaliser : " if verifier else "normalisé : ") + str(chemin))
    return 1 if (verifier and a_revoir) else 0


if __name__ == "__main__":
    sys.exit(_principal(sys.argv[1:]))
