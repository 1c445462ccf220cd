"""Proposition de valeur (« Valeur apportée : votre contribution ») et son canevas.

Le canevas de proposition de valeur met face à face :

* le **profil du client** (un segment) : ses *tâches* (ce qu'il cherche à
  accomplir), ses *problèmes* (ce qui le gêne ou l'inquiète) et ses *gains*
  attendus (ce qui le réjouirait), chacun avec une importance de 1 à 3 ;
* la **carte de la valeur** : vos *produits et services*, vos *réducteurs de
  problèmes* et vos *créateurs de gains*, chacun relié à ce qu'il sert
  (produit → tâche, réducteur → problème, créateur → gain).

L'adéquation est la part du profil, pondérée par l'importance, à laquelle la
carte répond ; l'outil dit aussi ce qui reste sans réponse et ce que vous
offrez sans que le client l'ait demandé.

>>> c = CanevasProposition("Cyclistes urbains", "Vélo en libre-service")
>>> _ = c.ajouter("problemes", "Peur du vol", importance=3)
>>> _ = c.ajouter("gains", "Faire du sport sans y penser", importance=1)
>>> _ = c.ajouter("reducteurs", "Stations surveillées", repond_a=["Peur du vol"])
>>> round(c.adequation().taux)
75
"""

from __future__ import annotations

from dataclasses import dataclass, field

from strategie import francais

import pandas as pd

from strategie import _blocs
from strategie._listes import cle_tolerante, meme_texte, notes_de_segments, textes
from strategie.canevas import Canevas
from strategie.erreurs import SaisieInvalide

GENRES: dict[str, str] = {
    "taches": "Tâches du client",
    "problemes": "Problèmes",
    "gains": "Gains attendus",
    "produits": "Produits et services",
    "reducteurs": "Réducteurs de problèmes",
    "createurs": "Créateurs de gains",
}
PROFIL = ("taches", "problemes", "gains")
CARTE = ("produits", "reducteurs", "createurs")
# À quoi répond chaque partie de la carte de valeur dans le profil client.
CIBLE = {"produits": "taches", "reducteurs": "problemes", "createurs": "gains"}
SOURCE = {profil: carte for carte, profil in CIBLE.items()}

DEFINITIONS: dict[str, str] = {
    "taches": "ce que le client cherche à accomplir : un travail concret, un besoin social ou émotionnel.",
    "problemes": "ce qui gêne le client avant, pendant ou après sa tâche : obstacles, risques, frustrations.",
    "gains": "les résultats et bénéfices que le client attend ou dont il rêve.",
    "produits": "ce que vous offrez : produits, services, et tout ce qui aide le client à accomplir ses tâches.",
    "reducteurs": "comment votre offre supprime ou atténue un problème précis du client.",
    "createurs": "comment votre offre produit un gain précis attendu par le client.",
}
IMPORTANCES = {1: "faible", 2: "moyenne", 3: "forte"}

_ALIAS = {
    "tache": "taches", "tâche": "taches", "jobs": "taches", "job": "taches", "travaux": "taches",
    "taches du client": "taches",
    "probleme": "problemes", "irritant": "problemes", "irritants": "problemes", "pains": "problemes",
    "pain": "problemes", "frustrations": "problemes",
    "gain": "gains", "gains attendus": "gains", "benefices": "gains",
    "produit": "produits", "service": "produits", "services": "produits", "produits et services": "produits",
    "offre": "produits",
    "reducteur": "reducteurs", "reducteur de probleme": "reducteurs", "reducteurs de problemes": "reducteurs",
    "pain relievers": "reducteurs", "pain reliever": "reducteurs",
    "createur": "createurs", "createur de gain": "createurs", "createurs de gains": "createurs",
    "gain creators": "createurs", "gain creator": "createurs",
}
SEUIL_BONNE = 75.0
SEUIL_PARTIELLE = 50.0


def genre_de(nom: object) -> str:
    """La clé d'une partie du canevas (« taches », « problemes »…), à partir d'un nom tolérant.

    >>> genre_de("Réducteurs de problèmes")
    'reducteurs'
    """
    return cle_tolerante(nom, GENRES, "La partie du canevas (genre)", _ALIAS)


@dataclass
class Element:
    """Un élément du canevas : dans le profil (avec une importance) ou dans la carte (avec ce qu'il sert)."""

    genre: str
    texte: str
    importance: int | None = None
    repond_a: list[str] = field(default_factory=list)


@dataclass
class Adequation:
    """Ce que la carte de la valeur couvre du profil du client, et ce qui reste sans réponse."""

    taux: float
    couverture: dict[str, float | None]
    sans_reponse: dict[str, list[str]]
    superflus: list[tuple[str, str]]
    verdict: str

    def __str__(self) -> str:
        lignes = [f"Adéquation : {francais.pourcent(self.taux)} — {self.verdict}"]
        for genre, restes in self.sans_reponse.items():
            if restes:
                lignes.append(f"  Sans réponse ({GENRES[genre].lower()}) : {', '.join(restes)}")
        if self.superflus:
            lignes.append("  Ne répond à rien : " + ", ".join(t for _, t in self.superflus))
        return "\n".join(lignes)


class CanevasProposition:
    """Le canevas de proposition de valeur d'un segment : profil du client face à la carte de la valeur."""

    def __init__(self, segment: str = "Mon segment", proposition: str = "Ma proposition de valeur") -> None:
        self.segment = _blocs.texte(segment, "Le nom du segment")
        self.proposition = _blocs.texte(proposition, "L'énoncé de la proposition de valeur")
        self._elements: dict[str, list[Element]] = {g: [] for g in GENRES}

    def __repr__(self) -> str:
        return f"CanevasProposition({self.segment!r}, {self.proposition!r}, {len(self)} éléments)"

    def __len__(self) -> int:
        return sum(len(v) for v in self._elements.values())

    # -- reading -----------------------------------------------------------
    def elements(self, genre: str | None = None) -> list[Element]:
        """Les éléments d'une partie (ou de toutes), dans l'ordre d'ajout."""
        if genre is None:
            return [e for g in GENRES for e in self._elements[g]]
        return list(self._elements[genre_de(genre)])

    def textes(self, genre: str) -> list[str]:
        return [e.texte for e in self.elements(genre)]

    def element(self, genre: str, texte: str) -> Element:
        cle = genre_de(genre)
        for e in self._elements[cle]:
            if isinstance(texte, str) and meme_texte(e.texte, texte):
                return e
        connus = ", ".join(f"« {e.texte} »" for e in self._elements[cle]) or "aucun pour l'instant"
        raise SaisieInvalide(f"Pas d'élément {texte!r} dans « {GENRES[cle]} ». Éléments présents : {connus}.")

    def repondu_par(self, genre: str, texte: str) -> list[str]:
        """Les éléments de la carte qui répondent à un élément du profil."""
        cible = self.element(genre, texte)
        return [e.texte for e in self._elements[SOURCE[cible.genre]] if cible.texte in e.repond_a] \
            if cible.genre in PROFIL else []

    # -- editing -----------------------------------------------------------
    def _cibles(self, genre: str, repond_a) -> list[str]:
        cible = CIBLE[genre]
        noms = textes(repond_a, "La liste de ce à quoi l'élément répond (repond_a)")
        resultat = []
        for nom in noms:
            trouve = next((e.texte for e in self._elements[cible] if meme_texte(e.texte, nom)), None)
            if trouve is None:
                presents = ", ".join(f"« {e.texte} »" for e in self._elements[cible]) or "aucun pour l'instant"
                raise SaisieInvalide(
                    f"Un élément « {GENRES[genre]} » répond à des « {GENRES[cible]} », et « {nom} » n'en fait pas "
                    f"partie (présents : {presents}). Ajoutez-le d'abord au profil du client, ou corrigez le texte."
                )
            resultat.append(trouve)
        return resultat

    def ajouter(self, genre: str, texte: str, importance: int | None = None, repond_a=()) -> Element:
        """Ajoute un élément.

        Profil (``taches``, ``problemes``, ``gains``) : ``importance`` de 1
        (faible) à 3 (forte), 2 par défaut. Carte (``produits``,
        ``reducteurs``, ``createurs``) : ``repond_a`` liste les éléments du
        profil qu'il sert (tâches pour un produit, problèmes pour un réducteur,
        gains pour un créateur).
        """
        cle = genre_de(genre)
        propre = _blocs.texte(texte, f"Le texte de l'élément ({GENRES[cle].lower()})")
        if any(meme_texte(e.texte, propre) for e in self._elements[cle]):
            raise SaisieInvalide(f"« {GENRES[cle]} » contient déjà « {propre} ».")
        if cle in PROFIL:
            if repond_a:
                raise SaisieInvalide(
                    f"Un élément du profil du client (« {GENRES[cle]} ») ne répond à rien : c'est la carte de la "
                    "valeur qui lui répond. Retirez « repond_a »."
                )
            niveau = 2 if importance is None else int(_blocs.nombre(
                importance, "L'importance (importance, 1 faible, 2 moyenne, 3 forte)", 1, 3, entier=True))
            element = Element(cle, propre, niveau)
        else:
            if importance is not None:
                raise SaisieInvalide(
                    "L'importance se note dans le profil du client (tâches, problèmes, gains), pas dans la carte "
                    "de la valeur : retirez « importance »."
                )
            element = Element(cle, propre, None, self._cibles(cle, repond_a))
        self._elements[cle].append(element)
        return element

    def retirer(self, genre: str, texte: str) -> Element:
        """Retire un élément ; un élément du profil disparaît aussi des liens de la carte."""
        element = self.element(genre, texte)
        self._elements[element.genre].remove(element)
        if element.genre in PROFIL:
            for e in self._elements[SOURCE[element.genre]]:
                if element.texte in e.repond_a:
                    e.repond_a.remove(element.texte)
        return element

    def relier(self, genre: str, texte: str, repond_a, remplacer: bool = False) -> Element:
        """Relie un élément de la carte à des éléments du profil (``remplacer=True`` : à ceux-là seulement)."""
        element = self.element(genre, texte)
        if element.genre not in CARTE:
            raise SaisieInvalide("Seul un élément de la carte de la valeur (produit, réducteur, créateur) se relie au profil.")
        cibles = self._cibles(element.genre, repond_a)
        if remplacer:
            element.repond_a.clear()
        for cible in cibles:
            if cible not in element.repond_a:
                element.repond_a.append(cible)
        return element

    # -- analysis ----------------------------------------------------------
    def adequation(self) -> Adequation:
        """Part pondérée du profil qui reçoit une réponse, ce qui reste sans réponse, ce qui ne sert à rien."""
        couverture: dict[str, float | None] = {}
        sans_reponse: dict[str, list[str]] = {}
        total = couvert = 0
        for genre in PROFIL:
            servis = {t for e in self._elements[SOURCE[genre]] for t in e.repond_a}
            elements = self._elements[genre]
            poids = sum(e.importance for e in elements)
            poids_couverts = sum(e.importance for e in elements if e.texte in servis)
            couverture[genre] = 100 * poids_couverts / poids if poids else None
            sans_reponse[genre] = [e.texte for e in sorted(elements, key=lambda e: -e.importance) if e.texte not in servis]
            total, couvert = total + poids, couvert + poids_couverts
        superflus = [(e.genre, e.texte) for g in CARTE for e in self._elements[g] if not e.repond_a]
        taux = 100 * couvert / total if total else 0.0
        return Adequation(taux, couverture, sans_reponse, superflus, self._verdict(taux, total, sans_reponse, superflus))

    def _verdict(self, taux, total, sans_reponse, superflus) -> str:
        if not total:
            return "Commencez par le profil du client : ses tâches, ses problèmes, ses gains attendus."
        if not any(self._elements[g] for g in CARTE):
            return "Le profil est décrit ; dites maintenant ce que vous offrez et à quoi cela répond."
        graves = [e.texte for e in self._elements["problemes"] if e.importance == 3 and e.texte in sans_reponse["problemes"]]
        if taux >= SEUIL_BONNE:
            verdict = "bonne adéquation : la carte répond à l'essentiel du profil."
        elif taux >= SEUIL_PARTIELLE:
            verdict = "adéquation partielle : une part importante du profil reste sans réponse."
        else:
            verdict = "adéquation faible : l'offre répond à peu de ce qui compte pour ce client."
        if graves:
            verdict += f" Priorité : le problème majeur « {graves[0]} » n'a pas de réponse."
        if superflus:
            verdict += f" {len(superflus)} élément(s) de la carte ne répond(ent) à rien que le client ait exprimé."
        return verdict[0].upper() + verdict[1:]

    def tableau(self) -> pd.DataFrame:
        """Une ligne par élément : partie, texte, importance, liens."""
        lignes = []
        for e in self.elements():
            lien = ", ".join(e.repond_a) if e.genre in CARTE else ", ".join(self.repondu_par(e.genre, e.texte))
            lignes.append({"partie": GENRES[e.genre], "genre": e.genre, "texte": e.texte,
                           "importance": e.importance, "liens": lien})
        table = pd.DataFrame(lignes, columns=["partie", "genre", "texte", "importance", "liens"])
        table["importance"] = table["importance"].astype("Int64")
        return table

    # -- canvas ------------------------------------------------------------
    def notes(self) -> list[str]:
        """Pour le bloc « Proposition de valeur » : l'énoncé, puis les produits et services."""
        return [self.proposition, *(e.texte for e in self._elements["produits"])]

    def ajouter_au_canevas(self, canevas: Canevas) -> list[str]:
        """Verse l'énoncé et les produits dans le canevas ; lie l'énoncé au segment s'il y figure.

        Renvoie les identifiants des notes ajoutées (rien n'est ajouté en double).
        """
        ajoutees = _blocs.verser(canevas, "proposition_de_valeur", self.notes())
        enonce = next(n for n in canevas.notes_du_bloc("proposition_de_valeur") if meme_texte(n.texte, self.proposition))
        for segment in notes_de_segments(canevas, [self.segment]):
            canevas.lier(enonce.id, segment.id)
        return ajoutees
