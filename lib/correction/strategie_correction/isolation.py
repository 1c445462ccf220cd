"""Le niveau d'isolation du code des élèves : choisi, vérifié et annoncé à chaque correction.

Trois niveaux, du plus sûr au moins sûr (voir docs/formateur.md, « Isolation ») :

``bwrap``     bubblewrap (paquet Debian ``bubblewrap``) : espaces de noms Linux
              (utilisateur, PID, réseau, IPC, montage) ; système en lecture
              seule ; seule la copie de travail de l'élève est inscriptible ;
              rien du cours n'est visible ; pas de réseau ; tous les processus
              de l'élève meurent avec son noyau.
``landlock``  là où les espaces de noms sont interdits (profil seccomp par
              défaut de Docker…) : Landlock borne lecture et écriture, ferme
              TCP et les signaux hors du domaine ; seccomp ferme les autres
              familles de prises ; processus de l'élève tués après sa copie.
``aucune``    seulement avec ``--sans-isolation`` : limites de ressources et
              environnement propre ; une soumission à la fois ; chaque ligne
              de notes.csv est marquée non isolée.

Lancée en root, la correction fait tourner chaque noyau sous un identifiant
numérique sans privilèges réservé à son atelier (jamais de code d'élève en
root). Quand aucun niveau n'est possible, la correction refuse, en disant
quoi installer.
"""

from __future__ import annotations

import grp
import importlib.util
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PREMIER_UID = 64200
UIDS_PAR_ATELIER = 2   # one grades a learner while the other starts the next learner's kernel
NIVEAUX = ("bwrap", "landlock", "aucune")
LANCEUR = str(Path(__file__).with_name("lanceur.py"))
_TEMPORAIRES = ("/tmp", "/var/tmp", "/dev/shm")

INSTALLER_BWRAP = (
    "installez bubblewrap (Debian/Ubuntu : sudo apt-get install bubblewrap ; Fedora : sudo dnf install "
    "bubblewrap) et autorisez les espaces de noms utilisateur (sysctl kernel.unprivileged_userns_clone=1, "
    "ou dans Docker : --security-opt seccomp=unconfined)"
)


class ErreurIsolation(RuntimeError):
    """Aucune isolation possible ici (ou pas celle demandée) : le message dit pourquoi et quoi faire."""


@dataclass
class Isolation:
    niveau: str                                     # "bwrap", "landlock" ou "aucune"
    uids: list[int] = field(default_factory=list)   # en root : deux identifiants sans privilèges par atelier
    raison: str = ""                                # pourquoi pas un niveau plus sûr
    bwrap: str | None = None

    def uid(self, atelier: int, rang: int = 0) -> int | None:
        return self.uids[UIDS_PAR_ATELIER * atelier + rang] if self.uids else None

    def uids_atelier(self, atelier: int) -> list[int]:
        """Les uids d'un atelier (vide hors root) : l'un note, l'autre démarre le noyau suivant."""
        return self.uids[UIDS_PAR_ATELIER * atelier:UIDS_PAR_ATELIER * (atelier + 1)]

    @property
    def noyau_d_avance(self) -> bool:
        """Vrai si le noyau de l'élève suivant peut démarrer pendant qu'un élève est noté.

        Sûr quand le code de l'élève en cours ne peut atteindre ce noyau : espaces de noms propres à
        chaque noyau (bwrap), ou un autre uid que le sien (Landlock en root). Pas sous Landlock avec
        l'uid du formateur, ni sans isolation.
        """
        return self.niveau == "bwrap" or (self.niveau == "landlock" and bool(self.uids))

    @property
    def isolee(self) -> bool:
        return self.niveau != "aucune"

    def description(self, *, delai_cellule: float, delai_total: float, memoire_mo: int, sortie_ko: int) -> str:
        limites = (
            f"{delai_cellule:g} s par cellule, {delai_total:g} s par soumission, {memoire_mo} Mo de mémoire, "
            f"{sortie_ko} Ko de sortie par cellule, 64 processus"
        )
        qui = (f"sous des utilisateurs sans privilèges propres à chaque atelier (uid {self.uids[0]}–{self.uids[-1]})"
               if self.uids else "sous l'utilisateur du formateur")
        if self.niveau == "bwrap":
            texte = (
                f"bwrap (espaces de noms Linux) {qui} : pas de réseau, processus isolés, système en lecture "
                "seule, seule la copie de travail de l'élève est inscriptible, rien du cours n'est visible"
            )
        elif self.niveau == "landlock":
            texte = (
                f"landlock (Landlock et seccomp, sans espaces de noms : {self.raison}) {qui} : lecture limitée "
                "à Python et à la bibliothèque, écriture limitée à la copie de travail, pas de réseau, pas de "
                "signal hors de la copie"
            )
        else:
            texte = (
                f"AUCUNE ({self.raison}) : code des élèves exécuté {qui}, une soumission à la fois, avec "
                "seulement un environnement propre et des limites ; il pourrait lire et modifier ce que cet "
                "utilisateur peut lire et modifier"
            )
        return f"{texte} ; limites : {limites}."


def dossier_de_travail() -> Path:
    """Où mettre les fichiers privés d'une correction : /dev/shm (mémoire, sans fsync) s'il est utilisable.

    Les gradebooks privés des ateliers y écrivent à chaque soumission : sur disque, chaque
    transaction attend le disque.
    """
    memoire = Path("/dev/shm")
    if memoire.is_dir() and not memoire.is_symlink() and os.access(memoire, os.W_OK | os.X_OK) \
            and os.stat(memoire).st_mode & 0o1000:
        return memoire
    return Path(tempfile.gettempdir())


# -- uids ------------------------------------------------------------------------------------------------
# Lock files held for the life of this process: two gradings running at once (two trainers,
# two test workers) must never share a uid, since cleaning up kills every process of the uid.
_RESERVATIONS: dict[int, object] = {}


def _reserver_uid(uid: int, prefixe: str = "strategie-correction") -> bool:
    import fcntl

    if uid in _RESERVATIONS:
        return True
    chemin = Path(tempfile.gettempdir()) / f"{prefixe}-uid-{uid}.verrou"
    try:
        descripteur = os.open(chemin, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError:
        return False
    try:
        fcntl.flock(descripteur, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descripteur)
        return False
    _RESERVATIONS[uid] = descripteur
    return True


def _uids_occupes() -> set[int]:
    occupes = {p.pw_uid for p in pwd.getpwall()} | {g.gr_gid for g in grp.getgrall()}
    try:
        for entree in os.scandir("/proc"):
            if entree.name.isdigit():
                try:
                    occupes.add(entree.stat().st_uid)
                except OSError:
                    pass
    except OSError:
        pass
    return occupes


def reserver_uids(nombre: int, *, premier: int = PREMIER_UID, dernier: int = 65000,
                  prefixe: str = "strategie-correction", neufs: bool = False) -> list[int]:
    """``nombre`` uids libres (sans compte, groupe ni processus), réservés par verrou pour la vie du processus.

    ``neufs`` : jamais un uid que ce processus a déjà réservé (sinon il est repris).
    """
    occupes = _uids_occupes()
    uids, candidat = [], premier
    while len(uids) < nombre and candidat < dernier:
        if candidat not in occupes and not (neufs and candidat in _RESERVATIONS) and _reserver_uid(candidat, prefixe):
            uids.append(candidat)
        candidat += 1
    if len(uids) < nombre:
        raise ErreurIsolation(f"aucun identifiant d'utilisateur libre entre {premier} et {dernier}")
    return uids


# -- what a kernel needs -----------------------------------------------------------------------------------
def _dans(chemin: str, dossier: str) -> bool:
    return chemin == dossier or chemin.startswith(dossier.rstrip("/") + "/")


def lecture_necessaire() -> list[str]:
    """Ce que le noyau d'un élève doit lire : Python, l'environnement, la bibliothèque du cours.

    Seulement le dossier du paquet ``strategie`` (pas lib/, ni le cours, ni l'outil de correction).
    """
    chemins = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)}
    spec = importlib.util.find_spec("strategie")
    if spec is not None and spec.origin:
        chemins.add(os.path.realpath(os.path.dirname(spec.origin)))
    chemins.discard("/")
    return sorted(c for c in chemins if not any(c != autre and _dans(c, autre) for autre in chemins))


def lister_necessaire(lecture: list[str]) -> list[str]:
    """Les dossiers de ``sys.path`` parents d'un chemin lu (lib/ d'une installation éditable) : l'importation
    doit pouvoir en lister les noms, sans en lire les fichiers (niveau landlock)."""
    dossiers = set()
    for entree in sys.path:
        if entree and os.path.isdir(entree):
            reel = os.path.realpath(entree)
            if any(_dans(l, reel) and l != reel for l in lecture) and not any(_dans(reel, l) for l in lecture):
                dossiers.add(reel)
    return sorted(dossiers)


# Variables a kernel may receive, and only with a plain value: nothing of the trainer's session.
_PERMISES = {
    "LANG": r"[A-Za-z0-9_.@-]{1,40}", "LC_ALL": r"[A-Za-z0-9_.@-]{1,40}", "TZ": r"[A-Za-z0-9_/+:-]{1,60}",
    # Older OpenBLAS builds give wrong results on some processors without these.
    "OPENBLAS_CORETYPE": r"[A-Za-z0-9_]{1,40}", "OPENBLAS_L2_SIZE": r"[0-9]{1,12}",
}


def environnement_noyau() -> dict[str, str]:
    """La liste blanche des variables du noyau (sans ``JPY_*``, jetons ni variables du formateur)."""
    env = {
        "PATH": os.pathsep.join([os.path.join(sys.prefix, "bin"), "/usr/local/bin", "/usr/bin", "/bin"]),
        "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1",
        # One thread per numeric library: parallel grading already fills the cores.
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        # The memory limit caps address space: glibc reserves 64 MB per thread arena, and the kernel's
        # 14 threads reserved 0.9 GB they never used (a 15-valeur-client solution hit 2 GB).
        "MALLOC_ARENA_MAX": "2",
        "NBGRADER_EXECUTION": "autograde",
    }
    for nom, motif in _PERMISES.items():
        valeur = os.environ.get(nom)
        if valeur and re.fullmatch(motif, valeur):
            env[nom] = valeur
    return env


def reglages_noyau(isolation: Isolation, atelier: int, *, travail: Path, prises: Path, relais: Path,
                   memoire: int | None, fichier_max: int | None, processus: int | None) -> dict:
    """Les réglages du lanceur (lanceur.py) pour un noyau de l'atelier ``atelier``."""
    return {
        "niveau": isolation.niveau, "uid": isolation.uid(atelier), "bwrap": isolation.bwrap,
        "travail": str(travail), "prises": str(prises), "relais": str(relais),
        "lecture": lecture_necessaire(), "lister": lister_necessaire(lecture_necessaire()),
        "environnement": environnement_noyau(),
        "memoire": memoire, "fichier_max": fichier_max, "processus": processus,
    }


# -- probing -------------------------------------------------------------------------------------------------
_SONDE = r"""
import os, socket, sys
for chemin in {paquets!r}:
    open(chemin, "rb").close()
for interdit in {interdits!r}:
    try:
        os.listdir(interdit) if os.path.isdir(interdit) else open(interdit, "rb").close()
    except OSError:
        continue
    sys.exit("le cours reste lisible : " + interdit)
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=2).close()
    sys.exit("le réseau reste ouvert")
except OSError:
    pass
"""


def sonder(isolation: Isolation, temoin: str | None = None) -> str | None:
    """None si un noyau démarre à ce niveau et n'y voit ni le cours ni le réseau ; sinon la raison."""
    import socket

    paquets = [importlib.util.find_spec("ipykernel").origin]
    spec = importlib.util.find_spec("strategie")
    if spec is not None and spec.origin:
        paquets.append(spec.origin)
    ecoute = socket.socket()
    ecoute.bind(("127.0.0.1", 0))
    ecoute.listen(1)
    code = _SONDE.format(paquets=paquets, interdits=[temoin] if temoin and isolation.isolee else [],
                         port=ecoute.getsockname()[1] if isolation.isolee else 9)
    base = Path(tempfile.mkdtemp(prefix="strategie-sonde-"))
    try:
        os.chmod(base, 0o711)
        for nom in ("travail", "prises"):
            (base / nom).mkdir()
        reglages = reglages_noyau(isolation, 0, travail=base / "travail", prises=base / "prises",
                                  relais=base / "relais", memoire=None, fichier_max=None, processus=None)
        commande = [sys.executable, "-I", "-S", "-c", code]
        try:
            resultat = subprocess.run(
                [sys.executable, "-I", "-S", LANCEUR, json.dumps(reglages), "--", *commande],
                capture_output=True, text=True, timeout=60, cwd=str(base),
            )
        except (OSError, subprocess.SubprocessError) as exc:
            return f"le lanceur n'a pas pu démarrer ({exc})"
    finally:
        ecoute.close()
        shutil.rmtree(base, ignore_errors=True)
        nettoyer(isolation.uid(0))
    if resultat.returncode != 0:
        derniere = (resultat.stderr.strip().splitlines() or ["erreur inconnue"])[-1]
        return derniere[:300]
    return None


def _bwrap_indisponible() -> tuple[str | None, str | None]:
    chemin = shutil.which("bwrap") or next((c for c in ("/usr/bin/bwrap", "/usr/local/bin/bwrap") if os.path.exists(c)), None)
    if chemin is None:
        return None, "bubblewrap (bwrap) n'est pas installé"
    return chemin, None


def _landlock_indisponible() -> str | None:
    sys.path.insert(0, os.path.dirname(__file__))
    try:
        from strategie_correction import landlock
    except ImportError:
        return "le module Landlock du correcteur est absent"
    return landlock.indisponible()


def _espace_de_montage_possible() -> bool:
    """(root) Vrai si un processus peut avoir son propre espace de noms de montage (refusé dans un conteneur Docker ordinaire)."""
    import ctypes

    from strategie_correction.lanceur import _CLONE_NEWNS

    pid = os.fork()
    if pid == 0:
        os._exit(0 if ctypes.CDLL(None, use_errno=True).unshare(_CLONE_NEWNS) == 0 else 1)
    _, statut = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(statut) == 0


def _injoignable_sans_privileges() -> str | None:
    """(root, sans bubblewrap) La raison pour laquelle un uid sans droits ne pourrait pas lire Python.

    Un dossier fermé au-dessus de Python (/root, un ``mktemp -d``) est rouvert, pour le seul noyau,
    dans un espace de noms de montage (lanceur.ouvrir) ; sans cet espace, rien à faire.
    """
    if os.geteuid() != 0:
        return None
    from strategie_correction.lanceur import traversable_par_autres

    fermes = [c for c in lecture_necessaire() if not traversable_par_autres(c)]
    if not fermes or _espace_de_montage_possible():
        return None
    return (
        f"en root, le code des élèves tourne sous un utilisateur sans privilèges, qui ne peut pas lire "
        f"{fermes[0]} (sous un dossier fermé, mode 700) : installez l'environnement Python du cours hors d'un tel "
        "dossier, ou lancez la correction sans root"
    )


def detecter(demande: str = "auto", ateliers: int = 1, cours: Path | None = None) -> Isolation:
    """Le niveau le plus sûr possible ici (``demande`` : auto, bwrap, landlock ou aucune).

    Lève :class:`ErreurIsolation` (message en français) si le niveau demandé, ou en ``auto``
    tout niveau isolé, est impossible.
    """
    if demande not in ("auto", *NIVEAUX):
        raise ErreurIsolation(f"--isolation vaut « {demande} » ; choisissez auto, bwrap ou landlock.")
    if sys.platform != "linux":
        if demande == "aucune":
            return Isolation("aucune", raison=f"système {sys.platform}")
        raise ErreurIsolation(
            f"Aucune isolation possible sur {sys.platform} : la correction isole le code des élèves avec "
            "Linux (bubblewrap ou Landlock). Corrigez sur une machine Linux (ou une machine virtuelle, ou le "
            "JupyterHub du cours), ou relancez avec --sans-isolation pour des soumissions de confiance."
        )
    uids = reserver_uids(UIDS_PAR_ATELIER * ateliers) if os.geteuid() == 0 else []
    temoin = None
    if cours is not None:
        necessaire = lecture_necessaire()
        temoin = next((str(p) for p in sorted(Path(cours).iterdir())
                       if not any(_dans(os.path.realpath(p), n) or _dans(n, os.path.realpath(p)) for n in necessaire)),
                      None)
    raisons = []
    if demande in ("auto", "bwrap"):
        chemin, raison = _bwrap_indisponible()
        if raison is None:
            isolation = Isolation("bwrap", uids, bwrap=chemin)
            raison = sonder(isolation, temoin)
            if raison is None:
                return isolation
        raisons.append(f"bwrap : {raison}")
        if demande == "bwrap":
            raise ErreurIsolation(f"Isolation bwrap impossible : {raison}. Pour l'obtenir, {INSTALLER_BWRAP}.")
    if demande in ("auto", "landlock"):
        raison = _landlock_indisponible() or _injoignable_sans_privileges()
        if raison is None:
            isolation = Isolation("landlock", uids, raison="; ".join(raisons) or "demandé")
            raison = sonder(isolation, temoin)
            if raison is None:
                return isolation
        raisons.append(f"landlock : {raison}")
        if demande == "landlock":
            raise ErreurIsolation(f"Isolation landlock impossible : {raison}.")
    if demande == "aucune":
        isolation = Isolation("aucune", uids, raison="demandé avec --sans-isolation")
        raison = _injoignable_sans_privileges() or sonder(isolation)
        if raison is not None:
            raise ErreurIsolation(
                f"Même sans isolation, le code des élèves ne peut pas tourner ici : {raison}. En root, il tourne "
                "sous un utilisateur sans privilèges, qui doit pouvoir lire l'environnement Python : placez le "
                "cours et son .venv hors d'un dossier fermé (mode 700), ou lancez la correction sans sudo."
            )
        return isolation
    raise ErreurIsolation(
        "Aucune isolation du code des élèves n'est possible ici, la correction est refusée ("
        + " ; ".join(raisons) + f"). Pour isoler, {INSTALLER_BWRAP}. Pour corriger quand même des soumissions "
        "de confiance, relancez avec --sans-isolation : une soumission à la fois, et chaque note marquée non isolée."
    )


# -- cleaning up ----------------------------------------------------------------------------------------------
def nettoyer(uid: int | None) -> None:
    """(root) Tue tous les processus de ``uid`` et efface ses fichiers temporaires."""
    if uid is None or os.geteuid() != 0:
        return
    # kill(-1) from a process running as ``uid`` reaches exactly that uid's processes.
    try:
        subprocess.run(
            [sys.executable, "-I", "-S", "-c",
             "import os, signal\ntry:\n    os.kill(-1, signal.SIGKILL)\nexcept OSError:\n    pass"],
            user=uid, group=uid, extra_groups=[], cwd="/", timeout=30, env={},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        pass
    for base in _TEMPORAIRES:
        try:
            entrees = list(os.scandir(base))
        except OSError:
            continue
        for entree in entrees:
            try:
                if entree.stat(follow_symlinks=False).st_uid != uid:
                    continue
                if entree.is_dir(follow_symlinks=False):
                    shutil.rmtree(entree.path, ignore_errors=True)
                else:
                    os.unlink(entree.path)
            except OSError:
                pass


_PR_SET_CHILD_SUBREAPER = 36


def devenir_faucheur() -> None:
    """Ce processus recueille les orphelins de ses descendants (un démon d'élève reste à sa portée)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def tuer_descendants(epargne: set[int] | frozenset[int] = frozenset()) -> int:
    """Tue tous les processus enfants de ce processus (et ceux qui lui reviennent), sauf ``epargne`` ; renvoie leur nombre."""
    tues = 0
    moi = os.getpid()
    for _ in range(50):
        enfants = []
        try:
            for entree in os.scandir("/proc"):
                if not entree.name.isdigit():
                    continue
                try:
                    with open(f"/proc/{entree.name}/stat", "rb") as f:
                        champs = f.read().rsplit(b")", 1)[1].split()
                    if int(champs[1]) == moi and int(entree.name) not in epargne:
                        enfants.append(int(entree.name))
                except (OSError, IndexError, ValueError):
                    pass
        except OSError:
            return tues
        if not enfants:
            return tues
        for pid in enfants:
            try:
                os.kill(pid, signal.SIGKILL)
                tues += 1
            except OSError:
                pass
        for pid in enfants:
            try:
                os.waitpid(pid, 0)
            except (ChildProcessError, OSError):
                pass
    return tues
