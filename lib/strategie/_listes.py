"""Lire une liste de textes saisie par l'apprenant (besoins, phases, éléments liés…)."""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from strategie import _blocs
from strategie.erreurs import SaisieInvalide


def textes(valeur: object, champ: str, vide_permis: bool = True) -> list[str]:
    """Une liste de textes : liste Python, ou un texte séparé par « , », « ; » ou des retours à la ligne.

    ``champ`` nomme la saisie (« Les besoins (besoins) »). Les éléments vides
    sont ignorés ; un doublon (à la casse et aux accents près) est refusé.
    """
    if valeur is None:
        morceaux: list = []
    elif isinstance(valeur, str):
        # Une virgule suivie d'une espace sépare ; « 2,50 » (virgule décimale) ne sépare pas.
        morceaux = re.split(r"\n|;|,\s", valeur)
    elif isinstance(valeur, Iterable) and not isinstance(valeur, (bytes, dict)):
        morceaux = list(valeur)
    else:
        raise SaisieInvalide(
            f"{champ} doit être une liste de textes, par exemple [\"a\", \"b\"] (reçu : {type(valeur).__name__})."
        )
    resultat: list[str] = []
    for morceau in morceaux:
        if not isinstance(morceau, str):
            raise SaisieInvalide(f"{champ} contient {morceau!r}, qui n'est pas un texte : mettez chaque élément entre guillemets.")
        if not morceau.strip():
            continue
        propre = _blocs.texte(morceau, f"Un élément de {champ[0].lower()}{champ[1:]}")
        if any(_blocs.simplifier(propre) == _blocs.simplifier(deja) for deja in resultat):
            raise SaisieInvalide(f"{champ} contient deux fois « {propre} » : gardez-le une seule fois.")
        resultat.append(propre)
    if not resultat and not vide_permis:
        raise SaisieInvalide(f"{champ} est vide : indiquez au moins un élément.")
    return resultat


def meme_texte(a: str, b: str) -> bool:
    """Deux textes identiques à la casse, aux accents et aux espaces près."""
    return _blocs.simplifier(a) == _blocs.simplifier(b)


def cle_tolerante(valeur: object, libelles: Mapping[str, str], champ: str,
                  alias: Mapping[str, str] | None = None) -> str:
    """La clé d'une option, reconnue par sa clé, son libellé ou un alias (casse, accents, tirets ignorés).

    ``libelles`` associe chaque clé à son libellé ; ``alias`` associe d'autres noms courants à une clé.
    Une valeur inconnue lève ``SaisieInvalide`` avec une suggestion et la liste des clés.
    """
    if isinstance(valeur, str):
        noms = {**(alias or {}), **{libelle: cle for cle, libelle in libelles.items()}}
        connus = {_blocs.simplifier(nom): cle for nom, cle in noms.items()}
        cle = connus.get(_blocs.simplifier(valeur))
        if cle is not None:
            return cle
    return _blocs.choix(valeur, libelles, champ)


def notes_de_segments(canevas, noms: Iterable[str] | None = None) -> list:
    """Les notes du bloc des segments d'un canevas qui portent ces noms ; toutes si ``noms`` vaut None.

    Une note de segment s'écrit « Nom » ou « Nom (qui) » (voir ``Segmentation.notes``).
    """
    notes = canevas.notes_du_bloc("segments_clients")
    if noms is None:
        return notes
    noms = list(noms)
    return [n for n in notes if any(meme_texte(n.texte.split(" (")[0], nom) for nom in noms)]
