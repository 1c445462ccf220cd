"""Canaux (« Canaux : comment vous diffusez votre offre ») : cinq phases, canaux propres ou partenaires.

Un canal accompagne le client dans une ou plusieurs des cinq phases :

1. **notoriété** : faire connaître l'offre ;
2. **évaluation** : aider le client à juger la proposition de valeur ;
3. **achat** : lui permettre d'acheter ;
4. **livraison** : lui apporter la proposition de valeur ;
5. **après-vente** : le suivre une fois l'achat fait.

Un canal est *propre* (votre site, votre boutique, votre équipe de vente) ou
*partenaire* (revendeur, plateforme, grossiste). Le plan de canaux met les
phases en face des deux genres de canaux et montre les trous : une phase
qu'aucun canal ne couvre, pour un segment ou pour tous.

>>> p = PlanCanaux("Café")
>>> _ = p.ajouter("Vitrine", "propre", ["notoriete", "achat", "livraison"])
>>> p.trous()
['evaluation', 'apres_vente']
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from strategie import _blocs
from strategie._listes import cle_tolerante, meme_texte, notes_de_segments, textes
from strategie.canevas import Canevas
from strategie.erreurs import SaisieInvalide
from strategie.texte import simplifier

PHASES: dict[str, str] = {
    "notoriete": "Notoriété",
    "evaluation": "Évaluation",
    "achat": "Achat",
    "livraison": "Livraison",
    "apres_vente": "Après-vente",
}
QUESTIONS: dict[str, str] = {
    "notoriete": "Comment les clients apprennent-ils que notre offre existe ?",
    "evaluation": "Comment les aidons-nous à juger notre proposition de valeur ?",
    "achat": "Comment peuvent-ils acheter ce que nous offrons ?",
    "livraison": "Comment leur apportons-nous la proposition de valeur ?",
    "apres_vente": "Comment les suivons-nous après l'achat ?",
}
GENRES: dict[str, str] = {"propre": "Canaux propres", "partenaire": "Canaux partenaires"}
DEFINITIONS: dict[str, str] = {
    "propre": "l'organisation (ou la personne) tient le canal elle-même : meilleures marges et contact direct, "
              "mais tout le coût et tout l'effort sont pour elle.",
    "partenaire": "un tiers tient le canal : plus de portée et ses forces en plus, mais une marge partagée et "
                  "moins de contrôle sur l'expérience du client.",
}
_ALIAS_PHASES = {
    "decouverte": "notoriete", "faire connaitre": "notoriete", "awareness": "notoriete", "sensibilisation": "notoriete",
    "evaluer": "evaluation", "jugement": "evaluation",
    "vente": "achat", "acheter": "achat", "purchase": "achat",
    "livrer": "livraison", "delivery": "livraison", "distribution": "livraison",
    "apres vente": "apres_vente", "service apres vente": "apres_vente", "sav": "apres_vente", "suivi": "apres_vente",
    "after sales": "apres_vente",
}
_ALIAS_GENRES = {"propres": "propre", "canal propre": "propre", "direct": "propre", "interne": "propre",
                 "partenaires": "partenaire", "canal partenaire": "partenaire", "indirect": "partenaire",
                 "externe": "partenaire", "tiers": "partenaire"}


def phase_de(nom: object) -> str:
    """La clé d'une phase (« notoriete »…) à partir d'un nom tolérant (« Après-vente », « SAV »…)."""
    return cle_tolerante(nom, PHASES, "La phase", _ALIAS_PHASES)


def genre_de(nom: object) -> str:
    """« propre » ou « partenaire », à partir d'un nom tolérant (« propres », « direct », « indirect »…)."""
    return cle_tolerante(nom, GENRES, "Le genre de canal (propre ou partenaire)", _ALIAS_GENRES)


@dataclass(frozen=True)
class Canal:
    """Un canal : son genre (propre ou partenaire), les phases qu'il couvre, les segments qu'il sert (tous si vide)."""

    nom: str
    genre: str
    phases: tuple[str, ...]
    segments: tuple[str, ...] = ()

    def sert(self, segment: str | None) -> bool:
        return segment is None or not self.segments or any(meme_texte(s, segment) for s in self.segments)


class PlanCanaux:
    """Les canaux d'un modèle, rangés par phase et par genre ; les trous sautent aux yeux."""

    def __init__(self, nom: str = "Mes canaux") -> None:
        self.nom = _blocs.texte(nom, "Le nom du plan de canaux")
        self._canaux: dict[str, Canal] = {}

    def __repr__(self) -> str:
        return f"PlanCanaux({self.nom!r}, {len(self)} canaux)"

    def __len__(self) -> int:
        return len(self._canaux)

    def __iter__(self):
        return iter(self.canaux)

    @property
    def canaux(self) -> list[Canal]:
        return list(self._canaux.values())

    @property
    def segments(self) -> list[str]:
        """Les segments cités par au moins un canal, dans l'ordre d'apparition."""
        vus: dict[str, str] = {}
        for c in self._canaux.values():
            for s in c.segments:
                vus.setdefault(simplifier(s), s)
        return list(vus.values())

    def canal(self, nom: str) -> Canal:
        for cle, c in self._canaux.items():
            if isinstance(nom, str) and meme_texte(cle, nom):
                return c
        connus = ", ".join(f"« {n} »" for n in self._canaux) or "aucun pour l'instant"
        raise SaisieInvalide(f"Aucun canal ne s'appelle {nom!r}. Canaux connus : {connus}.")

    # -- editing -----------------------------------------------------------
    def _valider(self, nom, genre, phases, segments, ancien: str | None = None) -> Canal:
        nom = _blocs.texte(nom, "Le nom du canal")
        if any(meme_texte(nom, n) and n != ancien for n in self._canaux):
            raise SaisieInvalide(f"Le canal « {nom} » existe déjà : choisissez un autre nom ou modifiez-le.")
        genre = genre_de(genre)
        cles = [phase_de(p) for p in textes(phases, "La liste des phases (phases)", vide_permis=False)]
        if len(set(cles)) < len(cles):
            raise SaisieInvalide("La liste des phases cite deux fois la même phase : gardez-la une seule fois.")
        ordonnees = tuple(p for p in PHASES if p in cles)
        segments = tuple(textes(segments, "La liste des segments servis (segments)"))
        return Canal(nom, genre, ordonnees, segments)

    def ajouter(self, nom: str, genre: str, phases, segments=()) -> Canal:
        """Ajoute un canal et le renvoie.

        ``genre`` : « propre » ou « partenaire » ; ``phases`` : liste parmi
        notoriete, evaluation, achat, livraison, apres_vente (les libellés
        « Après-vente »… sont acceptés) ; ``segments`` : segments servis
        (vide : tous les segments).
        """
        canal = self._valider(nom, genre, phases, segments)
        self._canaux[canal.nom] = canal
        return canal

    def modifier(self, nom: str, /, **champs) -> Canal:
        """Change un ou plusieurs champs d'un canal (nom, genre, phases, segments)."""
        ancien = self.canal(nom)
        inconnus = set(champs) - {"nom", "genre", "phases", "segments"}
        if inconnus:
            raise SaisieInvalide(f"Champ(s) inconnu(s) : {', '.join(sorted(inconnus))}. Champs possibles : nom, genre, phases, segments.")
        valeurs = {**ancien.__dict__, **champs}
        nouveau = self._valider(valeurs["nom"], valeurs["genre"], valeurs["phases"], valeurs["segments"], ancien.nom)
        self._canaux = {(nouveau.nom if k == ancien.nom else k): (nouveau if k == ancien.nom else c)
                        for k, c in self._canaux.items()}
        return nouveau

    def retirer(self, nom: str) -> Canal:
        canal = self.canal(nom)
        del self._canaux[canal.nom]
        return canal

    # -- analysis ----------------------------------------------------------
    def _servants(self, segment: str | None) -> list[Canal]:
        if segment is not None:
            segment = _blocs.texte(segment, "Le segment")
        return [c for c in self._canaux.values() if c.sert(segment)]

    def matrice(self, segment: str | None = None) -> pd.DataFrame:
        """Phases (lignes) × genres (colonnes) : la liste des canaux dans chaque case."""
        servants = self._servants(segment)
        donnees = {
            genre: [[c.nom for c in servants if c.genre == genre and phase in c.phases] for phase in PHASES]
            for genre in GENRES
        }
        return pd.DataFrame(donnees, index=pd.Index(list(PHASES), name="phase"))

    def trous(self, segment: str | None = None) -> list[str]:
        """Les phases qu'aucun canal ne couvre (pour un segment, ou pour tous)."""
        servants = self._servants(segment)
        return [p for p in PHASES if not any(p in c.phases for c in servants)]

    def seulement_partenaires(self, segment: str | None = None) -> list[str]:
        """Les phases couvertes uniquement par des partenaires : l'expérience y échappe en partie."""
        servants = self._servants(segment)
        return [p for p in PHASES
                if any(p in c.phases for c in servants) and all(c.genre == "partenaire" for c in servants if p in c.phases)]

    def couverture(self, segment: str | None = None) -> float:
        """Part des cinq phases couvertes, en pourcentage."""
        return 100 * (len(PHASES) - len(self.trous(segment))) / len(PHASES)

    def constats(self, segment: str | None = None) -> list[str]:
        """Ce qu'il faut regarder, en français : trous, dépendance aux partenaires, canal unique, segments oubliés."""
        pour = f" pour « {segment} »" if segment else ""
        if not self._servants(segment):
            return [f"Aucun canal{pour} : ajoutez-en un."]
        constats = [f"Trou{pour} : aucun canal ne couvre la phase « {PHASES[p]} ». {QUESTIONS[p]}"
                    for p in self.trous(segment)]
        partenaires = self.seulement_partenaires(segment)
        if partenaires:
            noms = ", ".join(f"« {PHASES[p]} »" for p in partenaires)
            constats.append(f"Phase(s) {noms} tenue(s) seulement par des partenaires{pour} : l'expérience du client "
                            "y dépend d'eux ; convenez ensemble de ce qu'il doit vivre.")
        servants = self._servants(segment)
        if len(servants) == 1 and len(servants[0].phases) == len(PHASES):
            constats.append(f"Un seul canal{pour} (« {servants[0].nom} ») porte les cinq phases : s'il faiblit, "
                            "tout s'arrête.")
        if segment is None:
            communs = set(self.trous())
            for s in self.segments:
                # Seulement ce qui manque à ce segment en plus des manques communs à tous.
                propres = [p for p in self.trous(s) if p not in communs]
                if propres:
                    constats.append(f"Pour « {s} », il manque aussi : {', '.join(PHASES[p] for p in propres)}.")
        return constats

    def tableau(self) -> pd.DataFrame:
        """Une ligne par canal : genre, une colonne par phase (True/False), segments servis."""
        lignes = [
            {"canal": c.nom, "genre": c.genre, **{p: p in c.phases for p in PHASES},
             "segments": ", ".join(c.segments) or "tous"}
            for c in self._canaux.values()
        ]
        return pd.DataFrame(lignes, columns=["canal", "genre", *PHASES, "segments"])

    # -- canvas ------------------------------------------------------------
    @staticmethod
    def _note(canal: Canal) -> str:
        return f"{canal.nom} ({canal.genre} : {', '.join(PHASES[p].lower() for p in canal.phases)})"

    def notes(self) -> list[str]:
        """Une note par canal pour le bloc « Canaux » : « Nom (propre : notoriété, achat) »."""
        return [self._note(c) for c in self._canaux.values()]

    def ajouter_au_canevas(self, canevas: Canevas) -> list[str]:
        """Verse les canaux absents dans le bloc « Canaux » et lie chacun aux segments qu'il sert.

        Un canal sans segment précisé est lié à tous les segments du canevas. Renvoie les
        identifiants des notes ajoutées (rien n'est ajouté en double).
        """
        ajoutees = _blocs.verser(canevas, "canaux", self.notes())
        for canal in self._canaux.values():
            note = next(n for n in canevas.notes_du_bloc("canaux") if meme_texte(n.texte, self._note(canal)))
            for segment in notes_de_segments(canevas, canal.segments or None):
                canevas.lier(note.id, segment.id)
        return ajoutees
