"""``strategie corriger`` (isolé, canaris compris) donne tous les points aux solutions et 0 aux copies vierges.

Un cours par devoir, deux soumissions : la version distribuée remplie des réponses de la solution, et
la version distribuée telle quelle. C'est aussi la garde contre les faux positifs de la détection
d'un noyau truqué (widgets, figures, erreurs voulues des leçons) : aucune solution n'est signalée.
"""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from conftest import RACINE, devoirs

sys.path.insert(0, str(RACINE / "tests" / "correction"))
from test_correction import carnet, cours_jetable, lire, zipper  # noqa: E402

pytestmark = pytest.mark.carnets


def _reponses(devoir: str) -> list[str]:
    return [c["metadata"]["nbgrader"]["grade_id"]
            for c in lire(RACINE / "solutions" / devoir / f"{devoir}.ipynb")["cells"]
            if c["metadata"].get("nbgrader", {}).get("solution")]


def _maximum_automatique(devoir: str) -> float:
    return sum(float(c["metadata"]["nbgrader"].get("points", 0))
               for c in lire(RACINE / "solutions" / devoir / f"{devoir}.ipynb")["cells"]
               if c["metadata"].get("nbgrader", {}).get("grade") and c["cell_type"] == "code")


@pytest.mark.parametrize("devoir", devoirs())
def test_solution_pleine_note_vierge_zero(devoir, tmp_path):
    """La solution a tous les points automatiques (statut ok), la copie vierge 0, sous isolation."""
    cours = cours_jetable(tmp_path / "cours", devoir)
    depots = tmp_path / "depots"
    depots.mkdir()
    nom = f"{devoir}.ipynb"
    zipper(depots / "solution.zip", {nom: carnet(_reponses(devoir), devoir=devoir)})
    zipper(depots / "vierge.zip", {nom: lire(RACINE / "exercises" / devoir / nom)})
    resultat = subprocess.run(
        [sys.executable, "-m", "strategie_correction", devoir, str(depots), "--sans-retours", "--silencieux"],
        cwd=cours, capture_output=True, text=True, timeout=900,
    )
    assert resultat.returncode == 0, resultat.stderr[-3000:]
    with open(cours / "notes" / devoir / "notes.csv", encoding="utf-8") as f:
        notes = {ligne["student_id"]: ligne for ligne in csv.DictReader(f)}
    solution, vierge = notes["solution"], notes["vierge"]
    assert solution["statut"] == "ok", f"{devoir} : la solution a le statut {solution['statut']} : {solution['message']}"
    assert float(solution["score"]) == _maximum_automatique(devoir), (devoir, solution)
    assert float(vierge["score"]) == 0, f"{devoir} : la copie vierge a {vierge['score']} points : {vierge['message']}"
    assert solution["isolation"] in ("bwrap", "landlock"), solution
