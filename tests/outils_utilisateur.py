"""Lancer une commande sous un utilisateur sans privilèges, même depuis un clone qu'il ne peut pas traverser.

    uid = uid_sans_privileges()
    donner(dossier, uid)
    resultat = en_utilisateur(["make", "exercises"], cwd=dossier, uid=uid, timeout=60)

Non-root, the command simply runs as the current user. As root (CI), the clone usually
sits in a ``mktemp -d`` directory (mode 0700) and the interpreter under /root (0700): an
unprivileged uid could not reach the repository, its .venv or Python. The command then
runs in a private mount namespace (``unshare --mount --propagation private``) where every
such closed ancestor is covered by a tmpfs of mode 0711 holding only the entries that lead
to the paths needed, bound back from the real tree: the same absolute paths stay valid
(the venv's editable installs and shebangs use them) and no real directory changes mode.
It then drops to the uid (``setpriv --reuid --regid --clear-groups``) with a fresh HOME
owned by that uid (TMPDIR inside it, unless given) and, if the uid has no account, one in
the namespace's /etc/passwd only. The mounts vanish with the namespace; the temporary directories are
removed and the uid's leftover processes killed once the command is over.

Standard library only: this file is also run as the script that prepares the namespace.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent

# The grading tool reserves 64200-65000 for its confined users: stay below it.
PREMIER_UID, DERNIER_UID = 64000, 64200

_EN_COURS: dict[int, int] = {}  # uid -> commands still running under it


# -- uids ------------------------------------------------------------------------------------------
def uid_sans_privileges() -> int:
    """Un uid numérique libre (aucun compte à créer), réservé pour la vie de ce processus.

    Libre : ni compte ni groupe de ce numéro, aucun processus à lui, et pas réservé par un autre
    processus (fichier verrou ``strategie-tests-uid-N.verrou`` du dossier temporaire, tenu par
    ``flock`` : deux workers pytest n'ont jamais le même). Chaque appel en réserve un nouveau.
    Sans root, on ne peut lancer que sous son propre uid : c'est lui qui est renvoyé.
    """
    if os.geteuid() != 0:
        return os.getuid()
    # The grader's own reservation, on the tests' range (imported here: this file also runs as a bare script).
    from strategie_correction.isolation import reserver_uids

    return reserver_uids(1, premier=PREMIER_UID, dernier=DERNIER_UID, prefixe="strategie-tests", neufs=True)[0]


def donner(chemin: Path, uid: int) -> None:
    """Donne ``chemin`` et tout son contenu à ``uid`` (groupe du même numéro) ; rien à faire sans root."""
    if os.geteuid() != 0:
        return
    os.lchown(chemin, uid, uid)
    for racine, dossiers, fichiers in os.walk(chemin):
        for nom in dossiers + fichiers:
            os.lchown(os.path.join(racine, nom), uid, uid)


# -- what has to be reachable ------------------------------------------------------------------------
def _traversable(dossier: str, uid: int) -> bool:
    etat = os.stat(dossier)
    return bool(etat.st_mode & stat.S_IXOTH) or etat.st_uid == uid or etat.st_gid == uid


def ancetres_fermes(chemins: list[str], uid: int) -> list[tuple[str, list[str]]]:
    """[(dossier que ``uid`` ne peut pas traverser, [entrées à garder dedans])], du moins profond au plus profond."""
    from strategie_correction.lanceur import dossiers_fermes

    return dossiers_fermes(chemins, lambda dossier, mode: _traversable(dossier, uid))


# -- inside the namespace (root, run as a script) ----------------------------------------------------
def _monter(*arguments: str) -> None:
    resultat = subprocess.run(["mount", *arguments], capture_output=True, text=True)
    if resultat.returncode != 0:
        raise OSError(f"mount {' '.join(arguments)} : {resultat.stderr.strip()}")


def _place(modele: str, cible: str) -> None:
    """Crée à ``cible`` ce qu'il faut pour y monter ``modele`` (dossier ou fichier), ou copie le lien."""
    if os.path.islink(modele):
        os.symlink(os.readlink(modele), cible)
    elif os.path.isdir(modele):
        os.mkdir(cible)
    else:
        open(cible, "a").close()


def _dans_l_espace(reglages: dict) -> None:
    attente = reglages["attente"]
    # A tmpfs of our own to hold the entries while their parent is covered: nothing is written to disk.
    _monter("-t", "tmpfs", "-o", "mode=0700,size=1m,nosuid,nodev", "tmpfs", attente)
    rang = 0
    for dossier, entrees in reglages["fermes"]:
        tenues = []
        for entree in entrees:
            origine = os.path.join(dossier, entree)
            if not os.path.lexists(origine):
                continue
            rang += 1
            tenue = os.path.join(attente, str(rang))
            _place(origine, tenue)
            if not os.path.islink(origine):
                _monter("--rbind", origine, tenue)
            tenues.append((entree, tenue))
        # 0711: others may traverse, not list; only the kept entries are there.
        _monter("-t", "tmpfs", "-o", "mode=0711,size=1m,nosuid,nodev", "tmpfs", dossier)
        for entree, tenue in tenues:
            cible = os.path.join(dossier, entree)
            _place(tenue, cible)
            if not os.path.islink(tenue):
                _monter("--move", tenue, cible)
    compte = reglages.get("compte")
    if compte:
        # An account for the uid in this namespace only: nbgrader (submit, collect) and other tools
        # ask the passwd database for the current user's name.
        for base, ligne in (("passwd", compte["passwd"]), ("group", compte["group"])):
            copie = os.path.join(attente, base)
            with open(f"/etc/{base}", encoding="utf-8") as source, open(copie, "w", encoding="utf-8") as f:
                f.write(source.read().rstrip("\n") + "\n" + ligne + "\n")
            os.chmod(copie, 0o644)
            _monter("--bind", copie, f"/etc/{base}")
    subprocess.run(["umount", "-l", attente], check=False)
    os.chdir(reglages["cwd"])
    uid = str(reglages["uid"])
    setpriv = reglages["setpriv"]
    os.execve(
        setpriv,
        [setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all", "--", *reglages["commande"]],
        reglages["env"],
    )


# -- launching ---------------------------------------------------------------------------------------
def _zombie(dossier: str) -> bool:
    # A killed process stays in /proc until its parent (maybe init) reaps it: it is gone all the same.
    with open(os.path.join(dossier, "stat"), encoding="ascii", errors="replace") as f:
        return f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")


def _tuer_uid(uid: int) -> None:
    """SIGKILL à tous les processus de ``uid`` (réservé à ce processus : ce sont ceux de nos commandes)."""
    for _ in range(50):
        restants = []
        with contextlib.suppress(OSError):
            for entree in os.scandir("/proc"):
                if entree.name.isdigit():
                    with contextlib.suppress(OSError):
                        if entree.stat().st_uid == uid and not _zombie(entree.path):
                            restants.append(int(entree.name))
        if not restants:
            return
        for pid in restants:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.1)


def _tuer_groupe(proc: subprocess.Popen) -> None:
    with contextlib.suppress(OSError):
        os.killpg(proc.pid, signal.SIGKILL)
    if getattr(proc, "uid_utilisateur", None) is not None:
        _tuer_uid(proc.uid_utilisateur)


@contextlib.contextmanager
def processus_en_utilisateur(commande: list[str], *, cwd: Path, uid: int | None = None, env: dict | None = None, **popen):
    """Lance ``commande`` sous ``uid`` (voir le module) et donne le ``Popen`` ; à la sortie, tout ce qu'elle a lancé est tué.

    ``popen`` : stdin, stdout, stderr, text… de ``subprocess.Popen``. Pour un serveur : attendre
    qu'il réponde dans le bloc, l'arrêter proprement, puis lire ``returncode``.
    """
    cwd = Path(cwd)
    if os.geteuid() != 0:
        if uid is not None and uid != os.getuid():
            raise ValueError(f"sans root, impossible de lancer une commande sous l'uid {uid}")
        proc = subprocess.Popen(commande, cwd=cwd, env=env, start_new_session=True, **popen)
        try:
            yield proc
        finally:
            _tuer_groupe(proc)
            proc.wait()
        return

    uid = uid_sans_privileges() if uid is None else uid
    setpriv, unshare = shutil.which("setpriv"), shutil.which("unshare")
    if not setpriv or not unshare:
        raise RuntimeError("setpriv et unshare (util-linux) sont nécessaires pour lancer une commande sans privilèges")
    maison = Path(tempfile.mkdtemp(prefix="utilisateur-"))
    attente = tempfile.mkdtemp(prefix="espace-")
    _EN_COURS[uid] = _EN_COURS.get(uid, 0) + 1
    try:
        os.chown(maison, uid, uid)
        if env is None:
            env = {k: v for k, v in os.environ.items() if k not in ("XDG_RUNTIME_DIR", "USER", "LOGNAME", "MAIL")}
        env = {**env, "HOME": str(maison)}
        if "TMPDIR" not in env:
            # The uid's files in the temporary directory (nbgrader's kernel sockets…) go with its HOME.
            (maison / "tmp").mkdir()
            os.chown(maison / "tmp", uid, uid)
            env["TMPDIR"] = str(maison / "tmp")
        compte = None
        try:
            import pwd

            nom = pwd.getpwuid(uid).pw_name
        except KeyError:
            nom = f"utilisateur{uid}"
            compte = {"passwd": f"{nom}:x:{uid}:{uid}::{maison}:/bin/sh", "group": f"{nom}:x:{uid}:"}
        env.setdefault("USER", nom)
        env.setdefault("LOGNAME", env["USER"])
        utiles = [str(RACINE), str(cwd), str(maison), sys.prefix, sys.base_prefix, sys.executable]
        utiles += [a for a in commande if os.path.isabs(a) and os.path.exists(a)]
        reglages = {
            "attente": attente, "fermes": ancetres_fermes(utiles, uid), "cwd": str(cwd), "uid": uid,
            "setpriv": setpriv, "commande": list(commande), "env": env, "compte": compte,
        }
        proc = subprocess.Popen(
            [unshare, "--mount", "--propagation", "private", "--",
             sys.executable, "-I", "-S", os.path.abspath(__file__), json.dumps(reglages)],
            cwd="/", start_new_session=True, **popen,
        )
        proc.uid_utilisateur = uid  # type: ignore[attr-defined]
        try:
            yield proc
        finally:
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    finally:
        _EN_COURS[uid] -= 1
        if not _EN_COURS[uid]:
            # Kernels and servers start sessions of their own: only the uid finds them all.
            _tuer_uid(uid)
        shutil.rmtree(maison, ignore_errors=True)
        with contextlib.suppress(OSError):
            os.rmdir(attente)


def en_utilisateur(
    commande: list[str], *, cwd: Path, uid: int | None = None, env: dict | None = None, timeout: float,
) -> subprocess.CompletedProcess:
    """Exécute ``commande`` sous un utilisateur sans privilèges et rend son résultat (sorties en texte).

    Comme ``subprocess.run(..., capture_output=True, text=True, timeout=timeout)`` ; au-delà du
    délai, tout est tué et ``subprocess.TimeoutExpired`` levée.
    """
    with processus_en_utilisateur(
        commande, cwd=cwd, uid=uid, env=env,
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    ) as proc:
        try:
            sortie, erreurs = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            # Kernels run in sessions of their own and keep the pipes open: kill them too.
            _tuer_groupe(proc)
            sortie, erreurs = proc.communicate()
            raise subprocess.TimeoutExpired(commande, timeout, sortie, erreurs) from None
    return subprocess.CompletedProcess(commande, proc.returncode, sortie, erreurs)


if __name__ == "__main__":
    try:
        _dans_l_espace(json.loads(sys.argv[1]))
    except OSError as exc:
        print(f"outils_utilisateur : préparation de l'espace de noms impossible : {exc}", file=sys.stderr)
        sys.exit(125)
