"""La chaîne nbgrader de bout en bout : une solution vaut la note pleine, un exercice vierge 0."""

from __future__ import annotations

import pytest

from conftest import RACINE, devoirs
from outils_nbgrader import cours_temporaire, nbgrader, notes_par_cellule, soumettre

pytestmark = pytest.mark.carnets


@pytest.mark.parametrize("devoir", devoirs())
def test_solution_pleine_et_vierge_a_zero(devoir, tmp_path):
    racine = cours_temporaire(tmp_path, devoir)
    soumettre(racine, "solution", devoir, RACINE / "solutions" / devoir)
    soumettre(racine, "vierge", devoir, RACINE / "exercises" / devoir)
    resultat = nbgrader(racine, "autograde", devoir, "--force")
    journal = resultat.stdout + resultat.stderr
    assert resultat.returncode == 0, f"autograde a échoué sur {devoir} :\n{journal[-4000:]}"
    assert "Traceback" not in journal, f"autograde a levé une exception sur {devoir} :\n{journal[-4000:]}"

    solution = notes_par_cellule(racine, devoir, "solution")
    auto = {gid: n for gid, n in solution.items() if not n["manuel"]}
    assert auto, f"{devoir} n'a aucune question notée automatiquement"
    ratees = {gid: (n["score"], n["max_score"]) for gid, n in auto.items() if n["score"] != n["max_score"]}
    assert not ratees, f"{devoir} : la solution perd des points (cellule: (score, max)) : {ratees}"

    vierge = notes_par_cellule(racine, devoir, "vierge")
    gagnes = {gid: n["score"] for gid, n in vierge.items() if n["score"]}
    assert not gagnes, f"{devoir} : l'exercice vierge gagne des points (cellule: score) : {gagnes}"
