"""Briques communes aux outils des blocs (revenus, ressources, activités, partenaires, coûts).

Contrôle des saisies (textes, nombres, pourcentages, choix dans une liste) avec
des messages qui nomment le champ, et versement d'un bloc dans le canevas de
l'apprenant. Module privé : les outils l'utilisent, l'apprenant n'en a pas besoin.
"""

from __future__ import annotations

import difflib
import math
import os
from numbers import Real
from typing import Iterable, Mapping

from strategie.canevas import FICHIER_PAR_DEFAUT, Canevas, _texte_valide, cle_de_bloc, ouvrir
from strategie.erreurs import SaisieInvalide
from strategie import francais
from strategie.texte import simplifier

__all__ = ["texte", "nombre", "pourcentage", "choix", "simplifier", "verser", "verser_dans_fichier"]


def texte(valeur: object, champ: str) -> str:
    """Un texte court non vide, espaces superflus retirés."""
    return _texte_valide(valeur, champ)


def nombre(valeur: object, champ: str, minimum: float | None = 0.0, maximum: float | None = None,
           entier: bool = False, strict: bool = False) -> float:
    """Un nombre fini dans [minimum, maximum] (``strict`` : strictement au-dessus du minimum)."""
    if isinstance(valeur, bool) or not isinstance(valeur, Real):
        raise SaisieInvalide(f"{champ} doit être un nombre (reçu : {valeur!r}).")
    valeur = float(valeur)
    if not math.isfinite(valeur):
        raise SaisieInvalide(f"{champ} doit être un nombre fini (reçu : {valeur}).")
    if minimum is not None and (valeur < minimum or (strict and valeur == minimum)):
        borne = "strictement supérieur à" if strict else "au moins égal à"
        quoi = "négatif" if valeur < 0 <= minimum else "trop petit"
        raise SaisieInvalide(f"{champ} ne peut pas valoir {valeur:g} ({quoi}) : il doit être {borne} {minimum:g}.")
    if maximum is not None and valeur > maximum:
        raise SaisieInvalide(f"{champ} ne peut pas valoir {valeur:g} : {maximum:g} au plus.")
    if entier and not valeur.is_integer():
        raise SaisieInvalide(f"{champ} doit être un nombre entier (reçu : {valeur:g}).")
    return valeur


def pourcentage(valeur: object, champ: str, minimum: float = 0.0, maximum: float = 100.0) -> float:
    """Un pourcentage exprimé en points (5 signifie 5 %), entre ``minimum`` et ``maximum``."""
    if isinstance(valeur, Real) and not isinstance(valeur, bool) and math.isfinite(float(valeur)):
        if not minimum <= float(valeur) <= maximum:
            raise SaisieInvalide(
                f"{champ} vaut {float(valeur):g} % : un pourcentage doit être compris entre "
                f"{minimum:g} et {maximum:g} (écrivez 5 pour 5 %)."
            )
    return nombre(valeur, champ, minimum, maximum)


def choix(valeur: object, options: Mapping[str, object] | Iterable[str], champ: str) -> str:
    """Une clé parmi ``options`` ; tolère majuscules, accents, espaces et tirets."""
    cles = list(options)
    if isinstance(valeur, str):
        par_forme = {simplifier(c): c for c in cles}
        trouve = par_forme.get(simplifier(valeur))
        if trouve is not None:
            return trouve
        proches = difflib.get_close_matches(simplifier(valeur), list(par_forme), n=1, cutoff=0.6)
        suggestion = f" Vouliez-vous dire « {par_forme[proches[0]]} » ?" if proches else ""
        raise SaisieInvalide(f"{champ} inconnu(e) : « {valeur} ».{suggestion} Valeurs possibles : {', '.join(cles)}.")
    raise SaisieInvalide(f"{champ} doit être un texte parmi : {', '.join(cles)} (reçu : {valeur!r}).")


def verser(canevas: Canevas, bloc: str, textes: Iterable[str]) -> list[str]:
    """Ajoute au bloc les textes qui n'y sont pas encore ; renvoie les identifiants des notes ajoutées."""
    cle = cle_de_bloc(bloc)
    deja = {simplifier(t) for t in canevas.textes(cle)}
    ajoutees = []
    for t in textes:
        if simplifier(t) not in deja:
            ajoutees.append(canevas.ajouter(cle, t).id)
            deja.add(simplifier(t))
    return ajoutees


def verser_dans_fichier(bloc: str, textes: Iterable[str], chemin: str | os.PathLike = FICHIER_PAR_DEFAUT) -> int:
    """Ouvre (ou crée) le canevas du fichier, y verse les textes, l'enregistre ; renvoie le nombre de notes ajoutées.

    Un fichier abîmé lève ``FichierInvalide`` et n'est pas modifié.
    """
    canevas = ouvrir(chemin)
    ajoutees = verser(canevas, bloc, list(textes))
    canevas.enregistrer(chemin)
    return len(ajoutees)


def nombre_fr(x: float, decimales: int = 0) -> str:
    """Un nombre à la française : espace pour les milliers, virgule décimale (2 520 ; 3,20)."""
    return francais.nombre(x, decimales)


euros = francais.euros


class Collection:
    """Base des listes des outils de blocs : des éléments distincts par un texte (casse, accents, espaces ignorés).

    ``_attribut`` nomme l'attribut qui sert de texte (``texte``, ``nom``, ``libelle``…).
    """

    _attribut = "texte"

    def __init__(self) -> None:
        self._elements: list = []

    def __len__(self) -> int:
        return len(self._elements)

    def _trouver(self, texte: str):
        cible = simplifier(texte)
        return next((e for e in self._elements if simplifier(getattr(e, self._attribut)) == cible), None)

    def _retirer(self, texte: object, champ: str, absent: str):
        """Retire l'élément de ce texte ; ``absent`` est le message si aucun ne correspond."""
        element = self._trouver(_texte_valide(texte, champ))
        if element is None:
            raise SaisieInvalide(absent)
        self._elements.remove(element)
        return element
