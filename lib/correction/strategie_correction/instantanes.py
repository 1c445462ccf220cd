"""Instantanés privés des soumissions, pris et hachés à l'import : la correction ne lit qu'eux.

Un instantané est un dossier (mode 700, hors de portée du code des élèves)
avec une copie des fichiers déposés ; leurs empreintes SHA-256 restent dans
la mémoire du chef d'orchestre et voyagent avec chaque tâche. L'atelier relit
l'instantané sans suivre aucun lien (``O_NOFOLLOW``, fichiers ordinaires
seulement) et vérifie chaque empreinte avant de noter : une copie modifiée
entre l'import et la correction est refusée.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path, PurePosixPath


class InstantaneModifie(RuntimeError):
    """Un instantané ne correspond plus aux empreintes prises à l'import."""


def empreinte(octets: bytes) -> str:
    return hashlib.sha256(octets).hexdigest()


def _relatif_sur(relatif: str) -> PurePosixPath:
    chemin = PurePosixPath(relatif)
    if chemin.is_absolute() or ".." in chemin.parts or not chemin.parts:
        raise InstantaneModifie(f"chemin refusé dans un instantané : {relatif!r}")
    return chemin


def ecrire(dossier: Path, fichiers: dict[str, bytes]) -> dict[str, str]:
    """Écrit l'instantané ``dossier`` (neuf) ; renvoie {chemin relatif: empreinte}."""
    dossier.mkdir(mode=0o700, parents=True)
    empreintes = {}
    for relatif, octets in sorted(fichiers.items()):
        cible = dossier / _relatif_sur(relatif)
        cible.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descripteur = os.open(cible, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        with os.fdopen(descripteur, "wb") as f:
            f.write(octets)
        empreintes[relatif] = empreinte(octets)
    return empreintes


def lire_fichier_sur(chemin: Path) -> bytes:
    """Lit un fichier ordinaire sans jamais suivre de lien (ni le fichier, ni un dossier parent lié)."""
    descripteur = os.open(chemin, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(descripteur).st_mode):
            raise InstantaneModifie(f"{chemin} n'est pas un fichier ordinaire")
        with os.fdopen(descripteur, "rb", closefd=False) as f:
            return f.read()
    finally:
        os.close(descripteur)


def lire(dossier: Path, empreintes: dict[str, str]) -> dict[str, bytes]:
    """Relit l'instantané et vérifie chaque empreinte ; lève :class:`InstantaneModifie` sinon."""
    fichiers = {}
    for relatif, attendue in sorted(empreintes.items()):
        courant = dossier
        for morceau in _relatif_sur(relatif).parts[:-1]:
            courant = courant / morceau
            if not stat.S_ISDIR(os.lstat(courant).st_mode):
                raise InstantaneModifie(f"{courant} n'est plus un dossier")
        octets = lire_fichier_sur(dossier / relatif)
        if empreinte(octets) != attendue:
            raise InstantaneModifie(f"« {relatif} » a changé depuis l'import")
        fichiers[relatif] = octets
    return fichiers
