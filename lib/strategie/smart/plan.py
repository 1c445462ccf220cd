"""Le plan d'exécution : des axes stratégiques, et des objectifs rattachés à chacun."""

from __future__ import annotations

import datetime as _dt

import pandas as pd

from strategie.erreurs import SaisieInvalide
from strategie.smart.dates import _aujourd_hui
from strategie.smart.objectif import Objectif
from strategie.smart.tableau import TableauDeBord
from strategie.smart.verificateur import CRITERES, LIBELLES, compter, est_smart, verifier


class PlanExecution:
    """Des axes stratégiques et leurs objectifs.

    >>> plan = PlanExecution(["Excellence opérationnelle", "Expérience client"])
    >>> plan.ajouter(Objectif(quoi="Réduire les retards de livraison", indicateur="taux de retard",
    ...                       depart=12, cible=8, unite="%", echeance="30/06/2027",
    ...                       responsable="Julie", moyens="un transporteur de plus",
    ...                       axe="Excellence opérationnelle"))
    >>> plan.remarques()
    """

    def __init__(self, axes, nom: str = ""):
        if isinstance(axes, str) or not hasattr(axes, "__iter__"):
            raise SaisieInvalide("axes : attendu une liste de noms d'axes stratégiques, par exemple "
                                 "[\"Excellence opérationnelle\", \"Expérience client\"].")
        propres = []
        for numero, axe in enumerate(axes, start=1):
            if not isinstance(axe, str) or not axe.strip():
                raise SaisieInvalide(f"axes : l'axe n° {numero} est vide ; donnez-lui un nom.")
            axe = " ".join(axe.split())
            if axe in propres:
                raise SaisieInvalide(f"axes : « {axe} » apparaît deux fois ; chaque axe n'est cité qu'une fois.")
            propres.append(axe)
        if not propres:
            raise SaisieInvalide("axes : la liste est vide ; un plan d'exécution décline au moins un axe.")
        self.axes: list[str] = propres
        self.nom = str(nom or "")
        self.objectifs: list[Objectif] = []

    def ajouter(self, objectif: Objectif) -> None:
        """Rattache un objectif à son axe (``objectif.axe`` doit être l'un des axes du plan)."""
        if not isinstance(objectif, Objectif):
            raise SaisieInvalide(f"objectif : attendu un smart.Objectif, reçu {type(objectif).__name__}.")
        axes = ", ".join(f"« {a} »" for a in self.axes)
        if not objectif.axe:
            raise SaisieInvalide(f"« {objectif.quoi} » n'est rattaché à aucun axe : remplissez « axe » avec "
                                 f"l'un de {axes}. Un objectif hors stratégie disperse les ressources.")
        if objectif.axe not in self.axes:
            raise SaisieInvalide(f"« {objectif.quoi} » : l'axe « {objectif.axe} » n'est pas dans le plan ; "
                                 f"axes possibles : {axes}.")
        if any(o.indicateur == objectif.indicateur for o in self.objectifs):
            raise SaisieInvalide(f"« {objectif.quoi} » : l'indicateur « {objectif.indicateur} » sert déjà à un "
                                 "autre objectif ; un indicateur par objectif.")
        self.objectifs.append(objectif)

    def par_axe(self) -> dict[str, list[Objectif]]:
        return {axe: [o for o in self.objectifs if o.axe == axe] for axe in self.axes}

    def alignement(self, aujourd_hui: _dt.date | None = None) -> pd.DataFrame:
        """Une ligne par objectif : axe, objectif, indicateur, responsable, échéance, critères remplis."""
        aujourd_hui = _aujourd_hui(aujourd_hui)
        lignes = []
        for o in self.objectifs:
            verdicts = verifier(o, aujourd_hui)
            lignes.append({
                "axe": o.axe, "objectif": o.quoi, "indicateur": o.indicateur, "responsable": o.responsable,
                "echeance": o.echeance, "criteres_remplis": compter(verdicts)["remplis"], "smart": est_smart(verdicts),
            })
        colonnes = ["axe", "objectif", "indicateur", "responsable", "echeance", "criteres_remplis", "smart"]
        return pd.DataFrame(lignes, columns=colonnes)

    def remarques(self, aujourd_hui: _dt.date | None = None) -> list[str]:
        """Ce qu'il faut revoir : axes sans objectif, critères SMART non remplis ou à préciser."""
        aujourd_hui = _aujourd_hui(aujourd_hui)
        remarques = [f"Axe « {axe} » sans objectif : la stratégie n'y est pas déclinée en actions."
                     for axe, objectifs in self.par_axe().items() if not objectifs]
        for o in self.objectifs:
            verdicts = verifier(o, aujourd_hui)
            manques = [LIBELLES[c] for c in CRITERES if verdicts[c][0] is not True]
            if manques:
                remarques.append(f"« {o.quoi} » : à revoir ({', '.join(manques)}).")
        return remarques

    def tableau_de_bord(self, tolerance: float = 0.10) -> TableauDeBord:
        """Un tableau de bord avec une ligne par objectif dont le départ est connu (sans mesure encore)."""
        tableau = TableauDeBord(tolerance)
        for o in self.objectifs:
            if o.depart is not None:
                tableau.ajouter_objectif(o)
        return tableau
