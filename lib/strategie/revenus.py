"""Flux de revenus : six modèles de revenus projetés mois par mois.

Le bloc « Flux de revenus » (pour une personne : « ce que vous recevez ») dit
pour quelle valeur les clients paient, et comment. Ce module compare six
façons de se faire payer : vente unique, abonnement, paiement à l'usage,
licence, freemium (conversion d'utilisateurs gratuits) et courtage
(commission sur les transactions).

Conventions :

* le temps est compté en mois, de 1 à ``mois`` ;
* les pourcentages s'écrivent en points : ``attrition_pct=5`` signifie 5 % ;
* les acquisitions (ventes, clients, utilisateurs, transactions) du premier mois
  augmentent de ``croissance_pct`` % chaque mois (négatif : elles baissent) ;
* pour les modèles récurrents, les clients actifs d'un mois sont ceux du mois
  précédent qui restent (``1 - attrition``) plus les nouveaux du mois.

>>> p = projeter("abonnement", mois=3, prix_mensuel=10, nouveaux_clients=200, attrition_pct=5)
>>> p["actifs"].round(1).tolist()
[200.0, 390.0, 570.5]
>>> p["revenu"].round(0).tolist()
[2000.0, 3900.0, 5705.0]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd

from strategie import _blocs
from strategie.erreurs import SaisieInvalide

MOIS_MAX = 240
COLONNES = ["mois", "nouveaux", "actifs", "revenu", "revenu_cumule"]


@dataclass(frozen=True)
class Parametre:
    """Un paramètre d'un modèle de revenus : clé, libellé, unité, valeur par défaut et bornes."""

    cle: str
    libelle: str
    unite: str
    defaut: float
    maximum: float | None = None
    minimum: float = 0.0

    @property
    def pourcentage(self) -> bool:
        return self.cle.endswith("_pct")


@dataclass(frozen=True)
class ModeleRevenu:
    """Un modèle de revenus : comment le client paie, avec des exemples et ses paramètres."""

    cle: str
    titre: str
    principe: str
    exemple_organisation: str
    exemple_personne: str
    parametres: tuple[Parametre, ...]
    recurrent: bool

    def defauts(self) -> dict[str, float]:
        return {p.cle: p.defaut for p in self.parametres}


_CROISSANCE = Parametre("croissance_pct", "Croissance des acquisitions", "% par mois", 0.0, 100.0, -100.0)
_ATTRITION = Parametre("attrition_pct", "Attrition (départs)", "% par mois", 5.0, 100.0)

MODELES: dict[str, ModeleRevenu] = {
    m.cle: m
    for m in (
        ModeleRevenu(
            "vente_unique", "Vente unique",
            "Le client paie une fois pour posséder le produit ; chaque mois, il faut trouver de nouveaux acheteurs.",
            "Un vélo vendu en boutique.", "Une illustration vendue à un éditeur.",
            (Parametre("prix", "Prix de vente", "€", 120.0),
             Parametre("ventes", "Ventes du premier mois", "ventes", 200.0),
             _CROISSANCE),
            recurrent=False,
        ),
        ModeleRevenu(
            "abonnement", "Abonnement",
            "Le client paie chaque mois pour un accès continu, jusqu'à ce qu'il résilie.",
            "Une salle de sport ou un logiciel en ligne.", "Un accompagnement mensuel au forfait.",
            (Parametre("prix_mensuel", "Prix de l'abonnement", "€ par mois", 10.0),
             Parametre("nouveaux_clients", "Nouveaux abonnés du premier mois", "abonnés", 200.0),
             _ATTRITION, _CROISSANCE),
            recurrent=True,
        ),
        ModeleRevenu(
            "usage", "Paiement à l'usage",
            "Le client paie ce qu'il consomme : plus il utilise le service, plus il paie.",
            "Un opérateur de téléphonie à la minute, un service de stockage au gigaoctet.",
            "Des heures de conseil facturées au temps passé.",
            (Parametre("prix_unitaire", "Prix d'une unité d'usage", "€ par unité", 2.0),
             Parametre("usages_par_client", "Usage moyen d'un client", "unités par mois", 5.0),
             Parametre("nouveaux_clients", "Nouveaux clients du premier mois", "clients", 200.0),
             _ATTRITION, _CROISSANCE),
            recurrent=True,
        ),
        ModeleRevenu(
            "licence", "Licence",
            "Le client paie le droit d'exploiter une propriété intellectuelle : un droit d'entrée, puis une redevance.",
            "Un éditeur de logiciel, une marque ou un brevet concédés à des fabricants.",
            "Une photographe qui concède les droits de ses images.",
            (Parametre("droit_initial", "Droit d'entrée par nouveau licencié", "€", 500.0),
             Parametre("redevance_mensuelle", "Redevance d'un licencié", "€ par mois", 50.0),
             Parametre("nouveaux_licencies", "Nouveaux licenciés du premier mois", "licenciés", 5.0),
             _ATTRITION, _CROISSANCE),
            recurrent=True,
        ),
        ModeleRevenu(
            "freemium", "Freemium",
            "Le service de base est gratuit ; une petite part des utilisateurs passe à la version payante.",
            "Une application gratuite avec une offre premium.",
            "Une newsletter gratuite et un atelier payant pour une partie des lecteurs.",
            (Parametre("nouveaux_utilisateurs", "Nouveaux utilisateurs gratuits du premier mois", "utilisateurs", 5000.0),
             Parametre("conversion_pct", "Conversion vers l'offre payante", "% des nouveaux", 3.0, 100.0),
             Parametre("prix_mensuel", "Prix de l'offre payante", "€ par mois", 8.0),
             _ATTRITION, _CROISSANCE),
            recurrent=True,
        ),
        ModeleRevenu(
            "courtage", "Courtage (commission)",
            "On met en relation acheteurs et vendeurs et l'on prélève une commission sur chaque transaction.",
            "Une agence immobilière, une place de marché en ligne.",
            "Un agent qui touche un pourcentage des contrats qu'il décroche.",
            (Parametre("transactions", "Transactions du premier mois", "transactions", 300.0),
             Parametre("montant_moyen", "Montant moyen d'une transaction", "€", 80.0),
             Parametre("commission_pct", "Commission", "% du montant", 10.0, 100.0),
             _CROISSANCE),
            recurrent=False,
        ),
    )
}


def modele_de_revenus(cle: str) -> ModeleRevenu:
    """Le modèle de revenus de clé ``cle`` (tolère majuscules, accents et tirets)."""
    return MODELES[_blocs.choix(cle, MODELES, "Le modèle de revenus")]


def _parametres_valides(m: ModeleRevenu, parametres: Mapping[str, object]) -> dict[str, float]:
    connus = {p.cle: p for p in m.parametres}
    inconnus = [k for k in parametres if k not in connus]
    if inconnus:
        raise SaisieInvalide(
            f"Paramètre(s) inconnu(s) pour le modèle « {m.titre} » : {', '.join(inconnus)}. "
            f"Paramètres possibles : {', '.join(connus)}."
        )
    valeurs = m.defauts()
    for cle, brute in parametres.items():
        p = connus[cle]
        champ = f"« {p.libelle} » ({cle})"
        if p.pourcentage:
            valeurs[cle] = _blocs.pourcentage(brute, champ, p.minimum, p.maximum if p.maximum is not None else 100.0)
        else:
            valeurs[cle] = _blocs.nombre(brute, champ, p.minimum, p.maximum)
    return valeurs


def _actifs(nouveaux: np.ndarray, attrition: float) -> np.ndarray:
    """Clients actifs : a_t = a_{t-1} (1 - attrition) + n_t, calculé d'un coup (somme géométrique)."""
    t = np.arange(len(nouveaux))
    ecart = t[:, None] - t[None, :]
    poids = np.where(ecart >= 0, (1.0 - attrition) ** np.clip(ecart, 0, None), 0.0)
    return poids @ nouveaux


def projeter(modele: str, mois: int = 36, **parametres: float) -> pd.DataFrame:
    """Projette un modèle de revenus mois par mois.

    Renvoie un tableau : ``mois``, ``nouveaux`` (ventes, clients payants ou
    transactions du mois), ``actifs`` (clients qui paient ce mois-là),
    ``revenu`` et ``revenu_cumule`` en euros. Les paramètres absents prennent
    leur valeur par défaut (voir ``MODELES[cle].parametres``).
    """
    m = modele_de_revenus(modele)
    n_mois = int(_blocs.nombre(mois, "Le nombre de mois (mois)", 1, MOIS_MAX, entier=True))
    v = _parametres_valides(m, parametres)
    facteur = (1.0 + v["croissance_pct"] / 100.0) ** np.arange(n_mois)
    attrition = v.get("attrition_pct", 100.0) / 100.0

    if m.cle == "vente_unique":
        nouveaux = v["ventes"] * facteur
        actifs, revenu = nouveaux, nouveaux * v["prix"]
    elif m.cle == "courtage":
        nouveaux = v["transactions"] * facteur
        actifs = nouveaux
        revenu = nouveaux * v["montant_moyen"] * v["commission_pct"] / 100.0
    elif m.cle == "abonnement":
        nouveaux = v["nouveaux_clients"] * facteur
        actifs = _actifs(nouveaux, attrition)
        revenu = actifs * v["prix_mensuel"]
    elif m.cle == "usage":
        nouveaux = v["nouveaux_clients"] * facteur
        actifs = _actifs(nouveaux, attrition)
        revenu = actifs * v["usages_par_client"] * v["prix_unitaire"]
    elif m.cle == "licence":
        nouveaux = v["nouveaux_licencies"] * facteur
        actifs = _actifs(nouveaux, attrition)
        revenu = nouveaux * v["droit_initial"] + actifs * v["redevance_mensuelle"]
    else:  # freemium : seule la part convertie des nouveaux utilisateurs paie
        nouveaux = v["nouveaux_utilisateurs"] * facteur * v["conversion_pct"] / 100.0
        actifs = _actifs(nouveaux, attrition)
        revenu = actifs * v["prix_mensuel"]

    return pd.DataFrame({
        "mois": np.arange(1, n_mois + 1),
        "nouveaux": nouveaux,
        "actifs": actifs,
        "revenu": revenu,
        "revenu_cumule": np.cumsum(revenu),
    })


def comparer(scenarios: Mapping[str, Mapping[str, object]], mois: int = 36) -> pd.DataFrame:
    """Projette plusieurs scénarios sur le même horizon ; une colonne ``scenario`` les distingue.

    ``scenarios`` associe un nom à un dictionnaire qui contient la clé
    ``modele`` et les paramètres de ce modèle :

    >>> t = comparer({"Vente": {"modele": "vente_unique"}, "Abonnement": {"modele": "abonnement"}}, mois=12)
    >>> sorted(t["scenario"].unique())
    ['Abonnement', 'Vente']
    """
    if not isinstance(scenarios, Mapping) or not scenarios:
        raise SaisieInvalide(
            "Les scénarios se donnent dans un dictionnaire non vide : "
            "{\"nom\": {\"modele\": \"abonnement\", \"prix_mensuel\": 10, ...}, ...}."
        )
    morceaux = []
    for nom, spec in scenarios.items():
        nom = _blocs.texte(nom, "Le nom d'un scénario")
        if not isinstance(spec, Mapping) or "modele" not in spec:
            raise SaisieInvalide(f"Le scénario « {nom} » doit être un dictionnaire avec une clé « modele ».")
        parametres = {k: v for k, v in spec.items() if k != "modele"}
        projection = projeter(spec["modele"], mois, **parametres)
        projection.insert(0, "scenario", nom)
        projection.insert(1, "modele", modele_de_revenus(spec["modele"]).cle)
        morceaux.append(projection)
    return pd.concat(morceaux, ignore_index=True)


def _cumul(projection: pd.DataFrame, quoi: str) -> np.ndarray:
    if not isinstance(projection, pd.DataFrame) or "revenu_cumule" not in projection:
        raise SaisieInvalide(f"{quoi} doit être un tableau renvoyé par projeter(...).")
    return projection["revenu_cumule"].to_numpy()


def mois_pour_atteindre(projection: pd.DataFrame, montant: float) -> int | None:
    """Premier mois où le revenu cumulé atteint ``montant`` ; ``None`` s'il ne l'atteint pas sur l'horizon."""
    cumul = _cumul(projection, "La projection")
    montant = _blocs.nombre(montant, "Le montant à atteindre")
    atteint = np.flatnonzero(cumul >= montant)
    return int(projection["mois"].iloc[atteint[0]]) if atteint.size else None


def croisement(premiere: pd.DataFrame, seconde: pd.DataFrame) -> int | None:
    """Premier mois où le revenu cumulé de ``seconde`` dépasse celui de ``premiere`` après l'avoir suivi.

    Typiquement : à partir de quel mois un abonnement rapporte-t-il plus, au
    total, qu'une vente unique ? ``None`` si ``seconde`` ne passe jamais devant
    (ou si elle était devant dès le premier mois et y reste).
    """
    a, b = _cumul(premiere, "La première projection"), _cumul(seconde, "La seconde projection")
    if len(a) != len(b):
        raise SaisieInvalide("Les deux projections doivent couvrir le même nombre de mois.")
    devant = b > a
    depassements = np.flatnonzero(devant[1:] & ~devant[:-1]) + 1
    return int(premiere["mois"].iloc[depassements[0]]) if depassements.size else None


def duree_moyenne(attrition_pct: float) -> float:
    """Durée de vie moyenne d'un abonnement, en mois, quand ``attrition_pct`` % des abonnés partent chaque mois."""
    a = _blocs.pourcentage(attrition_pct, "L'attrition (attrition_pct)")
    if a == 0:
        raise SaisieInvalide("Avec une attrition de 0 %, les abonnés ne partent jamais : la durée moyenne est infinie.")
    return 100.0 / a


def resume(projection: pd.DataFrame) -> dict[str, float]:
    """Quelques chiffres d'une projection : revenu total, du premier et du dernier mois, clients actifs à la fin."""
    _cumul(projection, "La projection")
    return {
        "revenu_total": float(projection["revenu"].sum()),
        "revenu_premier_mois": float(projection["revenu"].iloc[0]),
        "revenu_dernier_mois": float(projection["revenu"].iloc[-1]),
        "actifs_fin": float(projection["actifs"].iloc[-1]),
    }


def note_de_canevas(modele: str, **parametres: float) -> str:
    """Une note courte pour le bloc « Flux de revenus » qui décrit le modèle et son prix.

    >>> note_de_canevas("abonnement", prix_mensuel=10)
    'Abonnement à 10 € par mois'
    """
    m = modele_de_revenus(modele)
    v = _parametres_valides(m, parametres)
    if m.cle == "vente_unique":
        return f"Vente unique à {_blocs.euros(v['prix'])}"
    if m.cle == "abonnement":
        return f"Abonnement à {_blocs.euros(v['prix_mensuel'])} par mois"
    if m.cle == "usage":
        return f"Paiement à l'usage : {_blocs.euros(v['prix_unitaire'])} par unité"
    if m.cle == "licence":
        return f"Licence : {_blocs.euros(v['droit_initial'])} d'entrée puis {_blocs.euros(v['redevance_mensuelle'])} par mois"
    if m.cle == "freemium":
        return f"Freemium : offre payante à {_blocs.euros(v['prix_mensuel'])} par mois ({v['conversion_pct']:g} % des utilisateurs)"
    return f"Courtage : {v['commission_pct']:g} % de commission par transaction"


def tableau_des_modeles() -> pd.DataFrame:
    """Les six modèles de revenus : principe, exemple d'organisation, exemple de personne."""
    return pd.DataFrame(
        [{"modele": m.cle, "titre": m.titre, "principe": m.principe, "organisation": m.exemple_organisation,
          "personne": m.exemple_personne, "recurrent": m.recurrent} for m in MODELES.values()]
    ).set_index("modele")
