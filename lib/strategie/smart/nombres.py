"""Lire les nombres et les quantités écrits en français : « 12,5 % », « 1 000 € », « 2 M€ », « 4,5/5 »…"""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass

from strategie.erreurs import SaisieInvalide
from strategie.smart._texte import format_nombre, lire_lettres, plier

# Mots qui ne nomment jamais ce que compte un nombre (« 12 à 8 », « 5 de plus »).
MOTS_OUTILS = frozenset(
    """a au aux de des du d en et ou le la les l un une par pour sur sous avec sans chez dans
    nos notre vos votre leurs leur ses son sa ce cet cette ces qui que plus moins soit contre
    entre vers puis ainsi au-dela afin grace lieu d ici fin debut mi contre actuellement aujourd hui
    minimum maximum environ pres""".split()
)
_ADJECTIFS_AVANT_NOM = (
    r"(?:(?:nouveaux|nouvelles|nouveau|nouvelle|nouvel|premiers|premieres|grands|grandes|petits|petites"
    r"|autres|vrais|vraies|gros|grosses|bons|bonnes|meilleurs|meilleures|vrais)\s+)?"
)

_NOMBRE = re.compile(r"(?<![\w.,/])([+-]\s?)?(\d{1,3}(?:[ ]\d{3})+|\d+)(?:[.,](\d+))?(?![\d])")
_ECHELLES = {"k": 1e3, "mille": 1e3, "m": 1e6, "million": 1e6, "millions": 1e6, "md": 1e9, "mds": 1e9,
             "milliard": 1e9, "milliards": 1e9}
_SUITE = re.compile(
    r"\s*(?:(k|m(?=\s*(?:€|euros?(?![a-z])|eur(?![a-z])))|mds?|mille|millions?|milliards?)(?![a-z])\s*(?:d'|de\s+)?)?"
    r"(%|pour\s*cent(?![a-z])|points?(?![a-z])|pts?(?![a-z])|€|euros?(?![a-z])|eur(?![a-z])|/\s*\d+"
    r"|h(?![a-z])|heures?(?![a-z])|min(?:utes?)?(?![a-z])|jours?(?![a-z])|j(?![a-z])|semaines?(?![a-z])"
    r"|mois(?![a-z])|ans(?![a-z])|annees?(?![a-z])|x(?![a-z])|fois(?![a-z]))?"
)
_NOM = re.compile(r"\s*(?:(?:de|d')\s*)?" + _ADJECTIFS_AVANT_NOM + r"([a-z][a-z-]{2,})")
_DE_UNITE = re.compile(r"\s*(?:d'|de\s+)(?=\s*(?:€|euros?(?![a-z])|eur(?![a-z])))")
# Un nombre en lettres sans rien après ne compte que dans une paire (« de douze à vingt-cinq clients »)
# ou après un repère de départ (« contre douze ») : seul, « deux » ou « neuf » est trop souvent autre chose.
_VERS_NOMBRE = re.compile(r"\s*(?:a|jusqu'a)\s+(?:\d|[a-z])")
_APRES_NOMBRE = re.compile(r"(?:\d|[a-z])\s+(?:a|jusqu'a)\s*$")
_AVANT_DEPART_LETTRES = re.compile(r"(?:contre|au\s+lieu\s+de|actuellement|aujourd'hui|partant\s+de)\s*$")
_UNITES = {
    "%": "%", "pour cent": "%", "pourcent": "%", "point": "points", "points": "points", "pt": "points",
    "pts": "points", "€": "€", "euro": "€", "euros": "€", "eur": "€", "h": "h", "heure": "h", "heures": "h",
    "min": "min", "minute": "min", "minutes": "min", "jour": "jours", "jours": "jours", "j": "jours",
    "semaine": "semaines", "semaines": "semaines", "mois": "mois", "ans": "ans", "annee": "ans",
    "annees": "ans", "x": "fois", "fois": "fois",
}


@dataclass(frozen=True)
class Quantite:
    """Un nombre repéré dans un texte, avec son unité (ou le nom qu'il compte)."""

    valeur: float
    unite: str
    extrait: str
    debut: int
    fin: int
    signe: int = 0  # +1 / -1 quand c'est écrit « +10 % » ou « -10 % »
    en_lettres: bool = False  # écrit en lettres (« vingt-cinq mille euros »)

    @property
    def cite(self) -> str:
        """La quantité lisible, avec les mots de l'apprenant quand il l'a écrite en lettres."""
        if self.en_lettres:
            return f"« {self.extrait} », soit {self.lisible}"
        return self.lisible

    @property
    def lisible(self) -> str:
        unite = self.unite
        if not unite:
            return format_nombre(self.valeur)
        if unite.startswith("/"):
            return f"{format_nombre(self.valeur)}{unite}"
        return f"{format_nombre(self.valeur)}{_ESPACE_UNITE.get(unite, chr(0xA0))}{unite}"


# Espace fine insécable avant %, espace insécable avant toute autre unité (« 8 % », « 12 € »).
_ESPACE_UNITE = {"%": "\u202f"}


def lire_nombre(valeur, champ: str = "nombre", vide_permis: bool = False) -> float | None:
    """Un nombre à partir d'un nombre Python ou d'un texte français (« 12,5 », « 1 000 », « 8 % »).

    Lève ``SaisieInvalide`` (message qui nomme ``champ``) si ce n'est pas un nombre fini.
    Avec ``vide_permis``, ``None`` ou un texte vide donnent ``None``.
    """
    if valeur is None or (isinstance(valeur, str) and not valeur.strip()):
        if vide_permis:
            return None
        raise SaisieInvalide(f"{champ} vide : écrivez un nombre, comme 12 ou 12,5.")
    if isinstance(valeur, bool):
        raise SaisieInvalide(f"{champ} : attendu un nombre, reçu {valeur!r} (vrai/faux).")
    if isinstance(valeur, numbers.Real):
        nombre = float(valeur)
    elif isinstance(valeur, str):
        propre = re.sub(r"[\s\u00a0\u202f]", "", plier(valeur)).rstrip("%€").replace(",", ".")
        if propre.startswith("+"):
            propre = propre[1:]
        if not re.fullmatch(r"-?(\d+\.?\d*|\.\d+)", propre):
            raise SaisieInvalide(
                f"{champ} : « {valeur.strip()} » n'est pas un nombre. "
                "Écrivez un nombre comme 12 ou 12,5 (l'unité va dans son propre champ)."
            )
        nombre = float(propre)
    else:
        raise SaisieInvalide(f"{champ} : attendu un nombre, reçu {type(valeur).__name__}.")
    if not math.isfinite(nombre):
        raise SaisieInvalide(f"{champ} : {valeur!r} n'est pas un nombre fini ; écrivez une valeur réelle.")
    return nombre


def _unite(mot: str) -> str:
    mot = re.sub(r"\s+", " ", mot.strip())
    if mot.startswith("/"):
        return "/" + mot[1:].strip()
    return _UNITES.get(mot, mot)


def _nom_compte(plie: str, original: str) -> str:
    """Unité normalisée (« jours », « € »…) ou, pour un nom compté, le mot tel qu'écrit (« abonnés »)."""
    return _UNITES.get(plie, original.lower())


def trouver_quantites(texte_nfc: str, plie: str) -> list[Quantite]:
    """Les nombres d'un texte plié (échéances déjà masquées), avec leur unité ou le nom compté."""
    trouvees: list[Quantite] = []
    pris: list[tuple[int, int]] = []
    for m in _NOMBRE.finditer(plie):
        entier = m.group(2).replace(" ", "")
        valeur = float(entier + ("." + m.group(3) if m.group(3) else ""))
        signe = 0
        if m.group(1):
            signe = -1 if m.group(1).startswith("-") else 1
            valeur *= signe
        fin = m.end()
        suite = _SUITE.match(plie, fin)
        unite = ""
        if suite and suite.group(0).strip():
            echelle, mot = suite.group(1), suite.group(2)
            if echelle:
                valeur *= _ECHELLES[echelle]
            if mot:
                unite = _unite(mot)
            fin = suite.end()
        if not unite:
            nom = _NOM.match(plie, fin)
            if nom and nom.group(1) not in MOTS_OUTILS:
                unite = _nom_compte(nom.group(1), texte_nfc[nom.start(1):nom.end(1)])
                fin = nom.end()
        debut = m.start()
        if not unite and not signe and not m.group(3) and len(entier) == 4 and 1900 <= valeur <= 2199:
            continue  # une année seule (« Plan 2027 : … ») n'est pas une cible
        trouvees.append(Quantite(valeur, unite, texte_nfc[debut:fin].strip(), debut, fin, signe))
        pris.append((debut, fin))
    for debut, fin, valeur in lire_lettres(plie):
        if any(d <= debut < f for d, f in pris):
            continue  # « 25 mille » : déjà lu avec ses chiffres
        ecrit = plie[debut:fin]
        if ecrit in ("un", "une"):
            continue  # « une boutique » est une chose à livrer, pas une cible
        valeur = float(valeur)
        unite = ""
        suite = _SUITE.match(plie, fin)
        if suite is not None and not suite.group(2) and ecrit.endswith(("mille", "million", "millions", "milliard",
                                                                        "milliards")):
            de = _DE_UNITE.match(plie, fin)  # « deux millions d'euros »
            if de:
                suite = _SUITE.match(plie, de.end())
        if suite and suite.group(0).strip() and (suite.group(1) or suite.group(2)):
            echelle, mot = suite.group(1), suite.group(2)
            if echelle:
                valeur *= _ECHELLES[echelle]
            if mot:
                unite = _unite(mot)
                fin = suite.end()
            elif echelle:
                fin = suite.end()
        if not unite:
            nom = _NOM.match(plie, fin)
            if nom and nom.group(1) not in MOTS_OUTILS:
                unite = _nom_compte(nom.group(1), texte_nfc[nom.start(1):nom.end(1)])
                fin = nom.end()
        if not unite:
            seul = ecrit != "neuf" and (_VERS_NOMBRE.match(plie, fin) or _APRES_NOMBRE.search(plie[:debut])
                                        or _AVANT_DEPART_LETTRES.search(plie[:debut]))
            if not seul:
                continue
        trouvees.append(Quantite(valeur, unite, texte_nfc[debut:fin].strip(), debut, fin, en_lettres=True))
    trouvees.sort(key=lambda q: q.debut)
    return trouvees
