"""Dans un noyau Jupyter, une erreur de saisie s'affiche en une phrase française, et reste une erreur."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.carnets


def _executer(*sources: str):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    NotebookClient(nb, kernel_name="python3", allow_errors=True, timeout=120).execute()
    return nb.cells


def test_erreur_de_saisie_courte_en_francais_mais_comptee_comme_erreur():
    cellules = _executer(
        "import strategie\nfrom strategie.canevas import Canevas",
        "Canevas().ajouter('segmnts', 'PME')",
        "1 / 0",
    )
    sorties = cellules[1].outputs
    assert [s.output_type for s in sorties] == ["error"], "la cellule doit rester en erreur (nbgrader, Exécuter tout)"
    assert sorties[0].ename == "SaisieInvalide"
    assert len(sorties[0].traceback) == 1 and "Vouliez-vous dire" in sorties[0].traceback[0]
    # Any other error keeps Python's full traceback: it is a bug to report, not a typo.
    assert len(cellules[2].outputs[0].traceback) > 1
