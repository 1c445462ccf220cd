"""Lanceur du noyau Python qui exécute le code d'un élève pendant la correction.

Appelé à la place du noyau habituel :

    python -I -S …/strategie/correction/noyau.py '<réglages JSON>' -- python -m ipykernel_launcher -f …

Il fixe les limites (mémoire, taille des fichiers, processus), donne au noyau
un environnement propre (dossier personnel jetable, aucune variable du
formateur), et, lancé en root, masque le cours dans un espace de noms de
montage privé (le noyau ne voit du cours que l'environnement Python et la
bibliothèque : ni solutions, ni gradebook, ni soumissions) puis passe sous
un utilisateur sans privilèges propriétaire de la seule copie de travail,
avant de se remplacer par le noyau (``exec``). Bibliothèque standard seulement : il démarre à chaque
soumission.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys

# Variables of the grader's environment that a kernel may keep; everything else is dropped
# (tokens, credentials, hub variables…).
_GARDEES = ("PATH", "LANG", "LANGUAGE", "TZ", "PYTHONPATH", "PYTHONHASHSEED", "VIRTUAL_ENV", "SYSTEMROOT")


def _donner(chemin: str, uid: int, gid: int) -> None:
    os.chown(chemin, uid, gid)
    for racine, dossiers, fichiers in os.walk(chemin):
        for nom in dossiers + fichiers:
            try:
                os.chown(os.path.join(racine, nom), uid, gid, follow_symlinks=False)
            except OSError:
                pass


_CLONE_NEWNS = 0x00020000
_MS_NOSUID, _MS_NODEV, _MS_BIND, _MS_REC, _MS_PRIVATE = 2, 4, 4096, 16384, 1 << 18


def _monter(libc, source, cible, genre, drapeaux, donnees=None) -> None:
    import ctypes

    def octets(texte):
        return None if texte is None else os.fsencode(texte)

    if libc.mount(octets(source), octets(cible), octets(genre), ctypes.c_ulong(drapeaux), octets(donnees)) != 0:
        erreur = ctypes.get_errno()
        raise OSError(erreur, f"mount {source} -> {cible} : {os.strerror(erreur)}")


def masquer(masques: list[dict], coulisses: str) -> None:
    """Espace de noms de montage privé : chaque dossier masqué devient vide, sauf ce qu'il faut garder.

    ``masques`` : [{"dossier": D, "garder": [chemins sous D]}]. Le contenu d'origine de D reste
    accessible (pour root) dans ``coulisses``, un dossier que le noyau ne peut pas traverser.
    """
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(_CLONE_NEWNS) != 0:
        erreur = ctypes.get_errno()
        raise OSError(erreur, f"unshare : {os.strerror(erreur)}")
    _monter(libc, "none", "/", None, _MS_REC | _MS_PRIVATE)
    os.makedirs(coulisses, mode=0o700, exist_ok=True)
    for rang, masque in enumerate(masques):
        dossier = masque["dossier"]
        cache = os.path.join(coulisses, str(rang))
        os.makedirs(cache, exist_ok=True)
        _monter(libc, dossier, cache, None, _MS_BIND | _MS_REC)
        _monter(libc, "tmpfs", dossier, "tmpfs", _MS_NOSUID | _MS_NODEV, "mode=0755,size=1m")
        for garde in masque["garder"]:
            relatif = os.path.relpath(garde, dossier)
            cible = os.path.join(dossier, relatif)
            origine = os.path.join(cache, relatif)
            if os.path.isdir(origine):
                os.makedirs(cible, mode=0o755, exist_ok=True)
            else:
                os.makedirs(os.path.dirname(cible), mode=0o755, exist_ok=True)
                open(cible, "a").close()
            _monter(libc, origine, cible, None, _MS_BIND | _MS_REC)


def preparer(reglages: dict, commande: list[str]) -> tuple[list[str], dict]:
    """Applique les réglages au processus courant ; renvoie la commande et l'environnement du noyau."""
    maison = reglages["maison"]
    uid, gid = reglages.get("uid"), reglages.get("gid")
    os.makedirs(maison, exist_ok=True)
    for sous in ("tmp", ".ipython", ".config", ".cache", ".local/share/jupyter/runtime"):
        os.makedirs(os.path.join(maison, sous), exist_ok=True)

    # The connection file belongs to the grader (mode 600): the kernel gets its own copy.
    commande = list(commande)
    if "-f" in commande:
        rang = commande.index("-f") + 1
        copie = os.path.join(maison, "connexion.json")
        shutil.copyfile(commande[rang], copie)
        os.chmod(copie, 0o600)
        commande[rang] = copie

    with open(os.path.join(maison, "noyau.pid"), "w", encoding="ascii") as f:
        f.write(str(os.getpid()))

    env = {cle: valeur for cle, valeur in os.environ.items() if cle in _GARDEES or cle.startswith(("LC_", "JPY_"))}
    env.update({
        "HOME": maison, "USER": "correction", "LOGNAME": "correction", "TMPDIR": os.path.join(maison, "tmp"),
        "IPYTHONDIR": os.path.join(maison, ".ipython"), "MPLCONFIGDIR": os.path.join(maison, ".config"),
        "XDG_CONFIG_HOME": os.path.join(maison, ".config"), "XDG_CACHE_HOME": os.path.join(maison, ".cache"),
        "JUPYTER_RUNTIME_DIR": os.path.join(maison, ".local/share/jupyter/runtime"),
        "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1",
        # One thread per numeric library: parallel grading already fills the cores.
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "NBGRADER_EXECUTION": os.environ.get("NBGRADER_EXECUTION", "autograde"),
    })

    for dossier in (os.getcwd(), maison):
        os.chmod(dossier, 0o700)
        if uid is not None:
            _donner(dossier, uid, gid)

    if reglages.get("masques"):
        masquer(reglages["masques"], reglages["coulisses"])

    memoire = reglages.get("memoire")
    if memoire:
        resource.setrlimit(resource.RLIMIT_AS, (memoire, memoire))
    fichier_max = reglages.get("fichier_max")
    if fichier_max:
        resource.setrlimit(resource.RLIMIT_FSIZE, (fichier_max, fichier_max))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.umask(0o077)

    if uid is not None:
        processus = reglages.get("processus")
        if processus:
            resource.setrlimit(resource.RLIMIT_NPROC, (processus, processus))
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
        if os.getuid() != uid or os.geteuid() != uid:
            raise SystemExit("impossible de quitter les droits root")
    return commande, env


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--" not in argv or not argv:
        raise SystemExit("usage : python noyau.py '<réglages JSON>' -- commande…")
    separation = argv.index("--")
    reglages = json.loads(argv[0])
    commande, env = preparer(reglages, argv[separation + 1:])
    os.execve(commande[0], commande, env)


if __name__ == "__main__":
    main()
