"""Le témoin d'intégrité : rien hors de la copie d'un élève ne change pendant sa correction.

Le chef d'orchestre relève (``lstat``, sans suivre aucun lien) tout ce qui
compte pour les notes : le devoir (sources, version distribuée), la
configuration nbgrader, le gradebook, les soumissions importées, les
instantanés, les états et les carnets notés. Il est le seul à y écrire :
après chacune de ses écritures il les « accepte », et après chaque
soumission corrigée il vérifie qu'aucune autre modification n'a eu lieu.
Une signature (inode, type, taille, dates de modification et de changement,
droits, propriétaire) change à toute écriture, même si le contenu est remis
à l'identique ou la date maquillée (``ctime`` ne se règle pas).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

Signature = tuple[int, int, int, int, int, int, int]


def signature(resultat: os.stat_result) -> Signature:
    return (resultat.st_ino, stat.S_IFMT(resultat.st_mode), resultat.st_size, resultat.st_mtime_ns,
            resultat.st_ctime_ns, stat.S_IMODE(resultat.st_mode), resultat.st_uid)


def relever(racine: Path) -> dict[str, Signature]:
    """Les signatures de ``racine`` et de tout ce qu'elle contient (les liens ne sont pas suivis)."""
    releve: dict[str, Signature] = {}
    try:
        premier = os.lstat(racine)
    except FileNotFoundError:
        return releve
    releve[str(racine)] = signature(premier)
    if not stat.S_ISDIR(premier.st_mode):
        return releve
    pile = [str(racine)]
    while pile:
        dossier = pile.pop()
        try:
            entrees = list(os.scandir(dossier))
        except OSError:
            continue
        for entree in entrees:
            try:
                resultat = entree.stat(follow_symlinks=False)
            except OSError:
                continue
            releve[entree.path] = signature(resultat)
            if stat.S_ISDIR(resultat.st_mode):
                pile.append(entree.path)
    return releve


class Temoin:
    """Les signatures attendues d'un ensemble de chemins surveillés."""

    def __init__(self, racines: list[Path]):
        self.racines = [Path(r) for r in racines]
        self.attendu: dict[str, Signature] = {}
        for racine in self.racines:
            self.attendu.update(relever(racine))

    def _sous(self, chemin: str, racine: Path) -> bool:
        return chemin == str(racine) or chemin.startswith(str(racine).rstrip("/") + "/")

    def accepter(self, *chemins: Path) -> None:
        """Après une écriture du correcteur : ``chemins`` (et leur contenu) ont les signatures actuelles."""
        for chemin in chemins:
            chemin = Path(chemin)
            for cle in [c for c in self.attendu if self._sous(c, chemin)]:
                del self.attendu[cle]
            self.attendu.update(relever(chemin))
            parent = chemin.parent
            while any(self._sous(str(parent), r) for r in self.racines):
                try:
                    self.attendu[str(parent)] = signature(os.lstat(parent))
                except FileNotFoundError:
                    self.attendu.pop(str(parent), None)
                parent = parent.parent

    def verifier(self) -> list[str]:
        """Les chemins changés, apparus ou disparus depuis la dernière acceptation (triés)."""
        actuel: dict[str, Signature] = {}
        for racine in self.racines:
            actuel.update(relever(racine))
        changes = {c for c in set(actuel) | set(self.attendu) if actuel.get(c) != self.attendu.get(c)}
        return sorted(changes)


def sauvegarder_base(source: Path, copie: Path) -> None:
    """Copie cohérente d'une base SQLite (API de sauvegarde), sans suivre de lien."""
    if source.is_symlink() or not source.is_file():
        return
    provisoire = copie.with_suffix(".tmp")
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as origine, sqlite3.connect(provisoire) as cible:
        origine.backup(cible)
    os.replace(provisoire, copie)


def restaurer(sauvegarde: Path, cible: Path) -> None:
    """Remet ``cible`` (fichier ou dossier) depuis ``sauvegarde`` ; ce qui a été planté à sa place
    (lien, fichier, dossier) est retiré d'abord, et aucun lien n'est suivi."""
    if cible.is_symlink() or cible.is_file():
        cible.unlink()
    elif cible.is_dir():
        shutil.rmtree(cible)
    if sauvegarde.is_dir():
        shutil.copytree(sauvegarde, cible, symlinks=True)
        return
    provisoire = cible.with_name(f".{cible.name}.restauration")
    shutil.copyfile(sauvegarde, provisoire, follow_symlinks=False)
    os.replace(provisoire, cible)
