"""Les commandes des formateurs, telles qu'écrites dans le README et docs/formateur.md, marchent sans venv activé et sans root.

Each ```bash block of README.md « Pour les formateurs » and of docs/formateur.md is a
scenario: its trainer commands (lines starting with `.venv/bin/`, `make ` or `strategie`)
run in order, in a fresh copy of the course (nbgrader_config.py, one assignment's
solutions/ and exercises/, what `make` needs, `.venv` pointing at this repository's), with
a PATH that does not contain the venv's bin, as an unprivileged user (tests/outils_utilisateur.py).
How a documented line becomes a command is in `traduire`; what is set up before a command
(a student submitting through the exchange, a folder of submissions) in `Scenario.preparer`.
"""

from __future__ import annotations

import json
import os
import secrets
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import RACINE
from outils_utilisateur import donner, en_utilisateur, processus_en_utilisateur, uid_sans_privileges

pytestmark = pytest.mark.carnets

DEVOIR = "01-business-model-canvas"
COURS = "strategie-entreprise"
VENV_BIN = RACINE / ".venv" / "bin"
# (file, section): only the trainers' part of the README; the whole trainer's guide.
SOURCES = [("README.md", "## Pour les formateurs"), ("docs/formateur.md", None)]
# nbgrader subcommands that go through the JupyterHub exchange.
ECHANGE = {"release_assignment", "release", "collect", "release_feedback", "fetch_assignment", "fetch",
           "fetch_feedback", "submit", "list"}
DELAI = 240  # seconds for one command: a bound, far above what any of them takes
TRACE = "Traceback (most recent call last)"


# -- what the documentation says ---------------------------------------------------------------------
def _section(texte: str, titre: str | None) -> str:
    if titre is None:
        return texte
    debut = texte.index(titre)
    fin = texte.find("\n## ", debut + len(titre))
    return texte[debut:] if fin < 0 else texte[debut:fin]


def commandes_documentees() -> list[tuple[str, list[str]]]:
    """[(« fichier, bloc N », [lignes de commande du formateur])] pour chaque bloc bash qui en a."""
    blocs = []
    for fichier, titre in SOURCES:
        texte = _section((RACINE / fichier).read_text(encoding="utf-8"), titre)
        morceaux = texte.split("```")
        # Odd pieces are the fenced blocks; keep the bash ones.
        for rang, bloc in enumerate(morceaux[1::2], start=1):
            langage, _, corps = bloc.partition("\n")
            if langage.strip() != "bash":
                continue
            lignes = []
            for ligne in corps.splitlines():
                mots = shlex.split(ligne, comments=True)
                if mots and (mots[0].startswith(".venv/bin/") or mots[0] in ("make", "strategie")):
                    lignes.append(" ".join(mots))
            if lignes:
                blocs.append((f"{fichier}, bloc {rang}", lignes))
    return blocs


def scenarios() -> list[tuple[str, list[str]]]:
    """Les blocs à jouer : un bloc dont toutes les commandes sont dans un autre bloc plus long (ou identique et avant) est couvert par lui.

    Each command sets up what it needs (``Scenario.preparer``), so running it once is enough:
    the guide's lone `strategie corriger … depots/` and `make lab` are run by longer blocks.
    """
    blocs = commandes_documentees()

    def lancees(lignes):
        return {shlex.join(traduire(l, Path("/echange"), 0).argv) for l in lignes}

    gardes = []
    for rang, (nom, lignes) in enumerate(blocs):
        couvert = any(
            lancees(lignes) <= lancees(autres) and (len(autres) > len(lignes) or (len(autres) == len(lignes) and r < rang))
            for r, (_, autres) in enumerate(blocs) if r != rang
        )
        if not couvert:
            gardes.append((nom, lignes))
    return gardes


@dataclass
class Commande:
    ecrite: str  # the documented line, comment removed
    argv: list[str]  # what runs, in the course copy
    genre: tuple[str, str]  # ("nbgrader", sub) / ("make", target) / ("strategie", sub)
    serveur: bool = False  # long-running: started, checked to answer, stopped


def traduire(ecrite: str, echange: Path, port: int) -> Commande:
    """La ligne documentée ``ecrite`` en commande à lancer dans la copie du cours.

    * ``strategie …`` : ``.venv/bin/strategie …`` (the guide says its bare commands mean the environment's);
    * a synopsis' placeholders: ``DEVOIR`` is the assignment, ``[SOUMISSIONS]`` the folder ``depots/``,
      ``[options]`` nothing;
    * ``.venv/bin/nbgrader`` on the exchange: a fake exchange directory (``--Exchange.root``) and the
      course id, as a JupyterHub's configuration would give;
    * ``make CIBLE``: ``make -o .venv/.installe CIBLE``, since the copy has no pyproject.toml and the
      stamp is the real venv's (re-installing it from a copy would break it); ``make lab`` on a
      free ``PORT``, as a server (so would be ``.venv/bin/jupyter lab``, on ``--port``);
    * anything else as written.
    """
    mots = shlex.split(ecrite)
    remplacements = {"DEVOIR": DEVOIR, "[SOUMISSIONS]": "depots/", "[options]": None}
    mots = [remplacements.get(m, m) for m in mots if remplacements.get(m, m) is not None]
    inconnus = [m for m in mots if m.startswith("[") or m.isupper()]
    assert not inconnus, f"« {ecrite} » : arguments à remplacer inconnus du test : {inconnus}"
    if mots[0] == "strategie":
        mots[0] = ".venv/bin/strategie"

    if mots[0] == ".venv/bin/nbgrader":
        from nbgrader.apps.nbgraderapp import NbGraderApp

        sous = mots[1] if len(mots) > 1 else ""
        # nbgrader answers an unknown subcommand with its help and exit code 0: catch it here.
        assert sous in NbGraderApp.subcommands, f"« {ecrite} » : « {sous} » n'est pas une commande nbgrader"
        if sous in ECHANGE:
            mots += [f"--Exchange.root={echange}", f"--CourseDirectory.course_id={COURS}"]
        return Commande(ecrite, mots, ("nbgrader", sous))
    if mots[0] == ".venv/bin/strategie":
        return Commande(ecrite, mots, ("strategie", mots[1]))
    if mots[0] == "make":
        cibles = [m for m in mots[1:] if "=" not in m and not m.startswith("-")]
        assert len(cibles) == 1, f"« {ecrite} » : une seule cible make attendue"
        argv = ["make", "-o", ".venv/.installe", *mots[1:]]
        if cibles[0] == "lab":
            return Commande(ecrite, [*argv, f"PORT={port}"], ("make", "lab"), serveur=True)
        return Commande(ecrite, argv, ("make", cibles[0]))
    genre = (Path(mots[0]).name, mots[1] if len(mots) > 1 else "")
    if genre in (("jupyter", "lab"), ("jupyter", "server"), ("jupyter", "notebook")):
        return Commande(ecrite, [*mots, f"--port={port}"], genre, serveur=True)
    return Commande(ecrite, mots, genre)


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env_sans_venv(**ajouts: str) -> dict:
    """L'environnement d'un formateur qui n'a pas activé le venv : PATH sans son bin, rien d'autre du test."""
    bins = {os.path.realpath(VENV_BIN)}
    chemins = [p for p in os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep)
               if p and os.path.realpath(p) not in bins and ".venv" not in Path(p).parts]
    env = {"PATH": os.pathsep.join(chemins), "LANG": "C.UTF-8", "HOME": os.environ.get("HOME", "/")}
    # Lab would open a browser: BROWSER names the program the webbrowser module runs instead.
    env["BROWSER"] = "true"
    env.update(ajouts)
    return env


# -- a course copy and its commands --------------------------------------------------------------------
class Scenario:
    def __init__(self, dossier: Path, court: Path, uid: int):
        self.uid = uid
        self.racine = dossier / "cours"
        self.echange = dossier / "echange"
        self.eleve = dossier / "eleve"
        # Short TMPDIR: kernels' IPC socket paths live there (sun_path is 108 bytes).
        self.env = _env_sans_venv(TMPDIR=str(court), HOME=str(dossier / "maison"))
        r = self.racine
        r.mkdir()
        shutil.copy2(RACINE / "nbgrader_config.py", r)
        shutil.copy2(RACINE / "Makefile", r)
        shutil.copytree(RACINE / "tools", r / "tools", ignore=shutil.ignore_patterns("__pycache__"))
        for dossier_devoir in ("solutions", "exercises"):
            shutil.copytree(RACINE / dossier_devoir / DEVOIR, r / dossier_devoir / DEVOIR)
        (r / "course").mkdir()
        shutil.copy2(RACINE / "course" / "00-demarrer.ipynb", r / "course")  # the notebook `make lab` opens
        (r / ".venv").symlink_to(RACINE / ".venv")
        for d in (self.echange, self.eleve, dossier / "maison"):
            d.mkdir()
        self.echange.chmod(0o777)  # as on a hub (nbgrader would widen it itself, with a warning)
        donner(dossier, uid)
        alembic = shutil.which("alembic", path=self.env["PATH"])
        assert alembic is None or not alembic.startswith(str(RACINE)), f"le PATH des commandes contient le venv : {alembic}"

    def lancer(self, argv: list[str], *, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess:
        return en_utilisateur(argv, cwd=cwd or self.racine, uid=self.uid, env={**self.env, **env}, timeout=DELAI)

    def nbgrader_eleve(self, *arguments: str) -> None:
        argv = [str(VENV_BIN / "nbgrader"), *arguments, DEVOIR,
                f"--Exchange.root={self.echange}", f"--CourseDirectory.course_id={COURS}"]
        resultat = self.lancer(argv, cwd=self.eleve)
        assert resultat.returncode == 0, f"préparation : nbgrader {arguments[0]} (élève) a échoué :\n{resultat.stderr[-3000:]}"

    def preparer(self, c: Commande) -> None:
        """Met en place ce que la commande suppose déjà fait (ce que la documentation décrit avant elle)."""
        if c.genre == ("nbgrader", "collect"):
            # A student fetches the released assignment in JupyterLab and submits it.
            self.nbgrader_eleve("fetch_assignment")
            self.nbgrader_eleve("submit")
        elif c.genre in (("strategie", "corriger"), ("make", "grade")):
            if "depots/" in " ".join(c.argv) and not (self.racine / "depots").exists():
                cible = self.racine / "depots" / "alice"
                cible.mkdir(parents=True)
                shutil.copy(self.racine / "exercises" / DEVOIR / f"{DEVOIR}.ipynb", cible)
                donner(self.racine / "depots", self.uid)
            elif "depots/" not in " ".join(c.argv) and not (self.racine / "submitted").exists():
                # As after `nbgrader collect`.
                cible = self.racine / "submitted" / "alice" / DEVOIR
                cible.mkdir(parents=True)
                shutil.copy(self.racine / "exercises" / DEVOIR / f"{DEVOIR}.ipynb", cible)
                donner(self.racine / "submitted", self.uid)

    def verifier_effets(self, c: Commande) -> None:
        r = self.racine
        attendus = {
            ("make", "exercises"): f"exercises/{DEVOIR}/{DEVOIR}.ipynb",
            ("nbgrader", "release_assignment"): f"../echange/{COURS}/outbound/{DEVOIR}",
            ("nbgrader", "collect"): f"submitted/*/{DEVOIR}/{DEVOIR}.ipynb",  # the student is the uid's account
            ("strategie", "corriger"): f"notes/{DEVOIR}/notes.csv",
            ("make", "grade"): f"notes/{DEVOIR}/notes.csv",
        }
        if c.genre not in attendus:
            return
        trouves = list(r.glob(attendus[c.genre])) if "*" in attendus[c.genre] else [r / attendus[c.genre]]
        assert trouves and trouves[0].exists(), f"« {c.ecrite} » n'a pas produit {attendus[c.genre]}"
        if trouves[0].name == "notes.csv":
            lignes = trouves[0].read_text(encoding="utf-8").splitlines()
            assert len(lignes) >= 2, f"« {c.ecrite} » : notes.csv sans aucun élève :\n{lignes}"

    def servir(self, c: Commande, port: int) -> tuple[int, str]:
        """Démarre le serveur, vérifie qu'il répond (formgrader compris), l'arrête par son API ; (code, journal)."""
        jeton = secrets.token_hex(16)
        base = f"http://127.0.0.1:{port}"
        fichier = self.racine.parent / "serveur.log"

        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy of the environment

        def lire(chemin: str, methode: str = "GET"):
            requete = urllib.request.Request(base + chemin, method=methode, headers={"Authorization": f"token {jeton}"})
            with direct.open(requete, timeout=10) as reponse:
                return reponse.status, reponse.read()

        with open(fichier, "w+", encoding="utf-8") as journal, processus_en_utilisateur(
            c.argv, cwd=self.racine, uid=self.uid, env={**self.env, "JUPYTER_TOKEN": jeton},
            stdin=subprocess.DEVNULL, stdout=journal, stderr=subprocess.STDOUT,
        ) as proc:
            limite = time.monotonic() + 120
            while True:
                try:
                    lire("/api/status")
                    break
                except (OSError, urllib.error.URLError):
                    assert proc.poll() is None, f"« {c.ecrite} » s'est arrêté (code {proc.returncode}) :\n{fichier.read_text()[-3000:]}"
                    assert time.monotonic() < limite, f"« {c.ecrite} » ne répond pas après 120 s :\n{fichier.read_text()[-3000:]}"
                    time.sleep(0.5)
            statut, page = lire("/formgrader")
            assert statut == 200 and b"formgrade" in page.lower(), f"« {c.ecrite} » : le formgrader ne répond pas (HTTP {statut})"
            # The formgrader opens the gradebook (nbgrader runs alembic) in a server started without the venv.
            statut, corps = lire("/formgrader/api/assignments")
            noms = [a.get("name") for a in json.loads(corps)]
            assert DEVOIR in noms, f"« {c.ecrite} » : le formgrader ne montre pas {DEVOIR} (devoirs : {noms})"
            lire("/api/shutdown", "POST")
            try:
                code = proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                pytest.fail(f"« {c.ecrite} » ne s'arrête pas 60 s après /api/shutdown :\n{fichier.read_text()[-3000:]}")
        return code, fichier.read_text(encoding="utf-8")


@pytest.fixture
def uid():
    return uid_sans_privileges()


@pytest.fixture
def dossier_court(uid):
    """Un dossier temporaire au chemin court (TMPDIR des commandes), donné à l'utilisateur, effacé après."""
    chemin = Path(tempfile.mkdtemp(prefix="cmd-"))
    donner(chemin, uid)
    yield chemin
    shutil.rmtree(chemin, ignore_errors=True)


# -- the tests ---------------------------------------------------------------------------------------
def test_chaque_commande_documentee_est_reconnue():
    """Les blocs bash du README (formateurs) et du guide donnent des commandes que le test sait toutes lancer."""
    blocs = commandes_documentees()
    fichiers = {nom.split(",")[0] for nom, _ in blocs}
    assert fichiers == {"README.md", "docs/formateur.md"}, f"aucune commande de formateur trouvée dans : {fichiers ^ {'README.md', 'docs/formateur.md'}}"
    for _, lignes in blocs:
        for ligne in lignes:
            c = traduire(ligne, Path("/echange"), 8888)
            assert c.genre[1], f"« {ligne} » : commande sans sous-commande ni cible"
    jouees = {l for _, lignes in scenarios() for l in lignes}
    toutes = {shlex.join(traduire(l, Path("/echange"), 0).argv) for _, lignes in blocs for l in lignes}
    assert toutes == {shlex.join(traduire(l, Path("/echange"), 0).argv) for l in jouees}, "une commande documentée n'est jouée par aucun scénario"


@pytest.mark.parametrize("nom,lignes", scenarios(), ids=[nom for nom, _ in scenarios()])
def test_commandes_du_bloc_sans_venv_active_ni_root(nom, lignes, tmp_path, dossier_court, uid):
    """Chaque commande du bloc, dans l'ordre, sort avec le code 0 et sans trace Python, sans venv activé, en utilisateur sans privilèges."""
    scenario = Scenario(tmp_path, dossier_court, uid)
    for ligne in lignes:
        port = _port_libre()
        c = traduire(ligne, scenario.echange, port)
        scenario.preparer(c)
        debut = time.monotonic()
        if c.serveur:
            code, sortie = scenario.servir(c, port)
        else:
            resultat = scenario.lancer(c.argv)
            code, sortie = resultat.returncode, resultat.stdout + resultat.stderr
        duree = time.monotonic() - debut
        print(f"{duree:5.1f} s  {shlex.join(c.argv)}")
        assert code == 0, f"{nom} : « {ligne} » a échoué (code {code}, lancé : {shlex.join(c.argv)}) :\n{sortie[-4000:]}"
        assert TRACE not in sortie, f"{nom} : « {ligne} » affiche une trace Python :\n{sortie[-4000:]}"
        scenario.verifier_effets(c)


def test_nbgrader_trouve_alembic_sans_venv_active(tmp_path, dossier_court, uid):
    """nbgrader generate_assignment crée le gradebook (alembic) quand le venv n'est pas activé."""
    scenario = Scenario(tmp_path, dossier_court, uid)
    shutil.rmtree(scenario.racine / "exercises")
    resultat = scenario.lancer([".venv/bin/nbgrader", "generate_assignment", DEVOIR])
    sortie = resultat.stdout + resultat.stderr
    assert resultat.returncode == 0 and TRACE not in sortie, f"generate_assignment sans venv activé a échoué :\n{sortie[-4000:]}"
    assert (scenario.racine / "gradebook.db").exists(), "le gradebook n'a pas été créé"


# -- kernels: IPC transport ------------------------------------------------------------------------------
SONDE = (
    "import json, ipykernel.connect as c\n"
    "json.dump(json.load(open(c.get_connection_file())), open('connexion.json', 'w'))"
)


def test_noyau_de_nbgrader_en_ipc_sous_un_chemin_court(tmp_path, dossier_court, uid):
    """Un noyau lancé par nbgrader (configuration du cours) communique par prises IPC, au chemin absolu court, effacées après."""
    import nbformat

    scenario = Scenario(tmp_path, dossier_court, uid)
    carnet = scenario.racine / "sonde" / "sonde.ipynb"
    carnet.parent.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(SONDE)]
    nbformat.write(nb, carnet)
    donner(carnet.parent, uid)
    resultat = scenario.lancer([".venv/bin/nbgrader", "validate", "sonde/sonde.ipynb"])
    sortie = resultat.stdout + resultat.stderr
    assert resultat.returncode == 0 and TRACE not in sortie, f"nbgrader validate a échoué :\n{sortie[-4000:]}"
    connexion = json.loads((carnet.parent / "connexion.json").read_text())
    assert connexion["transport"] == "ipc", f"le noyau de nbgrader utilise {connexion['transport']}, pas ipc"
    assert os.path.isabs(connexion["ip"]), f"chemin de prise relatif : {connexion['ip']}"
    assert Path(connexion["ip"]).parent.parent == dossier_court, f"prises hors du TMPDIR : {connexion['ip']}"
    assert len(os.fsencode(connexion["ip"])) + 6 < 107, f"chemin de prise trop long : {connexion['ip']}"
    restes = list(Path(connexion["ip"]).parent.glob(Path(connexion["ip"]).name + "-*"))
    assert not restes, f"prises IPC laissées après nbgrader : {restes}"


def test_noyaux_de_nbval_et_de_nbclient_en_ipc(tmp_path):
    """Les noyaux de nbval (leçons) et de NotebookClient (tests) communiquent par prises IPC (tests/conftest.py)."""
    import nbformat
    import nbval.kernel
    from nbclient import NotebookClient

    from conftest import DOSSIER_IPC

    noyau = nbval.kernel.RunningKernel(nbval.kernel.CURRENT_ENV_KERNEL_NAME, cwd=str(tmp_path))
    try:
        assert noyau.km.transport == "ipc", f"nbval lance ses noyaux en {noyau.km.transport}"
        assert Path(noyau.km.ip).parent == Path(DOSSIER_IPC), f"prises de nbval hors du dossier du worker : {noyau.km.ip}"
    finally:
        noyau.stop()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(SONDE)]
    NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    connexion = json.loads((tmp_path / "connexion.json").read_text())
    assert connexion["transport"] == "ipc", f"NotebookClient lance ses noyaux en {connexion['transport']}"
    assert Path(connexion["ip"]).parent == Path(DOSSIER_IPC), f"prises de NotebookClient hors du dossier du worker : {connexion['ip']}"
