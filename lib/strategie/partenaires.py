"""Partenaires clés : pourquoi s'associer (trois motivations), comment (quatre types), et la carte de l'écosystème.

Le bloc « Partenaires clés » (pour une personne : « qui vous aide ») recense
les acteurs sans lesquels le modèle ne tiendrait pas. On s'associe pour
trois raisons : optimiser et faire des économies d'échelle, réduire le
risque et l'incertitude, acquérir des ressources ou des activités que l'on
n'a pas. Et l'on distingue quatre types de partenariats : l'alliance entre
non-concurrents, la coopétition (entre concurrents), la coentreprise, la
relation acheteur-fournisseur.

>>> eco = Ecosysteme("Café-librairie")
>>> _ = eco.ajouter("Torréfacteur local", "acheteur_fournisseur", ["acquisition"], "Café frais livré chaque semaine")
>>> int(eco.matrice().loc["acheteur_fournisseur", "acquisition"])
1
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import pandas as pd

from strategie import _blocs
from strategie.canevas import Canevas
from strategie.erreurs import SaisieInvalide

DEPENDANCE_MAX = 5
SEUIL_DEPENDANCE = 4

MOTIVATIONS: dict[str, str] = {
    "optimisation": "Optimisation et économies d'échelle : partager des moyens, réduire les coûts.",
    "reduction_risque": "Réduction du risque et de l'incertitude dans un environnement changeant.",
    "acquisition": "Acquisition de ressources ou d'activités que l'on n'a pas (savoir-faire, licence, accès à des clients).",
}
TITRES_MOTIVATIONS = {
    "optimisation": "Optimisation et économies d'échelle",
    "reduction_risque": "Réduction du risque",
    "acquisition": "Acquisition de ressources",
}


@dataclass(frozen=True)
class TypePartenariat:
    cle: str
    titre: str
    definition: str
    exemple: str
    entre_concurrents: bool | None  # None: either


TYPES: dict[str, TypePartenariat] = {
    t.cle: t
    for t in (
        TypePartenariat("alliance", "Alliance stratégique",
                        "Une alliance entre organisations qui ne sont pas concurrentes, pour servir mieux ou plus loin.",
                        "un café et une bibliothèque municipale qui montent des lectures communes", False),
        TypePartenariat("coopetition", "Coopétition",
                        "Un partenariat entre concurrents sur un terrain précis, alors qu'ils restent rivaux ailleurs.",
                        "deux libraires qui achètent ensemble pour obtenir de meilleures remises", True),
        TypePartenariat("coentreprise", "Coentreprise",
                        "Une entité créée et détenue en commun pour développer une nouvelle activité.",
                        "deux fabricants qui créent ensemble une filiale de recyclage", None),
        TypePartenariat("acheteur_fournisseur", "Relation acheteur-fournisseur",
                        "Une relation durable avec un fournisseur pour s'assurer des approvisionnements fiables.",
                        "un torréfacteur qui livre chaque semaine un café de qualité constante", None),
    )
}


@dataclass
class Partenaire:
    """Un partenaire : nom, type, motivations, apport, concurrent ou non, dépendance de 1 (faible) à 5 (forte)."""

    nom: str
    type: str
    motivations: tuple[str, ...]
    apport: str
    concurrent: bool = False
    dependance: int = 3

    @property
    def titre_type(self) -> str:
        return TYPES[self.type].titre


@dataclass
class Lien:
    """Une interdépendance entre deux partenaires (ils dépendent l'un de l'autre pour servir vos clients)."""

    a: str
    b: str
    description: str = ""


class Ecosysteme(_blocs.Collection):
    """Les partenaires autour d'une organisation (ou d'une personne) et leurs interdépendances."""

    _attribut = "nom"

    def __init__(self, centre: str = "Mon organisation") -> None:
        self.centre = _blocs.texte(centre, "Le nom du centre de l'écosystème")
        super().__init__()
        self.liens: list[Lien] = []

    @property
    def partenaires(self) -> list[Partenaire]:
        return list(self._elements)

    def partenaire(self, nom: str) -> Partenaire:
        trouve = self._trouver(_blocs.texte(nom, "Le nom du partenaire"))
        if trouve is None:
            raise SaisieInvalide(f"Aucun partenaire « {nom} » dans l'écosystème.")
        return trouve

    def ajouter(self, nom: str, type: str, motivations: Iterable[str], apport: str,
                concurrent: bool = False, dependance: int = 3) -> Partenaire:
        """Ajoute un partenaire. Refuse un nom vide ou en double, un type ou une motivation inconnus,
        un apport vide, une dépendance hors de 1 à 5."""
        propre = _blocs.texte(nom, "Le nom du partenaire")
        if _blocs.simplifier(propre) == _blocs.simplifier(self.centre):
            raise SaisieInvalide(f"« {propre} » est le centre de l'écosystème : un partenaire est un autre acteur.")
        if self._trouver(propre):
            raise SaisieInvalide(f"L'écosystème contient déjà le partenaire « {propre} ».")
        cle_type = _blocs.choix(type, TYPES, "Le type de partenariat")
        if isinstance(motivations, str):
            motivations = [motivations]
        motifs = tuple(dict.fromkeys(_blocs.choix(m, MOTIVATIONS, "La motivation") for m in motivations))
        if not motifs:
            raise SaisieInvalide(
                f"Donnez au moins une motivation pour « {propre} » : {', '.join(MOTIVATIONS)}. "
                "Un partenaire sans raison d'être n'a pas sa place dans le bloc."
            )
        quoi = _blocs.texte(apport, f"L'apport de « {propre} »")
        if not isinstance(concurrent, bool):
            raise SaisieInvalide(f"Le paramètre « concurrent » doit valoir True ou False (reçu : {concurrent!r}).")
        niveau = int(_blocs.nombre(dependance, "La dépendance (de 1 à 5)", 1, DEPENDANCE_MAX, entier=True))
        partenaire = Partenaire(propre, cle_type, motifs, quoi, concurrent, niveau)
        self._elements.append(partenaire)
        return partenaire

    def retirer(self, nom: str) -> Partenaire:
        """Retire un partenaire et ses liens."""
        partenaire = self._retirer(nom, "Le nom du partenaire", f"Aucun partenaire « {nom} » dans l'écosystème.")
        self.liens = [l for l in self.liens if partenaire.nom not in (l.a, l.b)]
        return partenaire

    def relier(self, a: str, b: str, description: str = "") -> Lien:
        """Note que deux partenaires dépendent l'un de l'autre (par exemple pour une même expérience client)."""
        pa, pb = self.partenaire(a), self.partenaire(b)
        if pa is pb:
            raise SaisieInvalide("Un partenaire ne peut pas être relié à lui-même.")
        if any({l.a, l.b} == {pa.nom, pb.nom} for l in self.liens):
            raise SaisieInvalide(f"« {pa.nom} » et « {pb.nom} » sont déjà reliés.")
        lien = Lien(pa.nom, pb.nom, " ".join(str(description).split()))
        self.liens.append(lien)
        return lien

    # -- analyse ---------------------------------------------------------------
    def matrice(self) -> pd.DataFrame:
        """Nombre de partenaires par type (lignes) et par motivation (colonnes)."""
        table = pd.DataFrame(0, index=list(TYPES), columns=list(MOTIVATIONS), dtype=int)
        for p in self._elements:
            for m in p.motivations:
                table.loc[p.type, m] += 1
        return table

    def constats(self) -> list[str]:
        """Ce que la carte fait ressortir : types incohérents, dépendances fortes, motivations absentes."""
        if not self._elements:
            return ["Aucun partenaire : qui vous fournit, vous conseille, vous ouvre des portes ?"]
        constats = []
        for p in self._elements:
            attendu = TYPES[p.type].entre_concurrents
            if attendu is True and not p.concurrent:
                constats.append(f"« {p.nom} » est noté en coopétition mais n'est pas un concurrent : "
                                "c'est plutôt une alliance.")
            if attendu is False and p.concurrent:
                constats.append(f"« {p.nom} » est un concurrent : une alliance avec un concurrent s'appelle "
                                "de la coopétition.")
            if p.dependance >= SEUIL_DEPENDANCE:
                constats.append(
                    f"Forte dépendance envers « {p.nom} » ({p.dependance}/5) : que se passe-t-il s'il disparaît ? "
                    "Un second partenaire, un contrat ou une solution de repli réduirait le risque."
                )
        presentes = {m for p in self._elements for m in p.motivations}
        for m in MOTIVATIONS:
            if m not in presentes:
                constats.append(f"Aucun partenaire pour la motivation « {TITRES_MOTIVATIONS[m]} » : est-ce un choix ?")
        isoles = [p.nom for p in self._elements if not any(p.nom in (l.a, l.b) for l in self.liens)]
        if self.liens and isoles:
            constats.append(f"Partenaires sans lien avec les autres : {', '.join(isoles)}.")
        return constats

    def tableau(self) -> pd.DataFrame:
        return pd.DataFrame(
            [{"nom": p.nom, "type": p.type, "motivations": ", ".join(p.motivations), "apport": p.apport,
              "concurrent": p.concurrent, "dependance": p.dependance} for p in self._elements],
            columns=["nom", "type", "motivations", "apport", "concurrent", "dependance"],
        )

    # -- canvas ----------------------------------------------------------------
    def notes_de_canevas(self) -> list[str]:
        """Les notes du bloc « Partenaires clés » : chaque partenaire et ce qu'il apporte."""
        return [f"{p.nom} : {p.apport}" for p in self._elements]

    def vers_canevas(self, canevas: Canevas) -> list[str]:
        """Verse les partenaires dans le bloc du canevas ; renvoie les identifiants ajoutés."""
        return _blocs.verser(canevas, "partenaires_cles", self.notes_de_canevas())


def exemple_ecosysteme(nom: str = "cafe") -> Ecosysteme:
    """Écosystèmes du cours : « cafe » (une organisation) ou « consultante » (Léa, une personne)."""
    exemples = {
        "cafe": ("Café-librairie du quartier", [
            ("Torréfacteur local", "acheteur_fournisseur", ["acquisition", "reduction_risque"],
             "Café frais livré chaque semaine", False, 4),
            ("Bibliothèque municipale", "alliance", ["acquisition"], "Animatrices et publics pour les ateliers", False, 3),
            ("Librairie du centre-ville", "coopetition", ["optimisation"], "Commandes groupées chez le distributeur", True, 2),
            ("Association des commerçants", "coentreprise", ["optimisation", "reduction_risque"],
             "Carte de fidélité commune du quartier", False, 2),
        ], [("Bibliothèque municipale", "Librairie du centre-ville", "Livres des ateliers")]),
        "consultante": ("Léa, consultante en données", [
            ("Expert-comptable", "alliance", ["acquisition"], "Lui recommande des PME clientes", False, 4),
            ("Ancienne collègue graphiste", "alliance", ["acquisition"], "Met en forme les tableaux de bord", False, 2),
            ("Autre consultante en données", "coopetition", ["reduction_risque", "optimisation"],
             "Reprend les missions quand Léa est débordée", True, 2),
            ("Mentor du réseau d'entrepreneurs", "alliance", ["reduction_risque"], "Conseils avant chaque devis", False, 1),
        ], []),
    }
    if nom not in exemples:
        raise SaisieInvalide(f"Exemple inconnu : « {nom} ». Exemples possibles : {', '.join(exemples)}.")
    centre, lignes, liens = exemples[nom]
    eco = Ecosysteme(centre)
    for ligne in lignes:
        eco.ajouter(*ligne)
    for a, b, description in liens:
        eco.relier(a, b, description)
    return eco


def tableau_des_types() -> pd.DataFrame:
    """Les quatre types de partenariats : intitulé, définition, exemple, entre concurrents ou non."""
    entre = {True: "oui", False: "non", None: "l'un ou l'autre"}
    return pd.DataFrame(
        [{"type": t.cle, "titre": t.titre, "definition": t.definition, "exemple": t.exemple,
          "entre_concurrents": entre[t.entre_concurrents]} for t in TYPES.values()]
    ).set_index("type")
