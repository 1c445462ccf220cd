"""Lanceur du noyau Python qui exécute le code d'un élève pendant la correction.

Appelé par le gestionnaire de noyau à la place du noyau habituel :

    python -I -S …/strategie_correction/lanceur.py '<réglages JSON>' -- python -m ipykernel_launcher -f …

Il applique le niveau d'isolation choisi par :mod:`strategie_correction.isolation`,
puis se remplace par le noyau (``exec``) :

``bwrap``     le noyau tourne dans bubblewrap : espaces de noms utilisateur,
              PID, réseau, IPC, UTS et montage ; système en lecture seule ;
              seuls la copie de travail de l'élève (``/travail``) et le dossier
              de ses prises ZMQ sont inscriptibles ; rien du cours n'est monté.
``landlock``  même utilisateur isolé mais sans espaces de noms : Landlock borne
              les fichiers lisibles et inscriptibles, ferme TCP et les signaux
              hors du domaine ; seccomp interdit les autres familles de prises.
``aucune``    (``--sans-isolation``) limites et environnement propre seulement.

Dans tous les cas : environnement réduit à une liste blanche, limites de
mémoire, de taille de fichier et de processus ; lancé en root, le lanceur
passe d'abord sous un identifiant sans privilèges (jamais de code d'élève en
root). Bibliothèque standard seulement : il démarre à chaque soumission.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import stat
import sys

_CLONE_NEWNS = 0x00020000
_MS_BIND, _MS_REC, _MS_PRIVATE = 4096, 16384, 1 << 18
_MS_NOSUID, _MS_NODEV, _MS_MOVE, _MNT_DETACH = 2, 4, 8192, 2
_PR_SET_DUMPABLE = 4

# What the kernel may see of /etc: the dynamic linker, time zone, name service (uid → name).
ETC = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/nsswitch.conf",
       "/etc/passwd", "/etc/group", "/etc/mime.types", "/etc/alternatives")
RACINES_SYSTEME = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
# Devices a kernel reads (landlock): never all of /dev, whose shm holds other gradings' files.
PERIPHERIQUES = ("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom")


def traversable_par_autres(chemin: str) -> bool:
    """Vrai si un utilisateur quelconque (ni propriétaire ni groupe) peut lire ``chemin`` depuis /."""
    courant = "/"
    for morceau in [m for m in os.path.realpath(chemin).split("/") if m]:
        courant = os.path.join(courant, morceau)
        try:
            mode = os.stat(courant).st_mode
        except OSError:
            return False
        if stat.S_ISDIR(mode) and not mode & stat.S_IXOTH:
            return False
    try:
        mode = os.stat(courant).st_mode
    except OSError:
        return False
    return bool(mode & stat.S_IROTH)


def _libc():
    import ctypes

    return ctypes.CDLL(None, use_errno=True)


def _monter(libc, source: str, cible: str, drapeaux: int) -> None:
    import ctypes

    if libc.mount(os.fsencode(source), os.fsencode(cible), None, ctypes.c_ulong(drapeaux), None) != 0:
        erreur = ctypes.get_errno()
        raise OSError(erreur, f"mount {source} -> {cible} : {os.strerror(erreur)}")


def relayer(chemins: list[str], relais: str) -> dict[str, str]:
    """(root) Rend joignables par un utilisateur sans droits les chemins qui ne le sont pas.

    Dans un espace de noms de montage privé à ce processus, chaque chemin fermé
    (sous /root, sous un dossier 0700…) est monté aussi sous ``relais`` (mode 711) ;
    bubblewrap, lancé ensuite sans privilèges, le remonte à sa place d'origine.
    Renvoie {chemin d'origine: chemin joignable}.
    """
    libc = _libc()
    fermes = [c for c in chemins if not traversable_par_autres(c)]
    if not fermes:
        return {}
    import ctypes

    if libc.unshare(_CLONE_NEWNS) != 0:
        erreur = ctypes.get_errno()
        raise OSError(erreur, f"unshare(CLONE_NEWNS) : {os.strerror(erreur)}")
    _monter(libc, "none", "/", _MS_REC | _MS_PRIVATE)
    os.makedirs(relais, mode=0o711, exist_ok=True)
    os.chmod(relais, 0o711)
    correspondances = {}
    for rang, chemin in enumerate(fermes):
        cible = os.path.join(relais, str(rang))
        if os.path.isdir(chemin):
            os.makedirs(cible, exist_ok=True)
        else:
            open(cible, "a").close()
        _monter(libc, chemin, cible, _MS_BIND | _MS_REC)
        correspondances[chemin] = cible
    return correspondances


def _traversable_par_autres(dossier: str, mode: int) -> bool:
    return bool(mode & stat.S_IXOTH)


def dossiers_fermes(chemins: list[str], traversable=_traversable_par_autres) -> list[tuple[str, list[str]]]:
    """[(dossier qu'un utilisateur quelconque ne peut pas traverser, [entrées à garder])], du moins profond au plus profond.

    Chaque chemin compte tel qu'écrit et résolu (le python d'un venv est un lien vers l'interpréteur
    de base). ``traversable(dossier, mode)`` dit qui peut passer : par défaut, n'importe qui.
    """
    fermes: dict[str, set[str]] = {}
    cibles = set()
    for chemin in chemins:
        absolu = os.path.abspath(chemin)
        cibles.update({absolu, os.path.realpath(absolu)})
    for cible in cibles:
        parties = [m for m in cible.split("/") if m]
        for profondeur in range(len(parties) - 1):
            dossier = "/" + "/".join(parties[:profondeur + 1])
            try:
                mode = os.stat(dossier).st_mode
            except OSError:
                break
            if not stat.S_ISDIR(mode):
                break
            if not traversable(dossier, mode):
                fermes.setdefault(os.path.realpath(dossier), set()).add(parties[profondeur + 1])
    return sorted(((d, sorted(e)) for d, e in fermes.items()), key=lambda de: (de[0].count("/"), de[0]))


def _tmpfs(libc, cible: str, mode: str) -> None:
    import ctypes

    options = f"mode={mode},size=1m".encode()
    if libc.mount(b"tmpfs", os.fsencode(cible), b"tmpfs", ctypes.c_ulong(_MS_NOSUID | _MS_NODEV), options) != 0:
        erreur = ctypes.get_errno()
        raise OSError(erreur, f"mount tmpfs {cible} : {os.strerror(erreur)}")


def _place(modele: str, cible: str) -> None:
    if os.path.isdir(modele):
        os.mkdir(cible)
    else:
        open(cible, "a").close()


def ouvrir(chemins: list[str]) -> int:
    """(root, sans bubblewrap) Rend ``chemins`` joignables à leur place par un utilisateur sans droits.

    Dans un espace de noms de montage privé à ce processus, chaque dossier fermé (/root, un
    ``mktemp -d`` en 700…) au-dessus d'un chemin lu est recouvert d'un tmpfs 711 qui ne contient
    que les entrées utiles, remontées à l'identique : le reste du dossier devient invisible.
    Renvoie le nombre de dossiers recouverts.
    """
    fermes = dossiers_fermes(chemins)
    if not fermes:
        return 0
    import ctypes

    libc = _libc()
    if libc.unshare(_CLONE_NEWNS) != 0:
        erreur = ctypes.get_errno()
        raise OSError(erreur, f"unshare(CLONE_NEWNS) : {os.strerror(erreur)}")
    _monter(libc, "none", "/", _MS_REC | _MS_PRIVATE)
    # Holds the entries while their parent is covered; in a world-traversable directory, so that
    # no covered directory is above it.
    import tempfile

    attente = tempfile.mkdtemp(prefix="strategie-attente-", dir="/dev/shm" if os.path.isdir("/dev/shm") else "/tmp")
    _tmpfs(libc, attente, "0700")
    rang = 0
    for dossier, entrees in fermes:
        tenues = []
        for entree in entrees:
            origine = os.path.join(dossier, entree)
            if os.path.islink(origine) or not os.path.exists(origine):
                continue  # a link resolves elsewhere: its target is in the list on its own
            rang += 1
            tenue = os.path.join(attente, str(rang))
            _place(origine, tenue)
            _monter(libc, origine, tenue, _MS_BIND | _MS_REC)
            tenues.append((entree, tenue))
        _tmpfs(libc, dossier, "0711")
        for entree, tenue in tenues:
            cible = os.path.join(dossier, entree)
            _place(tenue, cible)
            _monter(libc, tenue, cible, _MS_MOVE)
    libc.umount2(os.fsencode(attente), _MNT_DETACH)
    os.rmdir(attente)
    return len(fermes)


def commande_bwrap(reglages: dict, commande: list[str], relais: dict[str, str]) -> list[str]:
    """La ligne de commande de bubblewrap pour ce noyau."""
    bwrap = reglages.get("bwrap") or shutil.which("bwrap") or "/usr/bin/bwrap"
    args = [bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--hostname", "correction"]
    for racine in RACINES_SYSTEME:
        if os.path.islink(racine):
            args += ["--symlink", os.readlink(racine), racine]
        elif os.path.isdir(racine):
            args += ["--ro-bind", racine, racine]
    for chemin in ETC:
        if os.path.lexists(chemin):
            args += ["--ro-bind-try", chemin, chemin]
    args += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", "/var/tmp", "--dir", "/run"]
    for chemin in reglages["lecture"]:
        if any(chemin == r or chemin.startswith(r + "/") for r in RACINES_SYSTEME if not os.path.islink(r)):
            continue  # already visible through /usr and the like
        source = relais.get(chemin, chemin)  # checked as the unprivileged user: a closed path is relayed
        if os.path.exists(source):
            args += ["--ro-bind", source, chemin]
    args += ["--bind", reglages["travail"], "/travail", "--bind", reglages["prises"], reglages["prises"]]
    args += ["--chdir", "/travail", "--"]
    return args + commande


# A grading kernel has no debugger: importing debugpy costs 0.1 to 0.2 s of CPU at every start.
# The working directory ('' at the head of sys.path under -c) is left out while ipykernel loads,
# as ipykernel_launcher does; IPython puts it back for the learner's code.
_DEBUT_NOYAU = (
    "import sys\n"
    "sys.modules['debugpy'] = None\n"
    "if sys.path and sys.path[0] == '':\n"
    "    del sys.path[0]\n"
)
# ipykernel forwards forked subprocesses' output through a TCP socket on 127.0.0.1: under
# seccomp no inet socket can exist (and libzmq aborts on the refusal), so the kernel runs without it.
_SANS_TUYAU = (
    "import ipykernel.iostream as _io\n"
    "_init = _io.IOPubThread.__init__\n"
    "_io.IOPubThread.__init__ = lambda self, socket, pipe=False, session=False: _init(self, socket, False, session)\n"
)
_LANCER_NOYAU = "from ipykernel.kernelapp import launch_new_instance\nlaunch_new_instance()\n"


def noyau_de_correction(commande: list[str], sans_tuyau: bool = False) -> list[str]:
    """``python -m ipykernel_launcher …`` devient le même noyau sans débogueur (et, avec ``sans_tuyau``,
    sans tuyau TCP pour les sous-processus) ; toute autre commande reste telle quelle.

    >>> commande = noyau_de_correction(["python", "-m", "ipykernel_launcher", "-f", "c.json"])
    >>> commande[1], commande[3:]
    ('-c', ['-f', 'c.json'])
    >>> "IOPubThread" in noyau_de_correction(["python", "-m", "ipykernel_launcher"], sans_tuyau=True)[2]
    True
    >>> noyau_de_correction(["julia", "noyau.jl"])
    ['julia', 'noyau.jl']
    """
    if len(commande) >= 3 and commande[1:3] == ["-m", "ipykernel_launcher"]:
        code = _DEBUT_NOYAU + (_SANS_TUYAU if sans_tuyau else "") + _LANCER_NOYAU
        return [commande[0], "-c", code, *commande[3:]]
    return commande


def avec_limite_processus(commande: list[str], limite: int) -> list[str]:
    """La commande, précédée d'un Python minimal qui fixe RLIMIT_NPROC dans le bac puis l'exécute."""
    code = (f"import os, resource, sys\nresource.setrlimit(resource.RLIMIT_NPROC, ({int(limite)}, {int(limite)}))\n"
            "os.execv(sys.argv[1], sys.argv[1:])\n")
    return [commande[0], "-S", "-c", code, *commande]


def environnement(reglages: dict, dedans: str) -> dict[str, str]:
    """L'environnement du noyau : la liste blanche des réglages, rien du formateur."""
    env = dict(reglages.get("environnement") or {})
    env.update({
        "HOME": dedans, "TMPDIR": "/tmp" if reglages["niveau"] == "bwrap" else os.path.join(dedans, ".tmp"),
        "IPYTHONDIR": os.path.join(dedans, ".ipython"), "MPLCONFIGDIR": os.path.join(dedans, ".config"),
        "XDG_CONFIG_HOME": os.path.join(dedans, ".config"), "XDG_CACHE_HOME": os.path.join(dedans, ".cache"),
        "JUPYTER_RUNTIME_DIR": reglages["prises"], "USER": "eleve", "LOGNAME": "eleve",
    })
    return env


def processus_de(uid: int) -> int:
    """Le nombre de processus (et fils d'exécution, que RLIMIT_NPROC compte aussi) de ``uid``."""
    total = 0
    for nom in os.listdir("/proc"):
        if nom.isdigit():
            try:
                if os.stat(f"/proc/{nom}").st_uid == uid:
                    total += len(os.listdir(f"/proc/{nom}/task"))
            except OSError:
                pass
    return total


def _donner(chemin: str, uid: int) -> None:
    """(root) Donne à ``uid`` un dossier que le correcteur vient de créer (aucun lien à suivre)."""
    for racine, dossiers, fichiers in os.walk(chemin):
        for nom in dossiers + fichiers:
            os.chown(os.path.join(racine, nom), uid, uid, follow_symlinks=False)
    os.chown(chemin, uid, uid, follow_symlinks=False)


def preparer(reglages: dict, commande: list[str]) -> tuple[list[str], dict[str, str]]:
    """Applique les réglages au processus courant ; renvoie la commande finale et son environnement."""
    niveau, uid = reglages["niveau"], reglages.get("uid")
    travail, prises = reglages["travail"], reglages["prises"]
    dedans = "/travail" if niveau == "bwrap" else travail
    for sous in (".ipython", ".config", ".cache", ".tmp"):
        os.makedirs(os.path.join(travail, sous), mode=0o700, exist_ok=True)

    # The connection file belongs to the grader: the kernel gets its own copy beside its sockets.
    commande = list(commande)
    if "-f" in commande:
        rang = commande.index("-f") + 1
        copie = os.path.join(prises, "connexion.json")
        shutil.copyfile(commande[rang], copie)
        os.chmod(copie, 0o600)
        commande[rang] = copie

    if niveau == "landlock":
        # Loaded before giving up root: the unprivileged uid may not reach the standard library.
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import landlock

        landlock.abi()
    _libc()
    relais = {}
    if os.geteuid() == 0:
        if uid is None:
            raise SystemExit("refus : le code d'un élève ne tourne jamais en root")
        if niveau == "bwrap":
            relais = relayer(reglages["lecture"], reglages["relais"])
        else:
            ouvrir(list(reglages["lecture"]) + list(reglages.get("lister") or []))
        for dossier in (travail, prises):
            _donner(dossier, uid)
    for dossier in (travail, prises):
        os.chmod(dossier, 0o700)

    memoire = reglages.get("memoire")
    if memoire:
        resource.setrlimit(resource.RLIMIT_AS, (memoire, memoire))
    fichier_max = reglages.get("fichier_max")
    if fichier_max:
        resource.setrlimit(resource.RLIMIT_FSIZE, (fichier_max, fichier_max))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    processus = reglages.get("processus")
    limite_dedans = None
    if processus:
        if uid is None and niveau == "bwrap":
            # Under the trainer's uid, a user namespace records its creator's RLIMIT_NPROC as the cap
            # on ALL of that uid's processes (Linux >= 5.14 ucounts): set the limit inside instead.
            limite_dedans = processus
        else:
            # Under a uid of its own the limit counts only the learner's processes; under the
            # trainer's uid (Landlock) it counts all of theirs: allow that many more.
            if uid is None:
                processus += processus_de(os.getuid())
            resource.setrlimit(resource.RLIMIT_NPROC, (processus, processus))
    os.umask(0o077)

    if os.geteuid() == 0:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        if os.getuid() != uid or os.geteuid() != uid or os.getegid() != uid:
            raise SystemExit("impossible de quitter les droits root")
        _libc().prctl(_PR_SET_DUMPABLE, 1, 0, 0, 0)
    env = environnement(reglages, dedans)

    commande = noyau_de_correction(commande, sans_tuyau=niveau == "landlock")
    if niveau == "bwrap":
        if limite_dedans:
            commande = avec_limite_processus(commande, limite_dedans)
        return commande_bwrap(reglages, commande, relais), env
    os.chdir(travail)
    if niveau == "landlock":
        landlock.restreindre(
            lecture=list(reglages["lecture"]) + list(RACINES_SYSTEME) + list(ETC) + list(PERIPHERIQUES) + ["/proc/self"],
            ecriture=[travail, prises, "/dev/null"], lister=list(reglages.get("lister") or []),
        )
    return commande, env


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--" not in argv or not argv:
        raise SystemExit("usage : python lanceur.py '<réglages JSON>' -- commande…")
    reglages = json.loads(argv[0])
    commande, env = preparer(reglages, argv[argv.index("--") + 1:])
    os.execve(commande[0], commande, env)


if __name__ == "__main__":
    main()
