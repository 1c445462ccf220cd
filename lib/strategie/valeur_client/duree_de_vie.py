"""Valeur à vie d'un client (CLV) par la formule de rétention, et délai de récupération.

Convention (Gupta et Lehmann) : le client rapporte une ``marge`` par période,
encaissée en fin de période s'il est resté ; il reste d'une période à l'autre
avec la probabilité ``taux_retention`` ; les marges futures sont actualisées au
``taux_actualisation`` par période. Alors

    CLV = marge × r / (1 + d − r) − coût d'acquisition.

Toutes les fonctions acceptent des nombres ou des tableaux numpy (calcul
vectorisé, par exemple pour une grille de taux de rétention).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from strategie.erreurs import SaisieInvalide
from strategie.valeur_client._controles import parametre


def _controler(marge, taux_retention, taux_actualisation, cout_acquisition):
    marge = parametre("marge", marge)
    r = parametre(
        "taux_retention", taux_retention, minimum=0.0, maximum=1.0, min_inclus=False, max_inclus=False,
        conseil="C'est une probabilité de rester d'une période à l'autre, par exemple 0.8 pour 80 % "
        "(1 voudrait dire qu'aucun client ne part jamais).",
    )
    d = parametre(
        "taux_actualisation", taux_actualisation, minimum=0.0,
        conseil="C'est un taux par période, par exemple 0.1 pour 10 %.",
    )
    ca = parametre("cout_acquisition", cout_acquisition, minimum=0.0,
                   conseil="C'est une dépense : mettez 0 si elle est inconnue.")
    return marge, r, d, ca


def _resultat(valeur):
    return float(valeur) if np.ndim(valeur) == 0 else valeur


def clv(marge, taux_retention, taux_actualisation, cout_acquisition=0.0, horizon: int | None = None):
    """Valeur à vie d'un client : marges futures attendues et actualisées, moins le coût d'acquisition.

    Sans ``horizon`` : ``marge × r / (1 + d − r) − cout_acquisition`` (horizon infini).
    Avec ``horizon`` = H périodes : somme des ``marge × (r / (1 + d))**t`` pour t de 1 à H,
    moins le coût d'acquisition.

    >>> round(clv(100, 0.8, 0.1, 50), 2)
    216.67
    """
    marge, r, d, ca = _controler(marge, taux_retention, taux_actualisation, cout_acquisition)
    if horizon is None:
        return _resultat(marge * r / (1.0 + d - r) - ca)
    h = int(parametre("horizon", horizon, minimum=1))
    q = r / (1.0 + d)
    return _resultat(marge * q * (1.0 - q**h) / (1.0 - q) - ca)


def courbe_recuperation(marge, taux_retention, taux_actualisation, cout_acquisition, horizon: int = 10) -> pd.DataFrame:
    """Période par période (0 à ``horizon``) : survie, marge attendue actualisée et valeur cumulée.

    ``valeur_cumulee`` part de − coût d'acquisition (période 0) et monte de la marge
    attendue actualisée ``marge × (r / (1 + d))**t`` à chaque période : le coût
    d'acquisition est récupéré quand elle devient positive ou nulle.
    """
    marge, r, d, ca = _controler(marge, taux_retention, taux_actualisation, cout_acquisition)
    for nom, valeur in (("marge", marge), ("taux_retention", r), ("taux_actualisation", d), ("cout_acquisition", ca)):
        if np.ndim(valeur):
            raise SaisieInvalide(f"Le paramètre « {nom} » doit être un seul nombre pour tracer une courbe de récupération.")
    h = int(parametre("horizon", horizon, minimum=1, maximum=10_000))
    t = np.arange(h + 1)
    marge_attendue = np.where(t > 0, marge * (r / (1.0 + d)) ** t, 0.0)
    return pd.DataFrame(
        {
            "periode": t,
            "survie": r**t,
            "marge_attendue": marge_attendue,
            "valeur_cumulee": np.cumsum(marge_attendue) - ca,
        }
    )


def delai_recuperation(marge, taux_retention, taux_actualisation, cout_acquisition):
    """Nombre de périodes pour que les marges attendues actualisées couvrent le coût d'acquisition.

    C'est la première période t (entière) où ``marge × q × (1 − q**t) / (1 − q)`` atteint le
    coût d'acquisition, avec q = r / (1 + d) ; ``inf`` si cela n'arrive jamais (la CLV
    sans coût d'acquisition est inférieure ou égale à ce coût) ; 0 sans coût d'acquisition.
    """
    marge, r, d, ca = _controler(marge, taux_retention, taux_actualisation, cout_acquisition)
    q = np.asarray(r / (1.0 + d))
    with np.errstate(divide="ignore", invalid="ignore"):
        reste = 1.0 - ca * (1.0 - q) / (np.asarray(marge, dtype="float64") * q)
        periodes = np.ceil(np.log(reste) / np.log(q) - 1e-9)
    # Tout coût d'acquisition demande au moins une période pour être récupéré.
    periodes = np.where((reste > 0) & (np.asarray(marge) > 0), np.maximum(periodes, 1.0), np.inf)
    periodes = np.where(np.asarray(ca) == 0, 0.0, periodes)
    return _resultat(periodes)
