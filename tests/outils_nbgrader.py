"""Une cour d'école nbgrader jetable : générer, soumettre, corriger, lire les notes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import RACINE


def nbgrader(racine: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", *arguments, f"--CourseDirectory.root={racine}"],
        cwd=racine, capture_output=True, text=True, timeout=900,
    )


def cours_temporaire(dossier: Path, devoir: str) -> Path:
    """Un dossier de cours avec la configuration du dépôt et le devoir généré dans son gradebook."""
    shutil.copy(RACINE / "nbgrader_config.py", dossier)
    shutil.copytree(RACINE / "solutions" / devoir, dossier / "solutions" / devoir)
    resultat = nbgrader(dossier, "generate_assignment", devoir, "--force")
    assert resultat.returncode == 0, f"generate_assignment a échoué :\n{resultat.stdout}\n{resultat.stderr}"
    return dossier


def soumettre(racine: Path, eleve: str, devoir: str, source: Path) -> None:
    cible = racine / "submitted" / eleve / devoir
    cible.mkdir(parents=True, exist_ok=True)
    for carnet in source.glob("*.ipynb"):
        shutil.copy(carnet, cible / carnet.name)


def notes_par_cellule(racine: Path, devoir: str, eleve: str) -> dict[str, dict]:
    """{grade_id: {score, max_score, manuel}} pour la soumission d'un élève."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{racine / 'gradebook.db'}") as gb:
        soumission = gb.find_submission(devoir, eleve)
        resultat = {}
        for carnet in soumission.notebooks:
            for note in carnet.grades:
                resultat[note.name] = {
                    "score": note.score,
                    "max_score": note.max_score,
                    "manuel": note.cell_type == "markdown" or note.needs_manual_grade,
                }
        return resultat
