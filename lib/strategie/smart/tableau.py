"""Le tableau de bord : indicateur, cible, réel, statut, tendance.

Règles (simples et affichables) :

* avancement = (réel − départ) / (cible − départ) : 0 au départ, 1 à la cible, dans
  le sens de l'objectif (hausse ou baisse) ;
* avancement attendu = part du délai écoulée entre le début et l'échéance (1 sans dates) ;
* une mesure négative d'un taux en % (départ et cible positifs ou nuls) est refusée : sans
  cela, un taux de retard visé de 12 % à 8 % et mesuré à « −5 % » serait « atteint » ;
* statut : « atteint » si avancement ≥ 1 ; « en bonne voie » s'il est au plus à une
  tolérance (10 points par défaut) sous l'attendu ; « à surveiller » jusqu'à deux
  tolérances ; « en retard » au-delà ; « non mesuré » sans valeur réelle ;
* tendance : dernière mesure comparée à la précédente, dans le sens de l'objectif
  (« en progrès », « stable », « en recul » ; « inconnue » avec moins de deux mesures).
"""

from __future__ import annotations

import datetime as _dt

import numpy as np
import pandas as pd

from strategie.erreurs import SaisieInvalide
from strategie.smart._texte import format_nombre, plier
from strategie.smart.dates import _aujourd_hui, lire_echeance
from strategie.smart.nombres import lire_nombre

ATTEINT, EN_BONNE_VOIE, A_SURVEILLER, EN_RETARD, NON_MESURE = (
    "atteint", "en bonne voie", "à surveiller", "en retard", "non mesuré")
STATUTS = (ATTEINT, EN_BONNE_VOIE, A_SURVEILLER, EN_RETARD, NON_MESURE)
EN_PROGRES, STABLE, EN_RECUL, INCONNUE = "en progrès", "stable", "en recul", "inconnue"
TENDANCES = (EN_PROGRES, STABLE, EN_RECUL, INCONNUE)
FLECHES = {EN_PROGRES: "↗", STABLE: "→", EN_RECUL: "↘", INCONNUE: "·"}
COLONNES = ("indicateur", "axe", "responsable", "unite", "depart", "cible", "reel", "avancement", "attendu",
            "statut", "tendance")


# Pourcentages qui peuvent passer sous zéro : une croissance, une variation, une marge… (pliés, sans accents).
_PEUT_ETRE_NEGATIF = ("croissance", "variation", "evolution", "progression", "hausse", "baisse", "marge",
                      "rentabilite", "rendement", "resultat", "ecart", "solde", "benefice")


def _controler_mesure(indicateur: str, unite: str, depart: float, cible: float, valeur: float) -> float:
    """Refuse un taux négatif : un pourcentage d'une part (retards, clients, avis…) ne descend pas sous 0 %."""
    en_pourcent = unite.strip() in ("%", "pour cent", "pourcent")
    if (en_pourcent and valeur < 0 <= min(depart, cible)
            and not any(mot in plier(indicateur) for mot in _PEUT_ETRE_NEGATIF)):
        raise SaisieInvalide(
            f"{indicateur} — mesure de {format_nombre(valeur)}\u202f% : un taux ne descend pas sous 0\u202f% "
            f"(départ {format_nombre(depart)}\u202f%, cible {format_nombre(cible)}\u202f%). Mesure non "
            "enregistrée : vérifiez son signe et son unité."
        )
    return valeur


def _tolerance(tolerance) -> float:
    t = lire_nombre(tolerance, "tolerance")
    if not 0 < t < 1:
        raise SaisieInvalide(
            f"tolerance : {format_nombre(t)} ne convient pas ; donnez une part entre 0 et 1 (0,1 = 10 points)."
        )
    return t


def _tableau(valeurs, champ: str) -> np.ndarray:
    try:
        tableau = np.asarray(valeurs, dtype=float)
    except (TypeError, ValueError):
        raise SaisieInvalide(f"{champ} : attendu un nombre ou une liste de nombres.") from None
    return tableau


def avancement(depart, cible, reel):
    """Part du chemin parcouru du départ vers la cible (0 = départ, 1 = cible), nombres ou tableaux.

    Vaut NaN quand ``reel`` est NaN (pas encore mesuré). Lève ``SaisieInvalide``
    si une cible est égale à son départ.
    """
    d, c, r = _tableau(depart, "depart"), _tableau(cible, "cible"), _tableau(reel, "reel")
    ecart = c - d
    if np.any(ecart == 0):
        raise SaisieInvalide(
            "cible égale au départ : l'avancement n'a pas de sens ; choisissez une cible différente du départ."
        )
    resultat = (r - d) / ecart
    return float(resultat) if resultat.ndim == 0 else resultat


def avancement_attendu(debut, echeance, date_point) -> float:
    """Part du délai écoulée à ``date_point`` entre ``debut`` et ``echeance`` (entre 0 et 1)."""
    debut, echeance, date_point = (lire_echeance(x, champ=n) for x, n in
                                   ((debut, "debut"), (echeance, "echeance"), (date_point, "date_point")))
    if echeance <= debut:
        raise SaisieInvalide(
            f"echeance ({echeance:%d/%m/%Y}) : elle doit venir après le début ({debut:%d/%m/%Y})."
        )
    return float(np.clip((date_point - debut).days / (echeance - debut).days, 0.0, 1.0))


def calculer_statuts(avancements, attendus=1.0, tolerance: float = 0.10) -> np.ndarray:
    """Les statuts (tableau de textes) à partir des avancements et des avancements attendus."""
    t = _tolerance(tolerance)
    a = np.atleast_1d(_tableau(avancements, "avancement"))
    e = np.broadcast_to(_tableau(attendus, "attendu"), a.shape)
    conditions = [np.isnan(a), a >= 1, a >= e - t - 1e-12, a >= e - 2 * t - 1e-12]
    return np.select(conditions, [NON_MESURE, ATTEINT, EN_BONNE_VOIE, A_SURVEILLER], default=EN_RETARD)


def statut(depart, cible, reel, attendu: float = 1.0, tolerance: float = 0.10) -> str:
    """Le statut d'un indicateur : atteint, en bonne voie, à surveiller, en retard (ou non mesuré).

    >>> statut(depart=12, cible=8, reel=9, attendu=0.5)   # avancement 0,75 pour 0,5 attendu
    'en bonne voie'
    """
    reel = np.nan if reel is None else lire_nombre(reel, "reel")
    a = avancement(lire_nombre(depart, "depart"), lire_nombre(cible, "cible"), reel)
    return str(calculer_statuts(a, lire_nombre(attendu, "attendu"), tolerance)[0])


def tendance(historique, depart, cible, seuil: float = 0.02) -> str:
    """« en progrès », « stable » ou « en recul » : la dernière mesure face à la précédente.

    Le pas est rapporté à l'écart départ → cible ; sous ``seuil`` (2 % de cet écart), c'est « stable ».
    Avec moins de deux mesures : « inconnue ».
    """
    valeurs = [lire_nombre(v, "historique") for v in (historique or [])]
    if len(valeurs) < 2:
        return INCONNUE
    depart, cible = lire_nombre(depart, "depart"), lire_nombre(cible, "cible")
    if depart == cible:
        raise SaisieInvalide("cible égale au départ : la tendance n'a pas de sens ; choisissez une autre cible.")
    pas = (valeurs[-1] - valeurs[-2]) / (cible - depart)
    return str(_tendances(np.array([pas]), lire_nombre(seuil, "seuil"))[0])


def _tendances(pas: np.ndarray, seuil: float) -> np.ndarray:
    return np.select([np.isnan(pas), pas > seuil, pas < -seuil], [INCONNUE, EN_PROGRES, EN_RECUL], default=STABLE)


class TableauDeBord:
    """Un tableau de bord : une ligne par indicateur, des mesures au fil du temps.

    >>> tdb = TableauDeBord()
    >>> tdb.ajouter("taux de retard", depart=12, cible=8, unite="%", historique=[12, 11, 10])
    >>> tdb.calculer()[["indicateur", "statut", "tendance"]]
    """

    def __init__(self, tolerance: float = 0.10):
        self.tolerance = _tolerance(tolerance)
        self._lignes: list[dict] = []

    @property
    def indicateurs(self) -> list[str]:
        return [ligne["indicateur"] for ligne in self._lignes]

    def __len__(self) -> int:
        return len(self._lignes)

    def _ligne(self, indicateur: str) -> dict:
        for ligne in self._lignes:
            if ligne["indicateur"] == indicateur:
                return ligne
        connus = ", ".join(f"« {i} »" for i in self.indicateurs) or "aucun pour l'instant"
        raise SaisieInvalide(f"indicateur « {indicateur} » inconnu du tableau de bord ; indicateurs : {connus}.")

    def ajouter(self, indicateur: str, depart, cible, reel=None, *, unite: str = "", axe: str = "",
                responsable: str = "", debut=None, echeance=None, historique=None) -> None:
        """Ajoute une ligne. ``historique`` : mesures successives ; ``reel`` s'y ajoute s'il est donné."""
        if not isinstance(indicateur, str) or not indicateur.strip():
            raise SaisieInvalide("indicateur vide : donnez un nom à l'indicateur (ex. « taux de retard »).")
        indicateur = " ".join(indicateur.split())
        if indicateur in self.indicateurs:
            raise SaisieInvalide(f"indicateur « {indicateur} » déjà présent : donnez un autre nom ou utilisez "
                                 "mesurer() pour ajouter une valeur.")
        depart = lire_nombre(depart, f"{indicateur} — départ")
        cible = lire_nombre(cible, f"{indicateur} — cible")
        if depart == cible:
            raise SaisieInvalide(f"{indicateur} — la cible ({format_nombre(cible)}) est égale au départ : "
                                 "choisissez une cible différente, sinon il n'y a rien à suivre.")
        unite = str(unite or "")
        mesures = [lire_nombre(v, f"{indicateur} — historique") for v in (historique or [])]
        if reel is not None:
            mesures.append(lire_nombre(reel, f"{indicateur} — réel"))
        for mesure in mesures:
            _controler_mesure(indicateur, unite, depart, cible, mesure)
        dates = [None if x is None else lire_echeance(x, champ=f"{indicateur} — {n}")
                 for x, n in ((debut, "début"), (echeance, "échéance"))]
        if (dates[0] is None) != (dates[1] is None):
            raise SaisieInvalide(f"{indicateur} — donnez le début ET l'échéance (ou aucun des deux) pour "
                                 "calculer l'avancement attendu.")
        if dates[0] is not None and dates[1] <= dates[0]:
            raise SaisieInvalide(f"{indicateur} — l'échéance ({dates[1]:%d/%m/%Y}) doit venir après le début "
                                 f"({dates[0]:%d/%m/%Y}).")
        self._lignes.append({
            "indicateur": indicateur, "axe": str(axe or ""), "responsable": str(responsable or ""),
            "unite": unite, "depart": depart, "cible": cible, "debut": dates[0],
            "echeance": dates[1], "historique": mesures,
        })

    def ajouter_objectif(self, objectif, reel=None, *, debut=None, historique=None) -> None:
        """Ajoute la ligne d'un ``Objectif`` (départ requis) ; avec ``debut``, l'échéance de l'objectif sert."""
        if objectif.depart is None:
            raise SaisieInvalide(f"« {objectif.quoi} » : la valeur de départ manque ; mesurez-la avant de suivre "
                                 "l'objectif au tableau de bord.")
        self.ajouter(objectif.indicateur, objectif.depart, objectif.cible, reel, unite=objectif.unite,
                     axe=objectif.axe, responsable=objectif.responsable, debut=debut,
                     echeance=objectif.echeance if debut is not None else None, historique=historique)

    def mesurer(self, indicateur: str, valeur) -> None:
        """Ajoute une mesure à un indicateur (elle devient la valeur réelle)."""
        ligne = self._ligne(indicateur)
        mesure = lire_nombre(valeur, f"{indicateur} — mesure")
        _controler_mesure(indicateur, ligne["unite"], ligne["depart"], ligne["cible"], mesure)
        ligne["historique"].append(mesure)

    def retirer(self, indicateur: str) -> None:
        self._lignes.remove(self._ligne(indicateur))

    def historique(self, indicateur: str) -> list[float]:
        return list(self._ligne(indicateur)["historique"])

    def calculer(self, date_point: _dt.date | None = None) -> pd.DataFrame:
        """Le tableau calculé : avancement, attendu, statut et tendance de chaque indicateur.

        ``date_point`` (par défaut aujourd'hui) sert à l'avancement attendu des lignes datées.
        """
        date_point = _aujourd_hui(date_point)
        if not self._lignes:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in COLONNES})
        df = pd.DataFrame(self._lignes)
        derniere = np.array([h[-1] if h else np.nan for h in df["historique"]], dtype=float)
        precedente = np.array([h[-2] if len(h) > 1 else np.nan for h in df["historique"]], dtype=float)
        depart, cible = df["depart"].to_numpy(float), df["cible"].to_numpy(float)
        ecart = cible - depart
        avance = (derniere - depart) / ecart
        attendu = np.ones(len(df))
        datees = df["debut"].notna().to_numpy()
        if datees.any():
            debut = pd.to_datetime(df.loc[datees, "debut"]).to_numpy()
            fin = pd.to_datetime(df.loc[datees, "echeance"]).to_numpy()
            point = np.datetime64(date_point, "ns")
            attendu[datees] = np.clip((point - debut) / (fin - debut), 0.0, 1.0)
        resultat = df[["indicateur", "axe", "responsable", "unite", "depart", "cible"]].copy()
        resultat["reel"] = derniere
        resultat["avancement"] = avance
        resultat["attendu"] = attendu
        resultat["statut"] = calculer_statuts(avance, attendu, self.tolerance)
        resultat["tendance"] = _tendances((derniere - precedente) / ecart, 0.02)
        return resultat.reset_index(drop=True)


def conseil_de_revue(tableau: pd.DataFrame | TableauDeBord, date_point: _dt.date | None = None) -> str:
    """Ce que disent les mesures à la revue : tenir le cap, corriger l'exécution, ou remettre en question."""
    df = tableau.calculer(date_point) if isinstance(tableau, TableauDeBord) else tableau
    if not isinstance(df, pd.DataFrame) or "statut" not in df:
        raise SaisieInvalide("tableau : attendu un TableauDeBord ou le résultat de TableauDeBord.calculer().")
    mesures = df[df["statut"] != NON_MESURE]
    if mesures.empty:
        return "Rien n'est encore mesuré : relevez les indicateurs avant de juger la stratégie."
    retard = mesures[mesures["statut"] == EN_RETARD]
    fragiles = mesures[(mesures["statut"] == A_SURVEILLER) | (mesures["tendance"] == EN_RECUL)]
    if len(retard) * 2 >= len(mesures):
        noms = ", ".join(retard["indicateur"])
        return (f"Remettre en question : {len(retard)} indicateur(s) sur {len(mesures)} en retard ({noms}). "
                "Cherchez si c'est l'exécution qui pèche ou une hypothèse de la stratégie ; c'est le moment "
                "de la challenger.")
    if len(retard) or len(fragiles):
        noms = ", ".join(dict.fromkeys(list(retard["indicateur"]) + list(fragiles["indicateur"])))
        return (f"Corriger l'exécution sur : {noms}. Gardez la stratégie : les mesures ne disent pas encore "
                "d'en changer.")
    return "Tenir le cap : les mesures ne disent pas de changer de stratégie."
