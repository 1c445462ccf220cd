"""Outils partagés des tests : chemins du dépôt, liste des carnets et des devoirs."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
ARTEFACTS = RACINE / "tests" / "artefacts"

# nbgrader runs helper commands (alembic, jupyter) found on PATH: use this environment's.
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")


def devoirs() -> list[str]:
    return sorted(p.name for p in (RACINE / "solutions").iterdir() if p.is_dir() and not p.name.startswith("."))


def lecons() -> list[Path]:
    return sorted((RACINE / "course").glob("*.ipynb"))


def carnets(dossier: str) -> list[Path]:
    return sorted(p for p in (RACINE / dossier).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def lire(chemin: Path) -> dict:
    return json.loads(chemin.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def racine() -> Path:
    return RACINE


# Property tests: the same examples on every run (a red CI must be reproducible),
# and no per-example deadline on a loaded 2-core machine.
try:
    from hypothesis import settings as _reglages

    _reglages.register_profile("cours", derandomize=True, deadline=None, print_blob=True)
    _reglages.load_profile("cours")
except ImportError:  # hypothesis is a test dependency; without it the property tests are not collected anyway
    pass
