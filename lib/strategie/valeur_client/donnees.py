"""Données du module : achats réels CDNOW et clientèle synthétique avec coûts.

- CDNOW : achats de la cohorte des nouveaux clients du premier trimestre 1997
  d'un disquaire en ligne, suivis jusqu'au 30 juin 1998 (Fader, Hardie et Lee,
  2005). Fichiers repris de la roue ``lifetimes`` 0.11.3 (licence MIT), voir
  ``strategie/donnees/cdnow/LISEZMOI.md``.
- Clientèle synthétique : CDNOW n'a pas de coûts ; ``generer_transactions``
  fabrique, avec une graine, des transactions réalistes dans leur forme
  (chiffre d'affaires très asymétrique, coût de service indépendant du
  chiffre d'affaires) pour le compte de résultat par client.
"""

from __future__ import annotations

from importlib import resources

import numpy as np
import pandas as pd

from strategie.erreurs import SaisieInvalide
from strategie.valeur_client._controles import colonne_dates, colonne_nombres, parametre, verifier_table
from strategie.valeur_client.compte import Inducteurs

#: Fin de la période de calibration de l'étude publiée (39 semaines depuis le 1997-01-01).
FIN_CALIBRATION_CDNOW = "1997-09-30"
#: Fin de l'observation des données CDNOW (78 semaines).
FIN_VALIDATION_CDNOW = "1998-06-30"

_UN_JOUR_EN_SEMAINES = 1.0 / 7.0
#: Jours par unité de temps d'un résumé par client (l'année compte 365,25 jours).
JOURS_PAR_UNITE = {"jour": 1.0, "semaine": 7.0, "mois": 365.25 / 12}


def _fichier_cdnow(nom: str):
    return resources.files("strategie").joinpath("donnees", "cdnow", nom)


def charger_cdnow_transactions(echantillon: bool = True) -> pd.DataFrame:
    """Transactions CDNOW : ``client``, ``date``, ``quantite`` (nombre de CD), ``montant`` (dollars).

    ``echantillon=True`` : les 2 357 clients de l'échantillon publié (6 919 lignes,
    clients numérotés de 1 à 2 357 comme dans l'étude) ; ``False`` : la cohorte
    complète (23 570 clients, 69 659 lignes).
    """
    noms = ["client_origine", "client", "date", "quantite", "montant"] if echantillon else ["client", "date", "quantite", "montant"]
    fichier = _fichier_cdnow("CDNOW_sample.txt" if echantillon else "CDNOW_master.txt.gz")
    with resources.as_file(fichier) as chemin:
        table = pd.read_csv(
            chemin, sep=r"\s+", header=None if echantillon else 0, names=noms,
            compression="gzip" if not echantillon else None, dtype={"date": "string"},
        )
    table["date"] = pd.to_datetime(table["date"], format="%Y%m%d")
    return table[["client", "date", "quantite", "montant"]]


def _semaines(duree: pd.Series | pd.Timedelta, unite: str = "semaine"):
    return duree / pd.Timedelta(days=1) / JOURS_PAR_UNITE[unite]


def verifier_unite(unite) -> str:
    """L'unité de temps d'un résumé : « jour », « semaine » ou « mois »."""
    if unite not in JOURS_PAR_UNITE:
        raise SaisieInvalide(
            f"L'unité de temps {unite!r} n'est pas connue : choisissez "
            + ", ".join(f"« {u} »" for u in JOURS_PAR_UNITE) + "."
        )
    return unite


def resume_rfm(
    transactions: pd.DataFrame,
    fin_observation,
    fin_validation=None,
    unite: str = "semaine",
) -> pd.DataFrame:
    """Résumé par client pour les modèles probabilistes, en semaines (ou dans l'``unite`` choisie :
    « jour », « semaine », « mois » ; elle est notée dans ``resume.attrs["unite"]``).

    Colonnes requises : ``client``, ``date``, ``montant``. Les achats d'un même jour
    sont réunis en un seul (montants additionnés), comme dans l'étude publiée ;
    seuls les achats jusqu'à ``fin_observation`` (incluse) comptent.

    - ``frequence`` : achats répétés (après le premier) ;
    - ``recence`` : semaines entre le premier et le dernier achat ;
    - ``anciennete`` : semaines entre le premier achat et ``fin_observation`` ;
    - ``montant_moyen`` : moyenne des achats répétés (0 sans achat répété).

    Avec ``fin_validation`` : deux colonnes de plus pour comparer une projection à
    la réalité, ``frequence_validation`` (achats après ``fin_observation`` et jusqu'à
    ``fin_validation``) et ``duree_validation`` (semaines).
    """
    table = verifier_table(transactions, ("client", "date", "montant"), ("quantite",))
    unite = verifier_unite(unite)
    dates = colonne_dates(table, "date")
    montant = colonne_nombres(table, "montant")
    fin = _date_parametre("fin_observation", fin_observation)
    jours = pd.DataFrame({"client": table["client"].to_numpy(), "date": dates.to_numpy(), "montant": montant})
    if jours["client"].isna().any():
        raise SaisieInvalide("La colonne « client » de « transactions » a des cases vides : chaque achat doit avoir son client.")
    jours = jours.groupby(["client", "date"], as_index=False, sort=True)["montant"].sum()
    premier = jours.groupby("client")["date"].transform("min")
    jours = jours[premier <= fin]
    if jours.empty:
        raise SaisieInvalide(
            f"Aucun client n'a acheté avant « fin_observation » ({fin.date()}) : choisissez une date plus tardive."
        )
    premier = premier[jours.index]
    dans = jours["date"] <= fin
    repete = dans & (jours["date"] > premier)
    calibration = jours[dans].groupby("client")
    resume = pd.DataFrame({
        "frequence": calibration.size() - 1,
        "recence": _semaines(calibration["date"].max() - calibration["date"].min(), unite),
        "anciennete": _semaines(fin - calibration["date"].min(), unite),
    })
    resume["montant_moyen"] = jours[repete].groupby("client")["montant"].mean().reindex(resume.index).fillna(0.0)
    if fin_validation is not None:
        fin_v = _date_parametre("fin_validation", fin_validation)
        if fin_v <= fin:
            raise SaisieInvalide("« fin_validation » doit être après « fin_observation ».")
        apres = jours[(jours["date"] > fin) & (jours["date"] <= fin_v)]
        resume["frequence_validation"] = apres.groupby("client").size().reindex(resume.index).fillna(0).astype("int64")
        resume["duree_validation"] = _semaines(fin_v - fin, unite)
    resume.index.name = "client"
    resume.attrs["unite"] = unite
    return resume


def _date_parametre(nom: str, valeur) -> pd.Timestamp:
    try:
        date = pd.Timestamp(valeur)
    except (TypeError, ValueError):
        date = pd.NaT
    if pd.isna(date):
        raise SaisieInvalide(f"Le paramètre « {nom} » n'est pas une date lisible ({valeur!r}) : écrivez-la au format AAAA-MM-JJ.")
    return date


def charger_cdnow(fin_observation=FIN_CALIBRATION_CDNOW, validation: bool = False) -> pd.DataFrame:
    """Résumé par client de l'échantillon CDNOW (2 357 clients), en semaines, comme dans l'étude publiée.

    Colonnes ``frequence``, ``recence``, ``anciennete`` et ``montant_moyen`` (index :
    numéro du client, 1 à 2 357). Par défaut, l'observation s'arrête à la fin des
    39 semaines de calibration de l'étude (1997-09-30) : c'est sur ce résumé que
    Fader, Hardie et Lee (2005) obtiennent r = 0,243, alpha = 4,414, a = 0,793,
    b = 2,426. ``validation=True`` ajoute les achats des 39 semaines suivantes
    (jusqu'au 1998-06-30) dans ``frequence_validation``.
    """
    return resume_rfm(
        charger_cdnow_transactions(echantillon=True),
        fin_observation,
        FIN_VALIDATION_CDNOW if validation else None,
    )


# ---------------------------------------------------------------------------
# Clientèle synthétique
# ---------------------------------------------------------------------------

#: Coûts unitaires qui vont avec ``generer_transactions`` (euros).
INDUCTEURS_EXEMPLE = Inducteurs(
    cout_par_commande={"agence": 22.0, "telephone": 9.0, "web": 3.0},
    cout_par_contact=7.0,
    cout_par_visite=70.0,
    cout_par_retour=14.0,
    cout_marketing_par_client=8.0,
    taux_frais_generaux=0.06,
    taux_financier=0.10,
)
CANAUX_EXEMPLE = ("agence", "telephone", "web")


def generer_transactions(
    nb_clients: int = 100_000,
    nb_transactions: int = 1_000_000,
    graine: int = 0,
    annee: int = 2024,
) -> pd.DataFrame:
    """Transactions synthétiques d'une année, avec de quoi calculer le coût de chaque client.

    Forme voulue réaliste : quelques clients achètent beaucoup et souvent
    (nombre d'achats et panier moyen très asymétriques), tandis que le coût de
    service (contacts, retours, canal coûteux, délai de paiement, visites)
    dépend d'habitudes propres au client, indépendantes de ce qu'il achète.
    Même graine, mêmes transactions. Chaque client a au moins une transaction.

    Colonnes : ``client``, ``date``, ``canal``, ``montant``, ``cout_produits``,
    ``contacts``, ``visites``, ``retour``, ``delai_paiement``. Les coûts unitaires
    qui vont avec sont dans ``INDUCTEURS_EXEMPLE``.
    """
    nb_clients = int(parametre("nb_clients", nb_clients, minimum=1))
    nb_transactions = int(parametre("nb_transactions", nb_transactions, minimum=nb_clients,
                                    conseil="Il faut au moins une transaction par client."))
    rng = np.random.default_rng(graine)
    n = nb_clients

    # Habitudes de chaque client, tirées indépendamment : achat (rythme, panier, marge) et coût de service.
    rythme = rng.gamma(0.7, 1.0, n)
    panier = rng.lognormal(np.log(45.0), 0.7, n)
    taux_cout = rng.beta(11.0, 9.0, n)  # coût des marchandises ≈ 55 % du prix en moyenne
    canal_prefere = rng.choice(3, size=n, p=[0.15, 0.25, 0.60])
    contacts_moyens = rng.gamma(0.5, 0.6, n)
    taux_retour = rng.beta(0.6, 9.0, n)
    delai_client = rng.choice(np.array([0.0, 30.0, 45.0, 60.0, 90.0]), size=n, p=[0.55, 0.2, 0.1, 0.1, 0.05])

    # Une transaction par client, le reste réparti selon le rythme (quelques clients achètent beaucoup).
    autres = rng.choice(n, size=nb_transactions - n, p=rythme / rythme.sum())
    client = np.concatenate([np.arange(n), autres])
    m = client.size
    montant = np.round(panier[client] * rng.lognormal(0.0, 0.35, m), 2)
    canal = np.where(rng.random(m) < 0.85, canal_prefere[client], rng.integers(0, 3, m))
    contacts = rng.poisson(contacts_moyens[client])
    visites = ((canal == 0) & (rng.random(m) < 0.3)).astype(np.int64)
    retour = (rng.random(m) < taux_retour[client]).astype(np.int64)
    debut = np.datetime64(f"{int(annee)}-01-01")
    jours = np.datetime64(f"{int(annee) + 1}-01-01") - debut
    date = debut + rng.integers(0, int(jours.astype(int)), m).astype("timedelta64[D]")
    return pd.DataFrame({
        "client": client + 1,
        "date": date.astype("datetime64[ns]"),
        "canal": pd.Categorical.from_codes(canal, categories=list(CANAUX_EXEMPLE)),
        "montant": montant,
        "cout_produits": np.round(montant * taux_cout[client], 2),
        "contacts": contacts,
        "visites": visites,
        "retour": retour,
        "delai_paiement": np.where(canal == 2, 0.0, delai_client[client]),
    })


def exemple_transactions() -> pd.DataFrame:
    """Petit jeu de 12 transactions de 4 clients, pour les calculs à la main de la leçon."""
    return pd.DataFrame({
        "client": ["Alpha", "Alpha", "Alpha", "Bravo", "Bravo", "Bravo", "Bravo", "Bravo", "Bravo", "Charlie", "Delta", "Delta"],
        "date": pd.to_datetime(["2024-01-15", "2024-05-02", "2024-10-20", "2024-01-08", "2024-02-12", "2024-03-11",
                                "2024-05-06", "2024-07-15", "2024-09-09", "2024-06-03", "2024-04-22", "2024-11-18"]),
        "canal": ["agence", "agence", "agence", "web", "web", "telephone", "web", "web", "telephone", "web", "agence", "agence"],
        "montant": [1200.0, 900.0, 1500.0, 120.0, 90.0, 150.0, 80.0, 110.0, 140.0, 400.0, 2500.0, 2100.0],
        "cout_produits": [720.0, 540.0, 900.0, 60.0, 45.0, 75.0, 40.0, 55.0, 70.0, 240.0, 1750.0, 1470.0],
        "contacts": [1, 0, 2, 6, 5, 4, 7, 5, 6, 0, 2, 3],
        "visites": [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 2, 2],
        "retour": [0, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0],
        "delai_paiement": [30.0, 30.0, 30.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 90.0, 90.0],
    })
