"""Expérience client : parcours, écarts promesse / réalité, ciblage, uniformité entre partenaires.

* :class:`ParcoursClient` : une carte de parcours. Chaque **point de contact**
  appartient à une **étape** (avant, pendant, après l'achat par défaut) et
  porte deux scores sur la même échelle : ce que le client **attend** (ce que
  la promesse lui a fait espérer) et ce qu'il **perçoit** (la réalité vécue).
  L'**écart** = perçu − attendu : négatif, c'est une **déception** ; positif,
  une **bonne surprise** ; à la tolérance près, c'est **conforme**.
* :func:`classer_cibles` : prioriser des cibles par le rapport entre leur
  **potentiel** et l'**effort** qu'il faut pour les toucher.
* :func:`uniformite` : vérifier qu'un même segment vit une expérience
  homogène d'un partenaire à l'autre.
* :func:`repartir_ressources` : proportionner les moyens à la valeur des clients.

Les exemples (:func:`parcours_exemple`, :func:`cibles_exemple`,
:func:`perceptions_exemple`) sont **fictifs**, construits pour le cours.
"""

from __future__ import annotations

import math
import numbers
import re

import numpy as np
import pandas as pd

from strategie.canevas_strategique import _echelle, _enumerer, _niveau, _nom, nombre_fr
from strategie.erreurs import SaisieInvalide
from strategie.texte import cle_nom

__all__ = [
    "ETAPES",
    "ECHELLE",
    "STATUTS",
    "QUADRANTS",
    "ParcoursClient",
    "classer_cibles",
    "selectionner_cibles",
    "uniformite",
    "repartir_ressources",
    "parcours_exemple",
    "cibles_exemple",
    "perceptions_exemple",
]

ETAPES = ("Avant l'achat", "Pendant l'achat", "Après l'achat")
ECHELLE = (0.0, 10.0)
STATUTS = ("déception", "conforme", "bonne surprise")
QUADRANTS = {
    "prioritaire": "Prioritaire (fort potentiel, effort modéré)",
    "chantier": "Chantier à planifier (fort potentiel, gros effort)",
    "opportunite": "Opportunité secondaire (potentiel modeste, effort modéré)",
    "ecarter": "À écarter pour l'instant (potentiel modeste, gros effort)",
}
_CHAMPS = ("etape", "point_de_contact", "canal", "partenaire", "attendu", "percu")


def _texte_libre(valeur, quoi: str) -> str:
    """Un champ facultatif (canal, partenaire) : texte, éventuellement vide."""
    if valeur is None or (isinstance(valeur, float) and math.isnan(valeur)):
        return ""
    if not isinstance(valeur, str):
        raise SaisieInvalide(f"Le champ {quoi} doit être un texte (ou vide), pas {valeur!r}.")
    return re.sub(r"\s+", " ", valeur).strip()


def _positif(valeur, quoi: str, strict: bool = False) -> float:
    if isinstance(valeur, bool) or not isinstance(valeur, numbers.Real) or not math.isfinite(float(valeur)):
        raise SaisieInvalide(f"{quoi} vaut {valeur!r}, qui n'est pas un nombre : saisissez un nombre positif.")
    valeur = float(valeur)
    if valeur < 0 or (strict and valeur == 0):
        condition = "strictement positif" if strict else "positif ou nul"
        raise SaisieInvalide(f"{quoi} vaut {nombre_fr(valeur)} : il doit être {condition}.")
    return valeur


# --- parcours client -------------------------------------------------------------------------


class ParcoursClient:
    """Une carte de parcours client : étapes × points de contact, score attendu et perçu.

    >>> p = ParcoursClient()
    >>> p.ajouter_point("Avant l'achat", "Site web", attendu=8, percu=6, canal="web")
    'Site web'
    >>> float(p.ecarts()["Site web"])
    -2.0

    ``points`` : une liste de dicts ou un DataFrame avec les colonnes
    ``etape``, ``point_de_contact``, ``attendu``, ``percu`` (et, si on veut,
    ``canal`` et ``partenaire``). ``tolerance`` : un écart d'au plus cette
    valeur (en valeur absolue) compte comme conforme. Toute opération
    invalide lève :class:`strategie.SaisieInvalide` sans rien modifier.
    """

    def __init__(self, points=(), etapes=ETAPES, echelle=ECHELLE, tolerance: float = 0.0, nom: str = ""):
        self._echelle = _echelle(echelle)
        if isinstance(etapes, str):
            raise SaisieInvalide("Les étapes doivent être une liste de noms, par exemple [\"Avant\", \"Pendant\", \"Après\"].")
        propres: list[str] = []
        for etape in etapes:
            e = _nom(etape, "d'une étape")
            if any(cle_nom(e) == cle_nom(x) for x in propres):
                raise SaisieInvalide(f"L'étape « {e} » est citée deux fois : gardez-la une seule fois.")
            propres.append(e)
        if not propres:
            raise SaisieInvalide("Le parcours n'a aucune étape : donnez-en au moins une, par exemple « Avant l'achat ».")
        self._etapes = propres
        self.tolerance = tolerance
        self.nom = str(nom or "")
        self._points: list[dict] = []
        if isinstance(points, pd.DataFrame):
            manquantes = [c for c in ("etape", "point_de_contact", "attendu", "percu") if c not in points.columns]
            if manquantes:
                raise SaisieInvalide(
                    "Il manque la ou les colonnes " + ", ".join(f"« {c} »" for c in manquantes)
                    + " : le tableau doit avoir au moins etape, point_de_contact, attendu et percu."
                )
            points = points.to_dict("records")
        for i, point in enumerate(points):
            if not isinstance(point, dict):
                raise SaisieInvalide(
                    f"Le point de contact n° {i + 1} doit être un dict avec etape, point_de_contact, attendu et percu."
                )
            inconnus = [k for k in point if k not in _CHAMPS]
            if inconnus:
                raise SaisieInvalide(
                    f"Le point de contact n° {i + 1} a des champs inconnus ({', '.join(map(str, inconnus))}) : "
                    "les champs possibles sont " + ", ".join(_CHAMPS) + "."
                )
            try:
                self.ajouter_point(**point)
            except TypeError:
                raise SaisieInvalide(
                    f"Le point de contact n° {i + 1} est incomplet : il faut au moins etape, point_de_contact, "
                    "attendu et percu."
                ) from None

    # -- lecture --

    @property
    def etapes(self) -> list[str]:
        return list(self._etapes)

    @property
    def echelle(self) -> tuple[float, float]:
        return self._echelle

    @property
    def tolerance(self) -> float:
        return self._tolerance

    @tolerance.setter
    def tolerance(self, valeur: float) -> None:
        self._tolerance = _positif(valeur, "La tolérance")

    @property
    def points(self) -> list[str]:
        """Les noms des points de contact, dans l'ordre du parcours."""
        return list(self.tableau()["point_de_contact"])

    def tableau(self) -> pd.DataFrame:
        """Une ligne par point de contact, dans l'ordre du parcours, avec l'écart et le statut."""
        colonnes = ["etape", "point_de_contact", "canal", "partenaire", "attendu", "percu"]
        table = pd.DataFrame(self._points, columns=colonnes)
        table["attendu"] = table["attendu"].astype(float)
        table["percu"] = table["percu"].astype(float)
        rang_etape = table["etape"].map({e: i for i, e in enumerate(self._etapes)})
        table = table.assign(_rang=rang_etape.astype(int)).sort_values("_rang", kind="stable").drop(columns="_rang")
        table = table.reset_index(drop=True)
        table["ecart"] = table["percu"] - table["attendu"]
        table["statut"] = np.select(
            [table["ecart"] < -self._tolerance - 1e-12, table["ecart"] > self._tolerance + 1e-12],
            ["déception", "bonne surprise"],
            default="conforme",
        )
        return table

    def ecarts(self) -> pd.Series:
        """L'écart perçu − attendu de chaque point de contact (négatif = déception)."""
        table = self.tableau()
        return pd.Series(table["ecart"].to_numpy(), index=pd.Index(table["point_de_contact"], name="point_de_contact"), name="ecart")

    def pires_points(self, n: int = 3) -> pd.DataFrame:
        """Les ``n`` plus grandes déceptions : écart le plus négatif d'abord (à égalité, ordre du parcours).

        Seuls les points en déception sont retenus : il peut y en avoir moins que ``n``.
        """
        if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
            raise SaisieInvalide(f"Le nombre de pires points vaut {n!r} : donnez un entier au moins égal à 1.")
        table = self.tableau()
        decus = table[table["statut"] == "déception"]
        return decus.sort_values("ecart", kind="stable").head(int(n))

    def synthese_par_etape(self) -> pd.DataFrame:
        """Par étape : nombre de points, moyennes attendue et perçue, écart moyen, pire point."""
        table = self.tableau()
        lignes = []
        for etape in self._etapes:
            partie = table[table["etape"] == etape]
            if partie.empty:
                lignes.append({"etape": etape, "nombre": 0, "attendu": np.nan, "percu": np.nan, "ecart": np.nan, "pire_point": ""})
                continue
            pire = partie.loc[partie["ecart"].idxmin()]
            lignes.append(
                {
                    "etape": etape,
                    "nombre": len(partie),
                    "attendu": partie["attendu"].mean(),
                    "percu": partie["percu"].mean(),
                    "ecart": partie["ecart"].mean(),
                    "pire_point": pire["point_de_contact"] if pire["ecart"] < -self._tolerance - 1e-12 else "",
                }
            )
        return pd.DataFrame(lignes).set_index("etape")

    def passages_de_canal(self) -> pd.DataFrame:
        """Les passages d'un canal à un autre entre deux points de contact consécutifs.

        C'est là que le client doit être **reconnu** : s'il doit se
        représenter ou répéter sa demande, l'expérience se brise. L'écart du
        point d'arrivée dit si le passage se passe bien.
        """
        table = self.tableau()
        avec_canal = table[table["canal"] != ""]
        lignes = []
        precedent = None
        for _, point in avec_canal.iterrows():
            if precedent is not None and cle_nom(point["canal"]) != cle_nom(precedent["canal"]):
                lignes.append(
                    {
                        "de": precedent["point_de_contact"],
                        "vers": point["point_de_contact"],
                        "canal_depart": precedent["canal"],
                        "canal_arrivee": point["canal"],
                        "ecart_arrivee": point["ecart"],
                    }
                )
            precedent = point
        return pd.DataFrame(lignes, columns=["de", "vers", "canal_depart", "canal_arrivee", "ecart_arrivee"])

    # -- modification --

    def ajouter_point(self, etape: str, point_de_contact: str, attendu, percu, canal: str = "", partenaire: str = "") -> str:
        """Ajoute un point de contact à la fin de son étape ; renvoie son nom."""
        point = self._valider(etape, point_de_contact, attendu, percu, canal, partenaire)
        if self._position(point["point_de_contact"]) is not None:
            raise SaisieInvalide(
                f"Le point de contact « {point['point_de_contact']} » existe déjà dans ce parcours : "
                "donnez-lui un nom distinct (p. ex. « Appel au service client (après) »)."
            )
        self._points.append(point)
        return point["point_de_contact"]

    def modifier_point(self, nom: str, /, **champs) -> str:
        """Modifie un ou plusieurs champs d'un point (``etape``, ``point_de_contact``, ``attendu``…).

        Un point qui change d'étape passe à la fin de sa nouvelle étape.
        Renvoie le nom du point après modification.
        """
        i = self._index(nom)
        inconnus = [k for k in champs if k not in _CHAMPS]
        if inconnus:
            raise SaisieInvalide(
                f"Champ(s) inconnu(s) : {', '.join(inconnus)}. Champs modifiables : " + ", ".join(_CHAMPS) + "."
            )
        nouveau = self._valider(**{**self._points[i], **champs})
        autre = self._position(nouveau["point_de_contact"])
        if autre is not None and autre != i:
            raise SaisieInvalide(f"Le point de contact « {nouveau['point_de_contact']} » existe déjà : choisissez un autre nom.")
        if nouveau["etape"] != self._points[i]["etape"]:
            # Un point qui change d'étape va à la fin de sa nouvelle étape, comme un nouveau point.
            del self._points[i]
            self._points.append(nouveau)
        else:
            self._points[i] = nouveau
        return nouveau["point_de_contact"]

    def retirer_point(self, point_de_contact: str) -> None:
        del self._points[self._index(point_de_contact)]

    def copie(self) -> ParcoursClient:
        return ParcoursClient.depuis_dict(self.vers_dict())

    def vers_dict(self) -> dict:
        return {
            "nom": self.nom,
            "etapes": list(self._etapes),
            "echelle": list(self._echelle),
            "tolerance": self._tolerance,
            "points": [dict(p) for p in self._points],
        }

    @classmethod
    def depuis_dict(cls, donnees: dict) -> ParcoursClient:
        if not isinstance(donnees, dict) or "points" not in donnees:
            raise SaisieInvalide(
                "Ces données ne décrivent pas un parcours client : il faut la clé 'points', "
                "comme le produit ParcoursClient.vers_dict()."
            )
        return cls(
            donnees["points"],
            etapes=donnees.get("etapes", ETAPES),
            echelle=donnees.get("echelle", ECHELLE),
            tolerance=donnees.get("tolerance", 0.0),
            nom=donnees.get("nom", ""),
        )

    def __repr__(self) -> str:
        return f"ParcoursClient({len(self._points)} points de contact, étapes={self._etapes!r})"

    # -- interne --

    def _valider(self, etape, point_de_contact, attendu, percu, canal="", partenaire="") -> dict:
        nom = _nom(point_de_contact, "du point de contact")
        etape_propre = self._etape(etape, nom)
        return {
            "etape": etape_propre,
            "point_de_contact": nom,
            "canal": _texte_libre(canal, f"canal de « {nom} »"),
            "partenaire": _texte_libre(partenaire, f"partenaire de « {nom} »"),
            "attendu": _niveau(attendu, self._echelle, f"attendu de « {nom} »"),
            "percu": _niveau(percu, self._echelle, f"perçu de « {nom} »"),
        }

    def _etape(self, etape, point: str) -> str:
        if isinstance(etape, str):
            for e in self._etapes:
                if cle_nom(e) == cle_nom(etape):
                    return e
        raise SaisieInvalide(
            f"L'étape « {etape} » du point de contact « {point} » n'existe pas dans ce parcours. "
            "Étapes possibles : " + ", ".join(f"« {e} »" for e in self._etapes) + "."
        )

    def _position(self, nom: str) -> int | None:
        for i, p in enumerate(self._points):
            if cle_nom(p["point_de_contact"]) == cle_nom(nom):
                return i
        return None

    def _index(self, nom) -> int:
        i = self._position(nom) if isinstance(nom, str) else None
        if i is None:
            connus = _enumerer([p["point_de_contact"] for p in self._points], 8) or "aucun"
            raise SaisieInvalide(f"Le point de contact « {nom} » n'existe pas dans ce parcours. Points connus : {connus}.")
        return i


# --- ciblage ---------------------------------------------------------------------------------


def _table_cibles(cibles) -> pd.DataFrame:
    """Met les cibles sous forme de tableau (cible, potentiel, effort, autres colonnes) et les valide."""
    if isinstance(cibles, pd.DataFrame):
        table = cibles.copy()
        if "cible" not in table.columns and not isinstance(table.index, pd.RangeIndex):
            # Cibles données comme index (une ligne par cible).
            table = table.rename_axis("cible").reset_index()
    elif isinstance(cibles, dict):
        lignes = []
        for nom, valeurs in cibles.items():
            if isinstance(valeurs, dict):
                lignes.append({"cible": nom, **valeurs})
            elif isinstance(valeurs, (tuple, list)) and len(valeurs) == 2:
                lignes.append({"cible": nom, "potentiel": valeurs[0], "effort": valeurs[1]})
            else:
                raise SaisieInvalide(
                    f"La cible « {nom} » doit être décrite par (potentiel, effort) ou "
                    "{\"potentiel\": …, \"effort\": …}."
                )
        table = pd.DataFrame(lignes, columns=None if lignes else ["cible", "potentiel", "effort"])
    else:
        try:
            table = pd.DataFrame(list(cibles))
        except (TypeError, ValueError):
            raise SaisieInvalide(
                "Les cibles doivent être un tableau (colonnes cible, potentiel, effort), une liste de dicts "
                "ou un dict {cible: (potentiel, effort)}."
            ) from None
    manquantes = [c for c in ("cible", "potentiel", "effort") if c not in table.columns]
    if manquantes:
        raise SaisieInvalide(
            "Il manque la ou les colonnes " + ", ".join(f"« {c} »" for c in manquantes)
            + " : chaque cible a un nom (cible), un potentiel et un effort."
        )
    if table.empty:
        raise SaisieInvalide("Aucune cible à classer : ajoutez-en au moins une, avec son potentiel et son effort.")
    noms, vus = [], set()
    for nom in table["cible"]:
        propre = _nom(nom, "d'une cible")
        if cle_nom(propre) in vus:
            raise SaisieInvalide(f"La cible « {propre} » apparaît deux fois : fusionnez les deux lignes ou renommez l'une d'elles.")
        vus.add(cle_nom(propre))
        noms.append(propre)
    table["cible"] = noms
    table["potentiel"] = [_positif(v, f"Le potentiel de « {n} »") for n, v in zip(noms, table["potentiel"])]
    table["effort"] = [
        _positif(v, f"L'effort pour toucher « {n} »", strict=True) for n, v in zip(noms, table["effort"])
    ]
    return table.reset_index(drop=True)


def classer_cibles(cibles, seuil_potentiel: float | None = None, seuil_effort: float | None = None) -> pd.DataFrame:
    """Classe les cibles par rapport potentiel / effort décroissant (à égalité : le plus fort potentiel).

    ``cibles`` : tableau avec les colonnes ``cible``, ``potentiel``, ``effort``
    (les autres colonnes sont gardées), liste de dicts ou dict
    ``{cible: (potentiel, effort)}``. Le potentiel et l'effort s'expriment
    dans les unités de votre choix (euros, note de 1 à 10…), les mêmes pour
    toutes les cibles.

    Renvoie le tableau trié, indexé par le rang (1 = à toucher en premier),
    avec ``rapport`` et ``quadrant`` : ``prioritaire``, ``chantier``,
    ``opportunite`` ou ``ecarter`` (voir :data:`QUADRANTS`), selon que le
    potentiel atteint ``seuil_potentiel`` et que l'effort reste sous
    ``seuil_effort`` (par défaut : les médianes).
    """
    table = _table_cibles(cibles)
    sp = table["potentiel"].median() if seuil_potentiel is None else _positif(seuil_potentiel, "Le seuil de potentiel")
    se = table["effort"].median() if seuil_effort is None else _positif(seuil_effort, "Le seuil d'effort", strict=True)
    table["rapport"] = table["potentiel"] / table["effort"]
    fort = table["potentiel"] >= sp
    leger = table["effort"] <= se
    table["quadrant"] = np.select(
        [fort & leger, fort & ~leger, ~fort & leger], ["prioritaire", "chantier", "opportunite"], default="ecarter"
    )
    table = table.sort_values(["rapport", "potentiel"], ascending=[False, False], kind="stable").reset_index(drop=True)
    table.index = pd.RangeIndex(1, len(table) + 1, name="rang")
    table.attrs.update(seuil_potentiel=float(sp), seuil_effort=float(se))
    return table


def selectionner_cibles(cibles, budget_effort: float, **seuils) -> pd.DataFrame:
    """Retient les cibles dans l'ordre du classement tant que l'effort cumulé tient dans le budget.

    Une cible trop coûteuse pour ce qui reste du budget est sautée ; les
    suivantes peuvent encore entrer. Ajoute les colonnes ``retenue`` (bool)
    et ``effort_cumule`` (des cibles retenues jusque-là).
    """
    budget = _positif(budget_effort, "Le budget d'effort", strict=True)
    table = classer_cibles(cibles, **seuils)
    retenue, cumul, cumuls = [], 0.0, []
    for effort in table["effort"]:
        ok = cumul + effort <= budget + 1e-9
        if ok:
            cumul += effort
        retenue.append(ok)
        cumuls.append(cumul)
    table["retenue"] = retenue
    table["effort_cumule"] = cumuls
    return table


# --- uniformité entre partenaires, ressources selon la valeur -------------------------------


def uniformite(perceptions, seuil: float = 2.0, echelle=ECHELLE) -> pd.DataFrame:
    """L'expérience d'un même segment est-elle homogène d'un partenaire à l'autre ?

    ``perceptions`` : un tableau (une ligne par segment, une colonne par
    partenaire, le score perçu dans chaque case ; vide si le partenaire ne
    sert pas ce segment) ou un dict ``{segment: {partenaire: score}}``.
    Renvoie par segment la moyenne, le minimum, le maximum, l'étendue
    (max − min), le partenaire le plus faible et ``uniforme`` (étendue ≤ ``seuil``).
    """
    echelle = _echelle(echelle)
    if isinstance(perceptions, dict):
        perceptions = pd.DataFrame.from_dict(perceptions, orient="index")
    if not isinstance(perceptions, pd.DataFrame) or perceptions.empty:
        raise SaisieInvalide(
            "Donnez les scores perçus dans un tableau : une ligne par segment, une colonne par partenaire "
            "(ou un dict {segment: {partenaire: score}})."
        )
    seuil = _positif(seuil, "Le seuil d'uniformité")
    lignes = []
    for segment, scores in perceptions.iterrows():
        presents = {}
        for partenaire, score in scores.items():
            if score is None or (isinstance(score, float) and math.isnan(score)):
                continue
            presents[partenaire] = _niveau(score, echelle, f"perçu du segment « {segment} » chez « {partenaire} »")
        if not presents:
            raise SaisieInvalide(f"Le segment « {segment} » n'a aucun score : remplissez au moins une case de sa ligne.")
        valeurs = pd.Series(presents, dtype=float)
        lignes.append(
            {
                "segment": segment,
                "moyenne": valeurs.mean(),
                "minimum": valeurs.min(),
                "maximum": valeurs.max(),
                "etendue": valeurs.max() - valeurs.min(),
                "partenaire_le_plus_faible": valeurs.idxmin(),
                "uniforme": bool(valeurs.max() - valeurs.min() <= seuil + 1e-12),
            }
        )
    return pd.DataFrame(lignes).set_index("segment")


def repartir_ressources(valeurs, budget: float, plancher: float = 0.0) -> pd.Series:
    """Répartit un budget entre clients (ou segments) en proportion de leur valeur.

    Chacun reçoit d'abord ``plancher`` (le service minimal dû à tous), puis le
    reste du budget au prorata de sa valeur. ``valeurs`` : Series ou dict
    ``{client: valeur}``, valeurs positives ou nulles, somme non nulle.
    """
    if isinstance(valeurs, dict):
        valeurs = pd.Series(valeurs, dtype=object)
    if not isinstance(valeurs, pd.Series) or valeurs.empty:
        raise SaisieInvalide("Donnez les valeurs des clients dans un dict {client: valeur} ou une Series non vide.")
    v = pd.Series([_positif(x, f"La valeur de « {k} »") for k, x in valeurs.items()], index=valeurs.index, dtype=float)
    budget = _positif(budget, "Le budget")
    plancher = _positif(plancher, "Le plancher")
    reste = budget - plancher * len(v)
    if reste < -1e-9:
        raise SaisieInvalide(
            f"Le plancher de {nombre_fr(plancher)} pour {len(v)} clients demande {nombre_fr(plancher * len(v))}, "
            f"plus que le budget de {nombre_fr(budget)} : baissez le plancher ou augmentez le budget."
        )
    if v.sum() == 0:
        raise SaisieInvalide("Toutes les valeurs sont nulles : impossible de répartir en proportion de la valeur.")
    return (plancher + max(reste, 0.0) * v / v.sum()).rename("ressources")


# --- exemples fictifs ------------------------------------------------------------------------


def parcours_exemple() -> ParcoursClient:
    """Parcours fictif d'un visiteur d'un site patrimonial et événementiel partagé avec des partenaires.

    Inspiré du cas du site patrimonial de Montréal (site partagé avec des partenaires
    indépendants) ; tous les chiffres sont inventés pour le cours.
    """
    points = [
        ("Avant l'achat", "Programme sur le site web", "web", "Site", 7, 7.5),
        ("Avant l'achat", "Billetterie en ligne", "web", "Organisateur d'événements", 8, 5),
        ("Avant l'achat", "Informations d'accès et de stationnement", "web", "Stationnement", 7, 4.5),
        ("Pendant l'achat", "Accueil à l'entrée", "sur place", "Site", 8, 8.5),
        ("Pendant l'achat", "Signalisation sur le site", "sur place", "Site", 6, 5.5),
        ("Pendant l'achat", "Restauration", "sur place", "Concession de restauration", 7, 4),
        ("Pendant l'achat", "Spectacle", "sur place", "Organisateur d'événements", 9, 9.5),
        ("Après l'achat", "Courriel de remerciement", "courriel", "Organisateur d'événements", 4, 6),
        ("Après l'achat", "Réponse à une réclamation", "téléphone", "Site", 7, 3),
    ]
    return ParcoursClient(
        [
            dict(etape=e, point_de_contact=p, canal=c, partenaire=pa, attendu=a, percu=r)
            for e, p, c, pa, a, r in points
        ],
        nom="Une soirée de spectacle sur le site (données fictives)",
    )


def cibles_exemple() -> pd.DataFrame:
    """Cibles fictives du même site : potentiel (k€ par an) et effort pour les toucher (note de 1 à 10)."""
    return pd.DataFrame(
        {
            "cible": [
                "Familles des quartiers voisins", "Touristes internationaux", "Festivaliers",
                "Entreprises (événements privés)", "Écoles", "Coureurs et promeneurs",
            ],
            "potentiel": [120, 300, 220, 260, 40, 30],
            "effort": [3, 9, 4, 6, 2, 5],
        }
    )


def perceptions_exemple() -> pd.DataFrame:
    """Score perçu (0 à 10, fictif) par segment et par partenaire du site."""
    return pd.DataFrame(
        {
            "Site": [8, 7, 8],
            "Organisateur d'événements": [7.5, 8.5, 6],
            "Concession de restauration": [4, 6.5, np.nan],
            "Stationnement": [5, 7, 7.5],
        },
        index=pd.Index(["Familles", "Festivaliers", "Promeneurs"], name="segment"),
    )
