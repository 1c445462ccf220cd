"""Outils de texte du vérificateur SMART : masques de passages et nombres écrits en lettres.

Le pliage (minuscules, sans accents, positions gardées) vient de ``strategie.texte``.
"""

from __future__ import annotations

import re

from strategie import francais
# Le pliage vit dans strategie.texte (une seule maison pour les règles de texte).
from strategie.texte import nfc as normaliser, plier


def masquer(plie: str, debut: int, fin: int) -> str:
    """Remplace un passage par des espaces (les positions restent valables)."""
    return plie[:debut] + " " * (fin - debut) + plie[fin:]


# --- nombres écrits en lettres (« vingt-cinq mille », « quatre-vingt-dix », « soixante et onze ») ---
_UNITES_LETTRES = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16,
}
_DIZAINES_LETTRES = {"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
                     "septante": 70, "huitante": 80, "octante": 80, "nonante": 90}
_CENTS = frozenset({"cent", "cents"})
_ECHELLES_LETTRES = {"mille": 1_000, "million": 1_000_000, "millions": 1_000_000,
                     "milliard": 1_000_000_000, "milliards": 1_000_000_000}
MOTS_NOMBRE = frozenset(_UNITES_LETTRES) | frozenset(_DIZAINES_LETTRES) | _CENTS | frozenset(_ECHELLES_LETTRES)
# Un nombre en lettres : mots joints par des traits d'union ou des espaces ; « et » seulement avant
# « un », « une », « onze ».
_MOT_NOMBRE = "(?:" + "|".join(sorted(MOTS_NOMBRE, key=len, reverse=True)) + ")(?![a-z])"
MOTIF_LETTRES = re.compile(
    r"(?<![a-z0-9'-])" + _MOT_NOMBRE + r"(?:(?:[ -]+|[ -]+et[ -]+(?=(?:un|une|onze)(?![a-z])))" + _MOT_NOMBRE + r")*"
)


def _moins_de_cent(mots_: list[str]) -> int | None:
    """Valeur de 0 à 99 (« quatre-vingt-dix-sept », « soixante et onze »), ou None si mal formé."""
    if not mots_:
        return 0
    if mots_[:2] in (["quatre", "vingt"], ["quatre", "vingts"]):
        base, reste = 80, mots_[2:]
    elif mots_[0] in _DIZAINES_LETTRES:
        base, reste = _DIZAINES_LETTRES[mots_[0]], mots_[1:]
    else:
        base, reste = 0, mots_
    if reste and reste[0] == "et":
        if not base or len(reste) != 2 or reste[1] not in ("un", "une", "onze"):
            return None
        reste = reste[1:]
    if not reste:
        return base
    if reste == ["dix"] or (len(reste) == 2 and reste[0] == "dix" and reste[1] in ("sept", "huit", "neuf")):
        unite = 10 + (_UNITES_LETTRES[reste[1]] if len(reste) == 2 else 0)
    elif len(reste) == 1 and reste[0] in _UNITES_LETTRES:
        unite = _UNITES_LETTRES[reste[0]]
    else:
        return None
    # Soixante et quatre-vingt prennent 10 à 19 (« soixante-douze ») ; les autres dizaines seulement 1 à 9.
    if base and (unite == 0 or (unite >= 10 and base not in (60, 80))):
        return None
    return base + unite


def _moins_de_mille(mots_: list[str]) -> int | None:
    if "cent" in mots_ or "cents" in mots_:
        i = next(k for k, m in enumerate(mots_) if m in _CENTS)
        centaines = _moins_de_cent(mots_[:i]) if i else 1
        reste = _moins_de_cent(mots_[i + 1:])
        if centaines is None or reste is None or not 1 <= centaines <= 9 or (i and centaines == 1):
            return None
        return centaines * 100 + reste
    return _moins_de_cent(mots_)


def nombre_en_lettres(ecrit: str) -> int | None:
    """La valeur d'un nombre écrit en lettres (texte plié), ou None s'il est mal formé.

    >>> nombre_en_lettres("vingt-cinq mille"), nombre_en_lettres("soixante et onze")
    (25000, 71)
    """
    mots_ = [m for m in re.split(r"[ -]+", ecrit.strip()) if m]
    if not mots_ or mots_[0] == "et" or mots_[-1] == "et":
        return None
    total, morceau, derniere_echelle = 0, [], None
    for mot in mots_:
        if mot in _ECHELLES_LETTRES:
            echelle = _ECHELLES_LETTRES[mot]
            if derniere_echelle is not None and echelle >= derniere_echelle:
                return None  # « mille mille », « mille millions »
            valeur = _moins_de_mille(morceau) if morceau else 1
            if valeur is None or (morceau and valeur == 0):
                return None
            total += valeur * echelle
            morceau, derniere_echelle = [], echelle
        else:
            morceau.append(mot)
    reste = _moins_de_mille(morceau)
    if reste is None or (reste == 0 and morceau and (total or len(mots_) > 1)):
        return None
    return total + reste


def lire_lettres(plie: str, debut: int = 0) -> list[tuple[int, int, int]]:
    """Les nombres en lettres d'un texte plié : (début, fin, valeur), le plus long nombre bien formé d'abord."""
    trouves = []
    position = debut
    while (m := MOTIF_LETTRES.search(plie, position)) is not None:
        # Raccourcir par la droite jusqu'à une forme correcte (« deux trois » → « deux », puis « trois »).
        morceaux = list(re.finditer(r"[a-z]+", m.group(0)))
        position = m.end()
        while morceaux:
            fin = m.start() + morceaux[-1].end()
            valeur = nombre_en_lettres(plie[m.start():fin])
            if valeur is not None:
                if not re.match(r"-[a-z]", plie[fin:fin + 2]):  # « dix-septième » est un ordinal
                    trouves.append((m.start(), fin, valeur))
                position = fin
                break
            morceaux.pop()
            while morceaux and morceaux[-1].group(0) == "et":
                morceaux.pop()
    return trouves


# Graphies lues dans les dates (« en dix-huit mois », « dans vingt-quatre mois ») : 0 à 99, cent, mille.
NOMBRES_EN_LETTRES = {"cent": 100, "mille": 1000}


def _ecrire_moins_de_cent(n: int) -> list[str]:
    noms = {v: k for k, v in _UNITES_LETTRES.items() if k != "une"}
    if n < 17:
        return [noms[n]]
    if n < 20:
        return [f"dix-{noms[n - 10]}"]
    dizaine = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante", 8: "quatre-vingt"}
    d, u = divmod(n, 10)
    if d in (7, 9):
        d, u = d - 1, u + 10
    base = dizaine[d]
    if u == 0:
        return [base + ("s" if d == 8 else "")]
    if u in (1, 11) and d not in (8,):
        return [f"{base} et {noms[u]}", f"{base}-et-{noms[u]}"]
    return [f"{base}-{noms[u] if u < 17 else 'dix-' + noms[u - 10]}"]


for _n in range(100):
    for _ecrit in _ecrire_moins_de_cent(_n):
        NOMBRES_EN_LETTRES[_ecrit] = _n
NOMBRES_EN_LETTRES["une"] = 1
# Graphies les plus longues d'abord, pour que « dix-huit » l'emporte sur « dix ».
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
