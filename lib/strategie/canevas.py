"""Le Business Model Canvas : blocs, notes, liens, vérifications, sauvegarde JSON.

Un ``Canevas`` contient des notes posées dans les neuf blocs. Une note peut
être liée à d'autres (par exemple une proposition de valeur au segment
qu'elle sert). Le canevas se décrit pour une organisation ou pour une
personne (« Business Model You ») : seuls les intitulés changent.

Le fichier JSON porte un format et une version ; le charger ne le modifie
jamais, l'enregistrer est atomique (jamais de fichier à moitié écrit).
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from strategie._fichiers import ecrire_json_atomique, lire_json, verifier_format
from strategie.erreurs import FichierInvalide, SaisieInvalide
from strategie.texte import simplifier

FORMAT = "strategie.canevas"
VERSION = 1
TEXTE_MAX = 300
VUES = ("organisation", "personnel")
FICHIER_PAR_DEFAUT = "mon-canevas.json"


@dataclass(frozen=True)
class Bloc:
    """Un des neuf blocs, avec ses intitulés pour une organisation et pour une personne."""

    cle: str
    titre: str
    titre_personnel: str
    question: str
    question_personnelle: str
    # Position dans la disposition classique : une grille 10 × 3 (colonne, ligne, largeur, hauteur).
    colonne: int
    ligne: int
    largeur: int
    hauteur: int
    alias: tuple[str, ...] = ()

    def intitule(self, vue: str = "organisation") -> str:
        return self.titre_personnel if vue == "personnel" else self.titre


# Intitulés pour une personne d'après la source 000 (la série « Business Model You »), dans nos mots.
BLOCS: dict[str, Bloc] = {
    b.cle: b
    for b in (
        Bloc("partenaires_cles", "Partenaires clés", "Partenaires clés : qui vous aide",
             "Quels partenaires et fournisseurs nous aident, et que nous apportent-ils ?",
             "Qui vous soutient, vous conseille, vous ouvre des portes ?",
             0, 0, 2, 2, ("partenaires", "partenaire", "partenariats", "partenariats cles")),
        Bloc("activites_cles", "Activités clés", "Activités clés : ce que vous faites",
             "Quelles activités indispensables créent et livrent notre proposition de valeur ?",
             "Quelles activités, qui vous démarquent, accomplissez-vous pour vos clients ?",
             2, 0, 2, 1, ("activites", "activite", "processus cles")),
        Bloc("ressources_cles", "Ressources clés", "Ressources clés : vous et les moyens dont vous disposez",
             "Quelles ressources physiques, intellectuelles, humaines, financières sont indispensables ?",
             "Vos centres d'intérêt, compétences et capacités, personnalité, actifs : qu'avez-vous ?",
             2, 1, 2, 1, ("ressources", "ressource")),
        Bloc("proposition_de_valeur", "Proposition de valeur", "Valeur apportée : votre contribution",
             "Quel problème résolvons-nous, quel besoin satisfaisons-nous, pour quels clients ?",
             "Comment aidez-vous vos clients à accomplir leur travail ?",
             4, 0, 2, 2, ("proposition", "propositions", "valeur", "valeur apportee", "propositions de valeur")),
        Bloc("relation_client", "Relation client", "Relations avec le client : comment vous interagissez",
             "Quel type de relation chaque segment attend-il de nous ?",
             "Comment entrez-vous en contact et restez-vous en relation avec vos clients ?",
             6, 0, 2, 1, ("relation", "relations", "relations clients", "relations avec le client")),
        Bloc("canaux", "Canaux", "Canaux : comment vous diffusez votre offre",
             "Par quels canaux atteignons-nous nos segments, de la découverte à l'après-vente ?",
             "Comment vos clients potentiels vous découvrent-ils, achètent-ils et reçoivent-ils votre aide ?",
             6, 1, 2, 1, ("canal", "canaux de distribution")),
        Bloc("segments_clients", "Segments de clients", "Clients : qui vous aidez",
             "Pour qui créons-nous de la valeur ? Qui sont nos clients les plus importants ?",
             "Qui aidez-vous ? Qui compte sur vous, qui paie pour votre travail ?",
             8, 0, 2, 2, ("segments", "segment", "clients", "client", "segments de clientele")),
        Bloc("structure_de_couts", "Structure de coûts", "Coûts : ce que vous donnez",
             "Quels sont les coûts les plus importants de notre modèle ?",
             "Que donnez-vous : temps, énergie, argent, et coûts immatériels comme le stress ?",
             0, 2, 5, 1, ("couts", "cout", "structure de cout")),
        Bloc("flux_de_revenus", "Flux de revenus", "Revenus : ce que vous recevez",
             "Pour quelle valeur nos clients sont-ils prêts à payer, et comment ?",
             "Que recevez-vous : salaire, honoraires, et bénéfices immatériels comme la satisfaction ?",
             5, 2, 5, 1, ("revenus", "revenu", "sources de revenus", "flux de revenu")),
    )
}

# Les quatre piliers de la démarche personnelle (source 000).
PILIERS = {
    "modelisation": "Modélisation : apprendre à décrire et analyser un modèle économique avec la matrice.",
    "reflexion": "Réflexion : revoir ses choix et explorer des pistes qui accordent aspirations personnelles et professionnelles.",
    "reinvention": "Réinvention : rectifier ou réinventer sa vie professionnelle à l'aide de la matrice.",
    "action": "Action : mettre en œuvre le nouveau modèle.",
}


def tableau_des_blocs():
    """Les neuf blocs, leur intitulé pour une organisation et pour une personne (tableau pandas)."""
    import pandas as pd

    return pd.DataFrame(
        [{"bloc": b.cle, "organisation": b.titre, "personne": b.titre_personnel, "question": b.question}
         for b in BLOCS.values()]
    ).set_index("bloc")


_ALIAS: dict[str, str] = {}
for _bloc in BLOCS.values():
    for _nom in (_bloc.cle, _bloc.titre, _bloc.titre_personnel, _bloc.titre_personnel.split(":")[0], *_bloc.alias):
        _ALIAS[simplifier(_nom)] = _bloc.cle


def cle_de_bloc(nom: object) -> str:
    """Renvoie la clé d'un bloc à partir de sa clé, de son titre ou d'un alias courant.

    >>> cle_de_bloc("Segments de clients")
    'segments_clients'
    >>> cle_de_bloc("activités")
    'activites_cles'
    """
    if not isinstance(nom, str):
        raise SaisieInvalide(
            f"Le bloc doit être donné par son nom, en texte (reçu : {type(nom).__name__}). "
            f"Blocs possibles : {', '.join(BLOCS)}."
        )
    cle = _ALIAS.get(simplifier(nom))
    if cle is None:
        proches = difflib.get_close_matches(simplifier(nom), list(_ALIAS), n=1, cutoff=0.6)
        suggestion = f" Vouliez-vous dire « {_ALIAS[proches[0]]} » ?" if proches else ""
        raise SaisieInvalide(
            f"Bloc inconnu : « {nom} ».{suggestion} Blocs possibles : {', '.join(BLOCS)}."
        )
    return cle


def _texte_valide(texte: object, quoi: str = "Le texte d'une note") -> str:
    if not isinstance(texte, str):
        raise SaisieInvalide(f"{quoi} doit être une chaîne de caractères (reçu : {type(texte).__name__}).")
    propre = " ".join(texte.split())
    if not propre:
        raise SaisieInvalide(f"{quoi} est vide : écrivez quelques mots.")
    if len(propre) > TEXTE_MAX:
        raise SaisieInvalide(
            f"{quoi} est trop long ({len(propre)} caractères, {TEXTE_MAX} au plus) : "
            "une note tient en une idée ; découpez-la en plusieurs notes."
        )
    return propre


@dataclass
class Note:
    """Une note posée dans un bloc. ``liens`` : identifiants des notes qu'elle sert ou qui la servent."""

    id: str
    bloc: str
    texte: str
    liens: list[str] = field(default_factory=list)


class Canevas:
    """Un Business Model Canvas, pour une organisation ou pour une personne.

    >>> c = Canevas("Café du coin")
    >>> seg = c.ajouter("segments_clients", "Étudiants du quartier")
    >>> pv = c.ajouter("proposition_de_valeur", "Café bon marché et wifi", liens=[seg.id])
    >>> [n.texte for n in c.notes_du_bloc("segments")]
    ['Étudiants du quartier']
    """

    def __init__(self, nom: str = "Mon canevas", vue: str = "organisation") -> None:
        self.nom = _texte_valide(nom, "Le nom du canevas")
        self.vue = self._vue_valide(vue)
        self._notes: dict[str, Note] = {}
        self._compteur = 0

    # -- reading -----------------------------------------------------------
    @staticmethod
    def _vue_valide(vue: object) -> str:
        if vue not in VUES:
            raise SaisieInvalide(f"La vue doit être « organisation » ou « personnel » (reçu : {vue!r}).")
        return vue  # type: ignore[return-value]

    @property
    def notes(self) -> list[Note]:
        return list(self._notes.values())

    def __len__(self) -> int:
        return len(self._notes)

    def __iter__(self) -> Iterator[Note]:
        return iter(self.notes)

    def note(self, id_note: str) -> Note:
        try:
            return self._notes[id_note]
        except (KeyError, TypeError):
            raise SaisieInvalide(
                f"Aucune note n'a l'identifiant {id_note!r} dans ce canevas. "
                "Les identifiants sont affichés par c.tableau() ou renvoyés par c.ajouter(...)."
            ) from None

    def notes_du_bloc(self, bloc: str) -> list[Note]:
        cle = cle_de_bloc(bloc)
        return [n for n in self._notes.values() if n.bloc == cle]

    def textes(self, bloc: str) -> list[str]:
        """Les textes des notes d'un bloc, dans l'ordre où elles ont été ajoutées."""
        return [n.texte for n in self.notes_du_bloc(bloc)]

    def liees(self, id_note: str, bloc: str | None = None) -> list[Note]:
        """Les notes liées à une note (dans les deux sens), éventuellement d'un seul bloc."""
        note = self.note(id_note)
        ids = set(note.liens) | {n.id for n in self._notes.values() if id_note in n.liens}
        cle = cle_de_bloc(bloc) if bloc is not None else None
        return [n for n in self._notes.values() if n.id in ids and (cle is None or n.bloc == cle)]

    def numeros(self) -> dict[str, int]:
        """Le numéro de chaque note (1, 2, 3…) dans l'ordre de lecture du canevas : les blocs de
        gauche à droite (de haut en bas dans une colonne), puis la ligne du bas ; dans un bloc,
        l'ordre des notes.

        La figure et la page HTML du canevas désignent les notes liées par ces numéros.
        """
        ordre = [n.id for cle in BLOCS for n in self._notes.values() if n.bloc == cle]
        return {id_note: position for position, id_note in enumerate(ordre, start=1)}

    def paires_liees(self) -> list[tuple[Note, Note]]:
        """Chaque lien une seule fois, comme une paire de notes (la première dans l'ordre de lecture)."""
        numeros = self.numeros()
        paires = {
            tuple(sorted((note.id, id_lie), key=numeros.__getitem__))
            for note in self._notes.values() for id_lie in note.liens if id_lie in self._notes
        }
        return [(self._notes[a], self._notes[b])
                for a, b in sorted(paires, key=lambda p: (numeros[p[0]], numeros[p[1]]))]

    def blocs_vides(self) -> list[str]:
        occupes = {n.bloc for n in self._notes.values()}
        return [cle for cle in BLOCS if cle not in occupes]

    def intitule(self, bloc: str) -> str:
        return BLOCS[cle_de_bloc(bloc)].intitule(self.vue)

    # -- editing -----------------------------------------------------------
    def _nouvel_id(self) -> str:
        self._compteur += 1
        while f"n{self._compteur}" in self._notes:
            self._compteur += 1
        return f"n{self._compteur}"

    def ajouter(self, bloc: str, texte: str, liens: Iterable[str] = ()) -> Note:
        """Ajoute une note à un bloc et la renvoie. Refuse un doublon dans le même bloc."""
        cle = cle_de_bloc(bloc)
        propre = _texte_valide(texte)
        if any(simplifier(n.texte) == simplifier(propre) for n in self.notes_du_bloc(cle)):
            raise SaisieInvalide(f"Le bloc « {BLOCS[cle].titre} » contient déjà la note « {propre} ».")
        liens = self._liens_valides(liens)
        note = Note(self._nouvel_id(), cle, propre, liens)
        self._notes[note.id] = note
        return note

    def _liens_valides(self, liens: Iterable[str], soi: str | None = None) -> list[str]:
        if isinstance(liens, str):
            liens = [liens]
        resultat = []
        for id_lie in liens:
            self.note(id_lie)
            if id_lie == soi:
                raise SaisieInvalide("Une note ne peut pas être liée à elle-même.")
            if id_lie not in resultat:
                resultat.append(id_lie)
        return resultat

    def modifier(self, id_note: str, texte: str | None = None, bloc: str | None = None) -> Note:
        """Change le texte et/ou le bloc d'une note existante."""
        note = self.note(id_note)
        nouveau_texte = _texte_valide(texte) if texte is not None else note.texte
        nouveau_bloc = cle_de_bloc(bloc) if bloc is not None else note.bloc
        for autre in self.notes_du_bloc(nouveau_bloc):
            if autre.id != note.id and simplifier(autre.texte) == simplifier(nouveau_texte):
                raise SaisieInvalide(
                    f"Le bloc « {BLOCS[nouveau_bloc].titre} » contient déjà la note « {nouveau_texte} »."
                )
        note.texte, note.bloc = nouveau_texte, nouveau_bloc
        return note

    def retirer(self, id_note: str) -> Note:
        """Retire une note et les liens qui pointaient vers elle."""
        note = self.note(id_note)
        del self._notes[id_note]
        for autre in self._notes.values():
            if id_note in autre.liens:
                autre.liens.remove(id_note)
        return note

    def lier(self, id_a: str, id_b: str) -> None:
        """Lie deux notes (par exemple une proposition de valeur et le segment qu'elle sert)."""
        note = self.note(id_a)
        self.note(id_b)
        if id_a == id_b:
            raise SaisieInvalide("Une note ne peut pas être liée à elle-même.")
        if id_b not in note.liens and id_a not in self._notes[id_b].liens:
            note.liens.append(id_b)

    def delier(self, id_a: str, id_b: str) -> None:
        for x, y in ((id_a, id_b), (id_b, id_a)):
            if y in self.note(x).liens:
                self.note(x).liens.remove(y)

    # -- checks ------------------------------------------------------------
    def verifier(self) -> list[str]:
        """Constats simples en français : blocs vides, liens cassés. (Cohérence fine : module 11.)"""
        constats = [
            f"Le bloc « {BLOCS[cle].intitule(self.vue)} » est vide." for cle in self.blocs_vides()
        ]
        for note in self._notes.values():
            for id_lie in note.liens:
                if id_lie not in self._notes:
                    constats.append(f"La note « {note.texte} » pointe vers une note disparue ({id_lie}).")
        return constats

    # -- tableaux et fichiers --------------------------------------------------
    def tableau(self):
        """Les notes sous forme de tableau pandas (id, bloc, intitulé, texte, liens)."""
        import pandas as pd

        return pd.DataFrame(
            [
                {"id": n.id, "bloc": n.bloc, "intitule": self.intitule(n.bloc), "texte": n.texte,
                 "liens": ", ".join(n.liens)}
                for n in self._notes.values()
            ],
            columns=["id", "bloc", "intitule", "texte", "liens"],
        )

    def vers_dict(self) -> dict:
        return {
            "format": FORMAT,
            "version": VERSION,
            "nom": self.nom,
            "vue": self.vue,
            "notes": [
                {"id": n.id, "bloc": n.bloc, "texte": n.texte, "liens": list(n.liens)}
                for n in self._notes.values()
            ],
        }

    @classmethod
    def depuis_dict(cls, donnees: object) -> "Canevas":
        """Reconstruit un canevas ; lève ``FichierInvalide`` si les données ne conviennent pas."""
        verifier_format(donnees, FORMAT, VERSION, "un canevas du cours", "l'éditeur de canevas")
        try:
            canevas = cls(donnees.get("nom", "Mon canevas"), donnees.get("vue", "organisation"))
            notes = donnees.get("notes", [])
            if not isinstance(notes, list):
                raise SaisieInvalide("le champ « notes » doit être une liste")
            for position, brute in enumerate(notes, start=1):
                if not isinstance(brute, dict):
                    raise SaisieInvalide(f"la note n° {position} n'est pas un objet JSON")
                id_note = brute.get("id")
                if not isinstance(id_note, str) or not id_note or id_note in canevas._notes:
                    raise SaisieInvalide(f"la note n° {position} a un identifiant absent ou en double")
                canevas._notes[id_note] = Note(id_note, cle_de_bloc(brute.get("bloc")), _texte_valide(brute.get("texte")))
            for position, brute in enumerate(notes, start=1):
                liens = brute.get("liens", [])
                if not isinstance(liens, list):
                    raise SaisieInvalide(f"les liens de la note n° {position} doivent être une liste")
                canevas._notes[brute["id"]].liens = canevas._liens_valides(liens, soi=brute["id"])
        except SaisieInvalide as exc:
            raise FichierInvalide(f"Le canevas est abîmé : {exc}") from None
        canevas._compteur = len(canevas._notes)
        return canevas

    def enregistrer(self, chemin: str | os.PathLike = FICHIER_PAR_DEFAUT) -> Path:
        """Enregistre en JSON, de façon atomique : l'ancien fichier reste intact jusqu'au bout."""
        return ecrire_json_atomique(self.vers_dict(), chemin, FICHIER_PAR_DEFAUT)

    @classmethod
    def charger(cls, chemin: str | os.PathLike = FICHIER_PAR_DEFAUT) -> "Canevas":
        """Lit un canevas enregistré ; le fichier n'est jamais modifié."""
        return cls.depuis_dict(lire_json(chemin, "votre canevas"))

    def __repr__(self) -> str:
        return f"Canevas({self.nom!r}, vue={self.vue!r}, {len(self)} notes)"


def ouvrir(chemin: str | os.PathLike = FICHIER_PAR_DEFAUT, nom: str = "Mon canevas", vue: str = "organisation") -> Canevas:
    """Ouvre le canevas de l'apprenant s'il existe, sinon en crée un nouveau (non enregistré)."""
    if Path(chemin).exists():
        return Canevas.charger(chemin)
    return Canevas(nom, vue)


def exemple(nom: str = "cafe") -> Canevas:
    """Canevas d'exemple du cours : « cafe » (une organisation) ou « consultante » (une personne)."""
    exemples = {
        "cafe": ("Café-librairie du quartier", "organisation", [
            ("segments_clients", "Étudiants qui travaillent en journée"),
            ("segments_clients", "Familles du quartier le week-end"),
            ("proposition_de_valeur", "Un lieu calme avec wifi et café à prix étudiant", [1]),
            ("proposition_de_valeur", "Ateliers lecture pour enfants", [2]),
            ("canaux", "Le comptoir et la vitrine", [1, 2]),
            ("canaux", "Compte Instagram du café", [1]),
            ("relation_client", "Carte de fidélité", [1]),
            ("relation_client", "Animateur qui connaît les familles", [2]),
            ("flux_de_revenus", "Boissons et pâtisseries", [1]),
            ("flux_de_revenus", "Inscriptions aux ateliers", [2]),
            ("ressources_cles", "Local bien situé"),
            ("ressources_cles", "Fonds de livres d'occasion"),
            ("activites_cles", "Préparer les boissons"),
            ("activites_cles", "Animer les ateliers"),
            ("partenaires_cles", "Torréfacteur local"),
            ("partenaires_cles", "Bibliothèque municipale"),
            ("structure_de_couts", "Loyer"),
            ("structure_de_couts", "Salaires"),
        ]),
        "consultante": ("Léa, consultante en données", "personnel", [
            ("segments_clients", "PME qui veulent piloter par les chiffres"),
            ("proposition_de_valeur", "Des tableaux de bord simples que l'équipe comprend", [1]),
            ("canaux", "Recommandations d'anciens clients", [1]),
            ("canaux", "Conférences locales", [1]),
            ("relation_client", "Accompagnement personnel sur trois mois", [1]),
            ("flux_de_revenus", "Honoraires par mission", [1]),
            ("flux_de_revenus", "Satisfaction d'être utile", [1]),
            ("ressources_cles", "Compétences en statistique"),
            ("ressources_cles", "Patience et pédagogie"),
            ("activites_cles", "Construire les tableaux de bord"),
            ("activites_cles", "Former les équipes"),
            ("partenaires_cles", "Un expert-comptable qui la recommande"),
            ("structure_de_couts", "Temps de prospection non payé"),
            ("structure_de_couts", "Stress des fins de mission"),
        ]),
    }
    if nom not in exemples:
        raise SaisieInvalide(f"Exemple inconnu : « {nom} ». Exemples possibles : {', '.join(exemples)}.")
    titre, vue, lignes = exemples[nom]
    canevas = Canevas(titre, vue)
    ids = []
    for ligne in lignes:
        bloc, texte, *liens = ligne
        ids.append(canevas.ajouter(bloc, texte, [ids[i - 1] for i in (liens[0] if liens else [])]).id)
    return canevas
