"""Deuxième niveau de confinement : Landlock et seccomp, sans espace de noms.

Sert là où bubblewrap (espaces de noms utilisateur) est refusé : profil seccomp
par défaut de Docker, distributions durcies. Le lanceur du noyau d'un élève
(``python -I -S launcher.py``) appelle :func:`restreindre` puis exécute
ipykernel : la restriction vaut pour ce processus et tous ses descendants,
sans retour possible. Ce module n'utilise que la bibliothèque standard
(ctypes) et n'importe rien du reste du paquet ; ctypes n'est chargé qu'au
premier appel.

Ce qui est appliqué, dans l'ordre :

1. ``no_new_privs`` : plus aucun gain de privilèges par exécution (setuid,
   capacités de fichier) ; exigé par Landlock et seccomp sans CAP_SYS_ADMIN.
2. Capacités : toutes retirées (effectives, permises, héritables, ambiantes),
   même pour root, qui reste uid 0 sans aucun privilège ; avec
   ``no_new_privs``, un ``execve`` ne peut pas les rendre. Sans cela, root
   (CAP_PERFMON ou CAP_SYS_ADMIN) lirait malgré Landlock
   /proc/<pid>/environ, maps et auxv des autres processus, relèverait ses
   limites (CAP_SYS_RESOURCE), etc. Conséquence pour l'appelant : changer
   d'utilisateur (setuid) doit se faire avant :func:`restreindre`.
3. Landlock : lecture et exécution seules sous les chemins ``lecture``, tous
   les droits de fichier sous les chemins ``ecriture``, aucun accès ailleurs
   (ni lecture, ni liste, ni création). Aucune capacité ne contourne
   Landlock sur les fichiers.
4. Filtre seccomp (BPF classique) : architecture vérifiée (sinon le
   processus est tué), ABI x32 refusée ; ``socket``/``socketpair`` refusés
   hors AF_UNIX (EAFNOSUPPORT : ni UDP, ni IPv6, ni netlink, ni socket
   brute) ; io_uring refusé (ENOSYS : ses opérations échappent à seccomp) ;
   ptrace, process_vm_readv/writev, bpf, perf_event_open, userfaultfd, les
   trousseaux de clés, mount/umount2/pivot_root/chroot, l'API de montage
   (open_tree, move_mount, fsopen, fsconfig, fsmount, fspick,
   mount_setattr, open_tree_attr), unshare, setns, ``clone`` avec un drapeau
   d'espace de noms refusés (EPERM) ; ``clone3`` refusé (ENOSYS, la glibc
   revient alors à ``clone``, dont les drapeaux sont lisibles). Par
   précaution, au cas où des capacités subsisteraient : modules du noyau,
   kexec, reboot, swapon/swapoff, iopl/ioperm et open_by_handle_at refusés
   aussi (EPERM). Tout le reste est permis.

Ce que protège chaque ABI Landlock (``abi()``) :

* 1 : fichiers (lecture, écriture, exécution, liste, création, suppression) ;
  ptrace, /proc/<pid>/environ, /proc/<pid>/cwd, /proc/<pid>/mem… d'un
  processus hors du domaine sont refusés.
* 2 : + REFER (renommer ou lier d'un dossier à un autre ne peut pas faire
  gagner de droits).
* 3 : + TRUNCATE (``truncate()`` hors ``ecriture``).
* 4 : + TCP : ``bind`` et ``connect`` interdits, même sur une socket héritée
  créée avant la restriction. Minimum exigé par :func:`indisponible`.
* 5 : + IOCTL_DEV (ioctl sur les périphériques hors ``ecriture``).
* 6 : + portées : signaux (kill, tgkill, pidfd_send_signal, SIGIO) vers un
  processus hors du domaine refusés ; connexion à une socket Unix abstraite
  créée hors du domaine refusée.
* 7 : rien de plus à interdire (journal d'audit des refus seulement).

Avec l'ABI 4 ou 5, restent possibles : envoyer un signal à tout processus
que l'utilisateur peut déjà signaler (les siens ; tous s'il est root), et se
connecter aux sockets Unix abstraites d'autres processus (X11, D-Bus, etc.)
visibles dans l'espace de noms réseau. Lancer alors le noyau sous un
utilisateur distinct reste nécessaire.

Ce que ce niveau ne protège à aucune ABI (limites de Landlock) : les
métadonnées (stat, chmod, chown, utime, attributs étendus) de fichiers hors
des listes, tant que l'utilisateur y a droit ; la connexion à une socket Unix
nommée existante hors des listes (p. ex. /run/docker.sock) si ses
permissions l'autorisent ; UDP ou autre sur une socket héritée (seul TCP est
contrôlé). Les descripteurs ouverts avant la restriction restent utilisables :
le lanceur doit fermer ceux qui ne doivent pas passer au noyau. Les chemins
nécessaires à Python (l'environnement, /usr, /lib…, /dev/null en écriture,
/proc en lecture si besoin) sont à mettre dans les listes par l'appelant.
"""

from __future__ import annotations

import errno as _errno
import os
import sys

__all__ = ["abi", "indisponible", "restreindre"]

# -- Landlock (include/uapi/linux/landlock.h) ----------------------------------------------------------
_SYS_CREATE_RULESET, _SYS_ADD_RULE, _SYS_RESTRICT_SELF = 444, 445, 446
_CREATE_RULESET_VERSION = 1 << 0
_RULE_PATH_BENEATH = 1
ABI_MINIMALE = 4
_ABI_CONNUE = 7  # rights below are complete up to this ABI

_FS_EXECUTE = 1 << 0
_FS_WRITE_FILE = 1 << 1
_FS_READ_FILE = 1 << 2
_FS_READ_DIR = 1 << 3
_FS_REMOVE_DIR = 1 << 4
_FS_REMOVE_FILE = 1 << 5
_FS_MAKE_CHAR = 1 << 6
_FS_MAKE_DIR = 1 << 7
_FS_MAKE_REG = 1 << 8
_FS_MAKE_SOCK = 1 << 9
_FS_MAKE_FIFO = 1 << 10
_FS_MAKE_BLOCK = 1 << 11
_FS_MAKE_SYM = 1 << 12
_FS_REFER = 1 << 13  # ABI 2
_FS_TRUNCATE = 1 << 14  # ABI 3
_FS_IOCTL_DEV = 1 << 15  # ABI 5
_NET_BIND_TCP = 1 << 0  # ABI 4
_NET_CONNECT_TCP = 1 << 1
_SCOPE_ABSTRACT_UNIX_SOCKET = 1 << 0  # ABI 6
_SCOPE_SIGNAL = 1 << 1

_FS_V1 = (1 << 13) - 1  # EXECUTE .. MAKE_SYM
# Only these rights apply to a non-directory; any other in a file rule gives EINVAL.
_FS_FICHIER = _FS_EXECUTE | _FS_WRITE_FILE | _FS_READ_FILE | _FS_TRUNCATE | _FS_IOCTL_DEV
_FS_LECTURE = _FS_EXECUTE | _FS_READ_FILE | _FS_READ_DIR

# -- seccomp ---------------------------------------------------------------------------------------
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_SECCOMP_GET_ACTION_AVAIL = 2
_RET_KILL_PROCESS = 0x80000000
_RET_ERRNO = 0x00050000
_RET_ALLOW = 0x7FFF0000
_CAPABILITY_VERSION_3 = 0x20080522

_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_JGE_K = 0x35  # BPF_JMP | BPF_JGE | BPF_K
_JSET_K = 0x45  # BPF_JMP | BPF_JSET | BPF_K
_RET_K = 0x06  # BPF_RET | BPF_K

# struct seccomp_data: int nr; __u32 arch; __u64 ip; __u64 args[6] (little-endian: low half first).
_OFF_NR, _OFF_ARCH, _OFF_ARG0_BAS = 0, 4, 16

_X32_BIT = 0x40000000
_AF_UNIX = 1
_CLONE_ESPACES = (
    0x00020000  # CLONE_NEWNS
    | 0x02000000  # CLONE_NEWCGROUP
    | 0x04000000  # CLONE_NEWUTS
    | 0x08000000  # CLONE_NEWIPC
    | 0x10000000  # CLONE_NEWUSER
    | 0x20000000  # CLONE_NEWPID
    | 0x40000000  # CLONE_NEWNET
)  # not CLONE_NEWTIME (0x80): for clone() that bit belongs to the exit signal

# machine -> (AUDIT_ARCH_*, column in _APPELS)
_ARCHITECTURES = {"x86_64": (0xC000003E, 0), "aarch64": (0xC00000B7, 1)}

# name: (x86_64, aarch64); None where the call does not exist.
_APPELS = {
    "socket": (41, 198),
    "socketpair": (53, 199),
    "clone": (56, 220),
    "clone3": (435, 435),
    "io_uring_setup": (425, 425),
    "io_uring_enter": (426, 426),
    "io_uring_register": (427, 427),
    "ptrace": (101, 117),
    "process_vm_readv": (310, 270),
    "process_vm_writev": (311, 271),
    "bpf": (321, 280),
    "perf_event_open": (298, 241),
    "userfaultfd": (323, 282),
    "keyctl": (250, 219),
    "add_key": (248, 217),
    "request_key": (249, 218),
    "mount": (165, 40),
    "umount2": (166, 39),
    "pivot_root": (155, 41),
    "chroot": (161, 51),
    "unshare": (272, 97),
    "setns": (308, 268),
    "open_tree": (428, 428),
    "move_mount": (429, 429),
    "fsopen": (430, 430),
    "fsconfig": (431, 431),
    "fsmount": (432, 432),
    "fspick": (433, 433),
    "mount_setattr": (442, 442),
    "open_tree_attr": (467, 467),
    "init_module": (175, 105),
    "finit_module": (313, 273),
    "delete_module": (176, 106),
    "kexec_load": (246, 104),
    "kexec_file_load": (320, 294),
    "reboot": (169, 142),
    "swapon": (167, 224),
    "swapoff": (168, 225),
    "iopl": (172, None),
    "ioperm": (173, None),
    "open_by_handle_at": (304, 265),
    "seccomp": (317, 277),  # these two are used here, not denied
    "capset": (126, 91),
}

_REFUS_ENOSYS = ("io_uring_setup", "io_uring_enter", "io_uring_register", "clone3")
_REFUS_EPERM = (
    "ptrace", "process_vm_readv", "process_vm_writev",
    "bpf", "perf_event_open", "userfaultfd", "keyctl", "add_key", "request_key",
    "mount", "umount2", "pivot_root", "chroot", "unshare", "setns",
    "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr", "open_tree_attr",
    "init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load", "reboot",
    "swapon", "swapoff", "iopl", "ioperm", "open_by_handle_at",
)

_etat: dict = {}


def _architecture():
    """(AUDIT_ARCH, colonne) de ce processus, ou None s'il n'est pas pris en charge."""
    if sys.platform != "linux" or sys.byteorder != "little" or sys.maxsize != 2**63 - 1:
        return None  # a 32-bit Python on a 64-bit kernel would make i386/compat syscalls
    return _ARCHITECTURES.get(os.uname().machine)


def _c():
    """(ctypes, libc), chargés une fois : l'import du module reste instantané."""
    if "libc" not in _etat:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        libc.prctl.restype = ctypes.c_int
        _etat["ctypes"], _etat["libc"] = ctypes, libc
    return _etat["ctypes"], _etat["libc"]


def _syscall(numero: int, *args: int) -> tuple[int, int]:
    """(résultat, errno) d'un appel système ; tous les arguments sont des entiers (adresses comprises)."""
    ctypes, libc = _c()
    # Every argument goes in an integer register on x86_64 and aarch64: pass them all as long.
    resultat = libc.syscall(ctypes.c_long(numero), *(ctypes.c_long(a) for a in args))
    return resultat, (ctypes.get_errno() if resultat < 0 else 0)


def _nom(erreur: int) -> str:
    """Le nom symbolique d'un errno (EACCES…), lisible dans un message français."""
    return _errno.errorcode.get(erreur, str(erreur))


def _prctl(option: int, *args: int) -> tuple[int, int]:
    ctypes, libc = _c()
    resultat = libc.prctl(ctypes.c_int(option), *(ctypes.c_ulong(a) for a in args))
    return resultat, (ctypes.get_errno() if resultat < 0 else 0)


def _sonder() -> tuple[int, int]:
    """(ABI, errno de la sonde) ; mis en cache."""
    if "abi" not in _etat:
        if _architecture() is None:
            _etat["abi"] = (0, _errno.ENOSYS)
        else:
            version, erreur = _syscall(_SYS_CREATE_RULESET, 0, 0, _CREATE_RULESET_VERSION)
            _etat["abi"] = (max(version, 0), erreur)
    return _etat["abi"]


def abi() -> int:
    """Version de l'ABI Landlock du noyau (0 si Landlock est absent ou désactivé).

    Vaut aussi 0 sur une architecture non prise en charge (voir :func:`indisponible`).
    """
    return _sonder()[0]


def _seccomp_disponible() -> str | None:
    """None si les filtres seccomp et les actions utilisées existent ; sinon la raison."""
    ctypes, _ = _c()
    numero = _APPELS["seccomp"][_architecture()[1]]
    for action in (_RET_KILL_PROCESS, _RET_ERRNO, _RET_ALLOW):
        valeur = ctypes.c_uint32(action)
        resultat, erreur = _syscall(numero, _SECCOMP_GET_ACTION_AVAIL, 0, ctypes.addressof(valeur))
        if resultat != 0:
            if erreur == _errno.EOPNOTSUPP:
                return f"Le noyau ne connaît pas l'action seccomp {action:#x} (Linux trop ancien)."
            return f"Les filtres seccomp ne sont pas disponibles ({_nom(erreur)})."
    return None


def indisponible() -> str | None:
    """None si ce niveau peut s'appliquer ici ; sinon la raison, en une phrase française (noyau trop ancien, architecture non prise en charge, …)."""
    if sys.platform != "linux":
        return "Landlock et seccomp n'existent que sous Linux."
    if _architecture() is None:
        bits = "64" if sys.maxsize == 2**63 - 1 else "32"
        return (
            f"Architecture non prise en charge ({os.uname().machine}, Python {bits} bits) : "
            "seuls x86_64 et aarch64 (Python 64 bits, petit-boutiste) le sont."
        )
    version, erreur = _sonder()
    if version == 0:
        if erreur == _errno.EOPNOTSUPP:
            return "Landlock est désactivé dans ce noyau (à activer avec lsm=…,landlock au démarrage)."
        if erreur == _errno.ENOSYS:
            return ("Le noyau n'a pas Landlock (il faut Linux 6.7 ou plus récent, compilé avec "
                    "CONFIG_SECURITY_LANDLOCK), ou un filtre seccomp du conteneur le masque.")
        return f"Les appels système Landlock sont refusés ici ({_nom(erreur)} ; filtre seccomp du conteneur ?)."
    if version < ABI_MINIMALE:
        return (
            f"Noyau trop ancien : ABI Landlock {version}, il faut l'ABI {ABI_MINIMALE} (Linux 6.7) pour interdire "
            "les connexions TCP, sans quoi le réseau resterait ouvert au code des élèves."
        )
    return _seccomp_disponible()


# -- Landlock ---------------------------------------------------------------------------------------
def _droits(version: int) -> tuple[int, int, int]:
    """(droits de fichier, droits réseau, portées) gérés par l'ABI ``version``."""
    fs = _FS_V1
    if version >= 2:
        fs |= _FS_REFER
    if version >= 3:
        fs |= _FS_TRUNCATE
    if version >= 5:
        fs |= _FS_IOCTL_DEV
    net = _NET_BIND_TCP | _NET_CONNECT_TCP if version >= 4 else 0
    portees = _SCOPE_ABSTRACT_UNIX_SOCKET | _SCOPE_SIGNAL if version >= 6 else 0
    return fs, net, portees


def _jeu_de_regles(lecture: list[str], ecriture: list[str], version: int, lister=()) -> int:
    """Descripteur d'un jeu de règles Landlock complet (rien n'est encore appliqué)."""
    ctypes, _ = _c()

    class AttrJeu(ctypes.Structure):
        _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                    ("scoped", ctypes.c_uint64)]

    class AttrChemin(ctypes.Structure):
        _pack_ = 1  # the kernel struct is packed: 12 bytes
        _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]

    fs, net, portees = _droits(min(version, _ABI_CONNUE))
    attr = AttrJeu(fs, net, portees)
    # Older kernels know a shorter struct: give them only what they know.
    taille = 8 if version < 4 else 16 if version < 6 else ctypes.sizeof(AttrJeu)
    jeu, erreur = _syscall(_SYS_CREATE_RULESET, ctypes.addressof(attr), taille, 0)
    if jeu < 0:
        raise OSError(erreur, f"Landlock : création du jeu de règles impossible ({_nom(erreur)})")
    try:
        for chemins, droits in ((lecture, _FS_LECTURE), (ecriture, fs), (lister, _FS_READ_DIR)):
            for chemin in chemins:
                chemin = os.fspath(chemin)
                try:
                    fd = os.open(chemin, os.O_PATH | os.O_CLOEXEC)
                except (FileNotFoundError, NotADirectoryError):
                    continue  # absent: nothing to allow
                except OSError as exc:
                    message = f"Landlock : impossible d'ouvrir {chemin!r} ({_nom(exc.errno)})"
                    raise OSError(exc.errno, message) from None
                try:
                    estdossier = (os.fstat(fd).st_mode & 0o170000) == 0o040000
                    regle = AttrChemin(droits if estdossier else droits & _FS_FICHIER, fd)
                    resultat, erreur = _syscall(_SYS_ADD_RULE, jeu, _RULE_PATH_BENEATH, ctypes.addressof(regle), 0)
                finally:
                    os.close(fd)
                if resultat < 0:
                    raise OSError(erreur, f"Landlock : règle refusée pour {chemin!r} ({_nom(erreur)})")
    except BaseException:
        os.close(jeu)
        raise
    return jeu


# -- seccomp ----------------------------------------------------------------------------------------
def _programme(arch: int, colonne: int) -> list[tuple[int, int, int, int]]:
    """Le filtre BPF : (code, saut si vrai, saut si faux, k) par instruction.

    Chaque bloc se termine par un retour ou laisse le numéro d'appel dans l'accumulateur.
    """
    def nr(nom):
        return _APPELS[nom][colonne]

    p = [
        (_LD_W_ABS, 0, 0, _OFF_ARCH),
        (_JEQ_K, 1, 0, arch),
        (_RET_K, 0, 0, _RET_KILL_PROCESS),  # another ABI (i386 int 0x80…) has other numbers: no safe answer
        (_LD_W_ABS, 0, 0, _OFF_NR),
    ]
    if colonne == 0:
        p += [(_JGE_K, 0, 1, _X32_BIT), (_RET_K, 0, 0, _RET_ERRNO | _errno.ENOSYS)]
    for nom in ("socket", "socketpair"):
        p += [
            (_JEQ_K, 0, 4, nr(nom)),
            (_LD_W_ABS, 0, 0, _OFF_ARG0_BAS),
            (_JEQ_K, 1, 0, _AF_UNIX),
            (_RET_K, 0, 0, _RET_ERRNO | _errno.EAFNOSUPPORT),
            (_RET_K, 0, 0, _RET_ALLOW),
        ]
    # clone's flags are args[0] on both x86_64 and aarch64 (only tls/child_tid swap places).
    p += [
        (_JEQ_K, 0, 4, nr("clone")),
        (_LD_W_ABS, 0, 0, _OFF_ARG0_BAS),
        (_JSET_K, 0, 1, _CLONE_ESPACES),
        (_RET_K, 0, 0, _RET_ERRNO | _errno.EPERM),
        (_RET_K, 0, 0, _RET_ALLOW),
    ]
    for noms, code in ((_REFUS_ENOSYS, _errno.ENOSYS), (_REFUS_EPERM, _errno.EPERM)):
        for nom in noms:
            if nr(nom) is not None:
                p += [(_JEQ_K, 0, 1, nr(nom)), (_RET_K, 0, 0, _RET_ERRNO | code)]
    p.append((_RET_K, 0, 0, _RET_ALLOW))
    return p


def _installer_seccomp(programme: list[tuple[int, int, int, int]]) -> None:
    ctypes, _ = _c()

    class Instruction(ctypes.Structure):
        _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]

    class Programme(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    instructions = (Instruction * len(programme))(*(Instruction(*i) for i in programme))
    prog = Programme(len(programme), ctypes.addressof(instructions))
    resultat, erreur = _prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(prog), 0, 0)
    if resultat != 0:
        raise OSError(erreur, f"seccomp : installation du filtre impossible ({_nom(erreur)}) ; "
                              "Landlock est déjà appliqué")


def _retirer_capacites(colonne: int) -> None:
    """Retire toutes les capacités du fil courant (effectives, permises, héritables ; les ambiantes suivent)."""
    ctypes, _ = _c()

    class EnTete(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Donnees(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]

    en_tete, donnees = EnTete(_CAPABILITY_VERSION_3, 0), (Donnees * 2)()  # v3: two 32-bit words per set
    # Dropping is always allowed; with no_new_privs set first, execve cannot give them back (even to root).
    resultat, erreur = _syscall(_APPELS["capset"][colonne], ctypes.addressof(en_tete), ctypes.addressof(donnees))
    if resultat != 0:
        raise OSError(erreur, f"impossible de retirer les capacités ({_nom(erreur)}) ; "
                              "no_new_privs est déjà appliqué")


# -- application --------------------------------------------------------------------------------------
def restreindre(lecture: list[str], ecriture: list[str], lister: list[str] = ()) -> None:
    """Applique au processus courant (et à ses descendants, pour toujours) : no_new_privs ; Landlock (lecture+exécution seules sous `lecture`, tous les droits de fichier sous `ecriture`, rien ailleurs ; TCP bind/connect interdits si ABI >= 4 ; signaux et sockets Unix abstraites limités au domaine si ABI >= 6) ; puis le filtre seccomp. Lève OSError avec un message français si une étape échoue : jamais d'application partielle silencieuse.

    ``lister`` : dossiers dont on peut seulement lister les noms (un dossier de ``sys.path``
    parent d'un paquet permis, que l'importation doit parcourir), sans lire leurs fichiers.

    Retire aussi toutes les capacités, y compris à root (voir le docstring du module).
    Les chemins absents sont ignorés ; une règle sur un fichier (et non un dossier) ne
    porte que sur ce fichier. Un second appel ne peut que restreindre davantage : les
    deux jeux de règles et les deux filtres s'appliquent ensemble.
    """
    raison = indisponible()
    if raison is not None:
        raise OSError(_errno.ENOSYS, f"Confinement Landlock impossible ici. {raison}")
    try:
        fils = len(os.listdir("/proc/self/task"))
    except OSError:
        fils = 1  # /proc hidden (e.g. by an earlier restreindre): cannot count, the launcher is single-threaded
    if fils > 1:
        # Landlock only restricts the calling thread: the others would stay free.
        raise OSError(_errno.EBUSY, f"Confinement Landlock impossible : le processus a {fils} fils d'exécution, "
                                    "il faut l'appliquer avant d'en démarrer un second.")
    arch, colonne = _architecture()
    programme = _programme(arch, colonne)
    # Everything that can fail for a bad argument happens before the first irreversible step.
    jeu = _jeu_de_regles(lecture, ecriture, abi(), lister)
    try:
        resultat, erreur = _prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
        if resultat != 0:
            raise OSError(erreur, f"no_new_privs impossible ({_nom(erreur)})")
        _retirer_capacites(colonne)
        resultat, erreur = _syscall(_SYS_RESTRICT_SELF, jeu, 0)
        if resultat != 0:
            raise OSError(erreur, f"Landlock : application du jeu de règles impossible ({_nom(erreur)}) ; "
                                  "no_new_privs et le retrait des capacités sont déjà appliqués")
    finally:
        os.close(jeu)
    _installer_seccomp(programme)
