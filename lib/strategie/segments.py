"""Segments de clients (« Clients : qui vous aidez ») : construire, comparer, diagnostiquer.

Un segment est un groupe de clients qui partagent des besoins ; on le décrit
par *qui* il est, ses *besoins*, sa *taille* (nombre de clients) et sa
*disposition à payer* (par client et par an). Une ``Segmentation`` réunit les
segments d'un modèle et en déduit le type de marché visé :

* marché de masse : un seul grand groupe aux besoins semblables ;
* marché de niche : un seul groupe restreint aux besoins particuliers ;
* marché segmenté : plusieurs groupes aux besoins proches mais distincts ;
* marché diversifié : des groupes sans rapport entre eux ;
* plateforme multiface : des groupes interdépendants (chacun attire l'autre).

Les seuils utilisés (taille d'un marché de masse, part de besoins communs)
sont des conventions du cours, réglables, et toujours dites dans l'explication.

>>> s = Segmentation()
>>> _ = s.ajouter("Conducteurs", besoins=["Partager les frais"], taille=8000, disposition_a_payer=0)
>>> _ = s.ajouter("Passagers", besoins=["Voyager moins cher"], taille=40000,
...               disposition_a_payer=120, depend_de=["Conducteurs"])
>>> s.type_de_marche().cle
'multiface'
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import combinations

import pandas as pd

from strategie import _blocs, francais
from strategie._listes import meme_texte, textes
from strategie.canevas import Canevas
from strategie.erreurs import SaisieInvalide
from strategie.texte import simplifier

TYPES_DE_MARCHE: dict[str, str] = {
    "masse": "Marché de masse",
    "niche": "Marché de niche",
    "segmente": "Marché segmenté",
    "diversifie": "Marché diversifié",
    "multiface": "Plateforme multiface",
}

DEFINITIONS: dict[str, str] = {
    "masse": "un seul grand groupe de clients aux besoins et problèmes largement semblables : "
             "une même offre, les mêmes canaux et la même relation pour tous.",
    "niche": "un seul groupe restreint aux besoins particuliers : proposition de valeur, canaux et "
             "relation sont taillés pour lui.",
    "segmente": "plusieurs groupes aux besoins proches mais distincts : une base commune, des variantes "
                "pour chaque segment.",
    "diversifie": "des groupes sans rapport entre eux, aux besoins très différents : plusieurs propositions "
                  "de valeur qui partagent surtout des ressources.",
    "multiface": "des groupes interdépendants : chacun n'a de valeur que si l'autre est là "
                 "(lecteurs et annonceurs, conducteurs et passagers).",
}

EFFORTS: dict[int, str] = {
    1: "très facile à atteindre",
    2: "facile à atteindre",
    3: "effort moyen",
    4: "difficile à atteindre",
    5: "très difficile à atteindre",
}

# Des noms qui ne décrivent personne en particulier : une erreur fréquente des débutants.
_TROP_LARGES = {"tout le monde", "tous", "tous les clients", "grand public", "n importe qui", "everyone",
                "le public", "toute la population", "tout public"}

SEUIL_MASSE = 100_000
SEUIL_PARENTE = 0.25


@dataclass(frozen=True)
class Segment:
    """Un segment de clients. ``potentiel`` = taille × disposition à payer (par an)."""

    nom: str
    besoins: tuple[str, ...]
    taille: int
    disposition_a_payer: float
    qui: str = ""
    effort: int = 3
    depend_de: tuple[str, ...] = ()

    @property
    def potentiel(self) -> float:
        return self.taille * self.disposition_a_payer


@dataclass
class Diagnostic:
    """Le type de marché déduit des segments, avec son explication et les alertes éventuelles."""

    cle: str
    libelle: str
    explication: str
    alertes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lignes = [f"{self.libelle} — {self.explication}"]
        lignes += [f"  ⚠ {a}" for a in self.alertes]
        return "\n".join(lignes)


def similarite(a: Segment, b: Segment) -> float:
    """Part des besoins communs à deux segments (indice de Jaccard, entre 0 et 1)."""
    ea, eb = {simplifier(x) for x in a.besoins}, {simplifier(x) for x in b.besoins}
    if not ea and not eb:
        return 1.0
    return len(ea & eb) / len(ea | eb)


class Segmentation:
    """Les segments de clients d'un modèle, et le type de marché qu'ils dessinent.

    ``seuil_masse`` : à partir de combien de clients un segment unique est un
    marché de masse (sinon une niche). ``seuil_parente`` : part minimale de
    besoins communs pour que deux segments soient « parents » (marché
    segmenté) plutôt que « sans rapport » (marché diversifié).
    """

    def __init__(self, nom: str = "Mes segments", seuil_masse: int = SEUIL_MASSE,
                 seuil_parente: float = SEUIL_PARENTE) -> None:
        self.nom = _blocs.texte(nom, "Le nom de la segmentation")
        self.seuil_masse = int(_blocs.nombre(seuil_masse, "Le seuil du marché de masse (seuil_masse)", 1, entier=True))
        self.seuil_parente = _blocs.nombre(seuil_parente, "La part de besoins communs (seuil_parente, entre 0 et 1)", 0, 1)
        self._segments: dict[str, Segment] = {}

    # -- lecture -----------------------------------------------------------
    @property
    def segments(self) -> list[Segment]:
        return list(self._segments.values())

    def __len__(self) -> int:
        return len(self._segments)

    def __iter__(self):
        return iter(self.segments)

    def __repr__(self) -> str:
        return f"Segmentation({self.nom!r}, {len(self)} segments)"

    def _cle(self, nom: object) -> str | None:
        if not isinstance(nom, str):
            return None
        return next((c for c in self._segments if meme_texte(c, nom)), None)

    def segment(self, nom: str) -> Segment:
        cle = self._cle(nom)
        if cle is None:
            connus = ", ".join(f"« {n} »" for n in self._segments) or "aucun pour l'instant"
            raise SaisieInvalide(f"Aucun segment ne s'appelle {nom!r}. Segments connus : {connus}.")
        return self._segments[cle]

    @property
    def besoins(self) -> list[str]:
        """Tous les besoins cités, dans l'ordre d'apparition (une fois chacun)."""
        vus: dict[str, str] = {}
        for s in self._segments.values():
            for b in s.besoins:
                vus.setdefault(simplifier(b), b)
        return list(vus.values())

    @property
    def potentiel_total(self) -> float:
        return float(sum(s.potentiel for s in self._segments.values()))

    # -- modification ------------------------------------------------------
    def _valider(self, nom, besoins, taille, disposition_a_payer, qui, effort, depend_de, ancien=None) -> Segment:
        nom = _blocs.texte(nom, "Le nom du segment")
        existant = self._cle(nom)
        if existant is not None and existant != ancien:
            raise SaisieInvalide(f"Le segment « {existant} » existe déjà : choisissez un autre nom ou modifiez-le.")
        besoins = textes(besoins, "La liste des besoins (besoins)", vide_permis=False)
        taille = int(_blocs.nombre(taille, "La taille du segment (taille, en nombre de clients)", 1, entier=True))
        disposition = _blocs.nombre(disposition_a_payer, "La disposition à payer (disposition_a_payer, en € par client et par an)")
        qui = "" if qui is None or (isinstance(qui, str) and not qui.strip()) else _blocs.texte(qui, "La description du segment (qui)")
        effort = int(_blocs.nombre(effort, "L'effort pour atteindre le segment (effort, de 1 à 5)", 1, 5, entier=True))
        liens = []
        for autre in textes(depend_de, "La liste des segments dont il dépend (depend_de)"):
            if meme_texte(autre, nom):
                raise SaisieInvalide("Un segment ne peut pas dépendre de lui-même : retirez son nom de « depend_de ».")
            cle = self._cle(autre)
            if cle is None or cle == ancien:
                connus = ", ".join(f"« {n} »" for n in self._segments if n != ancien) or "aucun"
                raise SaisieInvalide(
                    f"« depend_de » cite « {autre} », qui n'est pas (encore) un segment. Ajoutez-le d'abord "
                    f"ou corrigez le nom (segments connus : {connus})."
                )
            liens.append(cle)
        return Segment(nom, tuple(besoins), taille, disposition, qui, effort, tuple(liens))

    def ajouter(self, nom: str, besoins, taille: int, disposition_a_payer: float, qui: str = "",
                effort: int = 3, depend_de=()) -> Segment:
        """Ajoute un segment et le renvoie.

        ``besoins`` : liste de textes (ou un texte séparé par des virgules) ;
        ``taille`` : nombre de clients (au moins 1) ; ``disposition_a_payer`` :
        ce qu'un client est prêt à payer par an, en euros (0 s'il ne paie pas) ;
        ``effort`` : de 1 (très facile à atteindre) à 5 (très difficile) ;
        ``depend_de`` : segments sans lesquels celui-ci ne viendrait pas (plateforme multiface).
        """
        segment = self._valider(nom, besoins, taille, disposition_a_payer, qui, effort, depend_de)
        self._segments[segment.nom] = segment
        return segment

    def modifier(self, nom: str, /, **champs) -> Segment:
        """Change un ou plusieurs champs d'un segment (les autres restent tels quels)."""
        ancien = self.segment(nom)
        inconnus = set(champs) - {"nom", "besoins", "taille", "disposition_a_payer", "qui", "effort", "depend_de"}
        if inconnus:
            raise SaisieInvalide(
                f"Champ(s) inconnu(s) : {', '.join(sorted(inconnus))}. Champs possibles : nom, qui, besoins, "
                "taille, disposition_a_payer, effort, depend_de."
            )
        valeurs = {**ancien.__dict__, **champs}
        nouveau = self._valider(valeurs["nom"], valeurs["besoins"], valeurs["taille"], valeurs["disposition_a_payer"],
                                valeurs["qui"], valeurs["effort"], valeurs["depend_de"], ancien=ancien.nom)
        # Garder l'ordre des segments, et suivre un renommage dans les dépendances des autres segments.
        self._segments = {
            (nouveau.nom if cle == ancien.nom else cle): (
                nouveau if cle == ancien.nom
                else replace(s, depend_de=tuple(nouveau.nom if d == ancien.nom else d for d in s.depend_de))
            )
            for cle, s in self._segments.items()
        }
        return nouveau

    def retirer(self, nom: str) -> Segment:
        """Retire un segment (et les dépendances qui le citaient)."""
        segment = self.segment(nom)
        del self._segments[segment.nom]
        for cle, s in self._segments.items():
            if segment.nom in s.depend_de:
                self._segments[cle] = replace(s, depend_de=tuple(d for d in s.depend_de if d != segment.nom))
        return segment

    # -- analyse -----------------------------------------------------------
    def tableau(self) -> pd.DataFrame:
        """Une ligne par segment : qui, besoins, taille, disposition à payer, potentiel, effort, part du potentiel."""
        colonnes = ["segment", "qui", "besoins", "taille", "disposition_a_payer", "potentiel", "effort",
                    "part_du_potentiel"]
        total = self.potentiel_total
        lignes = [
            {"segment": s.nom, "qui": s.qui, "besoins": ", ".join(s.besoins), "taille": s.taille,
             "disposition_a_payer": s.disposition_a_payer, "potentiel": s.potentiel, "effort": s.effort,
             "part_du_potentiel": round(100 * s.potentiel / total, 1) if total else 0.0}
            for s in self._segments.values()
        ]
        return pd.DataFrame(lignes, columns=colonnes)

    def priorites(self) -> pd.DataFrame:
        """Les segments classés par potentiel rapporté à l'effort pour les atteindre (le premier d'abord)."""
        table = self.tableau()
        table["potentiel_par_effort"] = table["potentiel"] / table["effort"]
        table = table.sort_values(["potentiel_par_effort", "potentiel"], ascending=False, kind="stable")
        table.insert(0, "rang", range(1, len(table) + 1))
        return table.reset_index(drop=True)

    def matrice_besoins(self) -> pd.DataFrame:
        """Tableau segments × besoins : True quand le segment a ce besoin."""
        besoins = self.besoins
        return pd.DataFrame(
            [[any(meme_texte(b, x) for x in s.besoins) for b in besoins] for s in self._segments.values()],
            index=pd.Index(list(self._segments), name="segment"), columns=besoins, dtype=bool,
        )

    def _groupes(self) -> list[list[Segment]]:
        """Les segments regroupés quand leurs besoins sont exactement les mêmes."""
        groupes: dict[frozenset, list[Segment]] = {}
        for s in self._segments.values():
            groupes.setdefault(frozenset(simplifier(b) for b in s.besoins), []).append(s)
        return list(groupes.values())

    def type_de_marche(self) -> Diagnostic:
        """Déduit le type de marché des segments et explique pourquoi, en français."""
        if not self._segments:
            raise SaisieInvalide("Aucun segment pour l'instant : ajoutez au moins un segment avec s.ajouter(...).")
        segments = self.segments
        alertes = self._alertes()
        paires = [(s.nom, d) for s in segments for d in s.depend_de]
        if paires:
            liens = " ; ".join(f"« {a} » a besoin de « {b} »" for a, b in paires)
            return Diagnostic("multiface", TYPES_DE_MARCHE["multiface"],
                              f"des segments sont interdépendants ({liens}) : il faut servir les deux faces "
                              "à la fois, et souvent l'une finance l'autre.", alertes)
        groupes = self._groupes()
        if len(groupes) == 1:
            taille = sum(s.taille for s in segments)
            if taille >= self.seuil_masse:
                cle, pourquoi = "masse", f"au moins {francais.nombre(self.seuil_masse)} clients"
            else:
                cle, pourquoi = "niche", f"moins de {francais.nombre(self.seuil_masse)} clients"
            qui = "un seul segment" if len(segments) == 1 else "des segments aux besoins identiques"
            return Diagnostic(cle, TYPES_DE_MARCHE[cle],
                              f"{qui}, de {francais.nombre(taille)} clients ({pourquoi}, seuil du cours).",
                              alertes)
        a, b = min(combinations(groupes, 2), key=lambda p: similarite(p[0][0], p[1][0]))
        proximite = similarite(a[0], b[0])
        pourcent = francais.pourcent(proximite, part=True)
        seuil = francais.pourcent(self.seuil_parente, part=True)
        if proximite < self.seuil_parente:
            return Diagnostic("diversifie", TYPES_DE_MARCHE["diversifie"],
                              f"« {a[0].nom} » et « {b[0].nom} » ne partagent que {pourcent} de leurs besoins "
                              f"(moins de {seuil}) : ce sont des marchés sans rapport.", alertes)
        return Diagnostic("segmente", TYPES_DE_MARCHE["segmente"],
                          f"les segments partagent une part de leurs besoins (au moins {pourcent}, seuil {seuil}) "
                          "mais chacun a les siens : une offre commune, déclinée par segment.", alertes)

    def _alertes(self) -> list[str]:
        alertes = []
        for s in self._segments.values():
            if simplifier(s.nom) in _TROP_LARGES:
                alertes.append(f"« {s.nom} » ne décrit personne en particulier : dites qui, avec quel besoin.")
        for groupe in self._groupes():
            if len(groupe) > 1:
                noms = " et ".join(f"« {s.nom} »" for s in groupe)
                alertes.append(
                    f"{noms} ont exactement les mêmes besoins : si canaux, relation et prix ne diffèrent pas "
                    "non plus, ce n'est qu'un seul segment."
                )
        interdependants = {s.nom for s in self._segments.values() if s.depend_de} | {
            d for s in self._segments.values() for d in s.depend_de}
        for s in self._segments.values():
            if s.disposition_a_payer == 0 and s.nom not in interdependants:
                alertes.append(
                    f"« {s.nom} » ne paie rien : qui finance la valeur qu'il reçoit ? Si un autre segment paie "
                    "pour lui, déclarez la dépendance (plateforme multiface) ; sinon revoyez les revenus."
                )
        if interdependants and all(self._segments[n].disposition_a_payer == 0 for n in interdependants):
            alertes.append("Aucune face de la plateforme ne paie : d'où viendront les revenus ?")
        return alertes

    # -- canevas -----------------------------------------------------------
    def notes(self) -> list[str]:
        """Une note par segment, prête pour le bloc « Segments de clients » du canevas."""
        return [f"{s.nom} ({s.qui})" if s.qui else s.nom for s in self._segments.values()]

    def ajouter_au_canevas(self, canevas: Canevas) -> list[str]:
        """Ajoute les segments absents au bloc « Segments de clients » d'un canevas ; renvoie les identifiants ajoutés."""
        return _blocs.verser(canevas, "segments_clients", self.notes())
