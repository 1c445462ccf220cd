"""Planification des comptes clés : le tableau 3 × 3, la stratégie conditionnelle, le plan glissant.

D'après Hubert Faucher (blog de la Relation BtoB, 2017) : la planification d'un compte clé croise trois
dimensions, chacune en trois temps — les étapes du processus, les documents
supports, les niveaux d'organisation — sans correspondance systématique d'une
ligne à l'autre. Une stratégie y est un *plan d'action conditionnel* (von
Neumann et Morgenstern, 1944) : « si la situation X se produit, je fais Y ».
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from strategie.erreurs import SaisieInvalide
from strategie.texte import simplifier

DIMENSIONS: dict[str, dict[str, str]] = {
    "processus": {
        "analyser": "Analyser la situation — où en sommes-nous dans la relation ?",
        "formuler": "Formuler la stratégie — où voulons-nous aller ?",
        "operer": "Maîtriser les opérations — comment y arriver ?",
    },
    "documents": {
        "base_de_donnees": "Base de données du compte clé (personnelle au responsable, structurée en quatre parties)",
        "formulation": "Document de formulation de la stratégie (orientation, objectifs, programmes d'actions)",
        "plan": "Plan du compte clé, plan glissant pour communiquer avec l'équipe (pas un rapport)",
    },
    "niveaux": {
        "direction_generale": "Direction générale : aligne le programme sur la stratégie, investit, porte la culture, parraine des comptes",
        "directeur_comptes_cles": "Directeur des comptes clés : cohérence de l'organisation, outils et processus, sélection des comptes",
        "responsables_comptes_cles": "Responsables de comptes clés : managers, leaders et stratèges de leurs comptes",
    },
}
TITRES_DIMENSIONS = {"processus": "Étapes du processus", "documents": "Documents supports", "niveaux": "Niveaux d'organisation"}

# Les quatre parties de l'analyse de situation, qui structurent aussi la base de comptes.
ANALYSE_SITUATION = {
    "client_et_strategie": "Le client et sa propre stratégie",
    "besoins_et_achats": "Ses besoins, ses attentes, sa stratégie et ses processus d'achat",
    "historique_relation": "L'historique de la relation avec le fournisseur",
    "concurrence": "La concurrence du fournisseur sur ce compte",
}

# Stratégie, plan d'action et objectif : les trois notions que la source dit trop souvent confondues.
NATURES = {
    "strategie": "Stratégie : un plan d'action conditionnel — selon la situation qui se présente, ce que l'on fera.",
    "plan_action": "Plan d'action : des actions datées, confiées à quelqu'un, qu'on exécute.",
    "objectif": "Objectif : un résultat visé, de préférence mesurable et daté.",
}


def _texte(valeur: object, champ: str) -> str:
    if not isinstance(valeur, str) or not valeur.strip():
        raise SaisieInvalide(f"« {champ} » doit être un texte non vide : décrivez-le en quelques mots.")
    return " ".join(valeur.split())


def case(dimension: str, element: str) -> str:
    """Le texte d'une case du tableau 3 × 3 (dimension puis élément, par leur clé)."""
    if dimension not in DIMENSIONS:
        raise SaisieInvalide(f"Dimension inconnue : « {dimension} ». Dimensions : {', '.join(DIMENSIONS)}.")
    if element not in DIMENSIONS[dimension]:
        raise SaisieInvalide(
            f"« {element} » n'est pas un élément de la dimension « {dimension} ». "
            f"Éléments possibles : {', '.join(DIMENSIONS[dimension])}."
        )
    return DIMENSIONS[dimension][element]


def tableau_3x3():
    """Le tableau 3 × 3 en DataFrame : une colonne par dimension, trois lignes (sans lien horizontal)."""
    import pandas as pd

    return pd.DataFrame({TITRES_DIMENSIONS[d]: list(v.values()) for d, v in DIMENSIONS.items()}, index=[1, 2, 3])


@dataclass
class Regle:
    """« Si la situation se produit, alors faire l'action. »"""

    situation: str
    action: str


class StrategieConditionnelle:
    """Une stratégie de compte clé écrite comme un plan d'action conditionnel.

    >>> s = StrategieConditionnelle("Hôpital Nord", action_par_defaut="Suivre le plan de comptes")
    >>> s.si("appel d'offres", "Proposer un contrat pluriannuel avec service inclus")
    >>> s.repondre("Le client lance un appel d'offres")
    'Proposer un contrat pluriannuel avec service inclus'
    """

    def __init__(self, compte: str, action_par_defaut: str):
        self.compte = _texte(compte, "compte")
        self.action_par_defaut = _texte(action_par_defaut, "action par défaut")
        self.regles: list[Regle] = []

    def si(self, situation: str, action: str) -> "StrategieConditionnelle":
        """Ajoute une règle ; la situation est un mot-clé ou une expression qu'on cherchera dans les faits."""
        situation = _texte(situation, "situation")
        action = _texte(action, "action")
        if any(simplifier(r.situation) == simplifier(situation) for r in self.regles):
            raise SaisieInvalide(f"La situation « {situation} » a déjà une règle : modifiez-la plutôt que de la doubler.")
        self.regles.append(Regle(situation, action))
        return self

    def repondre(self, faits: str) -> str:
        """L'action prévue pour des faits observés : la première règle dont la situation y figure."""
        faits_simples = simplifier(_texte(faits, "faits"))
        for regle in self.regles:
            if simplifier(regle.situation) in faits_simples:
                return regle.action
        return self.action_par_defaut

    def couverture(self, scenarios: list[str]) -> float:
        """Part des scénarios pour lesquels une règle précise (pas l'action par défaut) est prévue."""
        if not scenarios:
            raise SaisieInvalide("Donnez au moins un scénario pour mesurer la couverture de la stratégie.")
        prevus = sum(any(simplifier(r.situation) in simplifier(s) for r in self.regles) for s in scenarios)
        return prevus / len(scenarios)


@dataclass
class PlanCompteCle:
    """Le plan d'un compte clé : analyse en quatre parties, orientation, objectifs, programmes d'actions."""

    compte: str
    analyse: dict[str, str] = field(default_factory=dict)
    orientation: str = ""
    objectifs_strategiques: list[str] = field(default_factory=list)
    objectifs_operationnels: list[str] = field(default_factory=list)
    actions_contractuelles: list[str] = field(default_factory=list)
    actions_relationnelles: list[str] = field(default_factory=list)
    vision: str = ""
    mission: str = ""
    mis_a_jour_le: dt.date | None = None

    def __post_init__(self) -> None:
        self.compte = _texte(self.compte, "compte")
        inconnues = sorted(set(self.analyse) - set(ANALYSE_SITUATION))
        if inconnues:
            raise SaisieInvalide(
                f"Parties d'analyse inconnues : {inconnues}. Parties attendues : {', '.join(ANALYSE_SITUATION)}."
            )

    def manques(self) -> list[str]:
        """Ce qui manque au plan, dans l'ordre du processus, en français."""
        manques = [
            f"Analyse : « {titre} » n'est pas renseignée."
            for cle, titre in ANALYSE_SITUATION.items() if not self.analyse.get(cle, "").strip()
        ]
        if not self.orientation.strip():
            manques.append("Stratégie : l'orientation stratégique n'est pas formulée.")
        if not self.objectifs_strategiques:
            manques.append("Stratégie : aucun objectif stratégique.")
        if not self.objectifs_operationnels:
            manques.append("Stratégie : aucun objectif opérationnel pour soutenir les objectifs stratégiques.")
        if not self.actions_contractuelles:
            manques.append("Opérations : aucun plan d'action contractuel (offre, contrat, conditions).")
        if not self.actions_relationnelles:
            manques.append("Opérations : aucun plan d'action relationnel (contacts, parrainage, confiance).")
        if not self.vision.strip() or not self.mission.strip():
            manques.append("Vision et mission du compte à écrire pour conclure la formulation.")
        return manques

    def avancement(self) -> dict[str, float]:
        """Part renseignée de chaque étape du processus (de 0 à 1)."""
        analyse = sum(bool(self.analyse.get(c, "").strip()) for c in ANALYSE_SITUATION) / len(ANALYSE_SITUATION)
        formuler = sum([bool(self.orientation.strip()), bool(self.objectifs_strategiques),
                        bool(self.objectifs_operationnels), bool(self.vision.strip() and self.mission.strip())]) / 4
        operer = sum([bool(self.actions_contractuelles), bool(self.actions_relationnelles)]) / 2
        return {"analyser": analyse, "formuler": formuler, "operer": operer}

    def a_mettre_a_jour(self, aujourd_hui: dt.date | None = None, mois: int = 3) -> bool:
        """Un plan glissant se revoit régulièrement : vrai s'il n'a pas été mis à jour depuis `mois` mois."""
        if self.mis_a_jour_le is None:
            return True
        aujourd_hui = aujourd_hui or dt.date.today()
        if self.mis_a_jour_le > aujourd_hui:
            raise SaisieInvalide("La date de mise à jour du plan est dans le futur : vérifiez-la.")
        return (aujourd_hui - self.mis_a_jour_le).days > mois * 30.5


def selectionner_comptes(comptes, attractivite: str = "attractivite", position: str = "position",
                         seuil: float = 5.0, maximum: int = 10):
    """Classe des comptes (DataFrame) par attractivité et position du fournisseur, notées de 0 à 10.

    Renvoie le tableau avec une colonne ``categorie`` (clé / à développer / à maintenir /
    opportuniste) et ``priorite`` ; lève une erreur claire si une note manque ou sort de
    l'échelle. Les comptes clés ne doivent pas être trop nombreux : au-delà de ``maximum``,
    seuls les mieux notés gardent la catégorie « clé ».
    """
    import pandas as pd

    if not isinstance(comptes, pd.DataFrame) or comptes.empty:
        raise SaisieInvalide("Donnez un tableau (DataFrame) non vide, une ligne par compte.")
    for colonne in (attractivite, position):
        if colonne not in comptes.columns:
            raise SaisieInvalide(f"La colonne « {colonne} » manque. Colonnes présentes : {', '.join(map(str, comptes.columns))}.")
        valeurs = pd.to_numeric(comptes[colonne], errors="coerce")
        if valeurs.isna().any() or ((valeurs < 0) | (valeurs > 10)).any():
            raise SaisieInvalide(f"La colonne « {colonne} » doit contenir des notes de 0 à 10, sans case vide.")
    resultat = comptes.copy()
    a = resultat[attractivite].astype(float)
    p = resultat[position].astype(float)
    resultat["priorite"] = (a * p) ** 0.5
    resultat["categorie"] = "opportuniste"
    resultat.loc[(a >= seuil) & (p < seuil), "categorie"] = "à développer"
    resultat.loc[(a < seuil) & (p >= seuil), "categorie"] = "à maintenir"
    cles = resultat.index[(a >= seuil) & (p >= seuil)]
    gardes = resultat.loc[cles].sort_values("priorite", ascending=False).index[:maximum]
    resultat.loc[gardes, "categorie"] = "clé"
    resultat.loc[cles.difference(gardes), "categorie"] = "à développer"
    return resultat.sort_values("priorite", ascending=False)
