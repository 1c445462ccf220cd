"""Canevas stratégique : facteurs de concurrence, courbes de valeur, grille ERRC.

Un canevas stratégique place en abscisse les **facteurs** sur lesquels les
offres se font concurrence (les critères de choix des clients) et en ordonnée
le **niveau** que chaque offre propose sur ce facteur, sur une même échelle
(0 à 10 par défaut). La ligne qui relie les niveaux d'une offre est sa
**courbe de valeur**.

La grille **ERRC** (éliminer, réduire, renforcer, créer) se déduit de deux
courbes : la courbe actuelle (votre offre d'aujourd'hui ou celle du secteur)
et la courbe cible. La règle, appliquée facteur par facteur :

* niveau cible au bas de l'échelle alors qu'il ne l'était pas : **éliminer** ;
* niveau en baisse sans toucher le bas : **réduire** ;
* niveau en hausse depuis un niveau déjà présent : **renforcer** ;
* niveau en hausse depuis le bas de l'échelle (rien aujourd'hui) : **créer** ;
* écart inférieur ou égal à la tolérance : inchangé.

Deux mesures propres au cours (ce ne sont pas des indices publiés) résument
une courbe, chacune entre 0 et 1 :

* la **focalisation** : l'écart type des niveaux ramenés à l'échelle, divisé
  par 0,5 (son maximum). 0 = courbe plate, l'offre investit partout au même
  niveau ; 1 = tout ou rien ;
* la **divergence** : la distance entre la courbe de l'offre et la courbe
  concurrente la plus proche (écart absolu moyen sur les facteurs, divisé
  par la largeur de l'échelle). 0 = la courbe se confond avec celle d'un
  concurrent (« me-too »).

La **ressemblance** de forme (corrélation entre deux courbes) complète la
divergence : une courbe « me-too » a souvent la même forme qu'une autre, un
cran plus haut ou plus bas.

Les exemples publiés (:func:`exemple`) reprennent des canevas qualitatifs :
leurs niveaux chiffrés sont **notre lecture approximative** des figures.
"""

from __future__ import annotations

import math
import numbers
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from strategie import francais
import pandas as pd

from strategie._fichiers import ecrire_json_atomique, lire_json, verifier_format
from strategie.erreurs import FichierInvalide, SaisieInvalide
from strategie.texte import cle_nom

__all__ = [
    "ECHELLE",
    "ACTIONS",
    "LIBELLES_ACTIONS",
    "CanevasStrategique",
    "GrilleERRC",
    "grille_errc",
    "focalisation",
    "exemple",
    "exemple_actuelle",
    "grille_publiee",
    "EXEMPLES",
    "ouvrir",
    "FICHIER_PAR_DEFAUT",
]

ECHELLE = (0.0, 10.0)
FORMAT = "strategie.canevas_strategique"
VERSION = 1
FICHIER_PAR_DEFAUT = "mon-canevas-strategique.json"
_OUTIL = "l'éditeur de canevas stratégique (ou canevas.enregistrer())"
ACTIONS = ("eliminer", "reduire", "renforcer", "creer")
LIBELLES_ACTIONS = {
    "eliminer": "Éliminer",
    "reduire": "Réduire",
    "renforcer": "Renforcer",
    "creer": "Créer",
    "inchange": "Inchangé",
}
LONGUEUR_MAX_NOM = 60
LONGUEUR_MAX_SLOGAN = 160


# --- petits outils de validation -------------------------------------------------------------


def nombre_fr(x: float) -> str:
    """Écrit un nombre à la française : 7, 2,5, −1,25."""
    return francais.nombre(x)


def _nom(valeur, quoi: str) -> str:
    """Valide un nom (facteur, offre) : texte non vide, espaces superflus retirés."""
    if not isinstance(valeur, str):
        raise SaisieInvalide(
            f"Le nom {quoi} doit être un texte, pas {type(valeur).__name__} ({valeur!r}). "
            "Écrivez-le entre guillemets, par exemple \"Prix\"."
        )
    propre = re.sub(r"\s+", " ", valeur).strip()
    if not propre:
        raise SaisieInvalide(f"Le nom {quoi} est vide : donnez-lui un nom court, par exemple « Prix ».")
    if len(propre) > LONGUEUR_MAX_NOM:
        raise SaisieInvalide(
            f"Le nom {quoi} « {propre[:30]}… » fait {len(propre)} caractères : "
            f"raccourcissez-le à {LONGUEUR_MAX_NOM} au plus (un critère de choix tient en quelques mots)."
        )
    return propre


def _enumerer(noms, maximum: int = 5) -> str:
    """« A », « B », « C » et 2 autres."""
    cites = ", ".join(f"« {n} »" for n in list(noms)[:maximum])
    reste = len(noms) - maximum
    return cites + (f" et {reste} autre{'s' if reste > 1 else ''}" if reste > 0 else "")


def _echelle(echelle) -> tuple[float, float]:
    try:
        bas, haut = echelle
        bas, haut = float(bas), float(haut)
    except (TypeError, ValueError):
        raise SaisieInvalide(
            f"L'échelle {echelle!r} ne convient pas : donnez deux nombres (bas, haut), par exemple (0, 10)."
        ) from None
    if not (math.isfinite(bas) and math.isfinite(haut)) or bas >= haut:
        raise SaisieInvalide(
            f"L'échelle va de {nombre_fr(bas)} à {nombre_fr(haut)} : le bas doit être un nombre fini "
            "plus petit que le haut, par exemple (0, 10)."
        )
    return bas, haut


def _niveau(valeur, echelle: tuple[float, float], ou: str) -> float:
    """Valide un niveau : un nombre fini dans l'échelle. ``ou`` décrit le champ pour le message."""
    bas, haut = echelle
    if isinstance(valeur, bool) or not isinstance(valeur, numbers.Real):
        if isinstance(valeur, str):
            try:
                valeur = float(valeur.strip().replace(",", "."))
            except ValueError:
                raise SaisieInvalide(
                    f"Le niveau {ou} vaut « {valeur} », qui n'est pas un nombre : "
                    f"saisissez un nombre entre {nombre_fr(bas)} et {nombre_fr(haut)}."
                ) from None
        else:
            raise SaisieInvalide(
                f"Le niveau {ou} vaut {valeur!r}, qui n'est pas un nombre : "
                f"saisissez un nombre entre {nombre_fr(bas)} et {nombre_fr(haut)}."
            )
    valeur = float(valeur)
    if not math.isfinite(valeur):
        raise SaisieInvalide(
            f"Le niveau {ou} est manquant ou infini : saisissez un nombre entre "
            f"{nombre_fr(bas)} et {nombre_fr(haut)}."
        )
    if not bas <= valeur <= haut:
        raise SaisieInvalide(
            f"Le niveau {ou} vaut {nombre_fr(valeur)} et sort de l'échelle "
            f"{nombre_fr(bas)}–{nombre_fr(haut)} : choisissez une valeur entre "
            f"{nombre_fr(bas)} et {nombre_fr(haut)}."
        )
    return valeur


def _courbe(courbe, echelle: tuple[float, float], quoi: str) -> pd.Series:
    """Transforme une courbe (dict, Series) en Series de niveaux validés, indexée par facteur."""
    if isinstance(courbe, pd.Series):
        paires = list(courbe.items())
    elif isinstance(courbe, dict):
        paires = list(courbe.items())
    else:
        raise SaisieInvalide(
            f"La courbe {quoi} doit associer chaque facteur à un niveau (un dict comme "
            "{\"Prix\": 3, \"Service\": 8} ou une Series pandas), pas un objet "
            f"{type(courbe).__name__}."
        )
    facteurs: dict[str, str] = {}
    niveaux = []
    for facteur, niveau in paires:
        nom = _nom(facteur, f"d'un facteur de la courbe {quoi}")
        if cle_nom(nom) in facteurs:
            raise SaisieInvalide(
                f"La courbe {quoi} cite deux fois le facteur « {nom} » : gardez-en un seul."
            )
        facteurs[cle_nom(nom)] = nom
        niveaux.append(_niveau(niveau, echelle, f"de « {nom} » dans la courbe {quoi}"))
    return pd.Series(niveaux, index=list(facteurs.values()), dtype=float)


# --- grille ERRC ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GrilleERRC:
    """Grille éliminer / réduire / renforcer / créer, déduite d'une courbe actuelle et d'une cible.

    Chaque attribut est un tuple de facteurs, dans l'ordre des facteurs.
    ``details`` donne, par facteur, le niveau actuel, le niveau cible, la
    variation et l'action retenue.
    """

    eliminer: tuple[str, ...]
    reduire: tuple[str, ...]
    renforcer: tuple[str, ...]
    creer: tuple[str, ...]
    inchanges: tuple[str, ...]
    details: pd.DataFrame = field(repr=False, compare=False)

    def action(self, facteur: str) -> str:
        """L'action (``'eliminer'``, ``'reduire'``, ``'renforcer'``, ``'creer'`` ou ``'inchange'``)."""
        for nom in self.details.index:
            if cle_nom(nom) == cle_nom(str(facteur)):
                return str(self.details.loc[nom, "action"])
        raise SaisieInvalide(
            f"Le facteur « {facteur} » n'est pas dans cette grille. Facteurs connus : "
            + ", ".join(f"« {f} »" for f in self.details.index)
            + "."
        )

    def vers_dict(self) -> dict[str, list[str]]:
        """Les quatre cases (et les facteurs inchangés) sous forme de listes."""
        return {
            "eliminer": list(self.eliminer),
            "reduire": list(self.reduire),
            "renforcer": list(self.renforcer),
            "creer": list(self.creer),
            "inchanges": list(self.inchanges),
        }

    def __str__(self) -> str:
        lignes = []
        for action in ACTIONS:
            facteurs = getattr(self, action)
            lignes.append(f"{LIBELLES_ACTIONS[action]} : " + (", ".join(facteurs) if facteurs else "—"))
        return "\n".join(lignes)


def grille_errc(actuelle, cible, echelle=ECHELLE, tolerance: float = 0.0) -> GrilleERRC:
    """Déduit la grille ERRC du passage de la courbe ``actuelle`` à la courbe ``cible``.

    ``actuelle`` et ``cible`` associent chaque facteur à un niveau (dict ou
    Series). Un facteur absent d'une des deux courbes y vaut le bas de
    l'échelle : présent seulement dans la cible, il est créé ; seulement dans
    l'actuelle, il est éliminé. Une variation d'au plus ``tolerance`` compte
    comme inchangée.

    >>> g = grille_errc({"Prix": 6, "Animaux": 9}, {"Prix": 6, "Animaux": 0, "Thème": 9})
    >>> g.eliminer, g.creer, g.inchanges
    (('Animaux',), ('Thème',), ('Prix',))
    """
    echelle = _echelle(echelle)
    bas, _ = echelle
    if isinstance(tolerance, bool) or not isinstance(tolerance, numbers.Real) or not (
        math.isfinite(tolerance) and tolerance >= 0
    ):
        raise SaisieInvalide(
            f"La tolérance vaut {tolerance!r} : donnez un nombre positif ou nul (0 par défaut), "
            "l'écart en dessous duquel un niveau compte comme inchangé."
        )
    avant = _courbe(actuelle, echelle, "actuelle")
    apres = _courbe(cible, echelle, "cible")
    # Aligner sur un ordre commun : les facteurs de la courbe actuelle d'abord, puis les nouveaux.
    cles_avant = {cle_nom(f): f for f in avant.index}
    cles_apres = {cle_nom(f): f for f in apres.index}
    ordre = list(cles_avant) + [c for c in cles_apres if c not in cles_avant]
    if not ordre:
        raise SaisieInvalide("Les deux courbes sont vides : ajoutez au moins un facteur avec son niveau.")
    noms = [cles_apres.get(c, cles_avant.get(c)) for c in ordre]
    v_avant = np.array([avant[cles_avant[c]] if c in cles_avant else bas for c in ordre])
    v_apres = np.array([apres[cles_apres[c]] if c in cles_apres else bas for c in ordre])
    variation = v_apres - v_avant
    au_bas_apres = np.isclose(v_apres, bas)
    au_bas_avant = np.isclose(v_avant, bas)
    inchange = np.abs(variation) <= tolerance + 1e-12
    action = np.select(
        [inchange, (variation < 0) & au_bas_apres, variation < 0, au_bas_avant],
        ["inchange", "eliminer", "reduire", "creer"],
        default="renforcer",
    )
    details = pd.DataFrame(
        {"actuel": v_avant, "cible": v_apres, "variation": variation, "action": action},
        index=pd.Index(noms, name="facteur"),
    )

    def case(nom_action: str) -> tuple[str, ...]:
        return tuple(details.index[details["action"] == nom_action])

    return GrilleERRC(
        eliminer=case("eliminer"),
        reduire=case("reduire"),
        renforcer=case("renforcer"),
        creer=case("creer"),
        inchanges=case("inchange"),
        details=details,
    )


def focalisation(niveaux, echelle=ECHELLE) -> float:
    """Focalisation d'une courbe de valeur, entre 0 (plate) et 1 (tout ou rien).

    Mesure du cours : écart type des niveaux ramenés sur [0, 1], divisé par 0,5.
    ``niveaux`` : une courbe (dict ou Series) ou une liste de niveaux.
    """
    echelle = _echelle(echelle)
    if isinstance(niveaux, (dict, pd.Series)):
        valeurs = _courbe(niveaux, echelle, "étudiée").to_numpy()
    else:
        try:
            liste = list(niveaux)
        except TypeError:
            raise SaisieInvalide(
                "La focalisation se calcule sur une courbe : donnez une liste de niveaux, "
                "un dict {facteur: niveau} ou une Series."
            ) from None
        valeurs = np.array([_niveau(v, echelle, f"n° {i + 1} de la courbe") for i, v in enumerate(liste)])
    if valeurs.size == 0:
        raise SaisieInvalide("La courbe n'a aucun facteur : ajoutez au moins un facteur avant de mesurer sa focalisation.")
    bas, haut = echelle
    normes = (valeurs - bas) / (haut - bas)
    return float(min(1.0, normes.std() / 0.5))


# --- le modèle -------------------------------------------------------------------------------


class CanevasStrategique:
    """Un canevas stratégique : des facteurs, des offres et leurs niveaux sur une échelle.

    >>> c = CanevasStrategique(["Prix", "Service"], {"Concurrent": [7, 4], "Nous": [5, 9]}, focale="Nous")
    >>> c.niveau("Nous", "Service")
    9.0

    ``offres`` associe à chaque nom d'offre ses niveaux : une liste dans
    l'ordre des facteurs, ou un dict ``{facteur: niveau}`` qui les cite tous.
    ``focale`` est l'offre mise en avant (la vôtre) ; par défaut la dernière.
    Toute opération invalide lève :class:`strategie.SaisieInvalide` sans rien
    modifier.
    """

    def __init__(
        self,
        facteurs=(),
        offres=None,
        echelle=ECHELLE,
        focale: str | None = None,
        slogan: str = "",
        titre: str = "",
    ):
        self._echelle = _echelle(echelle)
        if isinstance(facteurs, str):
            raise SaisieInvalide(
                f"Les facteurs doivent être une liste de noms, par exemple [\"Prix\", \"Service\"], "
                f"pas un seul texte (« {facteurs} »)."
            )
        self._facteurs: list[str] = []
        for facteur in facteurs:
            self._verifier_nouveau_facteur(facteur)
            self._facteurs.append(_nom(facteur, "du facteur"))
        self._niveaux: dict[str, list[float]] = {}
        for nom, niveaux in (offres or {}).items():
            self.ajouter_offre(nom, niveaux)
        self._focale: str | None = None
        if focale is not None:
            self.focale = focale
        self._slogan = ""
        self.slogan = slogan
        self.titre = str(titre or "")
        self.source = ""
        self.note = ""

    # -- lecture --

    @property
    def echelle(self) -> tuple[float, float]:
        return self._echelle

    @property
    def facteurs(self) -> list[str]:
        return list(self._facteurs)

    @property
    def offres(self) -> list[str]:
        return list(self._niveaux)

    @property
    def focale(self) -> str | None:
        """L'offre mise en avant ; par défaut la dernière ajoutée."""
        if self._focale in self._niveaux:
            return self._focale
        return self.offres[-1] if self._niveaux else None

    @focale.setter
    def focale(self, nom: str | None) -> None:
        self._focale = None if nom is None else self._offre(nom)

    @property
    def slogan(self) -> str:
        return self._slogan

    @slogan.setter
    def slogan(self, texte: str) -> None:
        if texte is None:
            texte = ""
        if not isinstance(texte, str):
            raise SaisieInvalide(f"Le slogan doit être un texte, pas {type(texte).__name__}.")
        texte = re.sub(r"\s+", " ", texte).strip()
        if len(texte) > LONGUEUR_MAX_SLOGAN:
            raise SaisieInvalide(
                f"Le slogan fait {len(texte)} caractères : un bon slogan tient en une phrase "
                f"courte ; raccourcissez-le à {LONGUEUR_MAX_SLOGAN} caractères au plus."
            )
        self._slogan = texte

    def niveau(self, offre: str, facteur: str) -> float:
        return self._niveaux[self._offre(offre)][self._index_facteur(facteur)]

    def courbe(self, offre: str | None = None) -> pd.Series:
        """La courbe de valeur d'une offre (la focale par défaut) : niveaux indexés par facteur."""
        nom = self._offre(offre) if offre is not None else self._focale_exigee()
        return pd.Series(self._niveaux[nom], index=pd.Index(self._facteurs, name="facteur"), name=nom, dtype=float)

    def tableau(self) -> pd.DataFrame:
        """Tous les niveaux : une ligne par facteur, une colonne par offre."""
        return pd.DataFrame(self._niveaux, index=pd.Index(self._facteurs, name="facteur"), dtype=float)

    def concurrents(self, offre: str | None = None) -> list[str]:
        """Les autres offres que ``offre`` (la focale par défaut)."""
        nom = self._offre(offre) if offre is not None else self._focale_exigee()
        return [o for o in self._niveaux if o != nom]

    def courbe_moyenne(self, offres=None) -> pd.Series:
        """La courbe moyenne d'un groupe d'offres (par défaut : les concurrents de la focale)."""
        noms = self.concurrents() if offres is None else [self._offre(o) for o in offres]
        if not noms:
            raise SaisieInvalide(
                "Aucune offre à moyenner : ajoutez au moins une offre concurrente au canevas."
            )
        return self.tableau()[noms].mean(axis=1).rename("Moyenne des concurrents")

    # -- modification (chaque opération vérifie tout avant de modifier) --

    def ajouter_facteur(self, nom: str, niveaux=None, position: int | None = None) -> str:
        """Ajoute un facteur ; ``niveaux`` : dict ``{offre: niveau}`` (bas de l'échelle par défaut).

        Renvoie le nom retenu (espaces superflus retirés).
        """
        self._verifier_nouveau_facteur(nom)
        propre = _nom(nom, "du facteur")
        niveaux = niveaux or {}
        if not isinstance(niveaux, dict):
            raise SaisieInvalide(
                f"Les niveaux du nouveau facteur « {propre} » doivent être un dict {{offre: niveau}}, "
                "par exemple {\"Nous\": 8, \"Concurrent\": 2}."
            )
        valeurs = {}
        for offre, valeur in niveaux.items():
            o = self._offre(offre)
            valeurs[o] = _niveau(valeur, self._echelle, f"de l'offre « {o} » pour le facteur « {propre} »")
        if position is None:
            position = len(self._facteurs)
        elif isinstance(position, bool) or not isinstance(position, numbers.Integral) or not (
            0 <= position <= len(self._facteurs)
        ):
            raise SaisieInvalide(
                f"La position {position!r} ne convient pas : donnez un entier entre 0 et {len(self._facteurs)}."
            )
        self._facteurs.insert(position, propre)
        for offre, liste in self._niveaux.items():
            liste.insert(position, valeurs.get(offre, self._echelle[0]))
        return propre

    def retirer_facteur(self, nom: str) -> None:
        i = self._index_facteur(nom)
        del self._facteurs[i]
        for liste in self._niveaux.values():
            del liste[i]

    def renommer_facteur(self, ancien: str, nouveau: str) -> str:
        i = self._index_facteur(ancien)
        propre = _nom(nouveau, "du facteur")
        if any(cle_nom(propre) == cle_nom(f) for j, f in enumerate(self._facteurs) if j != i):
            raise SaisieInvalide(f"Le facteur « {propre} » existe déjà : choisissez un autre nom.")
        self._facteurs[i] = propre
        return propre

    def ajouter_offre(self, nom: str, niveaux) -> str:
        """Ajoute une offre avec ses niveaux (liste dans l'ordre des facteurs, ou dict complet)."""
        propre = _nom(nom, "de l'offre")
        if any(cle_nom(propre) == cle_nom(o) for o in self._niveaux):
            raise SaisieInvalide(f"L'offre « {propre} » existe déjà : choisissez un autre nom ou modifiez ses niveaux.")
        self._niveaux[propre] = self._liste_niveaux(propre, niveaux)
        return propre

    def retirer_offre(self, nom: str) -> None:
        o = self._offre(nom)
        del self._niveaux[o]
        if self._focale == o:
            self._focale = None

    def fixer_niveau(self, offre: str, facteur: str, niveau) -> None:
        o, i = self._offre(offre), self._index_facteur(facteur)
        self._niveaux[o][i] = _niveau(niveau, self._echelle, f"de l'offre « {o} » pour le facteur « {self._facteurs[i]} »")

    def fixer_courbe(self, offre: str, niveaux) -> None:
        """Remplace tous les niveaux d'une offre (liste ou dict complet)."""
        o = self._offre(offre)
        self._niveaux[o] = self._liste_niveaux(o, niveaux)

    def copie(self) -> CanevasStrategique:
        return CanevasStrategique.depuis_dict(self.vers_dict())

    # -- analyse --

    def grille_errc(self, actuelle, cible=None, tolerance: float = 0.0) -> GrilleERRC:
        """Grille ERRC du passage de ``actuelle`` à ``cible`` (la focale par défaut).

        Chacune peut être un nom d'offre du canevas, ``"moyenne"`` (la moyenne
        des concurrents de la focale) ou une courbe (dict, Series).
        """
        return grille_errc(self._designer(actuelle), self._designer(cible), self._echelle, tolerance)

    def focalisation(self, offre: str | None = None) -> float:
        return focalisation(self.courbe(offre), self._echelle)

    def ecarts_aux_concurrents(self, offre: str | None = None, concurrents=None) -> pd.DataFrame:
        """Par facteur : niveau de l'offre, moyenne des concurrents, écart à cette moyenne,
        concurrent le plus proche et distance à ce concurrent."""
        nom = self._offre(offre) if offre is not None else self._focale_exigee()
        autres = self.concurrents(nom) if concurrents is None else [self._offre(c) for c in concurrents]
        autres = [a for a in autres if a != nom]
        if not autres:
            raise SaisieInvalide(
                f"L'offre « {nom} » n'a aucun concurrent dans ce canevas : ajoutez au moins une autre offre."
            )
        if not self._facteurs:
            raise SaisieInvalide("Le canevas n'a aucun facteur : ajoutez-en au moins un.")
        table = self.tableau()
        propre = table[nom]
        distances = table[autres].sub(propre, axis=0).abs()
        resultat = pd.DataFrame(
            {
                "niveau": propre,
                "moyenne_concurrents": table[autres].mean(axis=1),
                "ecart_moyenne": propre - table[autres].mean(axis=1),
                "concurrent_le_plus_proche": distances.idxmin(axis=1),
                "distance_min": distances.min(axis=1),
            }
        )
        resultat.attrs.update(offre=nom, concurrents=autres)
        return resultat

    def facteurs_divergents(self, offre: str | None = None, seuil: float = 3.0, concurrents=None) -> list[str]:
        """Facteurs où l'offre est à au moins ``seuil`` de **chaque** concurrent, dans l'ordre du canevas."""
        if isinstance(seuil, bool) or not isinstance(seuil, numbers.Real) or not (math.isfinite(seuil) and seuil > 0):
            raise SaisieInvalide(f"Le seuil de divergence vaut {seuil!r} : donnez un nombre strictement positif, par exemple 3.")
        ecarts = self.ecarts_aux_concurrents(offre, concurrents)
        return list(ecarts.index[ecarts["distance_min"] >= seuil - 1e-12])

    def distances(self, offre: str | None = None, concurrents=None) -> pd.Series:
        """Distance entre la courbe de l'offre et celle de chaque concurrent, de 0 à 1.

        C'est l'écart absolu moyen sur tous les facteurs, divisé par la largeur de l'échelle.
        """
        ecarts = self.ecarts_aux_concurrents(offre, concurrents)
        nom = ecarts.attrs["offre"]
        bas, haut = self._echelle
        table = self.tableau()
        autres = ecarts.attrs["concurrents"]
        return (table[autres].sub(table[nom], axis=0).abs().mean(axis=0) / (haut - bas)).rename(
            f"distance à « {nom} »"
        )

    def divergence(self, offre: str | None = None, concurrents=None) -> float:
        """Divergence d'une offre, de 0 à 1 : sa distance à la courbe concurrente la plus proche.

        0 = la courbe se confond avec celle d'un concurrent ; plus on monte,
        plus l'offre se tient à l'écart de **toutes** les autres courbes.
        """
        return float(self.distances(offre, concurrents).min())

    def ressemblance(self, offre: str | None = None) -> pd.Series:
        """Ressemblance de forme entre la courbe de l'offre et celle de chaque concurrent.

        C'est la corrélation (de -1 à 1) entre les deux courbes : proche de 1,
        les deux courbes montent et descendent sur les mêmes facteurs, même si
        l'une est plus haute (signe d'une stratégie « me-too ») ; proche de -1,
        l'offre prend le contre-pied. Vaut NaN si une des courbes est plate.
        """
        nom = self._offre(offre) if offre is not None else self._focale_exigee()
        autres = self.concurrents(nom)
        if len(self._facteurs) < 2 or not autres:
            raise SaisieInvalide(
                "La ressemblance de forme demande au moins deux facteurs et un concurrent : complétez le canevas."
            )
        table = self.tableau()
        centre = table - table.mean(axis=0)
        normes = np.sqrt((centre**2).sum(axis=0))
        with np.errstate(invalid="ignore", divide="ignore"):
            correlations = (centre[autres].mul(centre[nom], axis=0)).sum(axis=0) / (normes[autres] * normes[nom])
        return correlations.where(normes[autres] * normes[nom] > 0).rename(f"ressemblance avec « {nom} »")

    def diagnostic(
        self,
        offre: str | None = None,
        seuil_focalisation: float = 0.45,
        seuil_divergence: float = 0.15,
        seuil_ressemblance: float = 0.8,
    ) -> list[str]:
        """Quelques constats en français sur la courbe d'une offre (focalisation, divergence, slogan)."""
        nom = self._offre(offre) if offre is not None else self._focale_exigee()
        constats = []
        foc = self.focalisation(nom)
        if foc < seuil_focalisation:
            constats.append(
                f"Courbe peu focalisée ({nombre_fr(round(foc, 2))}) : « {nom} » investit à peu près partout au même niveau. "
                "Quels facteurs pourriez-vous réduire ou éliminer pour financer ceux qui comptent ?"
            )
        else:
            constats.append(f"Courbe focalisée ({nombre_fr(round(foc, 2))}) : « {nom} » fait des choix nets.")
        if len(self._niveaux) > 1:
            div = self.divergence(nom)
            proche = self.distances(nom).idxmin()
            formes = self.ressemblance(nom) if len(self._facteurs) >= 2 else pd.Series(dtype=float)
            jumeau = formes.idxmax() if formes.notna().any() and formes.max() >= seuil_ressemblance else None
            if div < seuil_divergence:
                constats.append(
                    f"Courbe peu divergente ({nombre_fr(round(div, 2))}) : elle suit de près celle de « {proche} » "
                    "(stratégie « me-too »). Sur quel facteur se démarquer, voire en créer un ?"
                )
            elif jumeau is not None:
                constats.append(
                    f"Courbe de même forme que celle de « {jumeau} » (ressemblance "
                    f"{nombre_fr(round(float(formes[jumeau]), 2))}) : mêmes hauts, mêmes bas, seulement un cran "
                    "plus haut ou plus bas. C'est encore une stratégie « me-too »."
                )
            else:
                divergents = self.facteurs_divergents(nom)
                constats.append(
                    f"Courbe divergente ({nombre_fr(round(div, 2))})"
                    + (" : elle se démarque sur " + _enumerer(divergents) + "." if divergents else ".")
                )
        if nom == self.focale and not self.slogan:
            constats.append("Pas encore de slogan : résumez la courbe en une phrase vraie et facile à retenir.")
        return constats

    # -- sauvegarde --

    def vers_dict(self) -> dict:
        return {
            "format": FORMAT,
            "version": VERSION,
            "titre": self.titre,
            "echelle": list(self._echelle),
            "facteurs": list(self._facteurs),
            "offres": {o: list(v) for o, v in self._niveaux.items()},
            "focale": self._focale,
            "slogan": self._slogan,
            "source": self.source,
            "note": self.note,
        }

    @classmethod
    def depuis_dict(cls, donnees: dict) -> CanevasStrategique:
        """Reconstruit un canevas depuis :meth:`vers_dict` (``SaisieInvalide`` si les données ne conviennent pas)."""
        if not isinstance(donnees, dict) or "facteurs" not in donnees:
            raise SaisieInvalide(
                "Ces données ne décrivent pas un canevas stratégique : il faut au moins la clé 'facteurs' "
                "(et 'offres'), comme le produit CanevasStrategique.vers_dict()."
            )
        if "format" in donnees:  # un dictionnaire tapé à la main peut omettre l'en-tête, pas un fichier enregistré
            verifier_format(donnees, FORMAT, VERSION, "un canevas stratégique", _OUTIL)
        canevas = cls(
            donnees["facteurs"],
            donnees.get("offres") or {},
            echelle=donnees.get("echelle", ECHELLE),
            focale=donnees.get("focale"),
            slogan=donnees.get("slogan", ""),
            titre=donnees.get("titre", ""),
        )
        canevas.source = str(donnees.get("source", "") or "")
        canevas.note = str(donnees.get("note", "") or "")
        return canevas

    def enregistrer(self, chemin: str | os.PathLike = FICHIER_PAR_DEFAUT) -> Path:
        """Enregistre le canevas en JSON ; l'ancien fichier reste intact jusqu'à la fin de l'écriture."""
        return ecrire_json_atomique(self.vers_dict(), chemin, FICHIER_PAR_DEFAUT)

    @classmethod
    def charger(cls, chemin: str | os.PathLike = FICHIER_PAR_DEFAUT) -> CanevasStrategique:
        """Lit un canevas enregistré ; lève ``FichierInvalide`` (sans toucher au fichier) s'il est illisible."""
        donnees = lire_json(chemin, "votre canevas stratégique")
        verifier_format(donnees, FORMAT, VERSION, "un canevas stratégique", _OUTIL)
        try:
            return cls.depuis_dict(donnees)
        except FichierInvalide:
            raise
        except SaisieInvalide as exc:
            raise FichierInvalide(f"Le canevas stratégique de « {chemin} » est abîmé : {exc}") from None

    def __repr__(self) -> str:
        return (
            f"CanevasStrategique({len(self._facteurs)} facteurs, offres={self.offres!r}, "
            f"focale={self.focale!r})"
        )

    # -- interne --

    def _verifier_nouveau_facteur(self, nom) -> None:
        propre = _nom(nom, "du facteur")
        if any(cle_nom(propre) == cle_nom(f) for f in self._facteurs):
            raise SaisieInvalide(
                f"Le facteur « {propre} » existe déjà dans le canevas : chaque critère n'apparaît qu'une fois. "
                "Modifiez ses niveaux ou choisissez un autre nom."
            )

    def _index_facteur(self, nom) -> int:
        if isinstance(nom, str):
            for i, f in enumerate(self._facteurs):
                if cle_nom(f) == cle_nom(nom):
                    return i
        connus = ", ".join(f"« {f} »" for f in self._facteurs) or "aucun"
        raise SaisieInvalide(f"Le facteur « {nom} » n'existe pas dans ce canevas. Facteurs connus : {connus}.")

    def _offre(self, nom) -> str:
        if isinstance(nom, str):
            for o in self._niveaux:
                if cle_nom(o) == cle_nom(nom):
                    return o
        connues = ", ".join(f"« {o} »" for o in self._niveaux) or "aucune"
        raise SaisieInvalide(f"L'offre « {nom} » n'existe pas dans ce canevas. Offres connues : {connues}.")

    def _focale_exigee(self) -> str:
        if self.focale is None:
            raise SaisieInvalide("Le canevas n'a encore aucune offre : ajoutez-en une avec ajouter_offre(nom, niveaux).")
        return self.focale

    def _liste_niveaux(self, offre: str, niveaux) -> list[float]:
        if isinstance(niveaux, (dict, pd.Series)):
            donnes = {}
            for facteur, valeur in niveaux.items():
                i = self._index_facteur(facteur)
                donnes[i] = _niveau(valeur, self._echelle, f"de l'offre « {offre} » pour le facteur « {self._facteurs[i]} »")
            manquants = [f for i, f in enumerate(self._facteurs) if i not in donnes]
            if manquants:
                raise SaisieInvalide(
                    f"L'offre « {offre} » n'a pas de niveau pour " + ", ".join(f"« {f} »" for f in manquants)
                    + " : donnez un niveau pour chaque facteur (le bas de l'échelle si l'offre ne propose rien)."
                )
            return [donnes[i] for i in range(len(self._facteurs))]
        if isinstance(niveaux, str) or not hasattr(niveaux, "__iter__"):
            raise SaisieInvalide(
                f"Les niveaux de l'offre « {offre} » doivent être une liste (dans l'ordre des facteurs) "
                "ou un dict {facteur: niveau}."
            )
        liste = list(niveaux)
        if len(liste) != len(self._facteurs):
            raise SaisieInvalide(
                f"L'offre « {offre} » a {len(liste)} niveau(x) pour {len(self._facteurs)} facteur(s) : "
                "donnez exactement un niveau par facteur, dans l'ordre " + ", ".join(f"« {f} »" for f in self._facteurs) + "."
            )
        return [
            _niveau(v, self._echelle, f"de l'offre « {offre} » pour le facteur « {f} »")
            for v, f in zip(liste, self._facteurs)
        ]

    def _designer(self, quoi) -> pd.Series:
        if quoi is None:
            return self.courbe()
        if isinstance(quoi, str):
            if cle_nom(quoi) in ("moyenne", "moyenne des concurrents"):
                return self.courbe_moyenne()
            return self.courbe(quoi)
        return quoi


def ouvrir(chemin: str | os.PathLike = FICHIER_PAR_DEFAUT, defaut: CanevasStrategique | None = None) -> CanevasStrategique:
    """Le canevas stratégique enregistré dans ``chemin`` s'il existe, sinon ``defaut`` (ou un canevas vide).

    Un fichier abîmé lève ``FichierInvalide`` et n'est pas modifié.
    """
    if Path(chemin).exists():
        return CanevasStrategique.charger(chemin)
    return defaut if defaut is not None else CanevasStrategique()


# --- exemples publiés ------------------------------------------------------------------------

_NOTE_APPROX = (
    "Canevas publié sous forme qualitative : les niveaux chiffrés sont notre lecture "
    "approximative de la figure, pas des données publiées."
)

_EXEMPLES = {
    "cirque-du-soleil": {
        "titre": "Cirque du Soleil face au cirque traditionnel (années 1980-1990)",
        "source": (
            "W. Chan Kim et Renée Mauborgne, « Blue Ocean Strategy », Harvard Business Review, "
            "octobre 2004, et le livre du même nom (2005)."
        ),
        "facteurs": [
            "Prix", "Vedettes de cirque", "Numéros d'animaux", "Ventes dans les gradins",
            "Pistes multiples", "Humour et comédie", "Frisson et danger", "Lieu unique (chapiteau)",
            "Thème", "Cadre raffiné", "Productions multiples", "Musique et danse artistiques",
        ],
        "offres": {
            "Ringling Bros. and Barnum & Bailey": [6, 9, 9, 8, 9, 6, 8, 3, 0, 0, 0, 0],
            "Petits cirques régionaux": [3, 3, 6, 5, 4, 6, 7, 5, 0, 0, 0, 0],
            "Cirque du Soleil": [9, 0, 0, 0, 0, 4, 4, 9, 9, 8, 8, 9],
        },
        "focale": "Cirque du Soleil",
        "slogan": "Nous réinventons le cirque",
        "actuelle": "Ringling Bros. and Barnum & Bailey",
        "errc_publiee": {
            "eliminer": ["Vedettes de cirque", "Numéros d'animaux", "Ventes dans les gradins", "Pistes multiples"],
            "reduire": ["Humour et comédie", "Frisson et danger"],
            "renforcer": ["Lieu unique (chapiteau)"],
            "creer": ["Thème", "Cadre raffiné", "Productions multiples", "Musique et danse artistiques"],
        },
    },
    "yellow-tail": {
        "titre": "[yellow tail] face au marché américain du vin (fin des années 1990)",
        "source": "W. Chan Kim et Renée Mauborgne, « Blue Ocean Strategy », Harvard Business School Press, 2005, chapitre 2.",
        "facteurs": [
            "Prix", "Terminologie œnologique", "Publicité grand public", "Qualité de vieillissement",
            "Prestige du vignoble", "Complexité du vin", "Largeur de la gamme", "Facilité à boire",
            "Facilité de choix", "Plaisir et aventure",
        ],
        "offres": {
            "Vins haut de gamme": [9, 9, 7, 9, 9, 9, 8, 0, 0, 0],
            "Vins d'entrée de gamme": [2, 6, 5, 3, 3, 4, 8, 0, 0, 0],
            "[yellow tail]": [4, 0, 0, 0, 1, 1, 2, 9, 9, 9],
        },
        "focale": "[yellow tail]",
        "slogan": "",
        "actuelle": "Vins d'entrée de gamme",
        "errc_publiee": {
            "eliminer": ["Terminologie œnologique", "Qualité de vieillissement", "Publicité grand public"],
            "reduire": ["Complexité du vin", "Largeur de la gamme", "Prestige du vignoble"],
            "renforcer": ["Prix", "Implication des détaillants"],
            "creer": ["Facilité à boire", "Facilité de choix", "Plaisir et aventure"],
        },
    },
    "southwest": {
        "titre": "Southwest Airlines : le court-courrier face aux compagnies et à la voiture",
        "source": (
            "W. Chan Kim et Renée Mauborgne, « Charting Your Company's Future », Harvard Business "
            "Review, juin 2002."
        ),
        "facteurs": [
            "Prix", "Repas", "Salons d'attente", "Choix des sièges", "Correspondances par hub",
            "Service aimable", "Vitesse", "Départs fréquents de point à point",
        ],
        "offres": {
            "Autres compagnies (moyenne)": [8, 6, 6, 6, 7, 5, 8, 4],
            "Voiture": [2, 0, 0, 0, 0, 0, 2, 9],
            "Southwest": [2, 0, 0, 0, 0, 9, 8, 9],
        },
        "focale": "Southwest",
        "slogan": "La vitesse de l'avion au prix de la voiture, quand vous en avez besoin",
        "actuelle": "Autres compagnies (moyenne)",
        "errc_publiee": {},
    },
}

EXEMPLES = tuple(_EXEMPLES)


def exemple(nom: str) -> CanevasStrategique:
    """Un exemple publié classique (``'cirque-du-soleil'``, ``'yellow-tail'``, ``'southwest'``).

    Les niveaux sont une **approximation** (lecture des figures qualitatives
    publiées) ; ``canevas.note`` le rappelle et ``canevas.source`` cite la
    publication. ``exemple_actuelle(nom)`` donne l'offre de départ pour la
    grille ERRC et ``grille_publiee(nom)`` la grille telle que publiée.
    """
    donnees = _EXEMPLES.get(str(nom).strip().lower())
    if donnees is None:
        raise SaisieInvalide(f"Exemple inconnu : « {nom} ». Exemples disponibles : " + ", ".join(EXEMPLES) + ".")
    canevas = CanevasStrategique(
        donnees["facteurs"], donnees["offres"], focale=donnees["focale"], slogan=donnees["slogan"], titre=donnees["titre"]
    )
    canevas.source = donnees["source"]
    canevas.note = _NOTE_APPROX
    return canevas


def exemple_actuelle(nom: str) -> str:
    """L'offre de référence (le « secteur ») à partir de laquelle la grille ERRC de l'exemple se lit."""
    exemple(nom)
    return _EXEMPLES[str(nom).strip().lower()]["actuelle"]


def grille_publiee(nom: str) -> dict[str, list[str]]:
    """La grille ERRC telle que publiée par les auteurs (vide si la publication n'en donne pas)."""
    exemple(nom)
    return {k: list(v) for k, v in _EXEMPLES[str(nom).strip().lower()]["errc_publiee"].items()}
