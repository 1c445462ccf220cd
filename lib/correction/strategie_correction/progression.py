"""Barre de progression sur la sortie d'erreur (une ligne par élève hors d'un terminal)."""

from __future__ import annotations

import shutil
import sys
import time


class Progression:
    def __init__(self, total: int, *, actif: bool = True, flux=None, titre: str = "Correction"):
        self.total = max(total, 0)
        self.fait = 0
        self.flux = flux or sys.stderr
        self.actif = actif and self.total > 0
        self.terminal = self.actif and hasattr(self.flux, "isatty") and self.flux.isatty()
        self.titre = titre
        self.debut = time.monotonic()
        self._derniere = ""

    def _reste(self) -> str:
        if not self.fait or self.fait >= self.total:
            return ""
        ecoule = time.monotonic() - self.debut
        secondes = round(ecoule / self.fait * (self.total - self.fait))
        return f" · reste environ {secondes // 60} min {secondes % 60:02d} s"

    def afficher(self, libelle: str = "") -> None:
        if not self.terminal:
            return
        if self.terminal:
            largeur = max(10, min(30, shutil.get_terminal_size((80, 20)).columns - 60))
            plein = int(largeur * self.fait / self.total) if self.total else largeur
            ligne = (
                f"\r{self.titre} [{'█' * plein}{'░' * (largeur - plein)}] {self.fait}/{self.total}"
                f"{self._reste()}  {libelle}"
            )
            colonnes = shutil.get_terminal_size((80, 20)).columns
            ligne = ligne[: colonnes - 1]
            self.flux.write(ligne + " " * max(0, len(self._derniere) - len(ligne)))
            self._derniere = ligne
        self.flux.flush()

    def avancer(self, libelle: str = "") -> None:
        self.fait = min(self.total, self.fait + 1)
        if self.actif and not self.terminal and libelle:
            self.flux.write(f"[{self.fait:>{len(str(self.total))}}/{self.total}] {libelle}{self._reste()}\n")
            self.flux.flush()
        self.afficher(libelle)

    def terminer(self) -> None:
        if self.actif and self.terminal:
            self.flux.write("\n")
            self.flux.flush()
