"""Activités clés : faire, vendre, résoudre des problèmes, soutenir ; ne garder que ce qui démarque.

Les activités clés sont les actions, physiques ou intellectuelles, accomplies
pour les clients : celles sans lesquelles la valeur apportée ne serait ni
créée ni livrée. La série « Business Model You » de Martin Gysler (« Les
activités-clés », 2015) les range en quatre catégories, demande de ne noter
que celles qui vous distinguent, quelle que soit leur catégorie, et avertit :
une activité clé au coût immatériel très élevé (stress, fatigue) révèle
souvent une inadéquation entre vos ressources clés et vos activités.

>>> liste = ListeActivites("Léa")
>>> _ = liste.ajouter("Construire les tableaux de bord", "faire", cout_immateriel=3)
>>> _ = liste.ajouter("Prospecter au téléphone", "vendre", cout_immateriel=9)
>>> _ = liste.ajouter("Tenir la comptabilité", "soutenir", demarque=False)
>>> [a.texte for a in liste.cles()]
['Construire les tableaux de bord', 'Prospecter au téléphone']
>>> [a.texte for a in liste.signaux()]
['Prospecter au téléphone']
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from strategie import _blocs
from strategie.canevas import Canevas
from strategie.erreurs import SaisieInvalide

SEUIL_COUT_IMMATERIEL = 7
COUT_MAX = 10


@dataclass(frozen=True)
class Categorie:
    cle: str
    titre: str
    definition: str
    exemples: str


# Les quatre catégories de la série de Gysler, dans nos mots.
CATEGORIES: dict[str, Categorie] = {
    c.cle: c
    for c in (
        Categorie("faire", "Faire",
                  "Produire l'offre : fabriquer, concevoir, développer, délivrer un service. Pour un service, "
                  "la préparation de la prestation compte autant que la prestation elle-même.",
                  "torréfier le café, préparer et animer une formation, coder une application"),
        Categorie("vendre", "Vendre",
                  "Faire connaître l'offre et sa valeur : promouvoir, démarcher, mener des campagnes, "
                  "sensibiliser ou former les clients à ce que l'offre leur apporte.",
                  "appels commerciaux, campagne de publicité, conférence de présentation"),
        Categorie("resoudre", "Résoudre des problèmes",
                  "Mettre au point des solutions nouvelles aux problèmes des clients.",
                  "diagnostiquer une panne inédite, concevoir une méthode sur mesure, prototyper"),
        Categorie("soutenir", "Soutenir",
                  "Faire tourner la structure sans être directement « faire » ni « vendre » : recruter, "
                  "tenir la comptabilité, gérer l'administration.",
                  "recrutement, comptabilité, facturation, informatique interne"),
    )
}

# Les dix points à retenir (Gysler, 2015), reformulés.
DIX_POINTS: tuple[str, ...] = (
    "Une activité clé est une action, physique ou intellectuelle, accomplie pour les clients.",
    "Ce sont les actions sans lesquelles la valeur apportée ne serait ni créée ni livrée.",
    "Pensez votre travail en valeur apportée, pas en liste de tâches.",
    "Faire : fabriquer, concevoir, développer, délivrer un service (et le préparer).",
    "Vendre : faire connaître l'offre, la promouvoir, former les clients à sa valeur.",
    "Résoudre des problèmes : mettre au point de nouvelles solutions aux problèmes des clients.",
    "Soutenir : ce qui fait fonctionner la structure sans être « faire » ni « vendre ».",
    "Ne notez que les activités qui vous distinguent des autres.",
    "Ne confondez pas une activité clé avec la valeur qu'elle apporte.",
    "Une activité clé au coût immatériel très élevé signale souvent que vos ressources clés ne lui conviennent pas.",
)


@dataclass(frozen=True)
class Question:
    numero: int
    cle: str
    texte: str


# Les huit questions de revue (Gysler, 2015), reformulées.
QUESTIONS_REVUE: tuple[Question, ...] = (
    Question(1, "capacites_inexploitees", "Une de vos capacités ou compétences reste-t-elle inutilisée ou trop peu utilisée ?"),
    Question(2, "alleger", "Pourriez-vous alléger ou changer les activités nécessaires pour servir vos clients ?"),
    Question(3, "confier_au_client", "Vos clients pourraient-ils assurer eux-mêmes l'une de vos activités clés ?"),
    Question(4, "recentrer", "Pourriez-vous redéfinir ou repositionner vos activités pour viser l'essentiel de la valeur apportée ?"),
    Question(5, "activites_ou_taches", "Le client confond-il vos activités clés et les tâches à accomplir ? Et vous ?"),
    Question(6, "fidelisation", "Si votre priorité est de fidéliser, une de vos activités mesure-t-elle la satisfaction des clients ?"),
    Question(7, "acquisition", "Si votre priorité est d'acquérir des clients, faut-il ajouter ou renforcer des activités de vente ou de marketing ?"),
    Question(8, "supprimer", "Certaines activités pourraient-elles être réduites ou supprimées sans nuire à la valeur apportée ?"),
)

OBJECTIFS = {
    "aucun": "Pas de priorité particulière",
    "fidelisation": "Fidéliser les clients actuels",
    "acquisition": "Acquérir de nouveaux clients",
}
# Mots qui montrent qu'une activité écoute les clients (question 6).
_MOTS_SATISFACTION = ("satisf", "avis", "enquete", "sondage", "suivi", "fidel", "retour", "ecoute", "reclamation",
                      "appel de suivi", "nps")


@dataclass
class Activite:
    """Une activité : texte, catégorie, démarque ou non, coût immatériel (0 à 10), ressources mobilisées."""

    texte: str
    categorie: str
    demarque: bool = True
    cout_immateriel: int = 0
    ressources: tuple[str, ...] = field(default_factory=tuple)

    @property
    def titre_categorie(self) -> str:
        return CATEGORIES[self.categorie].titre


class ListeActivites(_blocs.Collection):
    """Les activités d'un modèle (organisation ou personne), leur tri et leur revue.

    ``seuil`` : coût immatériel (sur 10) à partir duquel une activité est
    signalée comme un possible désaccord entre ressources et activités.
    """

    def __init__(self, nom: str = "Mes activités", seuil: int = SEUIL_COUT_IMMATERIEL) -> None:
        self.nom = _blocs.texte(nom, "Le nom de la liste")
        self.seuil = int(_blocs.nombre(seuil, "Le seuil d'alerte (seuil)", 1, COUT_MAX, entier=True))
        super().__init__()

    @property
    def activites(self) -> list[Activite]:
        return list(self._elements)

    def ajouter(self, texte: str, categorie: str, demarque: bool = True, cout_immateriel: int = 0,
                ressources: tuple[str, ...] | list[str] = ()) -> Activite:
        """Ajoute une activité ; refuse un texte vide, un doublon, une catégorie inconnue, un coût hors de 0 à 10."""
        propre = _blocs.texte(texte, "Le texte de l'activité")
        cle = _blocs.choix(categorie, CATEGORIES, "La catégorie d'activité")
        if not isinstance(demarque, bool):
            raise SaisieInvalide(f"Le paramètre « demarque » doit valoir True ou False (reçu : {demarque!r}).")
        cout = int(_blocs.nombre(cout_immateriel, "Le coût immatériel (cout_immateriel, de 0 à 10)", 0, COUT_MAX,
                                 entier=True))
        if isinstance(ressources, str):
            ressources = [ressources]
        liees = tuple(dict.fromkeys(_blocs.texte(r, "Une ressource mobilisée") for r in ressources))
        if self._trouver(propre):
            raise SaisieInvalide(f"La liste contient déjà l'activité « {propre} ».")
        activite = Activite(propre, cle, demarque, cout, liees)
        self._elements.append(activite)
        return activite

    def retirer(self, texte: str) -> Activite:
        return self._retirer(texte, "Le texte de l'activité", f"Aucune activité « {texte} » dans la liste.")

    # -- sorting -------------------------------------------------------------
    def cles(self) -> list[Activite]:
        """Les activités qui vous démarquent : les seules qui vont dans le canevas."""
        return [a for a in self._elements if a.demarque]

    def ecartees(self) -> list[Activite]:
        """Les activités génériques : utiles, mais leur place est dans une liste de tâches, pas dans le canevas."""
        return [a for a in self._elements if not a.demarque]

    def repartition(self) -> pd.Series:
        """Nombre d'activités clés (qui démarquent) par catégorie, les quatre catégories toujours présentes."""
        comptes = pd.Series(0, index=list(CATEGORIES), name="activites", dtype=int)
        for a in self.cles():
            comptes[a.categorie] += 1
        return comptes

    def signaux(self) -> list[Activite]:
        """Les activités dont le coût immatériel atteint le seuil, de la plus coûteuse à la moins coûteuse."""
        return sorted((a for a in self._elements if a.cout_immateriel >= self.seuil),
                      key=lambda a: -a.cout_immateriel)

    def alertes(self) -> list[str]:
        """Un message par activité signalée : coût immatériel élevé, signe possible d'inadéquation."""
        messages = []
        for a in self.signaux():
            appui = (f"elle s'appuie sur : {', '.join(a.ressources)} ; ces ressources suffisent-elles ?"
                     if a.ressources else "aucune ressource clé n'y est rattachée")
            messages.append(
                f"« {a.texte} » coûte {a.cout_immateriel}/10 en stress ou en énergie ({appui}). "
                "Un coût immatériel aussi élevé révèle souvent une inadéquation entre vos ressources clés "
                "et cette activité : renforcez la ressource qui manque, confiez l'activité à un partenaire, "
                "ou revoyez-la."
            )
        return messages

    # -- review ----------------------------------------------------------------
    def revue(self, objectif: str = "aucun", ressources: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
        """Les huit questions de revue, chacune avec ce que la liste permet d'en dire.

        ``objectif`` : « aucun », « fidelisation » ou « acquisition ».
        ``ressources`` : vos ressources clés (textes), pour repérer celles
        qu'aucune activité ne mobilise (question 1).
        Colonnes : ``numero``, ``question``, ``constat``, ``a_examiner``
        (vrai quand la liste montre quelque chose à revoir).
        """
        objectif = _blocs.choix(objectif, OBJECTIFS, "L'objectif")
        if isinstance(ressources, str):
            ressources = [ressources]
        ressources = [_blocs.texte(r, "Une ressource clé") for r in ressources]
        cles = self.cles()
        constats = {q.cle: self._constat(q.cle, objectif, ressources, cles) for q in QUESTIONS_REVUE}
        return pd.DataFrame(
            [{"numero": q.numero, "question": q.texte, "constat": constats[q.cle][0], "a_examiner": constats[q.cle][1]}
             for q in QUESTIONS_REVUE],
            columns=["numero", "question", "constat", "a_examiner"],
        )

    def _constat(self, cle: str, objectif: str, ressources: list[str], cles: list[Activite]) -> tuple[str, bool]:
        def citer(activites) -> str:
            return ", ".join(f"« {a.texte} »" for a in activites)

        if cle == "capacites_inexploitees":
            if not ressources:
                return "Donnez vos ressources clés pour repérer celles qu'aucune activité ne mobilise.", False
            mobilisees = {_blocs.simplifier(r) for a in self._elements for r in a.ressources}
            oubliees = [r for r in ressources if _blocs.simplifier(r) not in mobilisees]
            if oubliees:
                return f"Aucune activité ne mobilise : {', '.join(oubliees)}.", True
            return "Chacune de vos ressources clés sert au moins une activité.", False
        if cle == "alleger":
            lourdes = self.signaux()
            if lourdes:
                return f"À alléger en priorité (coût immatériel ≥ {self.seuil}/10) : {citer(lourdes)}.", True
            return f"Aucune activité n'atteint {self.seuil}/10 de coût immatériel.", False
        if cle == "confier_au_client":
            candidates = [a for a in self._elements if a.categorie == "faire" and not a.demarque]
            if candidates:
                return f"Étapes génériques que le client pourrait faire lui-même (libre-service) : {citer(candidates)}.", True
            return ("À vous de juger : parmi vos activités « faire », laquelle le client ferait-il volontiers "
                    "lui-même (libre-service, préparation, saisie de ses données) ?"), False
        if cle == "recentrer":
            soutien = [a for a in cles if a.categorie == "soutenir"]
            if soutien:
                return (f"{len(soutien)} activité(s) retenue(s) relèvent du soutien ({citer(soutien)}) : "
                        "gardez-les si elles vous démarquent vraiment ; sinon, recentrez le bloc sur ce qui "
                        "porte la valeur apportée.", True)
            return ("Aucune activité de soutien parmi vos activités retenues : vérifiez que chacune sert "
                    "l'essentiel de la valeur apportée."), False
        if cle == "activites_ou_taches":
            return "Question à poser à vos clients : l'outil ne peut pas y répondre à votre place.", False
        if cle == "fidelisation":
            if objectif != "fidelisation":
                return "Sans objet tant que la fidélisation n'est pas votre priorité.", False
            ecoute = [a for a in self._elements if any(m in _blocs.simplifier(a.texte) for m in _MOTS_SATISFACTION)]
            if ecoute:
                return f"Oui : {citer(ecoute)}.", False
            return "Aucune activité ne mesure la satisfaction des clients : ajoutez-en une (enquête, appel de suivi…).", True
        if cle == "acquisition":
            if objectif != "acquisition":
                return "Sans objet tant que l'acquisition n'est pas votre priorité.", False
            vente = [a for a in cles if a.categorie == "vendre"]
            if vente:
                return f"Activités de vente retenues : {citer(vente)}. Suffisent-elles ?", False
            return "Aucune activité clé de vente : ajoutez ou développez une activité « vendre ».", True
        ecartees = self.ecartees()
        if ecartees:
            return f"Candidates, car elles ne vous démarquent pas : {citer(ecartees)}.", True
        return "Toutes vos activités vous démarquent : laquelle supprimeriez-vous sans perte de valeur ?", False

    # -- tableaux et canevas -----------------------------------------------------
    def tableau(self) -> pd.DataFrame:
        return pd.DataFrame(
            [{"texte": a.texte, "categorie": a.categorie, "demarque": a.demarque,
              "cout_immateriel": a.cout_immateriel, "ressources": ", ".join(a.ressources),
              "signal": a.cout_immateriel >= self.seuil} for a in self._elements],
            columns=["texte", "categorie", "demarque", "cout_immateriel", "ressources", "signal"],
        )

    def notes_de_canevas(self) -> list[str]:
        """Les notes du bloc « Activités clés » : seulement les activités qui démarquent."""
        return [a.texte for a in self.cles()]

    def vers_canevas(self, canevas: Canevas) -> list[str]:
        """Verse les activités qui démarquent dans le bloc du canevas ; renvoie les identifiants ajoutés."""
        return _blocs.verser(canevas, "activites_cles", self.notes_de_canevas())


def exemple_activites(nom: str = "consultante") -> ListeActivites:
    """Listes du cours : « consultante » (Léa, une personne) ou « cafe » (le café-librairie)."""
    exemples = {
        "consultante": ("Léa, consultante en données", [
            ("Construire des tableaux de bord sur mesure", "faire", True, 3, ("Statistique et visualisation",)),
            ("Former les équipes à lire leurs chiffres", "faire", True, 2, ("Patience et goût de la pédagogie",)),
            ("Diagnostiquer les données incohérentes d'un client", "resoudre", True, 4, ("Statistique et visualisation",)),
            ("Prospecter par téléphone", "vendre", True, 9, ()),
            ("Présenter sa méthode dans des conférences locales", "vendre", True, 5, ("Réseau d'anciens collègues en PME",)),
            ("Appel de suivi et de satisfaction un mois après chaque mission", "vendre", True, 2, ()),
            ("Tenir la comptabilité", "soutenir", False, 6, ()),
            ("Répondre aux courriels", "soutenir", False, 3, ()),
        ]),
        "cafe": ("Café-librairie du quartier", [
            ("Torréfier et préparer un café de qualité", "faire", True, 3, ("Machine à espresso professionnelle",)),
            ("Animer les ateliers lecture", "faire", True, 8, ()),
            ("Choisir les livres d'occasion", "faire", True, 2, ("Fonds de livres d'occasion",)),
            ("Publier le programme sur Instagram", "vendre", True, 4, ()),
            ("Passer les commandes de lait", "soutenir", False, 2, ()),
            ("Nettoyer la salle", "soutenir", False, 4, ()),
        ]),
    }
    if nom not in exemples:
        raise SaisieInvalide(f"Exemple inconnu : « {nom} ». Exemples possibles : {', '.join(exemples)}.")
    titre, lignes = exemples[nom]
    liste = ListeActivites(titre)
    for texte, categorie, demarque, cout, ressources in lignes:
        liste.ajouter(texte, categorie, demarque, cout, ressources)
    return liste


def tableau_des_categories() -> pd.DataFrame:
    """Les quatre catégories d'activités : intitulé, définition, exemples."""
    return pd.DataFrame(
        [{"categorie": c.cle, "titre": c.titre, "definition": c.definition, "exemples": c.exemples}
         for c in CATEGORIES.values()]
    ).set_index("categorie")
