"""Outils de texte partagés : texte « plié » (minuscules, sans accents) et nombres écrits en lettres."""

from __future__ import annotations

import re
import unicodedata

from strategie import francais

_APOSTROPHES = "’‘ʼ`´′"
_ESPACES = "\u00a0\u202f\u2009\u2007\t\n\r\f\v"
_TIRETS = "‐‑‒–—−"


def normaliser(texte: str) -> str:
    """Forme NFC du texte : les positions de ``plier`` correspondent à celles de ce texte."""
    return unicodedata.normalize("NFC", texte)


def _plier_caractere(c: str) -> str:
    if c in _APOSTROPHES:
        return "'"
    if c in _ESPACES:
        return " "
    if c in _TIRETS:
        return "-"
    base = unicodedata.normalize("NFD", c)[:1] or " "
    bas = base.lower()
    return bas[:1] or " "


def plier(texte: str) -> str:
    """Minuscules sans accents, caractère pour caractère (même longueur que le texte NFC)."""
    return "".join(_plier_caractere(c) for c in texte)


def masquer(plie: str, debut: int, fin: int) -> str:
    """Remplace un passage par des espaces (les positions restent valables)."""
    return plie[:debut] + " " * (fin - debut) + plie[fin:]


NOMBRES_EN_LETTRES = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "dix-huit": 18, "vingt": 20, "vingt-quatre": 24, "trente": 30,
    "trente-six": 36, "quarante": 40, "quarante-huit": 48, "cinquante": 50, "soixante": 60,
    "cent": 100, "mille": 1000,
}
# Longest spellings first so that "dix-huit" wins over "dix".
MOTIF_NOMBRE_LETTRES = "|".join(sorted(NOMBRES_EN_LETTRES, key=len, reverse=True))
MOTIF_NOMBRE = r"\d+(?:[.,]\d+)?|" + MOTIF_NOMBRE_LETTRES


def valeur_nombre(ecrit: str) -> float:
    """Valeur d'un nombre déjà reconnu par ``MOTIF_NOMBRE`` (chiffres ou lettres)."""
    ecrit = ecrit.strip()
    if ecrit in NOMBRES_EN_LETTRES:
        return float(NOMBRES_EN_LETTRES[ecrit])
    return float(ecrit.replace(",", "."))


_MOTS = re.compile(r"[a-z0-9]+")


def mots(plie: str) -> list[str]:
    """Les mots d'un texte plié (les élisions « l' », « d' » deviennent des mots d'une lettre)."""
    return _MOTS.findall(plie)


def format_nombre(x: float) -> str:
    """12.5 → « 12,5 » ; 1500 → « 1 500 » (espace fine insécable des milliers)."""
    return francais.nombre(x)
