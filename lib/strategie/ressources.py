"""Ressources clés : les quatre familles de ressources, pour une organisation et pour une personne.

Une ressource clé est un moyen sans lequel la proposition de valeur ne peut
pas être créée ni livrée. Pour une organisation, on distingue quatre
familles : physiques, intellectuelles, humaines et financières. Pour une
personne (série « Business Model You » de Martin Gysler, 2015), la première
ressource clé est la personne elle-même, décrite en quatre familles : ce qui
la passionne (centres d'intérêt), ce qu'elle sait faire (compétences et
capacités), sa manière d'être (personnalité) et ce dont elle dispose
(actifs : biens, contacts, réputation).

>>> inv = InventaireRessources("organisation")
>>> _ = inv.ajouter("Local bien situé", "physiques")
>>> _ = inv.ajouter("Trésorerie de trois mois", "financieres", detenue=False)
>>> inv.manques()
['intellectuelles', 'humaines']
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from strategie import _blocs
from strategie.canevas import VUES, Canevas
from strategie.erreurs import SaisieInvalide


@dataclass(frozen=True)
class Categorie:
    """Une famille de ressources : clé, intitulé, définition, exemples, question quand elle manque."""

    cle: str
    titre: str
    definition: str
    exemples: str
    si_absente: str
    mots: tuple[str, ...] = ()


def _familles(*categories: Categorie) -> dict[str, Categorie]:
    return {c.cle: c for c in categories}


CATEGORIES: dict[str, dict[str, Categorie]] = {
    "organisation": _familles(
        Categorie("physiques", "Physiques",
                  "Les biens matériels : bâtiments, machines, véhicules, points de vente, stocks, réseaux de distribution.",
                  "un entrepôt, une flotte de camions, une boutique, des serveurs",
                  "Où et avec quel équipement produisez-vous et livrez-vous votre offre ?",
                  ("local", "batiment", "entrepot", "usine", "machine", "vehicule", "camion", "equipement",
                   "materiel", "boutique", "magasin", "point de vente", "stock", "serveur", "infrastructure",
                   "terrain", "four", "comptoir", "atelier", "salle", "site")),
        Categorie("intellectuelles", "Intellectuelles",
                  "Les connaissances protégées ou difficiles à copier : marques, brevets, droits d'auteur, "
                  "savoir-faire, logiciels, bases de données clients, partenariats établis.",
                  "une marque connue, un brevet, un fichier de clients, une recette",
                  "Qu'est-ce qui, chez vous, serait difficile à copier : marque, savoir-faire, données ?",
                  ("brevet", "marque", "licence", "droit", "savoir faire", "logiciel", "donnees", "fichier client",
                   "recette", "methode", "algorithme", "notoriete", "reputation", "contenu", "catalogue",
                   "propriete intellectuelle", "procede", "fonds de livres")),
        Categorie("humaines", "Humaines",
                  "Les personnes et ce qu'elles savent faire ; décisives dans les métiers de création, de savoir et de service.",
                  "une équipe de vente, des chercheurs, des artisans qualifiés",
                  "Quelles personnes, avec quelles compétences, faut-il pour tenir la promesse ?",
                  ("equipe", "salarie", "employe", "personnel", "chef", "ingenieur", "vendeur", "expert",
                   "formateur", "benevole", "talent", "collaborateur", "barista", "animateur", "chercheur",
                   "artisan", "conseiller", "commerciaux", "personnes")),
        Categorie("financieres", "Financières",
                  "L'argent et les garanties : trésorerie, capital, lignes de crédit, subventions.",
                  "une trésorerie de six mois, une ligne de crédit, une levée de fonds",
                  "Comment financez-vous le démarrage, les stocks et les imprévus ?",
                  ("tresorerie", "capital", "credit", "pret", "emprunt", "subvention", "fonds propres",
                   "investisseur", "liquidite", "garantie", "financement", "epargne", "budget", "levee de fonds")),
    ),
    "personnel": _familles(
        Categorie("centres_d_interet", "Centres d'intérêt",
                  "Ce qui vous passionne et vous donne de l'énergie : sujets, causes, types de problèmes.",
                  "la cuisine, l'environnement, comprendre les chiffres",
                  "Qu'est-ce qui vous motive au point d'y passer du temps sans compter ?",
                  ("passion", "passionne", "aime", "interet", "plaisir", "gout pour", "envie", "cause",
                   "fascine", "motive")),
        Categorie("competences", "Compétences et capacités",
                  "Ce que vous savez faire : les capacités naturelles (facilités) et les compétences acquises "
                  "par l'étude ou la pratique.",
                  "la statistique, la rédaction, parler en public, réparer des vélos",
                  "Que savez-vous faire mieux que la plupart des gens ?",
                  ("competence", "savoir", "maitrise", "capacite", "aptitude", "expertise", "langue", "statistique",
                   "programmation", "redaction", "negociation", "pedagogie", "gestion", "analyse", "parler",
                   "ecrire", "diplome", "certification")),
        Categorie("personnalite", "Personnalité",
                  "Votre manière d'être : traits de caractère qui rendent certaines activités faciles, d'autres pénibles.",
                  "la patience, l'aisance avec les inconnus, la rigueur",
                  "Quels traits de caractère font que certaines tâches vous coûtent peu ?",
                  ("patient", "patience", "rigueur", "rigoureux", "curieux", "curiosite", "calme", "empathie",
                   "empathique", "extraverti", "introverti", "perseverance", "perseverant", "organise",
                   "creatif", "creativite", "optimiste", "sociable", "sens de l humour", "tenace")),
        Categorie("actifs", "Actifs",
                  "Ce que vous possédez ou contrôlez : réseau de contacts, réputation, épargne, matériel, "
                  "contenus publiés, diplômes reconnus.",
                  "un carnet d'adresses, un ordinateur, une voiture, une épargne de précaution",
                  "De quels biens, contacts ou réputation disposez-vous déjà ?",
                  ("reseau", "contacts", "reputation", "voiture", "ordinateur", "epargne", "argent", "maison",
                   "bureau", "materiel", "portfolio", "site web", "carnet d adresses", "abonnes", "vehicule")),
    ),
}


def categories(vue: str = "organisation") -> dict[str, Categorie]:
    """Les quatre familles de ressources pour une vue : « organisation » ou « personnel »."""
    return CATEGORIES[_vue(vue)]


def _vue(vue: object) -> str:
    if vue not in VUES:
        raise SaisieInvalide(f"La vue doit être « organisation » ou « personnel » (reçu : {vue!r}).")
    return vue  # type: ignore[return-value]


def suggerer_categorie(texte: str, vue: str = "organisation") -> str | None:
    """Propose une famille d'après quelques mots repères ; ``None`` si rien ne ressort nettement.

    Ce n'est qu'une suggestion : c'est à vous de décider.

    >>> suggerer_categorie("Brevet sur le procédé de torréfaction")
    'intellectuelles'
    """
    mots = f" {_blocs.simplifier(_blocs.texte(texte, 'Le texte de la ressource'))} "
    scores = {
        cle: sum(f" {m}" in mots for m in cat.mots) for cle, cat in categories(vue).items()
    }
    meilleur = max(scores.values())
    gagnants = [cle for cle, s in scores.items() if s == meilleur]
    return gagnants[0] if meilleur > 0 and len(gagnants) == 1 else None


@dataclass
class Ressource:
    """Une ressource : son texte, sa famille, indispensable ou non, déjà détenue ou à obtenir."""

    texte: str
    categorie: str
    critique: bool = True
    detenue: bool = True


class InventaireRessources(_blocs.Collection):
    """Un inventaire de ressources, classées dans les quatre familles de la vue choisie."""

    def __init__(self, vue: str = "organisation", nom: str = "Mes ressources") -> None:
        self.vue = _vue(vue)
        self.nom = _blocs.texte(nom, "Le nom de l'inventaire")
        super().__init__()

    @property
    def ressources(self) -> list[Ressource]:
        return list(self._elements)

    def ajouter(self, texte: str, categorie: str, critique: bool = True, detenue: bool = True) -> Ressource:
        """Ajoute une ressource. Refuse un texte vide, un doublon ou une famille qui n'est pas de cette vue."""
        propre = _blocs.texte(texte, "Le texte de la ressource")
        familles = categories(self.vue)
        autre_vue = "personnel" if self.vue == "organisation" else "organisation"
        if isinstance(categorie, str) and _blocs.simplifier(categorie) in {_blocs.simplifier(c) for c in CATEGORIES[autre_vue]}:
            raise SaisieInvalide(
                f"La famille « {categorie} » appartient à la vue « {autre_vue} ». "
                f"Pour la vue « {self.vue} », choisissez parmi : {', '.join(familles)}."
            )
        cle = _blocs.choix(categorie, familles, "La famille de ressource")
        if self._trouver(propre):
            raise SaisieInvalide(f"L'inventaire contient déjà la ressource « {propre} ».")
        for nom, valeur in (("critique", critique), ("detenue", detenue)):
            if not isinstance(valeur, bool):
                raise SaisieInvalide(f"Le paramètre « {nom} » doit valoir True ou False (reçu : {valeur!r}).")
        ressource = Ressource(propre, cle, critique, detenue)
        self._elements.append(ressource)
        return ressource

    def retirer(self, texte: str) -> Ressource:
        return self._retirer(texte, "Le texte de la ressource", f"Aucune ressource « {texte} » dans l'inventaire.")

    # -- analyse -------------------------------------------------------------
    def repartition(self) -> pd.Series:
        """Nombre de ressources indispensables par famille (les quatre familles, même vides)."""
        familles = list(categories(self.vue))
        comptes = pd.Series(0, index=familles, name="ressources", dtype=int)
        for r in self._elements:
            comptes[r.categorie] += int(r.critique)
        return comptes

    def cles(self) -> list[Ressource]:
        """Les ressources indispensables : ce sont elles qui vont dans le canevas."""
        return [r for r in self._elements if r.critique]

    def manques(self) -> list[str]:
        """Les familles sans aucune ressource indispensable."""
        return [cle for cle, n in self.repartition().items() if n == 0]

    def a_obtenir(self) -> list[Ressource]:
        """Les ressources indispensables que vous ne détenez pas encore."""
        return [r for r in self.cles() if not r.detenue]

    def constats(self) -> list[str]:
        """Ce que l'inventaire fait ressortir, en phrases."""
        if not self._elements:
            return ["L'inventaire est vide : notez d'abord ce dont votre proposition de valeur a besoin."]
        familles = categories(self.vue)
        constats = [
            f"Famille « {familles[cle].titre} » vide : {familles[cle].si_absente}" for cle in self.manques()
        ]
        remede = (
            "développez-la (formation, pratique), appuyez-vous sur quelqu'un qui l'a (bloc Partenaires clés) "
            "ou prévoyez ce qu'elle vous coûtera en temps et en argent (bloc Coûts)."
            if self.vue == "personnel" else
            "obtenez-la par un partenaire (bloc Partenaires clés) ou prévoyez ce qu'elle coûte "
            "(bloc Structure de coûts)."
        )
        constats += [f"« {r.texte} » est indispensable mais pas encore détenue : {remede}" for r in self.a_obtenir()]
        secondaires = [r.texte for r in self._elements if not r.critique]
        if secondaires:
            constats.append(
                f"{len(secondaires)} ressource(s) utile(s) mais non indispensable(s) restent hors du canevas : "
                + ", ".join(f"« {t} »" for t in secondaires) + "."
            )
        return constats

    def tableau(self) -> pd.DataFrame:
        familles = categories(self.vue)
        return pd.DataFrame(
            [{"texte": r.texte, "categorie": r.categorie, "famille": familles[r.categorie].titre,
              "critique": r.critique, "detenue": r.detenue} for r in self._elements],
            columns=["texte", "categorie", "famille", "critique", "detenue"],
        )

    # -- canvas --------------------------------------------------------------
    def notes_de_canevas(self) -> list[str]:
        """Les notes du bloc « Ressources clés » : les ressources indispensables, marquées si à obtenir."""
        return [r.texte if r.detenue else f"{r.texte} (à obtenir)" for r in self.cles()]

    def vers_canevas(self, canevas: Canevas) -> list[str]:
        """Verse les ressources indispensables dans le bloc du canevas ; renvoie les identifiants ajoutés."""
        return _blocs.verser(canevas, "ressources_cles", self.notes_de_canevas())


def exemple_inventaire(nom: str = "cafe") -> InventaireRessources:
    """Inventaires du cours : « cafe » (le café-librairie) ou « consultante » (Léa, une personne)."""
    exemples = {
        "cafe": ("organisation", "Café-librairie du quartier", [
            ("Local bien situé près de l'université", "physiques", True, True),
            ("Machine à espresso professionnelle", "physiques", True, True),
            ("Fonds de livres d'occasion", "intellectuelles", True, True),
            ("Animateur d'ateliers pour enfants", "humaines", True, False),
            ("Baristas formés", "humaines", True, True),
            ("Trésorerie pour trois mois de loyer", "financieres", True, False),
            ("Camionnette", "physiques", False, True),
        ]),
        "consultante": ("personnel", "Léa, consultante en données", [
            ("Aime rendre les chiffres lisibles", "centres_d_interet", True, True),
            ("Statistique et visualisation", "competences", True, True),
            ("Animation d'ateliers", "competences", True, False),
            ("Patience et goût de la pédagogie", "personnalite", True, True),
            ("Réseau d'anciens collègues en PME", "actifs", True, True),
            ("Épargne de six mois", "actifs", True, True),
            ("Permis bateau", "competences", False, True),
        ]),
    }
    if nom not in exemples:
        raise SaisieInvalide(f"Exemple inconnu : « {nom} ». Exemples possibles : {', '.join(exemples)}.")
    vue, titre, lignes = exemples[nom]
    inventaire = InventaireRessources(vue, titre)
    for texte, categorie, critique, detenue in lignes:
        inventaire.ajouter(texte, categorie, critique, detenue)
    return inventaire


def tableau_des_familles(vue: str = "organisation") -> pd.DataFrame:
    """Les quatre familles d'une vue : intitulé, définition, exemples."""
    return pd.DataFrame(
        [{"famille": c.cle, "titre": c.titre, "definition": c.definition, "exemples": c.exemples}
         for c in categories(vue).values()]
    ).set_index("famille")
