"""Études de cas du cours, et expérience client partagée entre les partenaires d'un écosystème.

Le cas « site-patrimonial » vient d'un article de Geneviève Meloche (mandat de 2018) : une société
paramunicipale de Montréal fait vivre un site patrimonial et événementiel
qu'elle partage avec des partenaires d'affaires indépendants. Les neuf
éléments du modèle d'affaires y ont été fixés pour l'horizon 2029, dans un
plan directeur de dix ans mis en œuvre par des plans de trois ans. Le cas est
livré comme données (``donnees/cas/*.json``) : un ``Canevas`` lié, et une
``ExperiencePartagee`` qui dit ce que chaque partenaire apporte à l'expérience
de chaque segment. L'article ne nomme pas les partenaires : ceux du cas sont
inventés pour l'apprentissage (``Cas.avertissement``).

>>> cas = charger_cas()
>>> eco = cas.experience()
>>> eco.contribution("Mobilité Métropole", "Festivaliers")
"Navettes et service renforcé les soirs d'événement"
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

from strategie._fichiers import ecrire_json_atomique, lire_json
from strategie.canevas import TEXTE_MAX, Canevas
from strategie.coherence import Constat
from strategie.erreurs import FichierInvalide, SaisieInvalide
from strategie.francais import avec_unite
from strategie.texte import simplifier

FORMAT_CAS = "strategie.cas"
FORMAT_EXPERIENCE = "strategie.experience_partagee"
VERSION = 1
FICHIER_EXPERIENCE = "mon-experience.json"


def _texte_propre(texte: object, champ: str, vide_permis: bool = False) -> str:
    if not isinstance(texte, str):
        raise SaisieInvalide(f"{champ} doit être un texte (reçu : {type(texte).__name__}).")
    propre = " ".join(texte.split())
    if not propre and not vide_permis:
        raise SaisieInvalide(f"{champ} est vide : écrivez quelques mots.")
    if len(propre) > TEXTE_MAX:
        raise SaisieInvalide(
            f"{champ} : le texte dépasse {TEXTE_MAX} caractères ({len(propre)}) ; "
            "gardez une phrase courte, une idée."
        )
    return propre


# -- l'expérience client partagée par les partenaires -------------------------------------------------------

@dataclass(frozen=True)
class Contributeur:
    """Un partenaire de l'écosystème. ``id`` : celui de sa note dans le canevas, s'il y en a une."""

    id: str
    nom: str
    type: str = ""
    apport: str = ""


@dataclass(frozen=True)
class SegmentServi:
    """Un segment servi par l'écosystème, avec la promesse d'expérience commune à tous les partenaires."""

    id: str
    nom: str
    promesse: str = ""


REGLES_EXPERIENCE = {
    "segment_sans_contributeur": "Chaque segment reçoit la contribution d'au moins un partenaire",
    "segment_un_seul_contributeur": "L'expérience d'un segment ne repose pas sur un seul partenaire",
    "partenaire_sans_contribution": "Chaque partenaire contribue à l'expérience d'au moins un segment",
}


class ExperiencePartagee:
    """L'expérience client partagée dans un écosystème : ce que chaque partenaire apporte à chaque segment.

    Les contributions forment une matrice partenaires × segments de textes
    courts ; une case vide veut dire « ce partenaire n'intervient pas dans
    l'expérience de ce segment ». Partenaires et segments se désignent par
    leur identifiant ou par leur nom (majuscules et accents indifférents).
    """

    def __init__(self, partenaires, segments, contributions=None, nom: str = "Expérience partagée") -> None:
        self.nom = _texte_propre(nom, "Le nom de la matrice des contributions")
        self.partenaires: list[Contributeur] = self._uniques(partenaires, Contributeur, "partenaire")
        self.segments: list[SegmentServi] = self._uniques(segments, SegmentServi, "segment")
        self._contributions: dict[tuple[str, str], str] = {}
        for (partenaire, segment), texte in dict(contributions or {}).items():
            self.definir(partenaire, segment, texte)

    @staticmethod
    def _uniques(elements, classe, quoi: str) -> list:
        resultat, ids, noms = [], set(), set()
        for element in elements:
            if isinstance(element, str):
                element = classe(element, element)
            elif isinstance(element, dict):
                try:
                    element = classe(**element)
                except TypeError:
                    raise SaisieInvalide(
                        f"Un {quoi} doit avoir au moins « id » et « nom » (reçu : {sorted(element)})."
                    ) from None
            if not isinstance(element, classe):
                raise SaisieInvalide(f"Chaque {quoi} doit être un texte ou un {classe.__name__}.")
            nom = _texte_propre(element.nom, f"Le nom d'un {quoi}")
            ident = _texte_propre(element.id, f"L'identifiant du {quoi} « {nom} »")
            if ident in ids or simplifier(nom) in noms:
                raise SaisieInvalide(f"Le {quoi} « {nom} » apparaît deux fois : gardez-en un seul.")
            ids.add(ident)
            noms.add(simplifier(nom))
            resultat.append(element)
        return resultat

    # -- lookup ---------------------------------------------------------------
    @staticmethod
    def _trouver(elements, designation: object, quoi: str):
        if isinstance(designation, (Contributeur, SegmentServi)):
            designation = designation.id
        if isinstance(designation, str):
            for element in elements:
                if designation == element.id:
                    return element
            for element in elements:
                if simplifier(designation) == simplifier(element.nom):
                    return element
        possibles = ", ".join(f"« {e.nom} »" for e in elements) or "aucun pour l'instant"
        raise SaisieInvalide(f"{quoi.capitalize()} inconnu : {designation!r}. {quoi.capitalize()}s possibles : {possibles}.")

    def partenaire(self, designation) -> Contributeur:
        return self._trouver(self.partenaires, designation, "partenaire")

    def segment(self, designation) -> SegmentServi:
        return self._trouver(self.segments, designation, "segment")

    # -- editing --------------------------------------------------------------
    def definir(self, partenaire, segment, texte: str) -> None:
        """Écrit la contribution d'un partenaire à l'expérience d'un segment (texte vide : la retire)."""
        p, s = self.partenaire(partenaire), self.segment(segment)
        propre = _texte_propre(texte, f"La contribution de « {p.nom} » pour « {s.nom} »", vide_permis=True)
        if propre:
            self._contributions[(p.id, s.id)] = propre
        else:
            self._contributions.pop((p.id, s.id), None)

    def retirer(self, partenaire, segment) -> None:
        """Retire la contribution d'un partenaire à un segment (rien si elle n'existe pas)."""
        p, s = self.partenaire(partenaire), self.segment(segment)
        self._contributions.pop((p.id, s.id), None)

    def vider(self) -> None:
        """Retire toutes les contributions ; partenaires et segments restent."""
        self._contributions.clear()

    # -- reading --------------------------------------------------------------
    def contribution(self, partenaire, segment) -> str:
        """Le texte de la contribution (chaîne vide si le partenaire n'intervient pas pour ce segment)."""
        p, s = self.partenaire(partenaire), self.segment(segment)
        return self._contributions.get((p.id, s.id), "")

    @property
    def contributions(self) -> dict[tuple[str, str], str]:
        """Copie des contributions, par paire (id du partenaire, id du segment)."""
        return dict(self._contributions)

    def contributeurs(self, segment) -> list[Contributeur]:
        """Les partenaires qui contribuent à l'expérience d'un segment."""
        s = self.segment(segment)
        return [p for p in self.partenaires if (p.id, s.id) in self._contributions]

    def segments_servis(self, partenaire) -> list[SegmentServi]:
        """Les segments à l'expérience desquels un partenaire contribue."""
        p = self.partenaire(partenaire)
        return [s for s in self.segments if (p.id, s.id) in self._contributions]

    def matrice(self):
        """Tableau partenaires × segments des contributions (texte ; chaîne vide : pas de contribution)."""
        import pandas as pd

        return pd.DataFrame(
            [[self._contributions.get((p.id, s.id), "") for s in self.segments] for p in self.partenaires],
            index=pd.Index([p.nom for p in self.partenaires], name="partenaire"),
            columns=pd.Index([s.nom for s in self.segments], name="segment"),
            dtype=object,
        )

    def presence(self):
        """Tableau partenaires × segments : 1 si le partenaire contribue, 0 sinon."""
        return (self.matrice() != "").astype(int)

    def couverture(self):
        """Par segment : nombre de partenaires qui contribuent, leurs noms, la promesse d'expérience."""
        import pandas as pd

        lignes = []
        for s in self.segments:
            noms = [p.nom for p in self.contributeurs(s)]
            lignes.append({"segment": s.nom, "contributeurs": len(noms), "partenaires": ", ".join(noms),
                           "promesse": s.promesse})
        tableau = pd.DataFrame(lignes, columns=["segment", "contributeurs", "partenaires", "promesse"])
        return tableau.set_index("segment").astype({"contributeurs": int})

    def interdependances(self):
        """Partenaires × partenaires : nombre de segments dont ils partagent l'expérience.

        La diagonale donne le nombre de segments servis par chaque partenaire.
        Deux partenaires qui partagent un segment dépendent l'un de l'autre :
        si l'un déçoit, l'expérience de tout le segment en souffre.
        """
        presence = self.presence()
        return presence.dot(presence.T).rename_axis(index="partenaire", columns="partenaire")

    def verifier(self) -> list[Constat]:
        """Constats sur l'écosystème : segments sans contributeur ou à un seul, partenaires sans rôle."""
        constats = []
        for s in self.segments:
            n = len(self.contributeurs(s))
            if n == 0:
                constats.append(Constat(
                    "segment_sans_contributeur", (s.id,),
                    f"Aucun partenaire ne contribue à l'expérience du segment « {s.nom} » : la promesse "
                    "repose sur l'organisation seule, ou l'écosystème ne l'a pas encore décrite.",
                    "Écrivez ce que chaque partenaire fait pour ce segment (accès, accueil, offre, service).",
                    REGLES_EXPERIENCE["segment_sans_contributeur"],
                ))
            elif n == 1:
                seul = self.contributeurs(s)[0].nom
                constats.append(Constat(
                    "segment_un_seul_contributeur", (s.id,),
                    f"L'expérience du segment « {s.nom} » ne repose que sur « {seul} » : s'il faiblit, "
                    "rien ne compense.",
                    "Vérifiez qu'aucun autre partenaire n'intervient dans le parcours de ce segment "
                    "(arrivée, repas, information…) ; sinon, prévoyez un relais.",
                    REGLES_EXPERIENCE["segment_un_seul_contributeur"],
                ))
        for p in self.partenaires:
            if not self.segments_servis(p):
                constats.append(Constat(
                    "partenaire_sans_contribution", (p.id,),
                    f"« {p.nom} » ne contribue à l'expérience d'aucun segment : on ne voit pas ce qu'il apporte "
                    "aux usagers.",
                    "Écrivez sa contribution pour au moins un segment, ou demandez-vous pourquoi il fait partie "
                    "de l'écosystème.",
                    REGLES_EXPERIENCE["partenaire_sans_contribution"],
                ))
        return constats

    # -- construction et fichiers -------------------------------------------------
    @classmethod
    def depuis_canevas(cls, canevas: Canevas, nom: str | None = None) -> "ExperiencePartagee":
        """Une matrice vide dont les partenaires et les segments sont les notes d'un canevas."""
        if not isinstance(canevas, Canevas):
            raise SaisieInvalide(
                f"depuis_canevas attend un Canevas (reçu : {type(canevas).__name__})."
            )
        return cls(
            [Contributeur(n.id, n.texte) for n in canevas.notes_du_bloc("partenaires_cles")],
            [SegmentServi(n.id, n.texte) for n in canevas.notes_du_bloc("segments_clients")],
            nom=nom or f"Expérience partagée — {canevas.nom}",
        )

    def copie(self) -> "ExperiencePartagee":
        return ExperiencePartagee(self.partenaires, self.segments, self._contributions, self.nom)

    def vers_dict(self) -> dict:
        return {
            "format": FORMAT_EXPERIENCE,
            "version": VERSION,
            "nom": self.nom,
            "partenaires": [asdict(p) for p in self.partenaires],
            "segments": [asdict(s) for s in self.segments],
            "contributions": [
                {"partenaire": p, "segment": s, "texte": t} for (p, s), t in self._contributions.items()
            ],
        }

    @classmethod
    def depuis_dict(cls, donnees: object) -> "ExperiencePartagee":
        """Reconstruit une matrice des contributions ; lève ``FichierInvalide`` si les données ne conviennent pas."""
        if not isinstance(donnees, dict):
            raise FichierInvalide("Ces données ne sont pas une matrice des contributions du cours (objet JSON attendu).")
        try:
            partenaires = donnees.get("partenaires", [])
            segments = donnees.get("segments", [])
            contributions = donnees.get("contributions", [])
            if not all(isinstance(x, list) for x in (partenaires, segments, contributions)):
                raise SaisieInvalide("« partenaires », « segments » et « contributions » doivent être des listes")
            eco = cls(partenaires, segments, nom=donnees.get("nom", "Expérience partagée"))
            for position, brute in enumerate(contributions, start=1):
                if not isinstance(brute, dict):
                    raise SaisieInvalide(f"la contribution n° {position} n'est pas un objet JSON")
                eco.definir(brute.get("partenaire"), brute.get("segment"), brute.get("texte", ""))
        except SaisieInvalide as exc:
            raise FichierInvalide(f"La matrice des contributions est abîmée : {exc}") from None
        return eco

    def enregistrer(self, chemin: str | os.PathLike = FICHIER_EXPERIENCE) -> Path:
        """Enregistre en JSON, de façon atomique (l'ancien fichier reste intact jusqu'au bout)."""
        return ecrire_json_atomique(self.vers_dict(), chemin, FICHIER_EXPERIENCE)

    @classmethod
    def charger(cls, chemin: str | os.PathLike = FICHIER_EXPERIENCE) -> "ExperiencePartagee":
        """Lit une matrice des contributions enregistrée ; le fichier n'est jamais modifié."""
        donnees = lire_json(chemin, "la matrice d'expérience")
        if not isinstance(donnees, dict) or donnees.get("format") != FORMAT_EXPERIENCE:
            raise FichierInvalide(
                f"« {chemin} » n'est pas une matrice des contributions du cours (le champ « format » doit valoir "
                f"« {FORMAT_EXPERIENCE} »)."
            )
        return cls.depuis_dict(donnees)

    def __repr__(self) -> str:
        return (f"ExperiencePartagee({self.nom!r}, {len(self.partenaires)} partenaires, {len(self.segments)} segments, "
                f"{len(self._contributions)} contributions)")


# -- case studies ---------------------------------------------------------------

@dataclass(frozen=True)
class Cas:
    """Une étude de cas : le récit (d'après l'article de G. Meloche), un canevas lié et l'expérience partagée."""

    id: str
    titre: str
    source: dict
    organisation: str
    enjeu: str
    question: str
    demarche: tuple[str, ...]
    horizon: int
    duree_plan_directeur: int
    duree_plans_strategiques: int
    donnees: tuple[dict, ...]
    elements: tuple[dict, ...]
    avantages: tuple[str, ...]
    defis: tuple[str, ...]
    suivi: tuple[str, ...]
    avertissement: str
    _canevas: dict
    _experience: dict
    _defauts: dict

    def canevas(self) -> Canevas:
        """Le canevas du cas, cohérent et lié (une copie neuve à chaque appel : modifiez-la librement)."""
        return Canevas.depuis_dict(json.loads(json.dumps(self._canevas)))

    def canevas_a_corriger(self) -> Canevas:
        """Le canevas du cas avec quelques liens retirés et une note isolée : à corriger."""
        donnees = json.loads(json.dumps(self._canevas))
        a_retirer = {frozenset(paire) for paire in self._defauts.get("delier", [])}
        for note in donnees["notes"]:
            note["liens"] = [i for i in note["liens"] if frozenset((note["id"], i)) not in a_retirer]
        # Les notes ajoutées gardent des identifiants lisibles (ca-boutique…) : plus faciles à suivre que n43.
        donnees["notes"].extend(dict(note, liens=[]) for note in self._defauts.get("ajouter", []))
        donnees["nom"] = f"{donnees['nom']} — à corriger"
        return Canevas.depuis_dict(donnees)

    def experience(self, vide: bool = False) -> ExperiencePartagee:
        """Les contributions des partenaires du cas ; ``vide=True`` : mêmes partenaires et segments, aucune contribution écrite."""
        eco = ExperiencePartagee.depuis_dict(self._experience)
        if vide:
            eco.vider()
        return eco

    def tableau_elements(self):
        """Les neuf éléments du modèle d'affaires tels que l'article les énumère, avec le bloc du canevas."""
        import pandas as pd
        from strategie.canevas import BLOCS

        return pd.DataFrame(
            [{"numero": e["numero"], "dans l'article": e["libelle"], "bloc": e["bloc"],
              "bloc du canevas": BLOCS[e["bloc"]].titre} for e in self.elements],
        ).set_index("numero")

    def tableau_partenaires(self):
        """Les partenaires du cas (illustratifs) : nom, type, apport."""
        import pandas as pd

        return pd.DataFrame(self._experience["partenaires"]).set_index("id")

    def resume(self) -> str:
        """Le cas en quelques lignes, à lire avec ``print``."""
        lignes = [
            self.titre,
            f"Organisation : {self.organisation}",
            f"Enjeu : {self.enjeu}",
            f"Question : {self.question}",
            f"Horizon : {self.horizon} — plan directeur de {avec_unite(self.duree_plan_directeur, 'ans')}, "
            f"mis en œuvre par des plans stratégiques de {avec_unite(self.duree_plans_strategiques, 'ans')}.",
            "Données utilisées pour redéfinir la proposition de valeur : "
            + " ; ".join(d["detail"] for d in self.donnees) + ".",
            f"⚠️ {self.avertissement}",
        ]
        return "\n".join(lignes)


_CHAMPS_CAS = ("id", "titre", "source", "organisation", "enjeu", "question", "demarche", "horizon",
               "duree_plan_directeur", "duree_plans_strategiques", "donnees", "elements", "avantages",
               "defis", "suivi", "avertissement", "canevas", "experience")


def _dossier_cas():
    return resources.files("strategie") / "donnees" / "cas"


def cas_disponibles() -> list[str]:
    """Les identifiants des cas livrés avec le cours."""
    return sorted(p.name[: -len(".json")] for p in _dossier_cas().iterdir() if p.name.endswith(".json"))


def charger_cas(nom: str = "site-patrimonial") -> Cas:
    """Charge une étude de cas livrée avec le cours (par défaut : le site patrimonial de Montréal)."""
    disponibles = cas_disponibles()
    if nom not in disponibles:
        raise SaisieInvalide(f"Cas inconnu : {nom!r}. Cas disponibles : {', '.join(disponibles)}.")
    texte = (_dossier_cas() / f"{nom}.json").read_text(encoding="utf-8")
    donnees = json.loads(texte)
    if donnees.get("format") != FORMAT_CAS or any(champ not in donnees for champ in _CHAMPS_CAS):
        raise FichierInvalide(f"Les données du cas {nom!r} sont incomplètes : réinstallez le cours.")
    return Cas(
        **{c: donnees[c] for c in _CHAMPS_CAS if c not in ("canevas", "experience", "demarche", "donnees",
                                                            "elements", "avantages", "defis", "suivi")},
        demarche=tuple(donnees["demarche"]),
        donnees=tuple(donnees["donnees"]),
        elements=tuple(donnees["elements"]),
        avantages=tuple(donnees["avantages"]),
        defis=tuple(donnees["defis"]),
        suivi=tuple(donnees["suivi"]),
        _canevas=donnees["canevas"],
        _experience=donnees["experience"],
        _defauts=donnees.get("defauts", {}),
    )
