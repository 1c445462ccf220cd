"""Les nombres à la française, en un seul endroit : virgule décimale, espaces insécables.

Tout ce qu'un apprenant lit (leçons, figures, messages, rapports) passe par ces fonctions :

>>> nombre(2520)
'2\u202f520'
>>> nombre(0.6667, 2)
'0,67'
>>> pourcent(5)
'5\u202f%'
>>> pourcent(0.4217, part=True, decimales=1)
'42,2\u202f%'
>>> euros(1200), euros(0.65)
('1\u202f200\u00a0€', '0,65\u00a0€')

Et dans l'autre sens, ce qu'un apprenant tape dans une case : « 4,5 » comme « 4.5 » :

>>> lire_nombre("4,5"), lire_nombre("4.5"), lire_nombre("1 200"), lire_nombre("−3")
(4.5, 4.5, 1200.0, -3.0)

Les milliers sont séparés par une espace fine insécable (U+202F), et une espace insécable
précède les unités : « 5 % », « 12 € », « 3 ans » ne se coupent jamais en fin de ligne.
"""

from __future__ import annotations

import math
import re
from numbers import Real

from strategie.erreurs import SaisieInvalide

__all__ = [
    "ESPACE_FINE", "ESPACE_INSECABLE", "nombre", "pourcent", "euros", "avec_unite", "compte", "signe", "lire_nombre",
]

ESPACE_FINE = "\u202f"  # milliers, et devant « % » (usage de l'Imprimerie nationale)
ESPACE_INSECABLE = "\u00a0"  # devant les unités (€, ans, jours…)
MOINS = "\u2212"


def nombre(x: float, decimales: int | None = None) -> str:
    """Un nombre à la française : « 2 520 », « 3,2 », « −1,25 ».

    ``decimales=None`` garde au plus deux décimales et retire les zéros inutiles (2,5 et non
    2,50) ; un entier donne un nombre fixe de décimales (« 3,20 » avec 2). Une valeur non
    finie s'écrit « — » ; un nombre immense s'écrit en notation scientifique (« 1,2e+18 »).
    """
    x = float(x)
    if not math.isfinite(x):
        return "—"
    if abs(x) >= 1e15:
        return f"{x:.3g}".replace(".", ",").replace("-", MOINS)
    if decimales is None:
        texte = f"{x:,.2f}".rstrip("0").rstrip(".")
    else:
        texte = f"{x:,.{decimales}f}"
    if texte in ("-0", "-0,0") or texte.lstrip("-").strip("0.,") == "":
        texte = texte.lstrip("-")  # « −0 » après arrondi n'a pas de sens pour un lecteur
    return texte.replace(",", ESPACE_FINE).replace(".", ",").replace("-", MOINS)


def pourcent(x: float, decimales: int | None = 0, part: bool = False) -> str:
    """Un pourcentage : « 5 % », « 42,2 % ». ``part=True`` lit x comme une part (0,42 → 42 %)."""
    valeur = float(x) * 100 if part else float(x)
    if not math.isfinite(valeur):
        return "—"
    return f"{nombre(valeur, decimales)}{ESPACE_FINE}%"


def euros(x: float, centimes: bool | None = None) -> str:
    """Un montant : « 1 200 € », « 0,65 € ». Sans ``centimes``, les centimes ne s'écrivent que s'il y en a."""
    x = float(x)
    if centimes is None:
        centimes = math.isfinite(x) and not round(x, 2).is_integer()
    return f"{nombre(x, 2 if centimes else 0)}{ESPACE_INSECABLE}€"


def avec_unite(x: float, unite: str, decimales: int | None = None) -> str:
    """Un nombre suivi de son unité, sans coupure possible : « 3 ans », « 1,5 jour »."""
    return f"{nombre(x, decimales)}{ESPACE_INSECABLE}{unite}"


def compte(x: float, singulier: str, pluriel: str | None = None, decimales: int | None = None) -> str:
    """Un nombre et son nom accordé : « 1 an », « 1,5 an », « 2 ans », « 5 tours », « 0 note ».

    Règle française : le pluriel commence à 2 (« 1,5 an », « 0 note ») ; ``pluriel`` pour un
    pluriel qui n'est pas le singulier suivi de « s » (« 3 travaux »).

    >>> compte(1, "an"), compte(2, "an"), compte(3, "travail", "travaux")
    ('1\u00a0an', '2\u00a0ans', '3\u00a0travaux')
    """
    forme = singulier if abs(float(x)) < 2 else (pluriel or singulier + "s")
    return avec_unite(x, forme, decimales)


def signe(texte_nombre: str, x: float) -> str:
    """Préfixe un nombre déjà écrit de son signe : « +15 % », « −40 % » (vrai signe moins)."""
    if x > 0:
        return "+" + texte_nombre.lstrip(MOINS)
    if x < 0:
        return MOINS + texte_nombre.lstrip(MOINS)
    return texte_nombre.lstrip(MOINS)


_NOMBRE_TAPE = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
_ESPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


def lire_nombre(texte: object, unite: str = "") -> float:
    """Lit un nombre tapé par l'apprenant : « 4,5 » comme « 4.5 », « 1 200 », « −3 », « 12 % ».

    La règle de toutes les cases du cours (curseurs, autoévaluations) : virgule ou point
    pour les décimales, espaces de milliers permises, « % », « € » ou ``unite`` en fin de
    saisie ignorés. Lève ``SaisieInvalide`` avec un message qui dit comment l'écrire.

    >>> lire_nombre(" 12 "), lire_nombre("1\u202f200,5"), lire_nombre("12 %")
    (12.0, 1200.5, 12.0)
    """
    if isinstance(texte, bool):
        raise SaisieInvalide("Écrivez un nombre, par exemple 4,5.")
    if isinstance(texte, Real):
        valeur = float(texte)
    else:
        brut = texte if isinstance(texte, str) else ""
        propre = _ESPACES.sub("", brut).replace(MOINS, "-")
        for u in filter(None, {unite.strip(), "€", "%"}):
            if propre.endswith(u):
                propre = propre[: -len(u)]
        if not propre:
            raise SaisieInvalide("Écrivez un nombre, par exemple 4,5.")
        if "," in propre and "." in propre:
            raise SaisieInvalide(
                f"« {brut.strip()} » contient une virgule et un point : écrivez les décimales avec une "
                "virgule ou un point (4,5 ou 4.5), sans séparateur de milliers."
            )
        if not _NOMBRE_TAPE.fullmatch(propre):
            raise SaisieInvalide(f"« {brut.strip()} » n'est pas un nombre : écrivez par exemple 4,5 ou 1200.")
        valeur = float(propre.replace(",", "."))
    if not math.isfinite(valeur):
        raise SaisieInvalide("Écrivez un nombre fini, par exemple 4,5.")
    return valeur
