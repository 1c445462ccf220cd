"""Ce que le système permet pour confiner le code des élèves pendant la correction.

Deux niveaux :

``utilisateur``  (la commande tourne en root) chaque atelier de correction
                 exécute les noyaux sous son propre identifiant numérique sans
                 privilèges (pas de compte à créer) ; le noyau ne possède que
                 la copie de travail de la soumission en cours et un dossier
                 personnel jetable : il ne peut écrire ni dans le cours, ni
                 dans le gradebook, ni dans les autres soumissions. Quand le
                 noyau (Linux) le permet, un espace de noms de montage privé
                 masque en plus le cours : le noyau n'en voit que
                 l'environnement Python et la bibliothèque ; c'est aussi ce
                 qui rend Python utilisable quand il est installé sous un
                 dossier fermé comme /root. Après chaque soumission, tous ses
                 processus sont tués et ses fichiers temporaires effacés.
``limites``      (sinon, ou si l'utilisateur sans privilèges ne peut pas lire
                 l'environnement Python) même utilisateur que le formateur :
                 copie de travail, environnement nettoyé, limites de temps, de
                 mémoire, de taille de fichier et de sortie, mais le code
                 pourrait écrire là où le formateur peut écrire.

Dans les deux cas : délai par cellule et par soumission, mémoire bornée
(RLIMIT_AS), sortie bornée, fichiers bornés (RLIMIT_FSIZE).
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PREMIER_UID = 64200
_TEMPORAIRES = ("/tmp", "/var/tmp", "/dev/shm")


LANCEUR = str(Path(__file__).with_name("noyau.py"))


@dataclass
class Confinement:
    mode: str                               # "utilisateur" ou "limites"
    uids: list[int] = field(default_factory=list)
    masques: list[dict] = field(default_factory=list)   # dossiers masqués (espace de noms de montage)
    raison: str = ""                        # pourquoi pas mieux

    def uid(self, atelier: int) -> int | None:
        return self.uids[atelier] if self.mode == "utilisateur" else None

    def description(self, *, delai_cellule: float, delai_total: float, memoire_mo: int, sortie_ko: int) -> str:
        limites = (
            f"{delai_cellule:g} s par cellule, {delai_total:g} s par soumission, {memoire_mo} Mo de mémoire, "
            f"{sortie_ko} Ko de sortie par cellule"
        )
        if self.mode == "utilisateur":
            texte = (
                "utilisateur sans privilèges distinct par atelier (uid "
                f"{self.uids[0]}–{self.uids[-1]}), copie de travail privée par soumission, environnement nettoyé ; "
                f"limites : {limites}, 64 processus. Le code des élèves ne peut écrire ni dans le cours, "
                "ni dans le gradebook, ni dans les autres soumissions"
            )
            if self.masques:
                return texte + (
                    " ; il ne peut pas non plus les lire : le cours est masqué dans un espace de noms de montage "
                    "(seuls l'environnement Python et la bibliothèque restent visibles)."
                )
            return texte + f" (lecture possible : {self.raison})."
        return (
            f"même utilisateur que le formateur ({self.raison}) ; copie de travail privée par soumission, "
            f"environnement nettoyé ; limites : {limites}. Le code des élèves pourrait écrire là où le "
            "formateur peut écrire : lancez la correction en root (sudo) ou dans un conteneur pour l'en empêcher."
        )


# Lock files held for the life of this process: two gradings running at once (two trainers,
# two test workers) must never share a uid, since cleaning up kills every process of the uid.
_RESERVATIONS: dict[int, object] = {}


def _reserver_uid(uid: int) -> bool:
    """Réserve ``uid`` pour ce processus (verrou exclusif) ; faux s'il sert déjà à une autre correction."""
    import fcntl

    if uid in _RESERVATIONS:
        return True
    chemin = Path(tempfile.gettempdir()) / f"strategie-correction-uid-{uid}.verrou"
    try:
        fichier = open(chemin, "a+")
    except OSError:
        return False
    try:
        fcntl.flock(fichier, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fichier.close()
        return False
    _RESERVATIONS[uid] = fichier
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


def _dans(chemin: str, dossier: str) -> bool:
    return chemin == dossier or chemin.startswith(dossier.rstrip("/") + "/")


def chemins_necessaires(cours: Path) -> list[str]:
    """Ce que le noyau d'un élève doit voir : Python, l'environnement, la bibliothèque, le temporaire."""
    import strategie

    cours_ = os.path.realpath(cours)
    chemins = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)}
    chemins.add(os.path.realpath(os.path.dirname(strategie.__file__)))
    chemins.add(os.path.realpath(tempfile.gettempdir()))
    for p in sys.path + os.environ.get("PYTHONPATH", "").split(os.pathsep):
        if p and os.path.isdir(p):
            reel = os.path.realpath(p)
            if not _dans(reel, cours_):
                chemins.add(reel)
    chemins.discard("/")
    return sorted(c for c in chemins if not any(c != autre and _dans(c, autre) for autre in chemins))


def plan_masques(cours: Path, necessaires: list[str]) -> list[dict]:
    """Les dossiers à masquer : le cours, et les parents fermés (mode sans x pour les autres) du nécessaire."""
    masques = {os.path.realpath(cours)}
    for chemin in necessaires:
        parent = os.path.dirname(chemin)
        while parent not in ("/", ""):
            try:
                if not os.stat(parent).st_mode & 0o001:
                    masques.add(parent)
            except OSError:
                pass
            parent = os.path.dirname(parent)
    masques = {m for m in masques if not any(m != o and _dans(m, o) for o in masques)}
    plan = []
    for dossier in sorted(masques):
        garder = [c for c in necessaires if _dans(c, dossier)]
        if dossier in garder:
            continue
        plan.append({"dossier": dossier, "garder": garder})
    return plan


def _sonde(uid: int, masques: list[dict], temoin: str | None) -> str | None:
    """None si un noyau peut démarrer sous ``uid`` avec ces masques ; sinon la raison, en français."""
    # Starting Python proves the interpreter is reachable; opening the two packages the kernel
    # needs proves the environment and the library are (importing them would cost a second).
    import importlib.util

    import strategie

    paquets = [importlib.util.find_spec("ipykernel").origin, strategie.__file__]
    code = f"import os, sys\nfor chemin in {paquets!r}:\n    open(chemin, 'rb').close()\n"
    if temoin:
        code += f"sys.exit(3 if os.path.exists({temoin!r}) else 0)\n"
    with tempfile.TemporaryDirectory(prefix="strategie-sonde-") as dossier:
        os.chmod(dossier, 0o711)
        travail = os.path.join(dossier, "travail")
        os.mkdir(travail)
        reglages = {
            "maison": os.path.join(dossier, "maison"), "uid": uid, "gid": uid, "masques": masques,
            "coulisses": os.path.join(dossier, "coulisses"),
        }
        try:
            resultat = subprocess.run(
                [sys.executable, "-I", "-S", LANCEUR, json.dumps(reglages), "--", sys.executable, "-I", "-S", "-c", code],
                cwd=travail, capture_output=True, text=True, timeout=120,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            return f"impossible de lancer un processus sous un autre utilisateur ({exc})"
    if resultat.returncode == 3:
        return "le masquage du cours n'a pas d'effet"
    if resultat.returncode != 0:
        derniere = (resultat.stderr.strip().splitlines() or ["erreur inconnue"])[-1]
        return f"un utilisateur sans privilèges ne peut pas utiliser l'environnement Python {sys.prefix} ({derniere})"
    return None


def detecter(demande: str = "auto", ateliers: int = 1, cours: Path | None = None) -> Confinement:
    """Le meilleur confinement possible ici (``demande`` : auto, utilisateur ou limites)."""
    if demande not in ("auto", "utilisateur", "limites"):
        raise ValueError(f"--confinement vaut {demande!r} ; choisissez auto, utilisateur ou limites.")
    if demande == "limites":
        return Confinement("limites", raison="demandé avec --confinement limites")
    if os.name != "posix" or not hasattr(os, "setuid") or not sys.platform.startswith("linux"):
        raison = "ce système ne permet pas de changer d'utilisateur ici"
    elif os.geteuid() != 0:
        raison = "la commande ne tourne pas en root, elle ne peut pas changer d'utilisateur"
    else:
        occupes = _uids_occupes()
        uids, candidat = [], PREMIER_UID
        while len(uids) < ateliers and candidat < 65000:
            if candidat not in occupes and _reserver_uid(candidat):
                uids.append(candidat)
            candidat += 1
        if len(uids) < ateliers:
            raison = "aucun identifiant d'utilisateur libre"
        else:
            masques = plan_masques(cours, chemins_necessaires(cours)) if cours is not None else []
            temoin = None
            if cours is not None:
                temoin = next((str(p) for p in sorted(Path(cours).iterdir()) if not any(
                    _dans(os.path.realpath(p), g) for m in masques for g in m["garder"])), None)
            raison_masque = _sonde(uids[0], masques, temoin) if masques else "aucun dossier à masquer"
            if raison_masque is None:
                return Confinement("utilisateur", uids, masques)
            raison = _sonde(uids[0], [], None)
            if raison is None:
                return Confinement("utilisateur", uids, [], raison=f"masquage du cours impossible : {raison_masque}")
            raison = f"{raison} ; avec masquage : {raison_masque}"
    if demande == "utilisateur":
        raise RuntimeError(f"Confinement par utilisateur impossible : {raison}.")
    return Confinement("limites", raison=raison)


def nettoyer(uid: int | None, maison: str | None = None) -> None:
    """Tue tout ce qu'a laissé le code d'un élève (processus, fichiers temporaires)."""
    if uid is not None:
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
    elif maison:
        # Same user: the kernel leads its own process group (jupyter_client starts a new session).
        try:
            with open(os.path.join(maison, "noyau.pid"), encoding="ascii") as f:
                pid = int(f.read().strip())
            os.killpg(pid, signal.SIGKILL)
        except (OSError, ValueError):
            pass
