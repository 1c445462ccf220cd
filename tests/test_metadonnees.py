"""Les carnets sont commités propres et leurs métadonnées nbgrader sont cohérentes."""

from __future__ import annotations

import ast
import json
import re
import sys

import pytest

from conftest import RACINE, carnets, lire

sys.path.insert(0, str(RACINE / "tools"))
from carnets import normaliser  # noqa: E402

TOUS = carnets("course") + carnets("solutions") + carnets("exercises")
SOURCES = carnets("solutions")


def _nom(chemin):
    return str(chemin.relative_to(RACINE))


@pytest.mark.parametrize("chemin", TOUS, ids=_nom)
def test_carnet_normalise_sans_sorties(chemin):
    brut = chemin.read_text(encoding="utf-8")
    carnet = json.loads(brut)
    avec_sorties = [c["id"] for c in carnet["cells"] if c.get("outputs") or c.get("execution_count")]
    assert not avec_sorties, f"cellules commitées avec des sorties : {avec_sorties} (python tools/carnets.py normaliser)"
    propre = json.dumps(normaliser(carnet), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert brut == propre, "carnet non normalisé : lancez python tools/carnets.py normaliser"


@pytest.mark.parametrize("chemin", TOUS, ids=_nom)
def test_code_valide_en_python(chemin):
    for cellule in lire(chemin)["cells"]:
        if cellule["cell_type"] == "code" and not cellule["source"].lstrip().startswith(("%", "!")):
            try:
                ast.parse(cellule["source"])
            except SyntaxError as exc:
                pytest.fail(f"cellule {cellule['id']} : erreur de syntaxe ligne {exc.lineno} : {exc.msg}")


def _nbgrader(cellule):
    return cellule["metadata"].get("nbgrader", {})


@pytest.mark.parametrize("chemin", SOURCES, ids=_nom)
def test_metadonnees_nbgrader(chemin):
    cellules = lire(chemin)["cells"]
    ids = [_nbgrader(c)["grade_id"] for c in cellules if _nbgrader(c)]
    doublons = {i for i in ids if ids.count(i) > 1}
    assert not doublons, f"grade_id en double : {doublons}"
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids), f"grade_id illisibles : {ids}"
    total = 0.0
    for position, cellule in enumerate(cellules):
        meta = _nbgrader(cellule)
        if meta.get("grade"):
            assert meta.get("points", 0) > 0, f"{meta['grade_id']} est notée sans points"
            total += meta["points"]
        if cellule["cell_type"] == "code" and meta.get("grade"):
            source = cellule["source"]
            premiere = source.lstrip().splitlines()[0] if source.strip() else ""
            assert premiere.startswith('"""'), f"{meta['grade_id']} : la cellule de tests doit commencer par une docstring"
            visible = re.sub(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", "", source, flags=re.S)
            assert "assert" in visible, f"{meta['grade_id']} : aucun test visible pour l'apprenant"
            assert "### BEGIN HIDDEN TESTS" in source, f"{meta['grade_id']} : aucun test caché"
            asserts_sans_message = [
                n.lineno for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Assert) and n.msg is None
            ]
            assert not asserts_sans_message, (
                f"{meta['grade_id']} : assert sans message aux lignes {asserts_sans_message} (dites quoi corriger)"
            )
        if cellule["cell_type"] == "code" and meta.get("solution"):
            suivantes = [c for c in cellules[position + 1:] if _nbgrader(c).get("grade") and c["cell_type"] == "code"]
            assert suivantes, f"{meta['grade_id']} : réponse sans cellule de tests après elle"
    assert total > 0 and total % 10 == 0, f"total des points {total} : il doit être rond (10, 20…)"


@pytest.mark.parametrize("chemin", SOURCES, ids=_nom)
def test_exercices_sans_widget(chemin):
    for cellule in lire(chemin)["cells"]:
        if cellule["cell_type"] == "code":
            assert "widgets" not in cellule["source"] and "interact" not in cellule["source"], (
                f"cellule {cellule['id']} : pas de widget dans un carnet d'exercices (il bloquerait la correction)"
            )
