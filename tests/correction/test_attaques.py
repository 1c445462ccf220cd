"""Soumissions hostiles : une par attaque, notées au milieu de deux élèves honnêtes.

Chaque classe est notée par la vraie commande ``strategie corriger`` à un niveau d'isolation (bwrap,
landlock) et sous une identité de formateur (root, ou un utilisateur sans privilèges créé par le test
quand il tourne en root). Chaque test vérifie les notes exactes des honnêtes, les leurres intacts et
le statut du tricheur. Une dernière classe, ``--sans-isolation``, vérifie le témoin d'intégrité : un
élève qui modifie le gradebook et les autres copies est repéré, tout est restauré, les autres sont
notés juste.
"""

from __future__ import annotations

import base64
import csv
import json
import os
import re
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import RACINE

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_correction import DEVOIR, carnet, cours_jetable, notes_cellules, zipper  # noqa: E402

pytestmark = pytest.mark.carnets

SECRET = "jeton-du-formateur-9f3c1"

# -- the attacks: the code of the learner's first answer (q1-prenom); the rest of the notebook is blank --------
ATTAQUES = {
    # Replace what sits in the kernel's folder by links to the decoy and to another learner's copy.
    "liens": r'''
import os
for nom in os.listdir("."):
    try:
        os.remove(nom)
    except OSError:
        pass
for nom, cible in {{"00-demarrer.ipynb": {leurre!r}, "timestamp.txt": {autre!r}, "gradebook.db": {gradebook!r}}}.items():
    try:
        os.symlink(cible, nom)
    except OSError:
        pass
prenom = "Liens"
''',
    # Kill every process it can see, other kernels included.
    "tueur": r'''
import os, signal
try:
    pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
except OSError:
    pids = list(range(2, 5000))  # /proc hidden: try every low pid blindly
moi = {{int(t) for t in os.listdir("/proc/self/task")}}  # its own threads: killing one kills itself
for pid in pids:
    if pid not in moi:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
try:
    os.kill(-1, signal.SIGKILL)
except OSError:
    pass
prenom = "Tueur"
''',
    # Look for other kernels' connection files and listen to their iopub channel.
    "ecouteur": r'''
import glob, json, os, time
captures = []
fichiers = glob.glob("/tmp/**/*.json", recursive=True) + glob.glob("/dev/shm/**/*.json", recursive=True) + glob.glob("/root/**/kernel-*.json", recursive=True)
moi = os.environ.get("JUPYTER_RUNTIME_DIR", "?")
fichiers = [f for f in fichiers if not f.startswith(moi)]
try:
    pids = [p for p in os.listdir("/proc") if p.isdigit()]
except OSError:
    pids = []
for pid in pids:
    try:
        captures.append(open(f"/proc/{{pid}}/cmdline", "rb").read()[:0])
    except OSError:
        pass
try:
    import zmq
    contexte = zmq.Context()
    for chemin in fichiers:
        try:
            infos = json.load(open(chemin))
            prise = contexte.socket(zmq.SUB)
            prise.setsockopt(zmq.SUBSCRIBE, b"")
            adresse = infos["ip"] + ("-%d" % infos["iopub_port"] if infos["transport"] == "ipc" else "")
            prise.connect(("ipc://" if infos["transport"] == "ipc" else "tcp://" + infos["ip"] + ":") + (adresse if infos["transport"] == "ipc" else str(infos["iopub_port"])))
            fin = time.time() + 3
            while time.time() < fin:
                if prise.poll(200):
                    captures.append(prise.recv_multipart())
        except Exception:
            pass
    for port in range(1024, 1024 + 2000):
        import socket
        s = socket.socket()
        s.settimeout(0.01)
        if s.connect_ex(("127.0.0.1", port)) == 0:
            captures.append(port)
        s.close()
except Exception:
    pass
print("CAPTURES", sum(1 for c in captures if c))
prenom = "Ecouteur"
''',
    # Print every cell's source (hidden tests included) after it runs.
    "fuite": r'''
import base64
def fuir(resultat):
    print("FUITE", base64.b64encode(resultat.info.raw_cell.encode()).decode())
get_ipython().events.register("post_run_cell", fuir)
prenom = "Fuite"
''',
    # Every later cell wrapped in try/except: no test can fail any more (every answer wrong).
    "transformateur": r'''
def avaler(lignes):
    return ["try:\n"] + ["    " + l for l in lignes] + ["\n", "except BaseException:\n", "    pass\n"]
get_ipython().input_transformers_cleanup.append(avaler)
prenom = ""
''',
    # An exception handler that swallows every error, and sends the kernel's error report nowhere.
    "gestionnaire": r'''
def avaler(shell, etype, evalue, tb, tb_offset=None):
    return []
get_ipython().set_custom_exc((BaseException,), avaler)
get_ipython().kernel.send_response = (lambda envoyer: lambda flux, genre, *a, **k: None if genre == "error" else envoyer(flux, genre, *a, **k))(get_ipython().kernel.send_response)
prenom = ""
''',
    # Tracebacks silenced: errors still happen, but nothing is shown.
    "silence": r'''
get_ipython().showtraceback = lambda *a, **k: None
get_ipython()._showtraceback = lambda *a, **k: None
prenom = ""
''',
    # Each cell's outputs erased once it has run: a failing test would show no error.
    "effaceur": r'''
from IPython.display import clear_output
get_ipython().events.register("post_run_cell", lambda resultat: clear_output())
prenom = ""
''',
    # Open the network: a TCP listener of the test on the host's loopback, and a DNS query.
    "reseau": r'''
import socket
resultats = []
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=3).sendall(b"FUITE")
    resultats.append("tcp")
except OSError:
    pass
try:
    socket.getaddrinfo("example.org", 80)
    resultats.append("dns")
except OSError:
    pass
print("RESEAU", resultats)
prenom = "Reseau"
''',
    # A detached process that would outlive the grading.
    "demon": r'''
import subprocess, sys
subprocess.Popen([sys.executable, "-c", "import time  # MARQUEUR-DEMON-7c1\ntime.sleep(600)"],
                 start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
prenom = "Demon"
''',
    # A fork bomb whose children become detached sleepers.
    "bombe": r'''
import os, sys
prenom = "Bombe"
n = 0
try:
    while n < 5000:
        if os.fork() == 0:
            os.setsid()
            os.execv(sys.executable, [sys.executable, "-c", "import time  # MARQUEUR-DEMON-7c1\ntime.sleep(600)"])
        n += 1
except OSError:
    pass
print("BOMBE", n)
''',
    # The trainer's variables (hub token…) in the kernel.
    "jeton": r'''
import os
print("ENV", sorted(os.environ.items()))
prenom = "Jeton"
''',
    # Write and read outside its copy.
    "espion": r'''
import os
constats = {{}}
def essai(nom, action):
    try:
        action()
        constats[nom] = "réussi"
    except Exception as exc:
        constats[nom] = type(exc).__name__
essai("ecrire_cours", lambda: open(os.path.join({cours!r}, "pirate.txt"), "w").write("PIRATE"))
essai("ecrire_gradebook", lambda: open({gradebook!r}, "ab").write(b"PIRATE"))
essai("ecrire_autre", lambda: open({autre!r}, "w").write("PIRATE"))
essai("lire_solutions", lambda: open(os.path.join({cours!r}, "solutions", "00-demarrer", "00-demarrer.ipynb")).read())
essai("lire_leurre", lambda: open({leurre!r}).read())
print("CONSTATS", sorted(constats.items()))
prenom = "Espion"
''',
}

# The kernel started ahead for the next learner (another bac, another uid as root): plant an IPython
# startup file in its working copy, which would run in that learner's kernel, and signal its processes.
ATTAQUES["voisin"] = r'''
import glob, os, signal, sys
# Its own bac: the parent of the folder holding its connection file (kernel -f …/bac-N/prises/…).
connexion = sys.argv[sys.argv.index("-f") + 1] if "-f" in sys.argv else ""
sien = os.path.dirname(os.path.dirname(connexion))
ici = os.getcwd()
candidats = set()
for base in ("/dev/shm", "/tmp", "/var/tmp", os.path.dirname(sien), os.path.dirname(os.path.dirname(ici)),
             os.path.dirname(os.path.dirname(os.path.dirname(ici)))):
    for motif in ("bac-*", "*/bac-*", "*/*/bac-*"):
        candidats.update(glob.glob(os.path.join(base, motif)))
candidats = {{c for c in candidats if os.path.realpath(c) != os.path.realpath(sien)}}
# Its own sandbox (itself and its ancestors) is not a neighbour.
lignee, pid = set(), os.getpid()
while pid > 1:
    lignee.add(pid)
    try:
        with open(f"/proc/{{pid}}/stat", "rb") as f:
            pid = int(f.read().rsplit(b")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        break
lignee.add(1)
plantes = signales = 0
for bac in sorted(candidats):
    dossier = os.path.join(bac, "travail", ".ipython", "profile_default", "startup")
    try:
        os.makedirs(dossier, exist_ok=True)
        with open(os.path.join(dossier, "00-voisin.py"), "w") as f:
            f.write("get_ipython().input_transformers_post.append(lambda lignes: ['raise SystemExit(0)\\n'])\n")
        plantes += 1
    except OSError:
        pass
moi = os.getpid()
try:
    pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
except OSError:
    pids = []  # /proc hidden (Landlock): nothing to find there
for pid in pids:
    try:
        with open(f"/proc/{{pid}}/cmdline", "rb") as f:
            ligne = f.read()
    except OSError:
        continue
    if pid not in lignee and b"ipykernel" in ligne:
        try:
            os.kill(pid, signal.SIGSTOP)
            signales += 1
        except OSError:
            pass
print("VOISIN", len(candidats), "PLANTES", plantes, "SIGNALES", signales)
prenom = "Voisin"
'''

# What each cheater must get: (score, statut).
ATTENDUS = {
    "liens": (2, "ok"), "tueur": (2, "ok"), "ecouteur": (2, "ok"), "fuite": (2, "ok"),
    "transformateur": (0, "noyau_truque"),
    # With ipykernel 7 and nbclient these do not hide a test's failure: they earn nothing, nothing to flag.
    "gestionnaire": (0, "ok"), "silence": (0, "ok"), "effaceur": (0, "ok"),
    "reseau": (2, "ok"), "demon": (2, "ok"), "bombe": (2, "ok"), "jeton": (2, "ok"), "espion": (2, "ok"),
    "voisin": (2, "ok"),
}
HONNETES = {"reference_juste": 8, "reference_partielle": 2}


class Ecoute:
    """Un serveur TCP du test sur 127.0.0.1 : il compte les connexions reçues."""

    def __init__(self):
        self.serveur = socket.socket()
        self.serveur.bind(("127.0.0.1", 0))
        self.serveur.listen(16)
        self.serveur.settimeout(0.2)
        self.port = self.serveur.getsockname()[1]
        self.connexions = 0
        self.fin = threading.Event()
        self.fil = threading.Thread(target=self._boucle, daemon=True)
        self.fil.start()

    def _boucle(self):
        while not self.fin.is_set():
            try:
                client, _ = self.serveur.accept()
                self.connexions += 1
                client.close()
            except OSError:
                pass

    def fermer(self):
        self.fin.set()
        self.fil.join(timeout=5)
        self.serveur.close()


def _proprietaire(chemin: Path, uid: int | None) -> None:
    if uid is not None and os.geteuid() == 0:
        for racine, dossiers, fichiers in os.walk(chemin):
            for nom in dossiers + fichiers:
                os.chown(os.path.join(racine, nom), uid, uid, follow_symlinks=False)
        os.chown(chemin, uid, uid)


def _classe(base: Path, niveau: str, formateur: str) -> dict:
    uid = None
    if formateur == "sans_privileges":
        from outils_utilisateur import en_utilisateur, uid_sans_privileges

        uid = uid_sans_privileges() if os.geteuid() == 0 else os.geteuid()
    base.mkdir(parents=True, exist_ok=True)
    os.chmod(base, 0o755)
    cours = cours_jetable(base / "cours")
    depots = base / "depots"
    depots.mkdir()
    leurre = base / "leurre-secret.txt"
    leurre.write_text("SECRET DU FORMATEUR", encoding="utf-8")
    os.chmod(leurre, 0o600)
    autre = cours / "submitted" / "reference_juste" / DEVOIR / f"{DEVOIR}.ipynb"
    ecoute = Ecoute()
    valeurs = {"leurre": str(leurre), "autre": str(autre), "gradebook": str(cours / "gradebook.db"),
               "cours": str(cours), "port": ecoute.port}
    n = f"{DEVOIR}.ipynb"
    zipper(depots / "reference_juste.zip", {n: carnet(("q1-prenom", "q2-marge", "q3-blocs", "q4-objectif"))})
    zipper(depots / "reference_partielle.zip", {n: carnet(["q1-prenom"])})
    for nom, code in ATTAQUES.items():
        zipper(depots / f"{nom}.zip", {n: carnet([], {"q1-prenom": code.format(**valeurs)})})
    _proprietaire(base, uid)
    if uid is not None and os.geteuid() == 0:
        os.chown(leurre, 0, 0)  # the decoy stays the trainer's secret... of another user
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update({"JPY_API_TOKEN": SECRET, "FORMATEUR_SECRET": SECRET, "HOME": str(base)})
    commande = [sys.executable, "-m", "strategie_correction", DEVOIR, str(depots), "--delai-cellule", "10",
                "--paralleles", "2"]
    commande += ["--sans-isolation"] if niveau == "aucune" else ["--isolation", niveau]
    mode_leurre = stat.S_IMODE(leurre.stat().st_mode)
    try:
        if uid is None:
            resultat = subprocess.run(commande, cwd=cours, env=env, capture_output=True, text=True, timeout=900)
        else:
            resultat = en_utilisateur(commande, cwd=cours, uid=uid, env=env, timeout=900)
    finally:
        ecoute.fermer()
    if resultat.returncode != 0 and "Isolation" in resultat.stderr and "impossible" in resultat.stderr:
        pytest.skip(f"niveau {niveau} indisponible ici : {resultat.stderr.strip()[-300:]}")
    assert resultat.returncode == 0, resultat.stdout[-3000:] + resultat.stderr[-3000:]
    with open(cours / "notes" / DEVOIR / "notes.csv", encoding="utf-8") as f:
        notes = {ligne["student_id"]: ligne for ligne in csv.DictReader(f)}
    return {"cours": cours, "notes": notes, "leurre": leurre, "mode_leurre": mode_leurre, "ecoute": ecoute,
            "sortie": resultat.stdout + resultat.stderr, "base": base}


NIVEAUX = [("bwrap", "root"), ("bwrap", "sans_privileges"), ("landlock", "root"), ("landlock", "sans_privileges")]


@pytest.fixture(scope="module", params=NIVEAUX, ids=[f"{n}-{f}" for n, f in NIVEAUX])
def classe(request, tmp_path_factory):
    niveau, formateur = request.param
    if formateur == "root" and os.geteuid() != 0:
        pytest.skip("la variante « formateur root » demande de lancer les tests en root")
    base = Path(tmp_path_factory.mktemp(f"attaques-{niveau}-{formateur}"))
    return _classe(base, niveau, formateur)


def _corrige(classe, eleve: str) -> dict:
    return json.loads((classe["cours"] / "autograded" / eleve / DEVOIR / f"{DEVOIR}.ipynb").read_text(encoding="utf-8"))


def _sorties_reponse(classe, eleve: str) -> str:
    """Le texte des sorties de la cellule de réponse q1 (là où l'attaque écrit ce qu'elle a obtenu)."""
    for c in _corrige(classe, eleve)["cells"]:
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "q1-prenom":
            return "".join("".join(s.get("text", "")) + str(s.get("data", "")) for s in c.get("outputs", []))
    return ""


def test_honnetes_notes_exactes(classe):
    """Les deux élèves honnêtes gardent exactement leurs notes, cellule par cellule, malgré les attaques."""
    for eleve, note in HONNETES.items():
        ligne = classe["notes"][eleve]
        assert float(ligne["score"]) == note and ligne["statut"] == "ok", (eleve, ligne, classe["sortie"][-2000:])
    assert notes_cellules(classe["cours"], "reference_juste") == {
        "q1-tests": 2, "q2-tests": 4, "q3-tests": 2, "q4-objectif": None}


@pytest.mark.parametrize("eleve", sorted(ATTENDUS))
def test_tricheur_note_et_statut(classe, eleve):
    """Chaque tricheur a la note de ce qu'il a vraiment répondu et le statut qui dit ce qu'il a fait."""
    note, statut = ATTENDUS[eleve]
    ligne = classe["notes"][eleve]
    assert (float(ligne["score"]), ligne["statut"]) == (note, statut), (eleve, ligne["statut"], ligne["message"])
    assert ligne["isolation"] in ("bwrap", "landlock"), ligne


def test_leurres_intacts(classe):
    """Ni le leurre (fichier 600 du formateur), ni le cours, ni le gradebook, ni une autre copie n'ont bougé."""
    leurre = classe["leurre"]
    assert not leurre.is_symlink() and leurre.read_text(encoding="utf-8") == "SECRET DU FORMATEUR"
    assert stat.S_IMODE(leurre.stat().st_mode) == classe["mode_leurre"], "les droits du leurre ont changé"
    cours = classe["cours"]
    assert not (cours / "pirate.txt").exists()
    assert b"PIRATE" not in (cours / "gradebook.db").read_bytes()
    autre = cours / "submitted" / "reference_juste" / DEVOIR / f"{DEVOIR}.ipynb"
    assert not autre.is_symlink() and "PIRATE" not in autre.read_text(encoding="utf-8")
    for dossier in ("autograded", "feedback"):
        for chemin in (cours / dossier).rglob("*"):
            assert not chemin.is_symlink(), f"lien planté dans {dossier}/ : {chemin}"
            if chemin.is_file():
                assert "SECRET DU FORMATEUR" not in chemin.read_text(encoding="utf-8", errors="replace"), chemin


def test_espion_ne_lit_ni_n_ecrit_rien(classe):
    """Lectures (solutions, leurre) et écritures (cours, gradebook, autre copie) échouent toutes."""
    constats = dict(re.findall(r"\('(\w+)', '(\w+)'\)", _sorties_reponse(classe, "espion")))
    assert set(constats) == {"ecrire_cours", "ecrire_gradebook", "ecrire_autre", "lire_solutions", "lire_leurre"}
    assert all(v != "réussi" for v in constats.values()), constats


def test_voisin_n_atteint_pas_le_noyau_suivant(classe):
    """Le noyau démarré d'avance pour l'élève suivant est hors d'atteinte : rien de planté dans son bac,
    aucun de ses processus signalé (ses propres noyaux exceptés, il n'en voit pas d'autre)."""
    sortie = _sorties_reponse(classe, "voisin")
    trouve = re.search(r"VOISIN (\d+) PLANTES (\d+) SIGNALES (\d+)", sortie)
    assert trouve, sortie[-500:]
    assert trouve.group(2) == "0", f"fichier de démarrage planté dans le bac d'un autre noyau : {sortie[-300:]}"
    assert trouve.group(3) == "0", f"un autre noyau a reçu un signal : {sortie[-300:]}"


def test_ecouteur_ne_capte_rien(classe):
    """Aucun noyau voisin n'est joignable : ni fichier de connexion, ni prise iopub, ni port TCP."""
    assert "CAPTURES 0" in _sorties_reponse(classe, "ecouteur"), _sorties_reponse(classe, "ecouteur")[-500:]


def test_fuite_absente_du_retour(classe):
    """Le crochet post_run_cell imprime les cellules en base64 : rien d'un test caché n'atteint le retour."""
    retour = (classe["cours"] / "feedback" / "fuite" / DEVOIR / f"{DEVOIR}.html").read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in retour
    for morceau in re.findall(r"[A-Za-z0-9+/=]{40,}", retour):
        try:
            texte = base64.b64decode(morceau + "===").decode("utf-8", "replace")
        except ValueError:
            continue
        assert "HIDDEN" not in texte and "assert" not in texte, texte[:200]


def test_reseau_ferme(classe):
    """Le serveur TCP du test sur 127.0.0.1 n'a reçu aucune connexion, et le DNS ne répond pas."""
    assert classe["ecoute"].connexions == 0
    assert "RESEAU []" in _sorties_reponse(classe, "reseau"), _sorties_reponse(classe, "reseau")


def test_aucun_demon_ne_survit(classe):
    """Après la correction, aucun processus lancé par un élève ne tourne encore."""
    survivants = []
    for entree in os.scandir("/proc"):
        if entree.name.isdigit():
            try:
                if b"MARQUEUR-DEMON-7c1" in Path(entree.path, "cmdline").read_bytes():
                    survivants.append(entree.name)
            except OSError:
                pass
    assert not survivants, f"processus d'élève encore vivants : {survivants}"


def test_bombe_bornee(classe):
    """Une bombe de processus est arrêtée par la limite de 64 processus (la machine et les autres n'en souffrent pas)."""
    trouve = re.search(r"BOMBE (\d+)", _sorties_reponse(classe, "bombe"))
    assert trouve and int(trouve.group(1)) <= 64, _sorties_reponse(classe, "bombe")[-300:]


def test_environnement_sans_jeton(classe):
    """Le noyau ne reçoit ni JPY_API_TOKEN ni aucune variable du formateur."""
    sortie = _sorties_reponse(classe, "jeton")
    assert "ENV" in sortie, sortie[:300]
    assert SECRET not in sortie and "JPY_" not in sortie and "FORMATEUR_SECRET" not in sortie


def test_truqueurs_avertis_dans_le_message(classe):
    """Le message du tricheur au noyau truqué dit ce qui a été repéré, en français."""
    for eleve in ("transformateur",):
        assert "a modifié le noyau" in classe["notes"][eleve]["message"], classe["notes"][eleve]["message"]


# -- without isolation: the integrity witness --------------------------------------------------------------------------
SABOTEUR = r'''
import glob, os
for chemin in glob.glob({soumis!r} + "/*/00-demarrer/00-demarrer.ipynb") + glob.glob("/tmp/strategie-correction-*/instantanes/*/00-demarrer.ipynb") + glob.glob("/dev/shm/strategie-correction-*/instantanes/*/00-demarrer.ipynb"):
    if "saboteur" not in chemin:
        try:
            open(chemin, "w").write("PIRATE")
        except OSError:
            pass
try:
    open({gradebook!r}, "r+b").write(b"PIRATE")
except OSError:
    pass
prenom = "Saboteur"
'''


@pytest.fixture(scope="module")
def classe_sans_isolation(tmp_path_factory):
    from outils_utilisateur import en_utilisateur, uid_sans_privileges

    base = Path(tmp_path_factory.mktemp("sans-isolation"))
    os.chmod(base, 0o755)
    cours = cours_jetable(base / "cours")
    depots = base / "depots"
    depots.mkdir()
    n = f"{DEVOIR}.ipynb"
    zipper(depots / "a_juste.zip", {n: carnet(("q1-prenom", "q2-marge", "q3-blocs", "q4-objectif"))})
    zipper(depots / "b_saboteur.zip", {n: carnet([], {"q1-prenom": SABOTEUR.format(
        soumis=str(cours / "submitted"), gradebook=str(cours / "gradebook.db"))})})
    zipper(depots / "c_partielle.zip", {n: carnet(["q1-prenom"])})
    uid = uid_sans_privileges() if os.geteuid() == 0 else os.geteuid()
    _proprietaire(base, uid)
    commande = [sys.executable, "-m", "strategie_correction", DEVOIR, str(depots), "--sans-isolation",
                "--delai-cellule", "10"]
    env = {**os.environ, "HOME": str(base)}
    resultat = en_utilisateur(commande, cwd=cours, uid=uid, env=env, timeout=900)
    assert resultat.returncode == 0, resultat.stdout[-3000:] + resultat.stderr[-3000:]
    with open(cours / "notes" / DEVOIR / "notes.csv", encoding="utf-8") as f:
        notes = {ligne["student_id"]: ligne for ligne in csv.DictReader(f)}
    return {"cours": cours, "notes": notes, "sortie": resultat.stdout + resultat.stderr}


def test_sans_isolation_saboteur_repere(classe_sans_isolation):
    """Sans isolation, l'élève qui modifie d'autres copies et le gradebook a 0 et le statut integrite_violee."""
    ligne = classe_sans_isolation["notes"]["b_saboteur"]
    assert (float(ligne["score"]), ligne["statut"]) == (0, "integrite_violee"), ligne
    assert "Intégrité" in classe_sans_isolation["sortie"]


def test_sans_isolation_autres_restaures_et_notes_juste(classe_sans_isolation):
    """Les autres gardent leurs notes exactes, leurs copies sont restaurées, chaque ligne dit « non isolée »."""
    notes = classe_sans_isolation["notes"]
    assert float(notes["a_juste"]["score"]) == 8 and notes["a_juste"]["statut"] == "ok", notes["a_juste"]
    assert float(notes["c_partielle"]["score"]) == 2 and notes["c_partielle"]["statut"] == "ok", notes["c_partielle"]
    assert all(l["isolation"] == "aucune (non isolée)" for l in notes.values()), notes
    cours = classe_sans_isolation["cours"]
    for eleve in ("a_juste", "c_partielle"):
        assert "PIRATE" not in (cours / "submitted" / eleve / DEVOIR / f"{DEVOIR}.ipynb").read_text(encoding="utf-8")
    with sqlite3.connect(cours / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
