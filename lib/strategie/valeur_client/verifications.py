"""Les vérifications de l'article BG/NBD (Fader, Hardie et Lee, 2005, « Counting your customers
the easy way », *Marketing Science* 24(2)) : le modèle face aux achats réels.

Chaque fonction renvoie un DataFrame ; les figures sont dans ``strategie.figures.valeur_client``.

- ``suivi_achats_repetes`` : achats répétés par période et cumulés, modèle et réalité, sur la
  calibration puis la validation (la figure principale de l'article) ;
- ``ajustement_par_nombre_achats`` : clients par nombre d'achats répétés pendant la calibration ;
- ``matrice_probabilite_actif`` et ``matrice_achats_attendus`` : fréquence × récence ;
- ``historique_probabilite_actif`` : la probabilité d'être actif d'un client, jour après jour.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from strategie.erreurs import SaisieInvalide
from strategie.valeur_client._controles import colonne_dates, parametre, verifier_table
from strategie.valeur_client.donnees import (
    FIN_CALIBRATION_CDNOW,
    FIN_VALIDATION_CDNOW,
    JOURS_PAR_UNITE,
    _date_parametre,
    verifier_unite,
)
from strategie.valeur_client.probabiliste import (
    achats_attendus,
    achats_attendus_nouveau_client,
    probabilite_actif,
    probabilite_nombre_achats,
)


def _jours_achat(transactions: pd.DataFrame) -> pd.DataFrame:
    """Un achat par client et par jour (comme ``resume_rfm``), avec le jour du premier achat."""
    table = verifier_table(transactions, ("client", "date"))
    jours = pd.DataFrame({"client": table["client"].to_numpy(), "date": colonne_dates(table, "date").dt.normalize().to_numpy()})
    jours = jours.drop_duplicates().sort_values(["client", "date"], ignore_index=True)
    jours["premier"] = jours.groupby("client")["date"].transform("min")
    return jours


def suivi_achats_repetes(
    transactions: pd.DataFrame,
    parametres: dict,
    fin_calibration=FIN_CALIBRATION_CDNOW,
    fin_validation=FIN_VALIDATION_CDNOW,
    unite: str = "semaine",
) -> pd.DataFrame:
    """Achats répétés de la cohorte par période, réels et attendus (BG/NBD), et leurs cumuls.

    La cohorte : les clients dont le premier achat est au plus tard ``fin_calibration``. Le modèle
    attend, pour chaque client, ``achats_attendus_nouveau_client`` depuis son premier achat ; la
    somme sur les clients se compare aux achats répétés comptés (un par client et par jour).
    ``parametres`` doivent être ajustés dans la même ``unite``.

    Index ``periode`` (1, 2, …) ; colonnes ``debut`` (date), ``phase`` (« calibration » ou
    « validation »), ``reel``, ``modele``, ``reel_cumule``, ``modele_cumule``.
    """
    unite = verifier_unite(unite)
    longueur = JOURS_PAR_UNITE[unite]
    fin_c = _date_parametre("fin_calibration", fin_calibration)
    fin_v = _date_parametre("fin_validation", fin_validation)
    if fin_v <= fin_c:
        raise SaisieInvalide("« fin_validation » doit être après « fin_calibration ».")
    jours = _jours_achat(transactions)
    jours = jours[(jours["premier"] <= fin_c) & (jours["date"] <= fin_v)]
    if jours.empty:
        raise SaisieInvalide(f"Aucun client n'a acheté avant « fin_calibration » ({fin_c.date()}).")
    origine = jours["date"].min()
    jour = lambda dates: ((dates - origine) / pd.Timedelta(days=1)).to_numpy()  # noqa: E731
    nombre = int(np.ceil((jour(pd.Series([fin_v]))[0] + 1) / longueur - 1e-9))
    periode = (jour(jours["date"]) // longueur).astype(int) + 1
    repetes = jours["date"] > jours["premier"]
    reel = np.bincount(periode[repetes.to_numpy()], minlength=nombre + 1)[1: nombre + 1]
    # Âge de chaque client au dernier jour de chaque période, comme T dans resume_rfm (jours depuis le premier achat).
    premiers, effectifs = np.unique(jour(jours.drop_duplicates("client")["premier"]), return_counts=True)
    fins = np.arange(1, nombre + 1) * longueur - 1
    ages = np.clip(fins[None, :] - premiers[:, None], 0.0, None) / longueur
    cumul = effectifs @ achats_attendus_nouveau_client(parametres, ages.ravel()).reshape(ages.shape)
    debut = origine + pd.to_timedelta(np.arange(nombre) * longueur, unit="D")
    return pd.DataFrame({
        "debut": debut.normalize(),
        "phase": np.where(debut <= fin_c, "calibration", "validation"),
        "reel": reel.astype("int64"),
        "modele": np.diff(np.concatenate([[0.0], cumul])),
        "reel_cumule": np.cumsum(reel).astype("int64"),
        "modele_cumule": cumul,
    }, index=pd.RangeIndex(1, nombre + 1, name="periode"))


def ajustement_par_nombre_achats(resume: pd.DataFrame, parametres: dict, nombre_max: int = 7) -> pd.DataFrame:
    """Clients par nombre d'achats répétés pendant la calibration : réels et attendus par le modèle.

    Le modèle attend, pour chaque client observé pendant ``anciennete``, la probabilité de chaque
    nombre d'achats (``probabilite_nombre_achats``) ; la dernière ligne réunit « ``nombre_max`` ou plus ».
    Index ``achats`` ; colonnes ``libelle`` (« 7+ »), ``reel``, ``modele``.
    """
    verifier_table(resume, ("frequence", "anciennete"), nom="resume")
    nombre_max = int(parametre("nombre_max", nombre_max, minimum=1))
    frequence = resume["frequence"].to_numpy(dtype="int64")
    anciennetes, effectifs = np.unique(resume["anciennete"].to_numpy(dtype="float64"), return_counts=True)
    probabilites = probabilite_nombre_achats(parametres, anciennetes, nombre_max).to_numpy()
    achats = np.arange(nombre_max + 1)
    return pd.DataFrame({
        "libelle": [str(n) for n in achats[:-1]] + [f"{nombre_max}+"],
        "reel": np.bincount(np.minimum(frequence, nombre_max), minlength=nombre_max + 1),
        "modele": probabilites @ effectifs,
    }, index=pd.Index(achats, name="achats"))


def _grille(anciennete, frequence_max, pas_recence):
    anciennete = parametre("anciennete", anciennete, minimum=0.0, min_inclus=False)
    frequence_max = int(parametre("frequence_max", frequence_max, minimum=1))
    pas_recence = parametre("pas_recence", pas_recence, minimum=0.0, min_inclus=False)
    recences = np.append(np.arange(0.0, anciennete - 1e-9, pas_recence), anciennete)
    x, tx = np.meshgrid(np.arange(frequence_max + 1), recences, indexing="ij")
    return anciennete, x, tx, recences


def _matrice(valeurs, x, tx, recences):
    # Sans rachat, la récence vaut 0 : les autres cases de cette ligne sont impossibles.
    valeurs = np.where((x == 0) & (tx > 0), np.nan, valeurs.reshape(x.shape))
    return pd.DataFrame(valeurs, index=pd.Index(x[:, 0], name="frequence"), columns=pd.Index(recences, name="recence"))


def matrice_probabilite_actif(parametres: dict, anciennete: float, frequence_max: int = 20,
                              pas_recence: float = 1.0) -> pd.DataFrame:
    """Probabilité d'être encore actif selon la fréquence (lignes) et la récence (colonnes),
    pour des clients observés pendant ``anciennete`` (cases impossibles : vides)."""
    t, x, tx, recences = _grille(anciennete, frequence_max, pas_recence)
    valeurs = probabilite_actif(parametres, x.ravel(), tx.ravel(), np.full(x.size, t))
    return _matrice(valeurs, x, tx, recences)


def matrice_achats_attendus(parametres: dict, duree: float, anciennete: float, frequence_max: int = 20,
                            pas_recence: float = 1.0) -> pd.DataFrame:
    """Achats attendus dans les ``duree`` périodes suivantes selon la fréquence et la récence."""
    t, x, tx, recences = _grille(anciennete, frequence_max, pas_recence)
    duree = parametre("duree", duree, minimum=0.0, min_inclus=False)
    valeurs = achats_attendus(parametres, duree, x.ravel(), tx.ravel(), np.full(x.size, t))
    return _matrice(valeurs, x, tx, recences)


def historique_probabilite_actif(
    parametres: dict,
    transactions: pd.DataFrame,
    client,
    fin=FIN_VALIDATION_CDNOW,
    unite: str = "semaine",
) -> pd.DataFrame:
    """Probabilité qu'un client soit actif, chaque jour de son premier achat jusqu'à ``fin``.

    Chaque jour, fréquence, récence et ancienneté sont celles qu'on aurait calculées ce jour-là ;
    la probabilité remonte à chaque achat et baisse pendant les silences. Index ``date`` ;
    colonnes ``achat`` (un achat ce jour-là), ``frequence``, ``recence``, ``anciennete``,
    ``probabilite_actif``.
    """
    unite = verifier_unite(unite)
    jours = _jours_achat(transactions)
    achats = jours.loc[jours["client"] == client, "date"]
    if achats.empty:
        raise SaisieInvalide(f"Le client {client!r} n'a aucun achat dans « transactions ».")
    fin = _date_parametre("fin", fin)
    premier = achats.iloc[0]
    if fin < premier:
        raise SaisieInvalide(f"« fin » ({fin.date()}) est avant le premier achat du client ({premier.date()}).")
    dates = pd.date_range(premier, fin, freq="D")
    achats = achats[achats <= fin]
    # Achats jusqu'à chaque jour (le premier compris), puis le jour du dernier.
    rang = np.searchsorted(achats.to_numpy(), dates.to_numpy(), side="right")
    dernier = achats.to_numpy()[rang - 1]
    par_jour = JOURS_PAR_UNITE[unite]
    anciennete = ((dates - premier) / pd.Timedelta(days=1)).to_numpy() / par_jour
    recence = ((pd.DatetimeIndex(dernier) - premier) / pd.Timedelta(days=1)).to_numpy() / par_jour
    frequence = rang - 1
    # Le jour du premier achat, l'âge vaut 0 : P(actif) y vaut 1 par définition.
    actif = np.ones(dates.size)
    observe = anciennete > 0
    actif[observe] = probabilite_actif(parametres, frequence[observe], recence[observe], anciennete[observe])
    return pd.DataFrame({
        "achat": dates.isin(achats),
        "frequence": frequence.astype("int64"),
        "recence": recence,
        "anciennete": anciennete,
        "probabilite_actif": actif,
    }, index=pd.Index(dates, name="date"))
