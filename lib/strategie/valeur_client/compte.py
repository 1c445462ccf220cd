"""Compte de résultat par client, déciles, migration, courbe de la baleine et concentration.

Le compte d'un client suit les cinq lignes que propose Michel Bruley (Decideo, 2020) :
chiffre d'affaires − dépenses de commercialisation − coûts de production des
produits et des services − frais généraux − charges financières = profit.

Les coûts qui ne sont pas dans les transactions sont répartis par des
**inducteurs** (comptabilité par activités) : un coût par commande (selon le
canal), par contact au service client, par visite commerciale, par retour ; un
coût marketing fixe par client ; des frais généraux en part du chiffre
d'affaires ; le coût du crédit accordé (délai de paiement).

Tout est vectorisé : une agrégation par client (``np.bincount``), puis des
opérations sur des colonnes. Changer un inducteur ne demande pas de
ré-agréger les transactions (``appliquer_inducteurs``).
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd

from strategie import francais
from strategie.erreurs import SaisieInvalide
from strategie.valeur_client._controles import colonne_dates, colonne_nombres, nombres, parametre, verifier_table

#: Colonnes obligatoires d'une table de transactions (une ligne = une commande).
COLONNES_REQUISES = ("client", "montant")
#: Colonnes facultatives : absentes, elles comptent pour zéro.
COLONNES_FACULTATIVES = (
    "date", "cout_produits", "canal", "contacts", "visites", "retour", "delai_paiement", "quantite",
)
#: Lignes du compte de résultat par client, dans l'ordre.
COLONNES_COMPTE = (
    "chiffre_affaires",
    "couts_commercialisation",
    "couts_production",
    "frais_generaux",
    "charges_financieres",
    "profit",
)
_PREFIXE_CANAL = "commandes_"


@dataclasses.dataclass(frozen=True)
class Inducteurs:
    """Coûts unitaires des activités, pour répartir les coûts indirects entre les clients.

    - ``cout_par_commande`` : traitement d'une commande (préparation, facturation,
      livraison) ; un nombre, ou un dictionnaire par canal (``{"web": 4, "agence": 25}``).
    - ``cout_par_contact`` : un contact au service client (appel, courriel).
    - ``cout_par_visite`` : une visite commerciale (dépense de commercialisation).
    - ``cout_par_retour`` : le traitement d'un retour.
    - ``cout_marketing_par_client`` : marketing fixe par client (catalogue, fidélité).
    - ``taux_cout_produits`` : coût des produits en part du montant, quand la table
      n'a pas de colonne ``cout_produits``.
    - ``taux_frais_generaux`` : frais généraux répartis en part du chiffre d'affaires.
    - ``taux_financier`` : coût annuel du crédit client, appliqué au montant × délai
      de paiement (en jours) / 365.
    """

    cout_par_commande: float | dict = 0.0
    cout_par_contact: float = 0.0
    cout_par_visite: float = 0.0
    cout_par_retour: float = 0.0
    cout_marketing_par_client: float = 0.0
    taux_cout_produits: float = 0.0
    taux_frais_generaux: float = 0.0
    taux_financier: float = 0.0

    def __post_init__(self):
        for champ in dataclasses.fields(self):
            valeur = getattr(self, champ.name)
            if champ.name == "cout_par_commande" and isinstance(valeur, dict):
                if not valeur:
                    raise SaisieInvalide("« cout_par_commande » est un dictionnaire vide : donnez un coût par canal.")
                propre = {
                    str(canal): parametre(f"cout_par_commande[{canal!r}]", cout, minimum=0.0)
                    for canal, cout in valeur.items()
                }
                object.__setattr__(self, champ.name, propre)
                continue
            maximum = 1.0 if champ.name in ("taux_cout_produits", "taux_frais_generaux") else None
            object.__setattr__(
                self, champ.name, parametre(champ.name, valeur, minimum=0.0, maximum=maximum,
                                            conseil="Un coût ou un taux de coût ne peut pas être négatif.")
            )

    def remplacer(self, **changements) -> "Inducteurs":
        """Copie avec quelques inducteurs changés (les autres restent)."""
        inconnus = set(changements) - {c.name for c in dataclasses.fields(self)}
        if inconnus:
            raise SaisieInvalide(
                f"Inducteur inconnu : {', '.join(sorted(inconnus))}. Inducteurs possibles : "
                f"{', '.join(c.name for c in dataclasses.fields(self))}."
            )
        return dataclasses.replace(self, **changements)


def agreger_par_client(transactions: pd.DataFrame) -> pd.DataFrame:
    """Additionne les transactions par client : montants, coûts des produits et volumes d'activité.

    Colonnes obligatoires : ``client`` et ``montant`` (prix payé, positif ou nul).
    Facultatives : ``cout_produits``, ``canal``, ``contacts``, ``visites``,
    ``retour`` (0/1 ou nombre), ``delai_paiement`` (jours), ``date``, ``quantite``.

    Renvoie une ligne par client (index trié) : ``chiffre_affaires``,
    ``cout_produits``, ``commandes``, ``contacts``, ``visites``, ``retours``,
    ``encours`` (somme de montant × délai / 365, en euros·années) et une colonne
    ``commandes_<canal>`` par canal quand la colonne ``canal`` existe.
    """
    table = verifier_table(transactions, COLONNES_REQUISES, COLONNES_FACULTATIVES)
    codes, clients = pd.factorize(table["client"], sort=True)
    if (codes < 0).any():
        i = int(np.flatnonzero(codes < 0)[0])
        raise SaisieInvalide(
            f"La colonne « client » de « transactions » est vide à la ligne {table.index[i]} : "
            "chaque transaction doit dire à quel client elle appartient."
        )
    n = len(clients)
    montant = colonne_nombres(table, "montant")
    if "date" in table.columns:
        colonne_dates(table, "date")  # pas utilisée ici, mais une date illisible est une erreur à signaler

    def somme(valeurs):
        return np.bincount(codes, weights=valeurs, minlength=n)

    def facultative(nom):
        return colonne_nombres(table, nom) if nom in table.columns else None

    agregats = {
        "chiffre_affaires": somme(montant),
        "cout_produits": somme(c) if (c := facultative("cout_produits")) is not None else np.full(n, np.nan),
        "commandes": np.bincount(codes, minlength=n).astype("float64"),
    }
    for nom, cible in (("contacts", "contacts"), ("visites", "visites"), ("retour", "retours")):
        valeurs = facultative(nom)
        agregats[cible] = somme(valeurs) if valeurs is not None else np.zeros(n)
    delai = facultative("delai_paiement")
    agregats["encours"] = somme(montant * delai / 365.0) if delai is not None else np.zeros(n)
    if "canal" in table.columns:
        canal = table["canal"]
        if canal.isna().any():
            i = int(np.flatnonzero(canal.isna().to_numpy())[0])
            raise SaisieInvalide(
                f"La colonne « canal » de « transactions » est vide à la ligne {table.index[i]} : "
                "indiquez le canal de chaque commande (par exemple « web » ou « agence »)."
            )
        codes_canal, canaux = pd.factorize(canal, sort=True)
        k = len(canaux)
        par_canal = np.bincount(codes * k + codes_canal, minlength=n * k).reshape(n, k).astype("float64")
        for j, nom_canal in enumerate(canaux):
            agregats[f"{_PREFIXE_CANAL}{nom_canal}"] = par_canal[:, j]
    return pd.DataFrame(agregats, index=pd.Index(clients, name="client"))


def canaux(agregats: pd.DataFrame) -> list[str]:
    """Les canaux présents dans une table d'agrégats (colonnes ``commandes_<canal>``)."""
    return [c[len(_PREFIXE_CANAL):] for c in agregats.columns if c.startswith(_PREFIXE_CANAL)]


def appliquer_inducteurs(agregats: pd.DataFrame, inducteurs: Inducteurs | None = None) -> pd.DataFrame:
    """Compte de résultat par client à partir des agrégats et des coûts unitaires.

    - dépenses de commercialisation = visites × coût par visite + marketing par client ;
    - coûts de production = coût des produits + commandes × coût par commande (selon le
      canal) + contacts × coût par contact + retours × coût par retour ;
    - frais généraux = taux × chiffre d'affaires ;
    - charges financières = taux financier × encours (montant × délai / 365) ;
    - profit = chiffre d'affaires − toutes ces charges.
    """
    if inducteurs is None:
        inducteurs = Inducteurs()
    if not isinstance(inducteurs, Inducteurs):
        raise SaisieInvalide("« inducteurs » doit être un objet Inducteurs(...) de strategie.valeur_client.")
    verifier_table(agregats, ("chiffre_affaires", "cout_produits", "commandes", "contacts", "visites", "retours", "encours"),
                   nom="agregats")
    ind = inducteurs
    ca = agregats["chiffre_affaires"].to_numpy()
    cout_produits = agregats["cout_produits"].to_numpy()
    if np.isnan(cout_produits).any():
        cout_produits = ind.taux_cout_produits * ca
    elif ind.taux_cout_produits:
        raise SaisieInvalide(
            "Les transactions ont une colonne « cout_produits » et l'inducteur « taux_cout_produits » "
            "est aussi donné : gardez l'un ou l'autre (mettez taux_cout_produits=0)."
        )
    if isinstance(ind.cout_par_commande, dict):
        presents = canaux(agregats)
        if not presents:
            raise SaisieInvalide(
                "« cout_par_commande » est donné par canal mais les transactions n'ont pas de colonne "
                "« canal » : ajoutez-la, ou donnez un seul coût par commande."
            )
        oublies = [c for c in presents if c not in ind.cout_par_commande]
        if oublies:
            raise SaisieInvalide(
                f"« cout_par_commande » ne donne pas de coût pour le(s) canal(aux) {', '.join(oublies)} : "
                "ajoutez-les au dictionnaire."
            )
        cout_commandes = sum(agregats[f"{_PREFIXE_CANAL}{c}"].to_numpy() * ind.cout_par_commande[c] for c in presents)
    else:
        cout_commandes = agregats["commandes"].to_numpy() * ind.cout_par_commande
    commercialisation = agregats["visites"].to_numpy() * ind.cout_par_visite + ind.cout_marketing_par_client
    production = (
        cout_produits
        + cout_commandes
        + agregats["contacts"].to_numpy() * ind.cout_par_contact
        + agregats["retours"].to_numpy() * ind.cout_par_retour
    )
    frais = ind.taux_frais_generaux * ca
    financier = ind.taux_financier * agregats["encours"].to_numpy()
    profit = ca - commercialisation - production - frais - financier
    return pd.DataFrame(
        dict(zip(COLONNES_COMPTE, (ca, commercialisation, production, frais, financier, profit))),
        index=agregats.index,
    )


def compte_resultat_clients(transactions: pd.DataFrame, inducteurs: Inducteurs | None = None) -> pd.DataFrame:
    """Compte de résultat de chaque client (une ligne par client) depuis ses transactions.

    >>> t = pd.DataFrame({"client": ["A", "A", "B"], "montant": [100.0, 50.0, 80.0],
    ...                   "cout_produits": [60.0, 30.0, 40.0], "contacts": [0, 2, 0]})
    >>> compte_resultat_clients(t, Inducteurs(cout_par_commande=5, cout_par_contact=10))["profit"].tolist()
    [30.0, 35.0]
    """
    return appliquer_inducteurs(agreger_par_client(transactions), inducteurs)


# ---------------------------------------------------------------------------
# Déciles et migration
# ---------------------------------------------------------------------------

def _valeurs(valeurs, libelle: str) -> tuple[np.ndarray, pd.Index | None]:
    index = valeurs.index if isinstance(valeurs, pd.Series) else None
    tableau = nombres(valeurs, libelle, minimum=None, brut=valeurs if index is not None else None)
    if tableau.size == 0:
        raise SaisieInvalide(f"La {libelle} est vide : il faut au moins un client.")
    return tableau, index


def deciles(valeurs) -> pd.Series | np.ndarray:
    """Décile de chaque client : 1 pour les 10 % qui valent le plus, 10 pour les 10 % qui valent le moins.

    Les clients sont classés du plus grand au plus petit ; le client de rang k
    (0 pour le premier) sur n est dans le décile ``k × 10 // n + 1``. À égalité,
    l'ordre de la table départage. Une ``Series`` donne une ``Series`` de même index.
    """
    tableau, index = _valeurs(valeurs, "série des valeurs à classer")
    n = tableau.size
    ordre = np.argsort(-tableau, kind="stable")
    rang = np.empty(n, dtype=np.int64)
    rang[ordre] = np.arange(n)
    resultat = rang * 10 // n + 1
    return pd.Series(resultat, index=index, name="decile") if index is not None else resultat


def _colonnes_compte(compte: pd.DataFrame, *colonnes: str) -> list[np.ndarray]:
    verifier_table(compte, colonnes, nom="compte")
    return [nombres(compte[c], f"colonne « {c} » de « compte »", minimum=None, brut=compte[c]) for c in colonnes]


def matrice_migration(compte: pd.DataFrame, avant: str = "chiffre_affaires", apres: str = "profit") -> pd.DataFrame:
    """Nombre de clients par couple (décile selon ``avant``, décile selon ``apres``), 10 × 10.

    Sur la diagonale : les clients qui gardent leur décile ; loin de la diagonale :
    ceux que le changement de mesure (du chiffre d'affaires au profit) déplace.
    """
    v_avant, v_apres = _colonnes_compte(compte, avant, apres)
    return croiser_deciles(deciles(v_avant), deciles(v_apres), avant, apres)


def croiser_deciles(deciles_avant, deciles_apres, avant: str = "chiffre_affaires", apres: str = "profit") -> pd.DataFrame:
    """Matrice de migration à partir de deux séries de déciles déjà calculées (de 1 à 10)."""
    d_avant = np.asarray(deciles_avant, dtype=np.int64)
    d_apres = np.asarray(deciles_apres, dtype=np.int64)
    if d_avant.shape != d_apres.shape or d_avant.ndim != 1:
        raise SaisieInvalide("Les deux séries de déciles doivent avoir la même longueur (un décile par client).")
    if d_avant.size and (min(d_avant.min(), d_apres.min()) < 1 or max(d_avant.max(), d_apres.max()) > 10):
        raise SaisieInvalide("Un décile vaut de 1 à 10 : utilisez deciles(...) pour les calculer.")
    comptes = np.bincount((d_avant - 1) * 10 + (d_apres - 1), minlength=100).reshape(10, 10)
    return pd.DataFrame(
        comptes,
        index=pd.Index(range(1, 11), name=f"decile_{avant}"),
        columns=pd.Index(range(1, 11), name=f"decile_{apres}"),
    )


def part_migration(compte: pd.DataFrame, seuil: int = 2, avant: str = "chiffre_affaires", apres: str = "profit") -> float:
    """Part des clients (entre 0 et 1) qui changent d'au moins ``seuil`` déciles entre les deux classements."""
    return part_hors_diagonale(matrice_migration(compte, avant, apres), seuil)


def part_hors_diagonale(matrice: pd.DataFrame, seuil: int = 2) -> float:
    """Part des clients d'une matrice de migration qui sont à ``seuil`` déciles ou plus de la diagonale."""
    seuil = parametre("seuil", seuil, minimum=1, maximum=9)
    comptes = np.asarray(matrice, dtype="float64")
    ecart = np.abs(np.subtract.outer(np.arange(comptes.shape[0]), np.arange(comptes.shape[1])))
    return float(comptes[ecart >= seuil].sum() / comptes.sum())


def tableau_deciles(compte: pd.DataFrame, par: str = "profit") -> pd.DataFrame:
    """Par décile (1 = les meilleurs selon ``par``) : clients, chiffre d'affaires, profit et part du profit total."""
    ca, profit, critere = _colonnes_compte(compte, "chiffre_affaires", "profit", par)
    d = deciles(critere) - 1
    nb = np.bincount(d, minlength=10)
    somme_ca = np.bincount(d, weights=ca, minlength=10)
    somme_profit = np.bincount(d, weights=profit, minlength=10)
    total = profit.sum()
    part = somme_profit / total if total != 0 else np.full(10, np.nan)
    return pd.DataFrame(
        {
            "clients": nb,
            "chiffre_affaires": somme_ca,
            "profit": somme_profit,
            "part_profit": part,
            "part_profit_cumulee": np.cumsum(part),
        },
        index=pd.Index(range(1, 11), name="decile"),
    )


# ---------------------------------------------------------------------------
# Concentration et courbe de la baleine
# ---------------------------------------------------------------------------

def _profits_positifs_au_total(profits) -> tuple[np.ndarray, float]:
    tableau, _ = _valeurs(profits, "série des profits")
    total = float(tableau.sum())
    if total <= 0:
        en_euros = francais.euros(total, centimes=False)
        raise SaisieInvalide(
            f"Le profit total des clients vaut {en_euros} (négatif ou nul) : les parts du profit total "
            "n'ont pas de sens. Vérifiez les coûts, ou regardez les profits en valeur plutôt qu'en part."
        )
    return tableau, total


def courbe_baleine(profits) -> pd.DataFrame:
    """Courbe de la baleine (ou de Stobachoff) : profit cumulé, clients classés du plus au moins rentable.

    Renvoie n + 1 points (le premier à zéro) : ``part_clients`` (de 0 à 1),
    ``profit_cumule`` et ``part_profit_cumule`` (en part du profit total : 1 à la fin).
    La courbe monte au-dessus de 1 tant que les clients sont rentables, puis
    redescend : la descente est la valeur détruite par les clients non rentables.
    """
    tableau, total = _profits_positifs_au_total(profits)
    cumul = np.concatenate(([0.0], np.cumsum(np.sort(tableau)[::-1])))
    n = tableau.size
    return pd.DataFrame(
        {"part_clients": np.arange(n + 1) / n, "profit_cumule": cumul, "part_profit_cumule": cumul / total}
    )


def part_profit_meilleurs(profits, part: float = 0.10) -> float:
    """Part du profit total apportée par les ``part`` (10 % par défaut) clients les plus rentables.

    Le nombre de clients retenus est arrondi au supérieur (10 % de 25 clients : 3 clients).
    """
    part = parametre("part", part, minimum=0.0, maximum=1.0, min_inclus=False)
    tableau, total = _profits_positifs_au_total(profits)
    k = max(1, math.ceil(part * tableau.size - 1e-9))
    meilleurs = np.partition(tableau, tableau.size - k)[tableau.size - k:]
    return float(meilleurs.sum() / total)


def gini(valeurs) -> float:
    """Coefficient de Gini de valeurs positives (0 : toutes égales ; proche de 1 : tout chez un seul)."""
    tableau, _ = _valeurs(valeurs, "série des valeurs")
    if (tableau < 0).any():
        raise SaisieInvalide(
            "Le coefficient de Gini se calcule sur des valeurs positives (chiffre d'affaires par exemple), "
            "pas sur des profits négatifs : utilisez la courbe de la baleine pour les profits."
        )
    total = tableau.sum()
    if total == 0:
        return 0.0
    n = tableau.size
    rangs = np.arange(1, n + 1)
    return float(2.0 * np.sum(rangs * np.sort(tableau)) / (n * total) - (n + 1) / n)


def mesures_baleine(courbe: pd.DataFrame, part: float = 0.10) -> dict:
    """Mesures lues sur une courbe de la baleine (``courbe_baleine``), sans nouveau tri.

    ``sommet_baleine``, ``part_clients_sommet``, ``part_profit_meilleurs`` (les ``part``
    meilleurs clients), ``part_clients_non_rentables``, ``valeur_detruite`` (euros, positive),
    ``profit_total`` et ``clients`` : voir ``concentration``.
    """
    part = parametre("part", part, minimum=0.0, maximum=1.0, min_inclus=False)
    verifier_table(courbe, ("part_clients", "profit_cumule", "part_profit_cumule"), nom="courbe")
    cumul = courbe["profit_cumule"].to_numpy()
    n = cumul.size - 1
    if n < 1:
        raise SaisieInvalide("La courbe de la baleine doit avoir au moins un client : utilisez courbe_baleine(profits).")
    total = float(cumul[-1])
    sommet = int(cumul.argmax())
    k = max(1, math.ceil(part * n - 1e-9))
    return {
        "clients": int(n),
        "profit_total": total,
        "part_profit_meilleurs": float(cumul[k] / total),
        "sommet_baleine": float(cumul[sommet] / total),
        "part_clients_sommet": sommet / n,
        "part_clients_non_rentables": float(np.mean(np.diff(cumul) < 0)),
        "valeur_detruite": float(cumul[sommet] - total),
    }


def concentration(compte: pd.DataFrame, part: float = 0.10) -> dict:
    """Mesures de concentration d'un compte de résultat par client.

    - ``part_profit_meilleurs`` : part du profit total des ``part`` meilleurs clients ;
    - ``sommet_baleine`` : hauteur du sommet de la courbe de la baleine (en part du profit
      total : 1,5 = les clients rentables font 150 % du profit final) ;
    - ``part_clients_sommet`` : part des clients avant le sommet (les clients rentables) ;
    - ``part_clients_non_rentables`` : part des clients au profit négatif ;
    - ``valeur_detruite`` : somme des pertes des clients non rentables (en euros, positive) ;
    - ``part_ca_meilleurs`` : part du chiffre d'affaires des ``part`` meilleurs clients en CA ;
    - ``gini_ca`` : coefficient de Gini du chiffre d'affaires ;
    - ``profit_total`` et ``clients``.
    """
    ca, profit = _colonnes_compte(compte, "chiffre_affaires", "profit")
    mesures = mesures_baleine(courbe_baleine(profit), part)
    mesures["part_ca_meilleurs"] = part_profit_meilleurs(ca, part) if ca.sum() > 0 else float("nan")
    mesures["gini_ca"] = gini(ca)
    return mesures
