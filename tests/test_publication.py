"""La copie « apprenants » (make publier, tools/publier.py) : ni solution ni test caché, et les deux
commandes de son README marchent, telles qu'elles y sont écrites.

La copie est écrite une fois (fixture de module) dans un dossier temporaire ; ses commandes tournent
dans ce dossier, sur une installation neuve (.venv de la copie, versions exactes de
binder/requirements.txt) : c'est le test le plus lent de ce fichier (une à quelques minutes selon le
réseau et la charge).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import RACINE

pytestmark = pytest.mark.carnets


def _publier(destination: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(RACINE / "tools" / "publier.py"), str(destination)],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def copie(tmp_path_factory) -> Path:
    destination = tmp_path_factory.mktemp("publication") / "cours-apprenants"
    resultat = _publier(destination)
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    return destination


def _assertions_cachees() -> set[str]:
    """Les assertions des tests cachés des devoirs source (lignes ``assert`` entre les marqueurs)."""
    lignes = set()
    for carnet in sorted((RACINE / "solutions").glob("*/*.ipynb")):
        for cellule in json.loads(carnet.read_text(encoding="utf-8"))["cells"]:
            source = cellule["source"] if isinstance(cellule["source"], str) else "".join(cellule["source"])
            for bloc in re.findall(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", source, re.S):
                lignes |= {l.strip() for l in bloc.splitlines() if l.strip().startswith("assert ")}
    return lignes


def _sources(carnet: Path) -> list[str]:
    return [c["source"] if isinstance(c["source"], str) else "".join(c["source"])
            for c in json.loads(carnet.read_text(encoding="utf-8"))["cells"]]


def test_la_copie_n_a_ni_solutions_ni_outil_de_correction_ni_tests(copie):
    """Ni solutions/, ni lib/correction, ni tests/, ni docs/ du formateur ; les leçons, les devoirs et la bibliothèque y sont."""
    for absent in ("solutions", "lib/correction", "tests", "docs", "tools/generer_exercices.py", "environment.yml"):
        assert not (copie / absent).exists(), f"{absent} ne doit pas être publié"
    assert sorted(p.name for p in (copie / "course").glob("*.ipynb")) == sorted(p.name for p in (RACINE / "course").glob("*.ipynb"))
    assert sorted(p.name for p in (copie / "exercises").iterdir()) == sorted(p.name for p in (RACINE / "exercises").iterdir())
    assert (copie / "lib" / "strategie" / "__init__.py").is_file()
    assert not list(copie.rglob("__pycache__"))


def test_aucun_carnet_de_la_copie_ne_contient_de_solution_ni_de_test_cache(copie):
    """Aucun carnet n'a de marqueur de solution ou de test caché ; aucun fichier texte ne contient une assertion cachée."""
    cachees = _assertions_cachees()
    assert len(cachees) > 100, "les tests cachés des devoirs n'ont pas été trouvés"
    # A visible test may check the same thing with the same line: only lines private to hidden tests count.
    for carnet in sorted((RACINE / "solutions").glob("*/*.ipynb")):
        for source in _sources(carnet):
            cachees -= {l.strip() for l in re.sub(r"### BEGIN HIDDEN TESTS\n.*?### END HIDDEN TESTS", "", source, flags=re.S).splitlines()}
    fichiers = [f for f in copie.rglob("*") if f.is_file()]
    for fichier in fichiers:
        try:
            texte = fichier.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if fichier.suffix == ".ipynb":
            for marqueur in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
                assert marqueur not in texte, f"{fichier.relative_to(copie)} contient {marqueur}"
            texte = "\n".join(_sources(fichier))
        fuites = cachees & {l.strip() for l in texte.splitlines()}
        assert not fuites, f"{fichier.relative_to(copie)} contient des assertions cachées : {sorted(fuites)[:3]}"


def test_les_devoirs_publies_sont_ceux_du_depot_et_la_lecon_00_ne_renvoie_plus_a_solutions(copie):
    """exercises/ est copié tel quel ; la leçon 00 ne promet plus un dossier solutions/ absent de la copie."""
    for carnet in (RACINE / "exercises").glob("*/*.ipynb"):
        assert (copie / carnet.relative_to(RACINE)).read_bytes() == carnet.read_bytes()
    lecon = "\n".join(_sources(copie / "course" / "00-demarrer.ipynb"))
    assert "solutions/" not in lecon and "Les corrigés ne sont pas dans cette copie" in lecon


def test_pyproject_de_la_copie_sans_outils_de_test(copie):
    """Le pyproject.toml publié garde la bibliothèque et l'extra cours, sans l'extra test ni la configuration de pytest."""
    import tomllib

    projet = tomllib.loads((copie / "pyproject.toml").read_text(encoding="utf-8"))
    assert set(projet["project"]["optional-dependencies"]) == {"cours"}
    assert "pytest" not in projet.get("tool", {})
    assert projet["project"]["name"] == "strategie"


def test_republier_garde_git_et_retire_ce_qui_a_disparu(copie, tmp_path):
    """Publier de nouveau : le dossier .git reste, un fichier périmé disparaît ; un dossier étranger non vide est refusé."""
    (copie / ".git").mkdir(exist_ok=True)
    (copie / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (copie / "perime.txt").write_text("ancien", encoding="utf-8")
    resultat = _publier(copie)
    assert resultat.returncode == 0, resultat.stderr
    assert (copie / ".git" / "HEAD").is_file() and not (copie / "perime.txt").exists()
    etranger = tmp_path / "mes-documents"
    etranger.mkdir()
    (etranger / "important.txt").write_text("à garder", encoding="utf-8")
    resultat = _publier(etranger)
    assert resultat.returncode == 1 and "rien n'a été effacé" in resultat.stderr
    assert (etranger / "important.txt").read_text(encoding="utf-8") == "à garder"
    assert _publier(RACINE / "public").returncode == 1, "une copie dans le dépôt du cours doit être refusée"


def _commandes_du_readme(copie: Path) -> list[str]:
    texte = (copie / "README.md").read_text(encoding="utf-8")
    section = texte.split("## Démarrer (deux commandes)", 1)[1]
    bloc = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [ligne.split("#", 1)[0].strip() for ligne in bloc.splitlines() if ligne.strip()]


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_les_deux_commandes_du_readme_marchent(copie):
    """make verifier DEVOIR=00-demarrer installe la copie et juge le devoir vierge (questions citées, en français) ;
    make lab ouvre JupyterLab sur la copie : la leçon 00 et le devoir 00 s'ouvrent par l'API du serveur."""
    commandes = _commandes_du_readme(copie)
    assert commandes == ["make lab", "make verifier DEVOIR=00-demarrer"], commandes
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "VIRTUAL_ENV", "JUPYTER"))}
    # The copy's own environment, from the same interpreter as the tests (python3 on PATH may be older).
    env["PYTHON"] = sys.base_prefix + "/bin/python3" if os.path.exists(sys.base_prefix + "/bin/python3") else sys.executable

    verifier = subprocess.run(shlex.split(commandes[1]), cwd=copie, env=env, capture_output=True, text=True, timeout=1800)
    sortie = verifier.stdout + verifier.stderr
    assert verifier.returncode == 0, sortie[-4000:]
    assert (copie / ".venv" / ".installe").is_file()
    assert "ATTENTION : au moins un test échoue" in sortie, sortie[-3000:]
    assert "`prenom` n'existe pas encore" in sortie, sortie[-3000:]
    import_copie = subprocess.run([str(copie / ".venv" / "bin" / "python"), "-c", "import strategie; print(strategie.__file__)"],
                                  capture_output=True, text=True, timeout=120)
    assert import_copie.stdout.strip().startswith(str(copie / "lib" / "strategie")), import_copie
    sans_correction = subprocess.run([str(copie / ".venv" / "bin" / "python"), "-c", "import strategie_correction"],
                                     capture_output=True, text=True, timeout=120)
    assert sans_correction.returncode != 0, "l'outil de correction ne doit pas être installé chez les apprenants"

    port, jeton = _port_libre(), os.urandom(16).hex()
    lab = subprocess.Popen(
        [*shlex.split(commandes[0]), f"PORT={port}"], cwd=copie, env={**env, "JUPYTER_TOKEN": jeton, "BROWSER": "true"},
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        fin = time.monotonic() + 180
        contenu = None
        while time.monotonic() < fin and lab.poll() is None:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/contents/course/00-demarrer.ipynb?token={jeton}", timeout=10,
                ) as reponse:
                    contenu = json.load(reponse)
                break
            except OSError:
                time.sleep(1)
        assert contenu is not None, f"JupyterLab ne répond pas (code {lab.poll()})"
        assert contenu["type"] == "notebook" and contenu["content"]["cells"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/exercises/00-demarrer?token={jeton}", timeout=10) as r:
            assert [f["name"] for f in json.load(r)["content"]] == ["00-demarrer.ipynb"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={jeton}", timeout=30) as r:
            assert r.status == 200
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        try:
            lab.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, signal.SIGKILL)
            lab.wait()
