"""exercises/ est exactement ce que `make exercises` produit, sans solution ni test caché."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import RACINE, carnets, devoirs, lire

pytestmark = pytest.mark.carnets

_BLOC_SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)
_BLOC_CACHE = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)


def test_exercises_identique_a_la_generation(tmp_path):
    resultat = subprocess.run(
        [sys.executable, str(RACINE / "tools" / "generer_exercices.py"), "--destination", str(tmp_path)],
        capture_output=True, text=True, timeout=600,
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    attendus = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    presents = {
        p.relative_to(RACINE / "exercises"): p.read_bytes()
        for p in (RACINE / "exercises").rglob("*")
        if p.is_file() and ".ipynb_checkpoints" not in p.parts
    }
    assert sorted(presents) == sorted(attendus), "exercises/ n'a pas les mêmes fichiers que la génération : lancez make exercises"
    differents = [str(p) for p in attendus if attendus[p] != presents[p]]
    assert not differents, f"exercises/ n'est pas à jour pour {differents} : lancez make exercises et commitez"


def _lignes_significatives(bloc: str) -> set[str]:
    # Lines too generic to be a leak on their own (a closing bracket, "pass", a bare return).
    return {ligne.strip() for ligne in bloc.splitlines() if len(ligne.strip()) > 12 and not ligne.strip().startswith("#")}


@pytest.mark.parametrize("devoir", devoirs())
def test_aucune_fuite(devoir):
    secrets: set[str] = set()
    publiques: set[str] = set()
    for source in (RACINE / "solutions" / devoir).glob("*.ipynb"):
        for cellule in lire(source)["cells"]:
            texte = cellule["source"]
            for motif in (_BLOC_SOLUTION, _BLOC_CACHE):
                for bloc in motif.findall(texte):
                    secrets |= _lignes_significatives(bloc)
                texte = motif.sub("", texte)
            publiques |= _lignes_significatives(texte)
    secrets -= publiques  # a line given to learners elsewhere (a skeleton) is no leak
    for publie in (RACINE / "exercises" / devoir).glob("*.ipynb"):
        texte = "\n".join(c["source"] for c in lire(publie)["cells"])
        for marqueur in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
            assert marqueur not in texte, f"{publie.name} contient « {marqueur} »"
        fuites = sorted(ligne for ligne in secrets if ligne in texte)
        assert not fuites, f"{publie.name} laisse voir des lignes de solution ou de test caché : {fuites[:5]}"


def test_chaque_solution_a_sa_version_distribuee():
    assert devoirs(), "aucun devoir dans solutions/"
    publies = sorted(p.name for p in (RACINE / "exercises").iterdir() if p.is_dir())
    assert publies == devoirs(), "solutions/ et exercises/ n'ont pas les mêmes devoirs : lancez make exercises"
    for devoir in devoirs():
        noms_sources = sorted(p.name for p in (RACINE / "solutions" / devoir).glob("*.ipynb"))
        noms_publies = sorted(p.name for p in (RACINE / "exercises" / devoir).glob("*.ipynb"))
        assert noms_sources == noms_publies, f"{devoir} : carnets différents entre solutions/ et exercises/"
