"""Comparer des textes tapés par l'apprenant : une seule maison pour toutes les règles.

Trois degrés de tolérance, du plus strict au plus large, chacun pour un usage :

- ``cle_nom`` : casse et espaces ignorés, accents gardés. Pour les noms que
  l'apprenant invente et réutilise (facteurs du canevas stratégique, étapes d'un
  parcours) : « Qualité » et « qualite » restent deux noms différents.
- ``simplifier`` : casse, accents, espaces, apostrophes, tirets et guillemets
  ignorés. Pour reconnaître une note, un besoin ou un choix dans une liste, ou
  chercher un mot repère dans un texte.
- ``compacter`` : seulement les lettres et les chiffres. Pour retrouver un nom
  propre quelle que soit sa graphie (« Donnant-donnant », « donnant donnant »).

>>> cle_nom("  Prix   Bas ")
'prix bas'
>>> simplifier("Bien-être de l’équipe")
'bien etre de l equipe'
>>> compacter("Donnant-Donnant")
'donnantdonnant'

Et, pour repérer des mots dans une phrase sans perdre les positions, ``plier`` garde
la longueur du texte (un caractère plié par caractère) :

>>> plier("Élève — « Noël »")
'eleve - « noel »'
"""

from __future__ import annotations

import unicodedata

__all__ = ["cle_nom", "simplifier", "compacter", "plier", "nfc"]

_APOSTROPHES = "’‘ʼ`´′"
_ESPACES = "\u00a0\u202f\u2009\u2007\t\n\r\f\v"
_TIRETS = "‐‑‒–—−"
# Ligatures que NFKC garde mais qu'un apprenant tape en deux lettres (« cœur » comme « coeur »).
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})
# Séparateurs que ``simplifier`` lit comme une espace (``plier`` a déjà changé tout tiret en « - »).
_SEPARATEURS = str.maketrans({c: " " for c in "'’‘ʼ`´′-‐‑‒–—_«»\"“”„"})


def nfc(texte: str) -> str:
    """Forme NFC du texte : les positions de ``plier`` correspondent à celles de ce texte.

    >>> len(nfc("e\u0301")), nfc("e\u0301") == "é"
    (1, True)
    """
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
    """Minuscules sans accents, caractère pour caractère (même longueur que le texte NFC).

    Apostrophes typographiques → « ' », espaces insécables → « », tirets → « - ».

    >>> plier("L’Été"), len(plier("L’Été")) == len("L’Été")
    ("l'ete", True)
    """
    return "".join(_plier_caractere(c) for c in texte)


def cle_nom(nom: object) -> str:
    """Deux noms sont le même quand ils ne diffèrent que par la casse ou les espaces.

    Les accents comptent : c'est la règle des noms que l'apprenant choisit lui-même.

    >>> cle_nom("Service  client") == cle_nom(" service client")
    True
    >>> cle_nom("Qualité") == cle_nom("Qualite")
    False
    """
    return " ".join(str(nom).split()).casefold()


def simplifier(texte: object) -> str:
    """Minuscules sans accents ; apostrophes, tirets, soulignés et guillemets deviennent des espaces.

    Les autres signes restent (« + », « % », « € ») : « Prix +10 % » et « Prix 10 % » restent deux
    notes différentes ; un tiret ou un signe moins sépare des mots (« −5 » vaut « 5 »). Les
    ligatures s'écrivent en deux lettres.

    >>> simplifier("  L'Équipe  ") == simplifier("l’equipe") == simplifier("L equipe")
    True
    >>> simplifier("Cœur_de-cible"), simplifier("« Offre »"), simplifier("Prix 10 €")
    ('coeur de cible', 'offre', 'prix 10 €')
    """
    plie = plier(unicodedata.normalize("NFKC", str(texte))).translate(_LIGATURES)
    return " ".join(plie.translate(_SEPARATEURS).split())


def compacter(texte: object) -> str:
    """Seulement les lettres et les chiffres de ``simplifier`` : « Tit for Tat » → « titfortat ».

    >>> compacter("Donnant-donnant") == compacter("donnant donnant") == compacter("DONNANT_DONNANT")
    True
    >>> compacter("Œil pour œil")
    'oeilpouroeil'
    """
    return "".join(c for c in simplifier(texte) if c.isalnum())
