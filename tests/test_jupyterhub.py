"""Une classe sur un vrai JupyterHub, du devoir publié au retour récupéré (docs/jupyterhub.md).

Le test démarre un JupyterHub (paquet ``jupyterhub``, proxy ``configurable-http-proxy`` de npm
installé par ``npm ci`` dans deploiement/proxy/) sur 127.0.0.1, crée des utilisateurs Unix (un
formateur, trois apprenants, noms préfixés ``sehub`` + 4 caractères au hasard) et un dossier
d'échange nbgrader temporaire, puis joue le cycle d'une classe par les API HTTP du hub :

1. le formateur publie ``00-demarrer`` (formgrader de son serveur : ``release``) ;
2. chaque apprenant le récupère (``fetch``), y répond en réécrivant le carnet par l'API des
   contenus (un juste, un partiel, un vierge) et le soumet (``submit``) ;
3. le formateur collecte (``collect``), lance ``strategie corriger 00-demarrer`` dans un noyau de
   son serveur (comme dans un terminal de JupyterLab), puis publie les retours (``release_feedback``) ;
4. chaque apprenant récupère son retour (``fetch_feedback``) et le lit.

Puis il vérifie : les notes de notes.csv et des retours, chacun ne voit que son retour (ni le dossier
des soumissions ni celui des retours de l'échange ne se listent, le jeton d'un apprenant n'ouvre pas
le serveur d'un autre), le formgrader absent des serveurs d'apprenants ; enfin que tout ce qui a été
démarré est arrêté et les utilisateurs supprimés, même quand une étape échoue.

En root seulement (comme la CI) : le serveur de chaque utilisateur tourne sous son uid
(LocalProcessSpawner), ce qu'un autre utilisateur ne peut pas faire. Le clone du dépôt et Python
peuvent être sous des dossiers fermés (``mktemp -d``, /root) : le hub tourne dans un espace de noms
de montage privé où ces dossiers sont recouverts d'un tmpfs 0711 qui ne garde que les chemins utiles
(même procédé que tests/outils_utilisateur.py) ; les serveurs qu'il lance en héritent, rien ne change
de droits sur le disque.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from conftest import RACINE

pytestmark = [
    pytest.mark.carnets,
    pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() != 0,
        reason="le test du JupyterHub crée des utilisateurs Unix et lance leurs serveurs sous leur uid : lancez-le en root (la CI le fait)",
    ),
]

DEVOIR = "00-demarrer"
COURS = "strategie-entreprise"   # course_id de nbgrader_config.py
PROXY = RACINE / "deploiement" / "proxy"
PREFIXE = "sehub"
DELAI_SERVEUR = 180   # s : démarrage d'un serveur (l'extension formgrader met quelques secondes à s'importer)


# -- outils ---------------------------------------------------------------------------------------------
def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ecoute(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _proxy_http() -> str:
    """Le configurable-http-proxy de deploiement/proxy (``npm ci`` au premier lancement)."""
    binaire = PROXY / "node_modules" / ".bin" / "configurable-http-proxy"
    if not binaire.exists():
        npm = shutil.which("npm")
        if not npm or not shutil.which("node"):
            pytest.skip("node et npm sont nécessaires pour installer configurable-http-proxy (sudo apt-get install nodejs npm)")
        resultat = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PROXY,
            capture_output=True, text=True, timeout=600,
        )
        assert resultat.returncode == 0, f"npm ci a échoué dans {PROXY} :\n{resultat.stdout}\n{resultat.stderr}"
    return str(binaire)


def _processus_de(uids: set[int]) -> list[int]:
    pids = []
    for entree in os.scandir("/proc"):
        if entree.name.isdigit():
            with contextlib.suppress(OSError):
                if entree.stat().st_uid in uids and "Z" not in _etat(entree.name):
                    pids.append(int(entree.name))
    return pids


def _etat(pid: str) -> str:
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
        return f.read().rsplit(")", 1)[1].split()[0]


def _processus_de_l_espace(espace: str) -> list[int]:
    """Les processus vivants de l'espace de noms de montage ``espace`` (le hub et tout ce qu'il a lancé)."""
    pids = []
    for entree in os.scandir("/proc"):
        if entree.name.isdigit():
            with contextlib.suppress(OSError):
                if os.readlink(f"/proc/{entree.name}/ns/mnt") == espace and "Z" not in _etat(entree.name):
                    pids.append(int(entree.name))
    return pids


def _tuer(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


class ErreurEtape(AssertionError):
    pass


# -- les trois copies -------------------------------------------------------------------------------------
def _solutions() -> dict[str, str]:
    carnet = json.loads((RACINE / "solutions" / DEVOIR / f"{DEVOIR}.ipynb").read_text(encoding="utf-8"))
    return {
        c["metadata"]["nbgrader"]["grade_id"]: "\n".join(
            l for l in c["source"].split("\n") if "BEGIN SOLUTION" not in l and "END SOLUTION" not in l
        )
        for c in carnet["cells"] if c["metadata"].get("nbgrader", {}).get("solution")
    }


# juste: every answer; partiel: questions 1 and 3 right (2 + 2 points), question 2 wrong; vierge: untouched.
REPONSES = {
    "juste": None,
    "partiel": {"q1-prenom": 'prenom = "Dominique"', "q2-marge": "def marge(prix, cout):\n    return cout - prix",
                "q3-blocs": "nombre_de_blocs = len(strategie.canevas.BLOCS)"},
    "vierge": {},
}
ATTENDU = {"juste": 8.0, "partiel": 4.0, "vierge": 0.0}   # sur 10 : les 2 points de q4-objectif se notent à la main


def reponses_de(role: str, carnet: dict) -> dict:
    """Le carnet récupéré par l'apprenant, rempli comme son rôle le veut."""
    reponses = _solutions() if REPONSES[role] is None else REPONSES[role]
    for cellule in carnet["cells"]:
        gid = cellule["metadata"].get("nbgrader", {}).get("grade_id")
        if gid in reponses:
            cellule["source"] = reponses[gid]
    return carnet


# -- la classe ------------------------------------------------------------------------------------------
class Classe:
    """Un hub, un formateur, trois apprenants ; ``with Classe() as c:`` arrête et supprime tout à la sortie."""

    APPRENANTS = ("juste", "partiel", "vierge")

    def __init__(self):
        import requests

        self.requests = requests
        self.suffixe = secrets.token_hex(2)
        self.formateur = f"{PREFIXE}{self.suffixe}-form"
        self.apprenants = {role: f"{PREFIXE}{self.suffixe}-{role}" for role in self.APPRENANTS}
        self.crees: list[str] = []
        self.uids: set[int] = set()
        self.hub: subprocess.Popen | None = None
        self.espace: str | None = None
        self.jetons: dict[str, str] = {}
        self.journal_etapes: list[str] = []
        self.bilan: dict = {}

    # -- mise en place --------------------------------------------------------------------------------
    def __enter__(self):
        try:
            self._preparer()
            self._demarrer_hub()
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def _preparer(self):
        chp = _proxy_http()
        # Traversable by the users (mkdtemp gives 0700): their homes and the exchange live here.
        self.base = Path(tempfile.mkdtemp(prefix="strategie-hub-"))
        os.chmod(self.base, 0o755)
        self.echange = self.base / "echange"
        self.echange.mkdir()
        # The exchange root of nbgrader's docs: everyone writes, the sticky bit keeps each one's entries.
        os.chmod(self.echange, 0o1777)
        for dossier in ("maisons", "hub", "config/commun", "config/apprenants/labconfig"):
            (self.base / dossier).mkdir(parents=True)
        os.chmod(self.base / "maisons", 0o755)
        os.chmod(self.base / "hub", 0o700)
        for dossier in ("config", "config/commun", "config/apprenants", "config/apprenants/labconfig"):
            os.chmod(self.base / dossier, 0o755)

        # The global nbgrader configuration, read by every user's server (JUPYTER_CONFIG_PATH).
        (self.base / "config" / "commun" / "nbgrader_config.py").write_text(
            "c = get_config()\n"
            f"c.Exchange.root = {str(self.echange)!r}\n"
            f"c.CourseDirectory.course_id = {COURS!r}\n",
            encoding="utf-8",
        )
        # Learners: no formgrader, no course list (server and JupyterLab), as in docs/jupyterhub.md.
        (self.base / "config" / "apprenants" / "jupyter_server_config.json").write_text(json.dumps({
            "ServerApp": {"jpserver_extensions": {
                "nbgrader.server_extensions.formgrader": False,
                "nbgrader.server_extensions.course_list": False,
            }},
        }), encoding="utf-8")
        (self.base / "config" / "apprenants" / "labconfig" / "page_config.json").write_text(json.dumps({
            "disabledExtensions": {
                "@jupyter/nbgrader:formgrader": True,
                "@jupyter/nbgrader:create-assignment": True,
                "@jupyter/nbgrader:course-list": True,
            },
        }), encoding="utf-8")
        for fichier in (self.base / "config").rglob("*"):
            if fichier.is_file():
                os.chmod(fichier, 0o644)

        for nom in (self.formateur, *self.apprenants.values()):
            maison = self.base / "maisons" / nom
            resultat = subprocess.run(
                ["useradd", "--create-home", "--home-dir", str(maison), "--shell", "/bin/sh", "--user-group",
                 "--comment", "test strategie JupyterHub", nom],
                capture_output=True, text=True,
            )
            assert resultat.returncode == 0, f"useradd {nom} : {resultat.stderr}"
            # Whatever the distribution's HOME_MODE: nobody reads another's home (the trainer's holds
            # solutions/ and the gradebook), as docs/jupyterhub.md asks.
            os.chmod(maison, 0o700)
            self.crees.append(nom)
            import pwd

            self.uids.add(pwd.getpwnam(nom).pw_uid)

        # The trainer's course folder: configuration, source and release versions of the assignment.
        import pwd

        compte = pwd.getpwnam(self.formateur)
        self.cours = self.base / "maisons" / self.formateur / "cours"
        self.cours.mkdir()
        shutil.copy(RACINE / "nbgrader_config.py", self.cours)
        for racine in ("solutions", "exercises"):
            shutil.copytree(RACINE / racine / DEVOIR, self.cours / racine / DEVOIR)
        # The formgrader reads the configuration of the server's folder (the home) and of the Jupyter
        # paths, not the course's: the trainer's own file points at the course and loads its settings.
        (self.cours.parent / ".jupyter").mkdir(exist_ok=True)
        (self.cours.parent / ".jupyter" / "nbgrader_config.py").write_text(
            "c = get_config()\n"
            f"c.CourseDirectory.root = {str(self.cours)!r}\n"
            f"load_subconfig({str(self.cours / 'nbgrader_config.py')!r})\n",
            encoding="utf-8",
        )
        for racine, dossiers, fichiers in os.walk(self.cours.parent):
            for nom in [*dossiers, *fichiers, "."]:
                os.chown(os.path.join(racine, nom), compte.pw_uid, compte.pw_gid)

        self.ports = {"public": _port_libre(), "hub": _port_libre(), "api": _port_libre()}
        self.jeton_service = secrets.token_hex(32)
        venv_bin = Path(sys.executable).parent
        chemin = os.pathsep.join([str(venv_bin), "/usr/local/bin", "/usr/bin", "/bin"])
        reglages = {
            "formateur": self.formateur,
            "commun": str(self.base / "config" / "commun"),
            "apprenants": str(self.base / "config" / "apprenants"),
        }
        (self.base / "hub" / "jupyterhub_config.py").write_text(f"""\
# Written by tests/test_jupyterhub.py: one hub on loopback, a real Unix user per person.
c = get_config()
REGLAGES = {reglages!r}
c.JupyterHub.bind_url = "http://127.0.0.1:{self.ports['public']}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{self.ports['hub']}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{self.ports['api']}"
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.ConfigurableHTTPProxy.auth_token = {secrets.token_hex(32)!r}
c.JupyterHub.db_url = "sqlite:///{self.base / 'hub' / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret = bytes.fromhex({secrets.token_hex(32)!r})
c.JupyterHub.pid_file = "{self.base / 'hub' / 'jupyterhub.pid'}"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
# No login page at all: the test acts through the API with tokens; allowed_users creates the users.
c.JupyterHub.authenticator_class = "null"
c.Authenticator.allowed_users = {set(self.crees)!r}
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [{str(venv_bin / 'jupyterhub-singleuser')!r}]
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = {DELAI_SERVEUR}
c.Spawner.http_timeout = {DELAI_SERVEUR}
c.Spawner.env_keep = []
c.Spawner.environment = {{"PATH": {chemin!r}, "LANG": "C.UTF-8"}}
c.JupyterHub.services = [{{"name": "banc-d-essai", "api_token": {self.jeton_service!r}}}]
c.JupyterHub.load_roles = [{{
    "name": "banc-d-essai",
    "scopes": ["admin:users", "admin:servers", "tokens", "read:hub"],
    "services": ["banc-d-essai"],
}}]


def _avant_le_demarrage(spawner):
    # Everyone reads the global nbgrader configuration; learners read theirs first (no formgrader).
    env = dict(spawner.environment)
    if spawner.user.name == REGLAGES["formateur"]:
        env["JUPYTER_CONFIG_PATH"] = REGLAGES["commun"]
    else:
        env["JUPYTER_CONFIG_PATH"] = REGLAGES["apprenants"] + ":" + REGLAGES["commun"]
    spawner.environment = env


c.Spawner.pre_spawn_hook = _avant_le_demarrage
""", encoding="utf-8")
        self.chp = chp

    def _demarrer_hub(self):
        from strategie_correction.lanceur import dossiers_fermes

        hub_dir = self.base / "hub"
        utiles = [str(RACINE), sys.prefix, sys.base_prefix, sys.executable, str(self.base), self.chp,
                  shutil.which("node") or "/usr/bin/node"]
        attente = tempfile.mkdtemp(prefix="espace-hub-")
        self.attente = attente
        env = {
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"]),
            "HOME": str(hub_dir), "LANG": "C.UTF-8",
        }
        reglages = {
            "attente": attente, "fermes": dossiers_fermes(utiles), "cwd": str(hub_dir), "uid": 0,
            "setpriv": shutil.which("setpriv"), "compte": None, "env": env,
            "commande": [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(hub_dir / "jupyterhub_config.py")],
        }
        self.journal = open(hub_dir / "journal.txt", "w", encoding="utf-8")
        # tests/outils_utilisateur.py, run as a script, covers the closed folders then execs the command
        # (as root here: uid 0 keeps its capabilities, which LocalProcessSpawner needs to switch users).
        self.hub = subprocess.Popen(
            [shutil.which("unshare"), "--mount", "--propagation", "private", "--",
             sys.executable, "-I", "-S", str(RACINE / "tests" / "outils_utilisateur.py"), json.dumps(reglages)],
            cwd="/", stdin=subprocess.DEVNULL, stdout=self.journal, stderr=subprocess.STDOUT, start_new_session=True,
        )
        fin = time.monotonic() + 120
        while time.monotonic() < fin:
            if self.hub.poll() is not None:
                raise ErreurEtape(f"le hub s'est arrêté au démarrage (code {self.hub.returncode}) :\n{self.lire_journal()}")
            with contextlib.suppress(OSError):
                espace = os.readlink(f"/proc/{self.hub.pid}/ns/mnt")
                if espace != os.readlink("/proc/self/ns/mnt"):
                    self.espace = espace
            with contextlib.suppress(self.requests.RequestException):
                if self.api("GET", "/hub/api/", verifier=False).status_code == 200:
                    break
            time.sleep(0.5)
        else:
            raise ErreurEtape(f"le hub ne répond pas après 120 s :\n{self.lire_journal()}")
        assert self.espace, "le hub ne tourne pas dans son espace de noms de montage"

    def lire_journal(self) -> str:
        with contextlib.suppress(OSError):
            return (self.base / "hub" / "journal.txt").read_text(encoding="utf-8", errors="replace")[-6000:]
        return ""

    # -- arrêt ----------------------------------------------------------------------------------------
    def __exit__(self, *exc):
        bilan = self.bilan
        if self.hub is not None:
            if self.hub.poll() is None:
                # SIGTERM: the hub stops the users' servers and the proxy it started (cleanup_servers).
                with contextlib.suppress(OSError):
                    self.hub.send_signal(signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.hub.wait(timeout=30)
            bilan["hub_arrete_seul"] = self.hub.poll() is not None
            restants = _processus_de_l_espace(self.espace) if self.espace else []
            bilan["restants_espace"] = restants
            restants_uids = _processus_de(self.uids)
            bilan["restants_utilisateurs"] = restants_uids
            # Whatever is left (a hub stuck, an orphaned kernel) goes all the same.
            with contextlib.suppress(OSError):
                os.killpg(self.hub.pid, signal.SIGKILL)
            for _ in range(50):
                reste = (_processus_de_l_espace(self.espace) if self.espace else []) + _processus_de(self.uids)
                if not reste:
                    break
                _tuer(reste)
                time.sleep(0.1)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.hub.wait(timeout=10)
            self.journal.close()
        if getattr(self, "attente", None):
            with contextlib.suppress(OSError):
                os.rmdir(self.attente)
        for nom in self.crees:
            subprocess.run(["userdel", "--force", nom], capture_output=True)
        import pwd

        bilan["comptes_restants"] = [n for n in self.crees if n in {p.pw_name for p in pwd.getpwall()}]
        bilan["ports_ouverts"] = [p for p in getattr(self, "ports", {}).values() if _ecoute(p)]
        if getattr(self, "base", None):
            if exc and exc[0] is not None:
                # Kept for the failure message only: read then removed.
                bilan["journal"] = self.lire_journal()
            if os.environ.get("STRATEGIE_GARDER_HUB"):
                # Debugging: the homes, the exchange and the hub's log stay (the users are gone).
                print(f"\nDossier du test gardé : {self.base}", file=sys.stderr)
            else:
                shutil.rmtree(self.base, ignore_errors=True)
        return False

    # -- HTTP ------------------------------------------------------------------------------------------
    def url(self, chemin: str) -> str:
        return f"http://127.0.0.1:{self.ports['public']}{chemin}"

    def api(self, methode: str, chemin: str, *, jeton: str | None = None, verifier: bool = True, **kw):
        reponse = self.requests.request(
            methode, self.url(chemin), headers={"Authorization": f"token {jeton or self.jeton_service}"},
            timeout=kw.pop("timeout", 120), allow_redirects=False, **kw,
        )
        if verifier and reponse.status_code >= 300:
            raise ErreurEtape(
                f"{methode} {chemin} : HTTP {reponse.status_code}\n{reponse.text[:2000]}\n--- journal du hub ---\n{self.lire_journal()}"
            )
        return reponse

    def chez(self, nom: str, methode: str, chemin: str, **kw):
        """Une requête au serveur de ``nom``, par le proxy du hub, avec le jeton de ``nom``."""
        return self.api(methode, f"/user/{nom}{chemin}", jeton=self.jetons[nom], **kw)

    def etape(self, texte: str) -> None:
        self.journal_etapes.append(f"{time.monotonic():.1f} {texte}")

    # -- utilisateurs et serveurs -------------------------------------------------------------------------
    def ouvrir_les_serveurs(self):
        noms = [self.formateur, *self.apprenants.values()]
        for nom in noms:
            self.api("POST", f"/hub/api/users/{nom}/server")
        fin = time.monotonic() + DELAI_SERVEUR
        prets: set[str] = set()
        while len(prets) < len(noms):
            if time.monotonic() > fin:
                raise ErreurEtape(f"serveurs pas prêts après {DELAI_SERVEUR} s : {set(noms) - prets}\n{self.lire_journal()}")
            for nom in set(noms) - prets:
                serveur = self.api("GET", f"/hub/api/users/{nom}").json().get("servers", {}).get("", {})
                if serveur.get("ready"):
                    prets.add(nom)
            time.sleep(1)
        for nom in noms:
            self.jetons[nom] = self.api(
                "POST", f"/hub/api/users/{nom}/tokens", json={"note": "test du cycle", "expires_in": 3600},
            ).json()["token"]

    def executer(self, nom: str, code: str, delai: float = 600) -> str:
        """Exécute ``code`` dans un noyau du serveur de ``nom`` (API des noyaux et websocket) ; rend sa sortie."""
        import websocket

        noyau = self.chez(nom, "POST", "/api/kernels", json={"name": "python3"}).json()["id"]
        try:
            ws = websocket.create_connection(
                f"ws://127.0.0.1:{self.ports['public']}/user/{nom}/api/kernels/{noyau}/channels",
                header=[f"Authorization: token {self.jetons[nom]}"], timeout=delai,
            )
            try:
                msg_id = uuid.uuid4().hex
                ws.send(json.dumps({
                    "header": {"msg_id": msg_id, "username": nom, "session": uuid.uuid4().hex,
                               "msg_type": "execute_request", "version": "5.3"},
                    "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                    "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                                "allow_stdin": False, "stop_on_error": True},
                }))
                sortie, erreur, repondu, inactif = [], None, False, False
                fin = time.monotonic() + delai
                while not (repondu and inactif):
                    if time.monotonic() > fin:
                        raise ErreurEtape(f"le noyau de {nom} n'a pas répondu en {delai} s")
                    message = json.loads(ws.recv())
                    if message.get("parent_header", {}).get("msg_id") != msg_id:
                        continue
                    genre = message["msg_type"]
                    if genre == "stream":
                        sortie.append(message["content"]["text"])
                    elif genre == "error":
                        erreur = "\n".join(message["content"]["traceback"])
                    elif genre == "execute_reply":
                        repondu = True
                    elif genre == "status" and message["content"]["execution_state"] == "idle":
                        inactif = True
            finally:
                ws.close()
        finally:
            self.chez(nom, "DELETE", f"/api/kernels/{noyau}", verifier=False)
        if erreur:
            erreur = re.sub(r"\x1b\[[0-9;]*m", "", erreur)
            raise ErreurEtape(f"erreur dans le noyau de {nom} :\n{erreur}")
        return "".join(sortie)

    # -- le cycle ---------------------------------------------------------------------------------------
    def derouler(self) -> dict:
        resultats: dict = {"apprenants": dict(self.apprenants), "formateur": self.formateur}
        debut = time.monotonic()
        self.etape("serveurs")
        self.ouvrir_les_serveurs()
        resultats["duree_serveurs"] = time.monotonic() - debut

        # 1. The trainer releases the assignment (formgrader, « Release »).
        self.etape("publication")
        publie = self.chez(self.formateur, "POST", f"/formgrader/api/assignment/{DEVOIR}/release").json()
        if not publie.get("success"):
            raise ErreurEtape(f"release_assignment a échoué : {publie}")
        resultats["publie"] = sorted(os.listdir(self.echange / COURS / "outbound"))

        # 2. Each learner fetches, answers through the contents API, submits.
        for role, nom in self.apprenants.items():
            self.etape(f"récupération {role}")
            liste = self.chez(nom, "GET", "/assignments", params={"course_id": COURS}).json()
            resultats.setdefault("listes", {})[role] = [a["assignment_id"] for a in liste["value"]]
            self.chez(nom, "POST", "/assignments/fetch", data={"course_id": COURS, "assignment_id": DEVOIR})
            chemin = f"/api/contents/{DEVOIR}/{DEVOIR}.ipynb"
            carnet = self.chez(nom, "GET", chemin, params={"content": "1"}).json()["content"]
            carnet = reponses_de(role, carnet)
            self.chez(nom, "PUT", chemin, json={"type": "notebook", "format": "json", "content": carnet})
            self.etape(f"soumission {role}")
            soumis = self.chez(nom, "POST", "/assignments/submit", data={"course_id": COURS, "assignment_id": DEVOIR}).json()
            if isinstance(soumis, dict) and soumis.get("success") is False:
                raise ErreurEtape(f"submit a échoué pour {role} : {soumis}")

        # 3. The trainer collects, grades with strategie corriger, releases the feedback.
        self.etape("collecte")
        collecte = self.chez(self.formateur, "POST", f"/formgrader/api/assignment/{DEVOIR}/collect").json()
        if not collecte.get("success"):
            raise ErreurEtape(f"collect a échoué : {collecte}")
        self.etape("correction")
        debut_correction = time.monotonic()
        sortie = self.executer(self.formateur, (
            "import json, subprocess\n"
            f"r = subprocess.run(['strategie', 'corriger', {DEVOIR!r}, '--paralleles', '2'], cwd={str(self.cours)!r},\n"
            "                   capture_output=True, text=True)\n"
            "print(json.dumps({'code': r.returncode, 'sortie': r.stdout[-4000:], 'erreurs': r.stderr[-4000:]}))\n"
        ))
        resultats["duree_correction"] = time.monotonic() - debut_correction
        correction = json.loads(sortie.strip().splitlines()[-1])
        if correction["code"] != 0:
            raise ErreurEtape(f"strategie corriger a échoué ({correction['code']}) :\n{correction['sortie']}\n{correction['erreurs']}")
        resultats["correction"] = correction["sortie"] + correction["erreurs"]
        notes = self.chez(self.formateur, "GET", f"/api/contents/cours/notes/{DEVOIR}/notes.csv", params={"content": "1", "format": "text"})
        resultats["notes"] = {l["student_id"]: l for l in csv.DictReader(io.StringIO(notes.json()["content"]))}
        self.etape("publication des retours")
        retours = self.chez(self.formateur, "POST", f"/formgrader/api/assignment/{DEVOIR}/release_feedback").json()
        if not retours.get("success"):
            raise ErreurEtape(f"release_feedback a échoué : {retours}")

        # 4. Each learner fetches their feedback and reads it.
        for role, nom in self.apprenants.items():
            self.etape(f"retour {role}")
            self.chez(nom, "POST", "/assignments/fetch_feedback", data={"course_id": COURS, "assignment_id": DEVOIR})
            fichiers = []
            dossier = self.chez(nom, "GET", f"/api/contents/{DEVOIR}/feedback", params={"content": "1"}).json()
            for horodatage in dossier["content"]:
                contenu = self.chez(nom, "GET", f"/api/contents/{horodatage['path']}", params={"content": "1"}).json()
                for fichier in contenu["content"]:
                    texte = self.chez(nom, "GET", f"/api/contents/{fichier['path']}",
                                      params={"content": "1", "format": "text"}).json()["content"]
                    fichiers.append((fichier["name"], texte))
            resultats.setdefault("retours", {})[role] = fichiers

        # What a learner can reach: the exchange's private folders, another's server, the formgrader.
        self.etape("cloisonnement")
        racine = self.echange / COURS
        code = (
            "import json, os\n"
            "r = {}\n"
            f"for nom, chemin in {{'inbound': {str(racine / 'inbound')!r}, 'feedback': {str(racine / 'feedback')!r}, "
            f"'formateur': {str(self.cours)!r}, 'autre': {str(self.base / 'maisons' / self.apprenants['partiel'])!r}}}.items():\n"
            "    try:\n"
            "        os.listdir(chemin); r[nom] = 'liste'\n"
            "    except PermissionError:\n"
            "        r[nom] = 'refuse'\n"
            "print(json.dumps(r))\n"
        )
        nom_juste, nom_partiel = self.apprenants["juste"], self.apprenants["partiel"]
        resultats["acces"] = json.loads(self.executer(nom_juste, code).strip().splitlines()[-1])
        autre = self.api("GET", f"/user/{nom_partiel}/api/contents/{DEVOIR}", jeton=self.jetons[nom_juste], verifier=False)
        resultats["autre_serveur"] = autre.status_code
        resultats["formgrader_apprenant"] = self.chez(nom_juste, "GET", "/formgrader/api/status", verifier=False).status_code
        resultats["formgrader_formateur"] = self.chez(self.formateur, "GET", "/formgrader/api/status", verifier=False).status_code
        page = self.chez(self.formateur, "GET", "/formgrader/manage_assignments", verifier=False)
        resultats["page_formgrader"] = (page.status_code, page.headers.get("Content-Security-Policy", ""))
        resultats["etapes"] = list(self.journal_etapes)
        resultats["duree_cycle"] = time.monotonic() - debut
        return resultats


# -- les tests ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cycle():
    debut = time.monotonic()
    classe = Classe()
    try:
        with classe:
            resultats = classe.derouler()
    except ErreurEtape as exc:
        pytest.fail(f"{exc}\nétapes : {classe.journal_etapes}\narrêt : {classe.bilan}", pytrace=False)
    resultats["arret"] = classe.bilan
    resultats["duree_totale"] = time.monotonic() - debut
    print(f"\nTest du JupyterHub : {resultats['duree_totale']:.0f} s en tout, dont {resultats['duree_serveurs']:.0f} s "
          f"pour démarrer les quatre serveurs et {resultats['duree_correction']:.0f} s de correction")
    return resultats


def _note(retour_html: str) -> tuple[float, float]:
    m = re.search(r"note : ([0-9.]+) / ([0-9.]+)", retour_html)
    assert m, "le retour ne donne pas de note globale"
    return float(m.group(1)), float(m.group(2))


def test_le_devoir_est_publie_et_visible_des_apprenants(cycle):
    """Le formateur publie 00-demarrer dans l'échange ; chaque apprenant le voit dans sa liste avant de le récupérer."""
    assert cycle["publie"] == [DEVOIR]
    for role, liste in cycle["listes"].items():
        assert DEVOIR in liste, f"{role} ne voit pas le devoir publié"


def test_les_notes_de_la_correction_correspondent(cycle):
    """notes.csv : juste 8 (q4 attend la note du formateur), partiel 4, vierge 0, sur 10, pour les trois apprenants collectés."""
    notes = cycle["notes"]
    attendus = {cycle["apprenants"][role]: note for role, note in ATTENDU.items()}
    assert set(notes) == set(attendus), f"élèves notés : {sorted(notes)}"
    for eleve, note in attendus.items():
        assert float(notes[eleve]["score"]) == note, (eleve, notes[eleve])
        assert float(notes[eleve]["max_score"]) == 10.0
        assert notes[eleve]["isolation"] in ("bwrap", "landlock"), notes[eleve]["isolation"]
    assert notes[cycle["apprenants"]["juste"]]["a_noter_main"] == "1"


def test_chaque_apprenant_recupere_son_seul_retour(cycle):
    """fetch_feedback donne à chacun un seul retour HTML, avec sa note, et sans le nom ni la note des autres."""
    autres = set(cycle["apprenants"].values())
    for role, fichiers in cycle["retours"].items():
        nom = cycle["apprenants"][role]
        assert [f for f, _ in fichiers] == [f"{DEVOIR}.html"], f"{role} a récupéré {fichiers and [f for f, _ in fichiers]}"
        texte = fichiers[0][1]
        assert _note(texte) == (ATTENDU[role], 10.0), role
        for autre in autres - {nom}:
            assert autre not in texte, f"le retour de {role} parle de {autre}"
        assert "HIDDEN TESTS" not in texte


def test_un_apprenant_n_atteint_ni_les_soumissions_ni_les_retours_des_autres(cycle):
    """Dans l'échange, inbound (soumissions) et feedback (retours) ne se listent pas, ni le dossier du cours ni le
    dossier personnel d'un autre apprenant ; le jeton d'un apprenant est refusé par le serveur d'un autre."""
    assert cycle["acces"] == {"inbound": "refuse", "feedback": "refuse", "formateur": "refuse", "autre": "refuse"}
    assert cycle["autre_serveur"] == 403


def test_le_formgrader_est_au_formateur_seulement(cycle):
    """Le serveur du formateur sert le formgrader ; celui d'un apprenant ne l'a pas (extension désactivée).
    Sa page s'ouvre dans un onglet mais refuse d'être affichée dans un cadre (JupyterHub ≥ 4.1, docs/jupyterhub.md)."""
    assert cycle["formgrader_formateur"] == 200
    assert cycle["formgrader_apprenant"] == 404
    statut, politique = cycle["page_formgrader"]
    assert statut == 200 and "frame-ancestors 'none'" in politique, cycle["page_formgrader"]


def test_tout_est_arrete_et_les_comptes_supprimes(cycle):
    """Après le cycle : le hub s'est arrêté sur SIGTERM, plus aucun processus du hub ni des utilisateurs, ports fermés, comptes supprimés."""
    arret = cycle["arret"]
    assert arret["hub_arrete_seul"], "le hub ne s'est pas arrêté sur SIGTERM"
    assert arret["restants_espace"] == [] and arret["restants_utilisateurs"] == [], arret
    assert arret["comptes_restants"] == [] and arret["ports_ouverts"] == [], arret
