"""Relation client (« Relations avec le client : comment vous interagissez »).

Chaque segment attend un type de relation, du plus personnel au plus
automatisé :

1. assistance personnelle dédiée : une personne attitrée suit le client ;
2. assistance personnelle : le client parle à quelqu'un, sans interlocuteur attitré ;
3. co-création : le client participe à créer la valeur ;
4. communautés : les clients s'entraident, l'organisation anime ;
5. services automatisés : des automatismes reconnaissent le client et personnalisent ;
6. libre-service : pas de relation directe, le client se sert lui-même.

Une relation sert trois motivations, dont on répartit l'effort (en %, total
100) : l'**acquisition** (conquérir), la **fidélisation** (garder) et les
**ventes additionnelles** (vendre plus à chaque client). L'outil signale les
incohérences : relation coûteuse pour un segment de faible valeur, meilleurs
clients sans contact humain, tout pour conquérir et rien pour garder,
fidélisation sans mesure de la satisfaction.

>>> p = PlanRelations()
>>> _ = p.ajouter("Familles", "communautes", acquisition=20, fidelisation=70, ventes_additionnelles=10)
>>> p.objectif_principal("Familles")
'fidelisation'
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from strategie import _blocs
from strategie._listes import cle_tolerante, meme_texte, notes_de_segments
from strategie.canevas import Canevas
from strategie.erreurs import SaisieInvalide
from strategie.texte import simplifier


@dataclass(frozen=True)
class TypeDeRelation:
    """Un type de relation : son rang sur l'échelle (1 = le plus personnel), sa définition, un exemple."""

    cle: str
    libelle: str
    rang: int
    definition: str
    exemple: str
    cout: str  # coût pour servir un client de plus : « élevé », « moyen », « faible »


TYPES: dict[str, TypeDeRelation] = {
    t.cle: t
    for t in (
        TypeDeRelation("assistance_dediee", "Assistance personnelle dédiée", 1,
                       "une personne attitrée connaît le client et le suit dans la durée.",
                       "le conseiller attitré d'une banque privée, le responsable d'un compte clé", "élevé"),
        TypeDeRelation("assistance_personnelle", "Assistance personnelle", 2,
                       "le client parle à une personne (comptoir, téléphone, courriel), sans interlocuteur attitré.",
                       "le vendeur en boutique, le centre d'appels", "élevé"),
        TypeDeRelation("co_creation", "Co-création", 3,
                       "le client participe à créer la valeur : avis, contenus, conception de l'offre.",
                       "les avis publiés par les lecteurs d'une librairie, les tests de prototypes", "moyen"),
        TypeDeRelation("communautes", "Communautés", 4,
                       "les clients échangent et s'entraident dans un espace que l'organisation anime.",
                       "le forum d'entraide des utilisateurs d'un logiciel, un club de clients", "moyen"),
        TypeDeRelation("services_automatises", "Services automatisés", 5,
                       "des automatismes reconnaissent le client et personnalisent ce qu'il voit ou reçoit.",
                       "les recommandations d'un site marchand, la relance d'un panier abandonné", "faible"),
        TypeDeRelation("libre_service", "Libre-service", 6,
                       "pas de relation directe : l'organisation fournit les moyens, le client se sert lui-même.",
                       "la station-service automatique, la foire aux questions", "faible"),
    )
}
OBJECTIFS: dict[str, str] = {
    "acquisition": "Acquisition",
    "fidelisation": "Fidélisation",
    "ventes_additionnelles": "Ventes additionnelles",
}
DEFINITIONS_OBJECTIFS: dict[str, str] = {
    "acquisition": "conquérir de nouveaux clients : obtenir un signe d'intérêt, un premier achat.",
    "fidelisation": "garder les clients : réduire les départs, réactiver les inactifs.",
    "ventes_additionnelles": "vendre plus à chaque client : plus souvent, plus varié, plus cher.",
}
VALEURS: dict[str, str] = {"faible": "faible", "moyenne": "moyenne", "forte": "forte"}

_ALIAS_TYPES = {
    "assistance dediee": "assistance_dediee", "assistance personnelle dediee": "assistance_dediee",
    "conseiller dedie": "assistance_dediee", "dedicated personal assistance": "assistance_dediee",
    "assistance": "assistance_personnelle", "personal assistance": "assistance_personnelle",
    "cocreation": "co_creation", "co creation": "co_creation",
    "communaute": "communautes", "communities": "communautes",
    "automatise": "services_automatises", "service automatise": "services_automatises",
    "automatisation": "services_automatises", "automated services": "services_automatises",
    "self service": "libre_service", "libre service": "libre_service",
}
_ALIAS_OBJECTIFS = {"conquete": "acquisition", "recrutement": "acquisition", "retention": "fidelisation",
                    "fidelite": "fidelisation", "ventes additionnelles": "ventes_additionnelles",
                    "vente additionnelle": "ventes_additionnelles", "montee en gamme": "ventes_additionnelles",
                    "upselling": "ventes_additionnelles", "upsell": "ventes_additionnelles"}


def type_de(nom: object) -> str:
    """La clé d'un type de relation, à partir de sa clé, de son libellé ou d'un nom courant (« self-service »…)."""
    return cle_tolerante(nom, {k: t.libelle for k, t in TYPES.items()}, "Le type de relation", _ALIAS_TYPES)


def objectif_de(nom: object) -> str:
    """« acquisition », « fidelisation » ou « ventes_additionnelles », à partir d'un nom tolérant."""
    return cle_tolerante(nom, OBJECTIFS, "L'objectif de la relation", _ALIAS_OBJECTIFS)


@dataclass(frozen=True)
class Relation:
    """La relation choisie pour un segment, et la répartition de son effort entre les trois objectifs (en %)."""

    segment: str
    type: str
    acquisition: float
    fidelisation: float
    ventes_additionnelles: float
    valeur: str = "moyenne"
    mesure_satisfaction: bool = False

    @property
    def repartition(self) -> dict[str, float]:
        return {o: getattr(self, o) for o in OBJECTIFS}

    @property
    def objectif_principal(self) -> str:
        return max(OBJECTIFS, key=lambda o: getattr(self, o))


class PlanRelations:
    """Les relations d'un modèle : un ou plusieurs types par segment, et leurs objectifs."""

    def __init__(self, nom: str = "Mes relations clients") -> None:
        self.nom = _blocs.texte(nom, "Le nom du plan de relations")
        self._relations: list[Relation] = []

    def __repr__(self) -> str:
        return f"PlanRelations({self.nom!r}, {len(self)} relations)"

    def __len__(self) -> int:
        return len(self._relations)

    def __iter__(self):
        return iter(self.relations)

    @property
    def relations(self) -> list[Relation]:
        return list(self._relations)

    @property
    def segments(self) -> list[str]:
        vus: dict[str, str] = {}
        for r in self._relations:
            vus.setdefault(simplifier(r.segment), r.segment)
        return list(vus.values())

    def relations_du_segment(self, segment: str) -> list[Relation]:
        trouvees = [r for r in self._relations if isinstance(segment, str) and meme_texte(r.segment, segment)]
        if not trouvees:
            connus = ", ".join(f"« {s} »" for s in self.segments) or "aucun pour l'instant"
            raise SaisieInvalide(f"Aucune relation pour le segment {segment!r}. Segments connus : {connus}.")
        return trouvees

    # -- editing -----------------------------------------------------------
    def ajouter(self, segment: str, type: str, acquisition: float, fidelisation: float,
                ventes_additionnelles: float, valeur: str = "moyenne", mesure_satisfaction: bool = False) -> Relation:
        """Ajoute la relation d'un segment.

        ``type`` : une clé de ``TYPES`` (ou son libellé) ; ``acquisition``,
        ``fidelisation``, ``ventes_additionnelles`` : part de l'effort en %,
        total 100 ; ``valeur`` : valeur du segment pour vous (« faible »,
        « moyenne », « forte ») ; ``mesure_satisfaction`` : une activité
        mesure-t-elle la satisfaction de ces clients ?
        """
        segment = _blocs.texte(segment, "Le nom du segment")
        cle = type_de(type)
        if any(meme_texte(r.segment, segment) and r.type == cle for r in self._relations):
            raise SaisieInvalide(
                f"« {segment} » a déjà une relation « {TYPES[cle].libelle} » : modifiez-la ou choisissez un autre type."
            )
        parts = {
            "acquisition": _blocs.pourcentage(acquisition, "La part d'acquisition (acquisition)"),
            "fidelisation": _blocs.pourcentage(fidelisation, "La part de fidélisation (fidelisation)"),
            "ventes_additionnelles": _blocs.pourcentage(ventes_additionnelles,
                                                        "La part de ventes additionnelles (ventes_additionnelles)"),
        }
        total = sum(parts.values())
        if abs(total - 100) > 0.5:
            detail = " + ".join(f"{v:g}" for v in parts.values())
            fractions = " (Écrivez 50 pour 50 %, pas 0.5.)" if abs(total - 1) < 0.01 else ""
            raise SaisieInvalide(
                f"La répartition acquisition / fidélisation / ventes additionnelles fait {detail} = {total:g} % : "
                f"elle doit faire 100 %. Ajustez les trois parts.{fractions}"
            )
        niveau = _blocs.choix(valeur, VALEURS, "La valeur du segment (valeur : faible, moyenne ou forte)")
        if not isinstance(mesure_satisfaction, bool):
            raise SaisieInvalide("« mesure_satisfaction » vaut True ou False (une activité mesure-t-elle la satisfaction ?).")
        relation = Relation(segment, cle, parts["acquisition"], parts["fidelisation"], parts["ventes_additionnelles"],
                            niveau, mesure_satisfaction)
        self._relations.append(relation)
        return relation

    def _indice(self, segment: str, type: str) -> int:
        cle = type_de(type)
        for i, r in enumerate(self._relations):
            if isinstance(segment, str) and meme_texte(r.segment, segment) and r.type == cle:
                return i
        raise SaisieInvalide(f"Pas de relation « {TYPES[cle].libelle} » pour le segment {segment!r}.")

    def modifier(self, segment: str, type: str, /, **champs) -> Relation:
        """Remplace des champs d'une relation (segment, type, parts, valeur, mesure_satisfaction).

        Si la nouvelle saisie est refusée, l'ancienne relation reste en place.
        """
        indice = self._indice(segment, type)
        ancienne = self._relations.pop(indice)
        try:
            inconnus = set(champs) - set(ancienne.__dict__)
            if inconnus:
                raise SaisieInvalide(f"Champ(s) inconnu(s) : {', '.join(sorted(inconnus))}. Champs possibles : "
                                     f"{', '.join(ancienne.__dict__)}.")
            nouvelle = self.ajouter(**{**ancienne.__dict__, **champs})
        except SaisieInvalide:
            self._relations.insert(indice, ancienne)
            raise
        self._relations.insert(indice, self._relations.pop())
        return nouvelle

    def retirer(self, segment: str, type: str) -> Relation:
        """Retire la relation d'un type donné pour un segment."""
        return self._relations.pop(self._indice(segment, type))

    # -- analysis ----------------------------------------------------------
    def repartition(self, segment: str) -> dict[str, float]:
        """La répartition moyenne de l'effort entre les trois objectifs pour un segment (en %)."""
        relations = self.relations_du_segment(segment)
        return {o: sum(getattr(r, o) for r in relations) / len(relations) for o in OBJECTIFS}

    def objectif_principal(self, segment: str) -> str:
        """L'objectif qui reçoit la plus grande part de l'effort pour ce segment."""
        parts = self.repartition(segment)
        return max(OBJECTIFS, key=lambda o: parts[o])

    def constats(self) -> list[str]:
        """Les incohérences à regarder, en français (une liste vide : rien à signaler)."""
        constats = []
        for segment in self.segments:
            relations = self.relations_du_segment(segment)
            rangs = [TYPES[r.type].rang for r in relations]
            valeur = relations[0].valeur
            parts = self.repartition(segment)
            if valeur == "faible" and min(rangs) <= 2:
                constats.append(
                    f"« {segment} » est de faible valeur mais reçoit une assistance personnelle, la relation la plus "
                    "coûteuse : proportionnez l'effort à la valeur du client (libre-service, automatisé, communauté)."
                )
            if valeur == "forte" and min(rangs) >= 5:
                constats.append(
                    f"« {segment} » est de forte valeur mais n'a aucun contact humain : prévoyez une personne au "
                    "moment qui compte (conseil, réclamation, renouvellement)."
                )
            if parts["acquisition"] >= 80 and parts["fidelisation"] < 10:
                constats.append(
                    f"« {segment} » : presque tout l'effort va à l'acquisition et presque rien à la fidélisation. "
                    "Un client conquis qui part aussitôt ne rembourse pas ce qu'il a coûté."
                )
            if max(OBJECTIFS, key=lambda o: parts[o]) == "fidelisation" and not any(r.mesure_satisfaction for r in relations):
                constats.append(
                    f"« {segment} » : la fidélisation est l'objectif principal, mais aucune activité ne mesure la "
                    "satisfaction de ces clients. Comment saurez-vous qu'ils restent contents ?"
                )
            if len({r.valeur for r in relations}) > 1:
                constats.append(f"« {segment} » a des relations qui lui donnent des valeurs différentes : "
                                "un segment a une seule valeur, harmonisez-la.")
        return constats

    def tableau(self) -> pd.DataFrame:
        """Une ligne par relation : segment, type, rang sur l'échelle, répartition, valeur, mesure de satisfaction."""
        lignes = [
            {"segment": r.segment, "type": TYPES[r.type].libelle, "rang": TYPES[r.type].rang,
             "acquisition": r.acquisition, "fidelisation": r.fidelisation,
             "ventes_additionnelles": r.ventes_additionnelles, "objectif_principal": OBJECTIFS[r.objectif_principal],
             "valeur": r.valeur, "mesure_satisfaction": r.mesure_satisfaction}
            for r in self._relations
        ]
        return pd.DataFrame(lignes, columns=["segment", "type", "rang", "acquisition", "fidelisation",
                                             "ventes_additionnelles", "objectif_principal", "valeur",
                                             "mesure_satisfaction"])

    # -- canvas ------------------------------------------------------------
    @staticmethod
    def _note(relation: Relation) -> str:
        return (f"{TYPES[relation.type].libelle} pour « {relation.segment} » "
                f"({OBJECTIFS[relation.objectif_principal].lower()})")

    def notes(self) -> list[str]:
        """Une note par relation pour le bloc « Relation client »."""
        return [self._note(r) for r in self._relations]

    def ajouter_au_canevas(self, canevas: Canevas) -> list[str]:
        """Verse les relations absentes dans le bloc « Relation client » et lie chacune à son segment.

        Renvoie les identifiants des notes ajoutées (rien n'est ajouté en double).
        """
        ajoutees = _blocs.verser(canevas, "relation_client", self.notes())
        for relation in self._relations:
            note = next(n for n in canevas.notes_du_bloc("relation_client") if meme_texte(n.texte, self._note(relation)))
            for segment in notes_de_segments(canevas, [relation.segment]):
                canevas.lier(note.id, segment.id)
        return ajoutees
