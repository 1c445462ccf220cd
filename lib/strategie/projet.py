"""Le projet de synthèse : votre canevas, votre canevas stratégique et votre plan SMART, réunis.

Un ``Projet`` rassemble les trois travaux que l'apprenant a construits au fil
du cours et enregistrés à côté des leçons :

* ``mon-canevas.json`` : le Business Model Canvas (modules 01 à 11) ;
* ``mon-canevas-strategique.json`` : le canevas stratégique (module 12) ;
* ``mon-plan.json`` : le plan d'exécution SMART (modules 14 et 18), avec le
  titre du projet, son auteur et les liens entre axes et facteurs.

``charger_projet(dossier)`` les relit et dit ce qui manque ; ``bilan(projet)``
passe en revue les étapes de la démarche (modélisation, réflexion,
réinvention, action) et dit, pour chacune, si elle est faite ou ce qu'il
reste à faire et dans quel module ; ``rapport_html(projet)`` écrit une page
autonome et imprimable.

Un plan se relie à la stratégie par ses **axes** : chaque axe fait progresser
un ou plusieurs **facteurs** du canevas stratégique (ceux que la grille ERRC
dit de renforcer ou de créer, surtout). Un axe qui porte exactement le nom
d'un facteur lui est relié d'office ; sinon, ``projet.relier(axe, facteurs)``.

Les fichiers portent un format et une version ; les lire ne les modifie
jamais ; les écrire est atomique (jamais de fichier à moitié écrit).
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from strategie import coherence
from strategie._fichiers import ecrire_json_atomique, ecrire_texte_atomique, lire_json, verifier_format
from strategie.canevas import Canevas
from strategie.canevas import FICHIER_PAR_DEFAUT as FICHIER_CANEVAS
from strategie.canevas import exemple as exemple_canevas
from strategie.canevas_strategique import FICHIER_PAR_DEFAUT as FICHIER_CANEVAS_STRATEGIQUE
from strategie.canevas_strategique import LIBELLES_ACTIONS, CanevasStrategique, GrilleERRC
from strategie.erreurs import FichierInvalide, SaisieInvalide
from strategie.smart import CRITERES, LIBELLES, Objectif, PlanExecution, est_smart, verifier
from strategie.texte import cle_nom

__all__ = [
    "FORMAT", "VERSION", "FICHIER_PLAN", "FICHIER_RAPPORT", "FICHIERS", "ETAPES", "PILIERS", "LECONS",
    "Etape", "Projet", "charger_plan", "charger_projet", "bilan", "est_complet", "prochaine_etape",
    "tableau_du_bilan", "expliquer", "rapport_html", "exemple_projet",
]

FORMAT = "strategie.plan"
VERSION = 1
FICHIER_PLAN = "mon-plan.json"
FICHIER_RAPPORT = "mon-projet.html"
FICHIERS = (FICHIER_CANEVAS, FICHIER_CANEVAS_STRATEGIQUE, FICHIER_PLAN)
REFERENCE_PAR_DEFAUT = "moyenne"
FACTEURS_MIN = 3

# Les quatre piliers de la démarche (source 000), dans l'ordre où le projet les parcourt.
PILIERS = {
    "modelisation": "Modélisation",
    "reflexion": "Réflexion",
    "reinvention": "Réinvention",
    "action": "Action",
}

LECONS = {
    "01": "01-business-model-canvas", "02": "02-segments-clients", "03": "03-proposition-de-valeur",
    "04": "04-canaux", "05": "05-relation-client", "06": "06-flux-de-revenus", "07": "07-ressources-cles",
    "08": "08-activites-cles", "09": "09-partenaires-cles", "10": "10-structure-de-couts",
    "11": "11-canevas-complet", "12": "12-canevas-strategique", "14": "14-objectifs-smart",
    "18": "18-projet-final",
}
MODULE_DU_BLOC = {
    "segments_clients": "02", "proposition_de_valeur": "03", "canaux": "04", "relation_client": "05",
    "flux_de_revenus": "06", "ressources_cles": "07", "activites_cles": "08", "partenaires_cles": "09",
    "structure_de_couts": "10",
}

# code : (titre, pilier, module où le travail se fait)
ETAPES = {
    "canevas": ("Votre canevas est enregistré", "modelisation", "01"),
    "canevas_rempli": ("Les neuf blocs du canevas sont remplis", "modelisation", "02"),
    "canevas_coherent": ("Le canevas est cohérent", "reflexion", "11"),
    "canevas_strategique": ("Un canevas stratégique d'au moins trois facteurs", "reinvention", "12"),
    "offre_focale": ("Votre offre est placée sur le canevas stratégique", "reinvention", "12"),
    "concurrents": ("Au moins un concurrent ou une alternative", "reinvention", "12"),
    "grille_errc": ("Une grille ERRC qui crée de la valeur et fait des économies", "reinvention", "12"),
    "slogan": ("Un slogan résume la courbe de valeur", "reinvention", "12"),
    "plan": ("Un plan d'exécution est enregistré", "action", "14"),
    "objectifs_par_axe": ("Au moins un objectif par axe", "action", "14"),
    "objectifs_smart": ("Tous les objectifs sont SMART", "action", "14"),
    "axes_relies": ("Chaque axe est relié à la stratégie", "action", "18"),
    "facteurs_couverts": ("Chaque facteur à renforcer ou à créer a son objectif", "action", "18"),
}


def _module(numero: str) -> str:
    return f"module {numero} ({LECONS[numero]}.ipynb)"


# Deux noms sont le même s'ils ne diffèrent que par la casse ou les espaces (strategie.texte).
_cle = cle_nom


def _liste(noms: Iterable[str], maximum: int = 4) -> str:
    noms = list(noms)
    cites = ", ".join(f"« {n} »" for n in noms[:maximum])
    reste = len(noms) - maximum
    return cites + (f" et {reste} autre{'s' if reste > 1 else ''}" if reste > 0 else "")


# -- le projet ---------------------------------------------------------------

class Projet:
    """Le projet de l'apprenant : titre, auteur, canevas, canevas stratégique, plan d'exécution.

    >>> p = exemple_projet()
    >>> p.grille_errc().creer
    ("Livres d'occasion à lire sur place",)

    Chaque partie peut manquer (``None``) : le bilan dit alors quoi faire.
    ``reference`` est la courbe de départ de la grille ERRC : ``"moyenne"``
    (la moyenne des concurrents, comme dans l'éditeur du module 12) ou le nom
    d'une offre du canevas stratégique.
    """

    def __init__(
        self,
        titre: str = "Mon projet",
        auteur: str = "",
        canevas: Canevas | None = None,
        canevas_strategique: CanevasStrategique | None = None,
        plan: PlanExecution | None = None,
        reference: str = REFERENCE_PAR_DEFAUT,
        facteurs_des_axes: dict[str, list[str]] | None = None,
    ) -> None:
        self.titre = titre
        self.auteur = auteur
        self.canevas = canevas
        self.canevas_strategique = canevas_strategique
        self.plan = plan
        self.reference = reference
        self._liens: dict[str, list[str]] = {}
        if facteurs_des_axes is not None and not isinstance(facteurs_des_axes, dict):
            raise SaisieInvalide("facteurs_des_axes : attendu un dict {axe: [facteurs]}, par exemple "
                                 "{\"Un lieu calme\": [\"Calme pour travailler\"]}.")
        for axe, facteurs in (facteurs_des_axes or {}).items():
            self._liens[" ".join(str(axe).split())] = self._facteurs_valides(facteurs, verifier_canevas=False)
        # Rempli par charger_projet : où les fichiers ont été lus, ce qui manque, ce qui est abîmé.
        self.dossier: Path | None = None
        self.manques: list[str] = []
        self.problemes: dict[str, str] = {}

    # -- validated attributes --------------------------------------------------
    @property
    def titre(self) -> str:
        return self._titre

    @titre.setter
    def titre(self, valeur: str) -> None:
        if not isinstance(valeur, str) or not valeur.strip():
            raise SaisieInvalide(f"titre : donnez un titre au projet, par exemple « Café-librairie du quartier » "
                                 f"(reçu : {valeur!r}).")
        self._titre = " ".join(valeur.split())

    @property
    def auteur(self) -> str:
        return self._auteur

    @auteur.setter
    def auteur(self, valeur: str | None) -> None:
        if valeur is None:
            valeur = ""
        if not isinstance(valeur, str):
            raise SaisieInvalide(f"auteur : attendu votre nom, en texte (reçu : {type(valeur).__name__}).")
        self._auteur = " ".join(valeur.split())

    @property
    def canevas(self) -> Canevas | None:
        return self._canevas

    @canevas.setter
    def canevas(self, valeur: Canevas | None) -> None:
        if valeur is not None and not isinstance(valeur, Canevas):
            raise SaisieInvalide(
                f"canevas : attendu un Canevas (strategie.canevas.ouvrir(\"mon-canevas.json\")) ou None, "
                f"pas {type(valeur).__name__}."
            )
        self._canevas = valeur

    @property
    def canevas_strategique(self) -> CanevasStrategique | None:
        return self._canevas_strategique

    @canevas_strategique.setter
    def canevas_strategique(self, valeur: CanevasStrategique | None) -> None:
        if valeur is not None and not isinstance(valeur, CanevasStrategique):
            raise SaisieInvalide(
                "canevas_strategique : attendu un CanevasStrategique "
                f"(strategie.canevas_strategique.ouvrir(...)) ou None, pas {type(valeur).__name__}."
            )
        self._canevas_strategique = valeur

    @property
    def plan(self) -> PlanExecution | None:
        return self._plan

    @plan.setter
    def plan(self, valeur: PlanExecution | None) -> None:
        if valeur is not None and not isinstance(valeur, PlanExecution):
            raise SaisieInvalide(
                f"plan : attendu un smart.PlanExecution (ou None), pas {type(valeur).__name__}. "
                "Créez-le avec projet.preparer_plan() ou smart.PlanExecution([...axes...])."
            )
        self._plan = valeur

    @property
    def reference(self) -> str:
        return self._reference

    @reference.setter
    def reference(self, valeur: str) -> None:
        if not isinstance(valeur, str) or not valeur.strip():
            raise SaisieInvalide(
                "reference : la courbe de départ de la grille ERRC est « moyenne » (la moyenne des concurrents) "
                f"ou le nom d'une offre du canevas stratégique (reçu : {valeur!r})."
            )
        self._reference = " ".join(valeur.split())

    # -- strategy ----------------------------------------------------------------
    def grille_errc(self) -> GrilleERRC | None:
        """La grille ERRC de la référence (moyenne des concurrents par défaut) vers votre offre.

        ``None`` tant que le canevas stratégique n'a pas de facteur, d'offre ou de concurrent.
        """
        cs = self.canevas_strategique
        if cs is None or not cs.facteurs or cs.focale is None:
            return None
        if _cle(self.reference) in ("moyenne", "moyenne des concurrents"):
            if not cs.concurrents():
                return None
        elif _cle(self.reference) == _cle(cs.focale):
            raise SaisieInvalide(
                f"reference : « {self.reference} » est votre propre offre ; comparez-la à « moyenne » "
                "ou à un concurrent."
            )
        return cs.grille_errc(self.reference, cs.focale)

    def facteurs_a_servir(self) -> list[str]:
        """Les facteurs que la grille dit de renforcer ou de créer : là où la stratégie crée de la valeur."""
        grille = self.grille_errc()
        return [] if grille is None else [*grille.renforcer, *grille.creer]

    def _facteurs_valides(self, facteurs, verifier_canevas: bool = True) -> list[str]:
        if isinstance(facteurs, str):
            facteurs = [facteurs]
        if not hasattr(facteurs, "__iter__"):
            raise SaisieInvalide("facteurs : attendu un nom de facteur ou une liste de noms, par exemple [\"Prix\"].")
        propres: list[str] = []
        connus = {_cle(f): f for f in (self.canevas_strategique.facteurs if self.canevas_strategique else [])}
        for facteur in facteurs:
            if not isinstance(facteur, str) or not facteur.strip():
                raise SaisieInvalide(f"facteurs : chaque facteur est un nom, en texte (reçu : {facteur!r}).")
            nom = " ".join(facteur.split())
            if verifier_canevas:
                if _cle(nom) not in connus:
                    raise SaisieInvalide(
                        f"facteurs : « {nom} » n'est pas un facteur de votre canevas stratégique. "
                        f"Facteurs possibles : {_liste(connus.values(), 12) or 'aucun (canevas vide)'}."
                    )
                nom = connus[_cle(nom)]
            if _cle(nom) not in map(_cle, propres):
                propres.append(nom)
        return propres

    def _axe(self, axe: str) -> str:
        if self.plan is None:
            raise SaisieInvalide("Pas encore de plan d'exécution : créez-le avec projet.preparer_plan().")
        for nom in self.plan.axes:
            if isinstance(axe, str) and _cle(nom) == _cle(axe):
                return nom
        raise SaisieInvalide(
            f"axe : « {axe} » n'est pas un axe du plan. Axes possibles : {_liste(self.plan.axes, 12)}."
        )

    def relier(self, axe: str, facteurs) -> list[str]:
        """Relie un axe du plan aux facteurs du canevas stratégique qu'il fait progresser.

        ``facteurs`` : un nom ou une liste de noms. Renvoie les facteurs reliés à l'axe.
        """
        nom_axe = self._axe(axe)
        if self.canevas_strategique is None:
            raise SaisieInvalide(
                "Pas encore de canevas stratégique : construisez-le au module 12 avant de relier vos axes."
            )
        nouveaux = self._facteurs_valides(facteurs)
        self._liens[nom_axe] = self._facteurs_valides([*self._liens.get(nom_axe, []), *nouveaux],
                                                      verifier_canevas=False)
        return self.facteurs_lies(nom_axe)

    def facteurs_lies(self, axe: str) -> list[str]:
        """Les facteurs du canevas stratégique que sert un axe : liens explicites, ou même nom que l'axe."""
        cs = self.canevas_strategique
        if cs is None:
            return []
        voulus = {_cle(f) for f in self._liens.get(axe, [])} | {_cle(axe)}
        return [f for f in cs.facteurs if _cle(f) in voulus]

    @property
    def facteurs_des_axes(self) -> dict[str, list[str]]:
        """Les liens explicites axe → facteurs (tels qu'enregistrés dans mon-plan.json)."""
        return {axe: list(f) for axe, f in self._liens.items()}

    # -- plan ----------------------------------------------------------------------
    def preparer_plan(self, nom: str | None = None, remplacer: bool = False) -> PlanExecution:
        """Crée un plan d'exécution avec un axe par facteur à renforcer ou à créer (grille ERRC).

        Chaque axe porte le nom de son facteur : il lui est donc relié. Ajoutez
        ensuite vos objectifs avec ``projet.ajouter_objectif(smart.Objectif(..., axe=...))``.
        """
        if self.plan is not None and self.plan.objectifs and not remplacer:
            raise SaisieInvalide(
                f"Le projet a déjà un plan avec {len(self.plan.objectifs)} objectif(s) : il n'est pas remplacé. "
                "Passez remplacer=True pour repartir de zéro."
            )
        if self.canevas_strategique is None:
            raise SaisieInvalide(
                "Pas encore de canevas stratégique : le plan se déduit de sa grille ERRC (module 12)."
            )
        axes = self.facteurs_a_servir()
        if not axes:
            raise SaisieInvalide(
                "La grille ERRC ne renforce ni ne crée aucun facteur : il n'y a pas encore d'axe de valeur à "
                "décliner. Retravaillez votre courbe au module 12 (montez les facteurs qui font votre différence)."
            )
        self.plan = PlanExecution(axes, nom=nom or f"Plan d'exécution — {self.titre}")
        self._liens = {axe: [axe] for axe in axes}
        return self.plan

    def ajouter_objectif(self, objectif: Objectif) -> Objectif:
        """Ajoute un objectif SMART à son axe (``objectif.axe`` doit être un axe du plan)."""
        if self.plan is None:
            raise SaisieInvalide("Pas encore de plan d'exécution : créez-le avec projet.preparer_plan().")
        self.plan.ajouter(objectif)
        return objectif

    def retirer_objectif(self, indicateur: str) -> Objectif:
        """Retire l'objectif qui suit cet indicateur."""
        if self.plan is None:
            raise SaisieInvalide("Pas encore de plan d'exécution : il n'y a aucun objectif à retirer.")
        for objectif in self.plan.objectifs:
            if _cle(objectif.indicateur) == _cle(indicateur):
                self.plan.objectifs.remove(objectif)
                return objectif
        connus = _liste([o.indicateur for o in self.plan.objectifs], 12) or "aucun"
        raise SaisieInvalide(f"indicateur : aucun objectif ne suit « {indicateur} ». Indicateurs du plan : {connus}.")

    # -- le fichier du plan -----------------------------------------------------------
    def vers_dict(self) -> dict:
        """Le contenu de mon-plan.json : titre, auteur, référence ERRC, plan (axes, facteurs, objectifs)."""
        plan = None
        if self.plan is not None:
            plan = {
                "nom": self.plan.nom,
                "axes": [{"nom": a, "facteurs": list(self._liens.get(a, []))} for a in self.plan.axes],
                "objectifs": [o.vers_dict() for o in self.plan.objectifs],
            }
        return {"format": FORMAT, "version": VERSION, "titre": self.titre, "auteur": self.auteur,
                "reference": self.reference, "plan": plan}

    @classmethod
    def depuis_dict(cls, donnees: object) -> "Projet":
        """Reconstruit le projet d'un fichier de plan (sans canevas).

        Lève ``FichierInvalide`` si les données ne conviennent pas.
        """
        verifier_format(donnees, FORMAT, VERSION, "un plan de projet du cours",
                        "projet.enregistrer_plan() ou le tableau de bord du projet")
        try:
            projet = cls(donnees.get("titre") or "Mon projet", donnees.get("auteur", ""),
                         reference=donnees.get("reference") or REFERENCE_PAR_DEFAUT)
            brut = donnees.get("plan")
            if brut is not None:
                projet.plan, projet._liens = cls._plan_depuis_dict(brut)
        except FichierInvalide:
            raise
        except SaisieInvalide as exc:
            raise FichierInvalide(f"Le plan est abîmé : {exc}") from None
        return projet

    @staticmethod
    def _plan_depuis_dict(brut: object) -> tuple[PlanExecution, dict[str, list[str]]]:
        if not isinstance(brut, dict):
            raise SaisieInvalide("le champ « plan » doit être un objet JSON (ou null)")
        axes_bruts = brut.get("axes")
        if not isinstance(axes_bruts, list):
            raise SaisieInvalide("le champ « axes » doit être une liste")
        axes, liens = [], {}
        for position, axe in enumerate(axes_bruts, start=1):
            if not isinstance(axe, dict) or not isinstance(axe.get("nom"), str):
                raise SaisieInvalide(f"l'axe n° {position} doit être un objet avec un « nom »")
            facteurs = axe.get("facteurs", [])
            if not isinstance(facteurs, list) or not all(isinstance(f, str) and f.strip() for f in facteurs):
                raise SaisieInvalide(f"les facteurs de l'axe n° {position} doivent être une liste de noms")
            axes.append(axe["nom"])
            liens[" ".join(axe["nom"].split())] = [" ".join(f.split()) for f in facteurs]
        plan = PlanExecution(axes, nom=brut.get("nom") or "")
        objectifs = brut.get("objectifs", [])
        if not isinstance(objectifs, list):
            raise SaisieInvalide("le champ « objectifs » doit être une liste")
        for position, objectif in enumerate(objectifs, start=1):
            try:
                plan.ajouter(Objectif.depuis_dict(objectif))
            except SaisieInvalide as exc:
                raise SaisieInvalide(f"objectif n° {position} : {exc}") from None
        return plan, {axe: f for axe, f in liens.items() if f}

    def enregistrer_plan(self, chemin: str | os.PathLike = FICHIER_PLAN) -> Path:
        """Enregistre le plan (avec titre, auteur, liens axes → facteurs) en JSON, de façon atomique."""
        return ecrire_json_atomique(self.vers_dict(), chemin, exemple=FICHIER_PLAN)

    # -- reading -----------------------------------------------------------------
    def relire(self) -> None:
        """Relit le canevas et le canevas stratégique du dossier (modifiés dans d'autres leçons).

        Le plan, le titre, l'auteur et les liens restent ceux du projet en mémoire.
        """
        if self.dossier is None:
            raise SaisieInvalide("Ce projet n'a pas été lu d'un dossier : utilisez charger_projet(\".\") d'abord.")
        frais = charger_projet(self.dossier)
        self.canevas, self.canevas_strategique = frais.canevas, frais.canevas_strategique
        garder = (FICHIER_PLAN,)
        self.manques = [f for f in self.manques if f in garder] + [f for f in frais.manques if f not in garder]
        self.problemes = {**{f: m for f, m in self.problemes.items() if f in garder},
                          **{f: m for f, m in frais.problemes.items() if f not in garder}}

    def resume_fichiers(self) -> str:
        """Ce qui a été lu, ce qui manque, ce qui est illisible (après ``charger_projet``)."""
        if self.dossier is None:
            return "Projet construit dans le carnet (aucun fichier lu)."
        parties = {
            FICHIER_CANEVAS: (self.canevas, "votre canevas (module 01, bouton Enregistrer)"),
            FICHIER_CANEVAS_STRATEGIQUE: (self.canevas_strategique,
                                          "votre canevas stratégique (module 12, bouton Enregistrer)"),
            FICHIER_PLAN: (self.plan, "votre plan (projet.enregistrer_plan() ou le tableau de bord ci-dessous)"),
        }
        lignes = [f"Dossier lu : « {self.dossier.resolve()} »"]
        for fichier, (partie, comment) in parties.items():
            if fichier in self.problemes:
                lignes.append(f"⚠ {fichier} : illisible. {self.problemes[fichier]}")
            elif fichier in self.manques:
                lignes.append(f"✘ {fichier} : absent. Enregistrez {comment}.")
            elif fichier == FICHIER_PLAN and partie is None:
                lignes.append(f"✔ {fichier} : lu (titre « {self.titre} »), sans plan encore.")
            else:
                lignes.append(f"✔ {fichier} : lu.")
        return "\n".join(lignes)

    def __repr__(self) -> str:
        parties = [f"canevas={'oui' if self.canevas is not None else 'non'}",
                   f"canevas_strategique={'oui' if self.canevas_strategique is not None else 'non'}",
                   f"plan={len(self.plan.objectifs) if self.plan else 'non'}" + (" objectif(s)" if self.plan else "")]
        return f"Projet({self.titre!r}, {', '.join(parties)})"


def charger_plan(chemin: str | os.PathLike = FICHIER_PLAN) -> Projet:
    """Lit mon-plan.json : un ``Projet`` avec titre, auteur, plan et liens (sans canevas).

    Le fichier n'est jamais modifié ; ``FichierInvalide`` s'il est abîmé, étranger ou trop récent.
    """
    chemin = Path(chemin)
    donnees = lire_json(chemin, "votre plan (projet.enregistrer_plan())")
    try:
        return Projet.depuis_dict(donnees)
    except FichierInvalide as exc:
        raise FichierInvalide(f"« {chemin} » : {exc}") from None


def charger_projet(dossier: str | os.PathLike = ".", strict: bool = False) -> Projet:
    """Rassemble les fichiers de l'apprenant (canevas, canevas stratégique, plan) dans un ``Projet``.

    Un fichier absent laisse sa partie à ``None`` et s'ajoute à ``projet.manques`` ;
    un fichier abîmé laisse aussi sa partie à ``None`` et son message va dans
    ``projet.problemes`` (avec ``strict=True``, il lève ``FichierInvalide``).
    Aucun fichier n'est modifié.
    ``projet.resume_fichiers()`` dit ce qui a été lu et ce qui manque.
    """
    if not isinstance(dossier, (str, os.PathLike)):
        raise SaisieInvalide(f"dossier : attendu un chemin de dossier, par exemple \".\" (reçu : {dossier!r}).")
    dossier = Path(dossier)
    if not dossier.is_dir():
        raise SaisieInvalide(
            f"dossier : « {dossier} » n'existe pas ou n'est pas un dossier. Donnez le dossier des leçons "
            "(\"course\" depuis la racine du cours, \".\" depuis une leçon)."
        )
    lecteurs = ((FICHIER_CANEVAS, Canevas.charger), (FICHIER_CANEVAS_STRATEGIQUE, CanevasStrategique.charger),
                (FICHIER_PLAN, charger_plan))
    lus: dict[str, object] = {}
    problemes: dict[str, str] = {}
    manques: list[str] = []
    for fichier, lecteur in lecteurs:
        chemin = dossier / fichier
        if not chemin.exists():
            manques.append(fichier)
            continue
        try:
            lus[fichier] = lecteur(chemin)
        except FichierInvalide as exc:
            if strict:
                raise
            texte = str(exc)
            problemes[fichier] = texte if "pas été modifié" in texte else f"{texte} Le fichier n'a pas été modifié."
    projet = lus.get(FICHIER_PLAN) or Projet()
    projet.canevas = lus.get(FICHIER_CANEVAS)
    projet.canevas_strategique = lus.get(FICHIER_CANEVAS_STRATEGIQUE)
    if FICHIER_PLAN not in lus and projet.canevas is not None:
        projet.titre = projet.canevas.nom
    projet.dossier, projet.manques, projet.problemes = dossier, manques, problemes
    return projet


# -- le bilan ----------------------------------------------------------------

@dataclass(frozen=True)
class Etape:
    """Une étape du projet : faite (``ok``) ou à faire, avec un message qui dit quoi faire et où."""

    code: str
    titre: str
    ok: bool
    message: str
    pilier: str
    module: str

    def vers_dict(self) -> dict:
        return {"code": self.code, "titre": self.titre, "ok": self.ok, "message": self.message,
                "pilier": self.pilier, "module": self.module}

    def __str__(self) -> str:
        return f"{'☑' if self.ok else '☐'} {self.titre} — {self.message}"


def _absent(projet: Projet, fichier: str, quoi: str, comment: str) -> str:
    if fichier in projet.problemes:
        return f"{projet.problemes[fichier]} Réparez-le ou enregistrez de nouveau votre {quoi} ({comment})."
    ou = f" dans le dossier « {projet.dossier.resolve().name} »" if projet.dossier is not None else ""
    return f"Pas encore de {quoi}{ou} : {comment} ; le fichier {fichier} sera relu ici."


def _e_canevas(p: Projet, _j) -> tuple[bool, str]:
    if p.canevas is None:
        return False, _absent(p, FICHIER_CANEVAS, "canevas",
                              f"construisez-le dans l'éditeur du {_module('01')} et cliquez sur Enregistrer")
    if not len(p.canevas):
        return False, f"« {p.canevas.nom} » n'a encore aucune note : remplissez-le dans l'éditeur du {_module('01')}."
    vue = "une personne" if p.canevas.vue == "personnel" else "une organisation"
    return True, f"« {p.canevas.nom} » ({vue}) : {len(p.canevas)} notes."


def _e_rempli(p: Projet, _j) -> tuple[bool, str]:
    if p.canevas is None:
        return False, "D'abord : enregistrez votre canevas (étape précédente)."
    vides = p.canevas.blocs_vides()
    if vides:
        details = ", ".join(f"« {p.canevas.intitule(b).split(':')[0]} » (module {MODULE_DU_BLOC[b]})" for b in vides)
        return False, f"Bloc(s) vide(s) : {details}. Chaque bloc répond à une question du modèle : complétez-les."
    return True, "Les neuf blocs ont au moins une note."


def _e_coherent(p: Projet, _j) -> tuple[bool, str]:
    if p.canevas is None:
        return False, "D'abord : enregistrez votre canevas."
    constats = coherence.verifier(p.canevas)
    if constats:
        premier = constats[0]
        notes = f" (note(s) {', '.join(premier.notes)})" if premier.notes else ""
        return False, (f"{len(constats)} constat(s) de cohérence à traiter. Le premier{notes} : {premier.explication} "
                       f"→ {premier.a_faire} Le vérificateur du {_module('11')} les montre tous.")
    return True, f"Le canevas passe les {len(coherence.REGLES)} règles de cohérence."


def _e_strategique(p: Projet, _j) -> tuple[bool, str]:
    cs = p.canevas_strategique
    if cs is None:
        return False, _absent(p, FICHIER_CANEVAS_STRATEGIQUE, "canevas stratégique",
                              f"construisez-le dans l'éditeur du {_module('12')} et cliquez sur Enregistrer")
    if len(cs.facteurs) < FACTEURS_MIN:
        return False, (f"Le canevas stratégique n'a que {len(cs.facteurs)} facteur(s) : ajoutez les critères sur "
                       f"lesquels vos clients choisissent (au moins {FACTEURS_MIN}) dans l'éditeur du {_module('12')}.")
    return True, f"{len(cs.facteurs)} facteurs de concurrence : {_liste(cs.facteurs, 6)}."


def _e_focale(p: Projet, _j) -> tuple[bool, str]:
    cs = p.canevas_strategique
    if cs is None:
        return False, "D'abord : enregistrez votre canevas stratégique."
    if cs.focale is None:
        return False, f"Aucune offre sur le canevas stratégique : ajoutez la vôtre — {_module('12')}."
    return True, f"Votre offre : « {cs.focale} »."


def _e_concurrents(p: Projet, _j) -> tuple[bool, str]:
    cs = p.canevas_strategique
    if cs is None or cs.focale is None:
        return False, "D'abord : placez votre offre sur le canevas stratégique."
    autres = cs.concurrents()
    if not autres:
        return False, (f"Votre offre est seule : ajoutez au moins un concurrent ou une alternative entre "
                       f"lesquels vos clients hésitent (bouton « Ajouter l'offre », {_module('12')}).")
    return True, f"Comparée à {_liste(autres)}."


def _e_grille(p: Projet, _j) -> tuple[bool, str]:
    grille = p.grille_errc()
    if grille is None:
        return False, "D'abord : un canevas stratégique avec des facteurs, votre offre et un concurrent."
    valeur = [*grille.renforcer, *grille.creer]
    economies = [*grille.eliminer, *grille.reduire]
    if valeur and economies:
        cases = " ; ".join(f"{LIBELLES_ACTIONS[a]} : {', '.join(getattr(grille, a))}"
                           for a in ("eliminer", "reduire", "renforcer", "creer") if getattr(grille, a))
        return True, cases + "."
    if valeur:
        return False, (f"Vous renforcez ou créez {_liste(valeur)} sans rien réduire ni éliminer : une offre qui "
                       "ajoute partout devient vite hors de prix. Quel facteur, auquel vos clients tiennent peu, "
                       f"pouvez-vous réduire ou éliminer ? — {_module('12')}")
    if economies:
        return False, (f"Vous réduisez ou éliminez {_liste(economies)} sans rien renforcer ni créer : vos clients "
                       f"n'ont aucune raison nouvelle de vous choisir. Sur quel facteur faire la différence ? "
                       f"({_module('12')})")
    return False, (f"Votre courbe se confond avec la référence (« {p.reference} ») : rien n'est éliminé, réduit, "
                   f"renforcé ni créé. Déplacez-la dans l'éditeur du {_module('12')}.")


def _e_slogan(p: Projet, _j) -> tuple[bool, str]:
    cs = p.canevas_strategique
    if cs is None:
        return False, "D'abord : enregistrez votre canevas stratégique."
    if not cs.slogan:
        return False, (f"Pas encore de slogan : résumez votre courbe en une phrase courte et vraie (champ « Slogan » "
                       f"de l'éditeur, {_module('12')}).")
    return True, f"« {cs.slogan} »"


def _e_plan(p: Projet, _j) -> tuple[bool, str]:
    if p.plan is None:
        return False, _absent(p, FICHIER_PLAN, "plan d'exécution",
                              "créez-le avec projet.preparer_plan() (un axe par facteur à renforcer ou à créer) ou "
                              "avec le tableau de bord du projet, puis ajoutez vos objectifs et enregistrez")
    return True, (f"« {p.plan.nom or 'Plan'} » : {len(p.plan.axes)} axe(s), "
                  f"{len(p.plan.objectifs)} objectif(s).")


def _e_par_axe(p: Projet, _j) -> tuple[bool, str]:
    if p.plan is None:
        return False, "D'abord : un plan d'exécution."
    vides = [axe for axe, objectifs in p.plan.par_axe().items() if not objectifs]
    if vides:
        return False, (f"Axe(s) sans objectif : {_liste(vides)}. Un axe sans objectif reste une intention : "
                       f"écrivez au moins un objectif SMART pour chacun — {_module('14')}.")
    return True, f"Les {len(p.plan.axes)} axes ont au moins un objectif."


def _e_smart(p: Projet, aujourd_hui) -> tuple[bool, str]:
    if p.plan is None or not p.plan.objectifs:
        return False, f"Aucun objectif encore : écrivez-en au moins un par axe — {_module('14')}."
    a_revoir = []
    for o in p.plan.objectifs:
        verdicts = verifier(o, aujourd_hui)
        if not est_smart(verdicts):
            manques = [LIBELLES[c] for c in CRITERES if verdicts[c][0] is not True]
            a_revoir.append(f"« {o.quoi} » ({', '.join(manques)})")
    if a_revoir:
        return False, (f"À revoir : {'; '.join(a_revoir[:3])}{' …' if len(a_revoir) > 3 else ''}. Le rapport et "
                       f"smart.resume(smart.verifier(objectif)) disent pourquoi — {_module('14')}.")
    return True, f"Les {len(p.plan.objectifs)} objectifs remplissent les cinq critères."


def _e_relies(p: Projet, _j) -> tuple[bool, str]:
    if p.plan is None or p.canevas_strategique is None:
        return False, "D'abord : un canevas stratégique et un plan d'exécution."
    seuls = [axe for axe in p.plan.axes if not p.facteurs_lies(axe)]
    if seuls:
        perdus = sorted({f for axe in seuls for f in p._liens.get(axe, [])})
        note = f" (facteur(s) qui ne sont plus sur le canevas : {_liste(perdus)})" if perdus else ""
        return False, (f"Axe(s) relié(s) à aucun facteur du canevas stratégique : {_liste(seuls)}{note}. Dites quel "
                       f"facteur chacun fait progresser : projet.relier(\"{seuls[0]}\", [\"…\"]) ; un axe sans lien "
                       "avec la stratégie disperse les ressources.")
    return True, "Chaque axe fait progresser au moins un facteur du canevas stratégique."


def _e_couverts(p: Projet, _j) -> tuple[bool, str]:
    grille = p.grille_errc() if p.canevas_strategique is not None else None
    if grille is None or p.plan is None:
        return False, "D'abord : une grille ERRC et un plan d'exécution."
    cibles = [*grille.renforcer, *grille.creer]
    if not cibles:
        return False, ("La grille ne renforce ni ne crée aucun facteur : il n'y a rien à servir "
                       "(voir l'étape de la grille ERRC).")
    servis = {_cle(f) for axe, objectifs in p.plan.par_axe().items() if objectifs for f in p.facteurs_lies(axe)}
    oublies = [f for f in cibles if _cle(f) not in servis]
    if oublies:
        return False, (f"Aucun objectif ne fait encore progresser {_liste(oublies)} : c'est là que votre stratégie "
                       "crée de la valeur. Ajoutez (ou reliez) un axe et au moins un objectif SMART pour chacun.")
    return True, f"Les {len(cibles)} facteurs à renforcer ou à créer ont au moins un objectif."


_VERIFICATIONS = {
    "canevas": _e_canevas, "canevas_rempli": _e_rempli, "canevas_coherent": _e_coherent,
    "canevas_strategique": _e_strategique, "offre_focale": _e_focale, "concurrents": _e_concurrents,
    "grille_errc": _e_grille, "slogan": _e_slogan, "plan": _e_plan, "objectifs_par_axe": _e_par_axe,
    "objectifs_smart": _e_smart, "axes_relies": _e_relies, "facteurs_couverts": _e_couverts,
}


def _projet_valide(projet: object) -> Projet:
    if not isinstance(projet, Projet):
        raise SaisieInvalide(
            f"projet : attendu un Projet (charger_projet(\".\") ou exemple_projet()), pas {type(projet).__name__}."
        )
    return projet


def _date_valide(aujourd_hui) -> _dt.date | None:
    if aujourd_hui is not None and (not isinstance(aujourd_hui, _dt.date) or isinstance(aujourd_hui, _dt.datetime)):
        raise SaisieInvalide(
            f"aujourd_hui : attendu une date (datetime.date(2026, 1, 15)) ou None, pas {aujourd_hui!r}."
        )
    return aujourd_hui


def bilan(projet: Projet, aujourd_hui: _dt.date | None = None) -> list[Etape]:
    """Les étapes du projet, dans l'ordre de la démarche, chacune faite ou à faire.

    ``aujourd_hui`` (par défaut, la date du jour) décide si une échéance est passée.
    Le bilan ne plante pas sur un projet incomplet ou mal formé : un problème
    devient une étape à faire, avec son message.
    """
    projet = _projet_valide(projet)
    aujourd_hui = _date_valide(aujourd_hui)
    etapes = []
    for code, (titre, pilier, module) in ETAPES.items():
        try:
            ok, message = _VERIFICATIONS[code](projet, aujourd_hui)
        except SaisieInvalide as exc:
            ok, message = False, str(exc)
        etapes.append(Etape(code, titre, bool(ok), message, pilier, module))
    return etapes


def est_complet(projet: Projet, aujourd_hui: _dt.date | None = None) -> bool:
    """Vrai si toutes les étapes du bilan sont faites."""
    return all(e.ok for e in bilan(projet, aujourd_hui))


def prochaine_etape(projet: Projet, aujourd_hui: _dt.date | None = None) -> Etape | None:
    """La première étape à faire (``None`` si le projet est complet)."""
    return next((e for e in bilan(projet, aujourd_hui) if not e.ok), None)


def tableau_du_bilan(projet: Projet, aujourd_hui: _dt.date | None = None):
    """Le bilan en tableau pandas : pilier, étape, fait, message, module."""
    import pandas as pd

    return pd.DataFrame(
        [{"pilier": PILIERS[e.pilier], "etape": e.titre, "fait": e.ok, "message": e.message,
          "module": e.module} for e in bilan(projet, aujourd_hui)],
        columns=["pilier", "etape", "fait", "message", "module"],
    )


def expliquer(projet: Projet, aujourd_hui: _dt.date | None = None) -> str:
    """Le bilan en texte, pilier par pilier, à lire avec ``print``."""
    etapes = bilan(projet, aujourd_hui)
    faites = sum(e.ok for e in etapes)
    lignes = [f"« {projet.titre} » : {faites} étape(s) faite(s) sur {len(etapes)}."]
    for pilier, nom in PILIERS.items():
        lignes.append(f"\n{nom}")
        lignes += [f"  {e}" for e in etapes if e.pilier == pilier]
    return "\n".join(lignes)


def rapport_html(projet: Projet, chemin: str | os.PathLike = FICHIER_RAPPORT,
                 aujourd_hui: _dt.date | None = None) -> Path:
    """Écrit le rapport du projet : une page HTML autonome, à ouvrir dans un navigateur et à imprimer.

    La page contient le canevas, le rapport de cohérence, les courbes de valeur
    et la grille ERRC, les objectifs et leurs verdicts SMART, le plan
    d'exécution et le bilan. L'écriture est atomique.
    """
    # Import ici : plotly n'est chargé que pour écrire un rapport ; figures.rapport_projet ne lit pas ce module.
    from strategie.figures.rapport_projet import page_html

    projet, aujourd_hui = _projet_valide(projet), _date_valide(aujourd_hui)
    page = page_html(projet, bilan(projet, aujourd_hui), PILIERS, aujourd_hui)
    return ecrire_texte_atomique(chemin, page, exemple=FICHIER_RAPPORT)


# -- l'exemple travaillé ----------------------------------------------------------

def exemple_projet() -> Projet:
    """Le projet complet du café-librairie du module 01 : canevas cohérent, canevas stratégique, plan SMART.

    Les objectifs sont SMART au 15 janvier 2026 (la date de référence des leçons 14 et 18).
    """
    canevas = exemple_canevas("cafe")
    # Les liens ajoutés au module 11 rendent le canevas cohérent.
    for a, b in [("n13", "n3"), ("n14", "n4"), ("n11", "n3"), ("n12", "n4"),
                 ("n15", "n13"), ("n16", "n14"), ("n17", "n11"), ("n18", "n13")]:
        canevas.lier(a, b)
    strategique = CanevasStrategique(
        ["Prix des boissons", "Rapidité du service", "Choix de livres neufs", "Calme pour travailler",
         "Wifi et prises", "Livres d'occasion à lire sur place", "Ateliers pour enfants"],
        {
            "Chaîne de cafés": [6, 9, 0, 3, 7, 0, 0],
            "Librairie du centre-ville": [5, 4, 9, 5, 2, 0, 2],
            "Café-librairie du quartier": [3, 3, 0, 9, 9, 8, 8],
        },
        focale="Café-librairie du quartier",
        slogan="Le salon de lecture du quartier : on y travaille en semaine, on y lit en famille le week-end",
        titre="Le café-librairie face à ses concurrents",
    )
    projet = Projet("Café-librairie du quartier : le salon de lecture", "Inès Garnier (gérante)",
                    canevas, strategique)
    projet.plan = PlanExecution(
        ["Un lieu calme pour travailler", "Les familles le week-end", "Le coin des livres d'occasion"],
        nom="Café-librairie — plan 2026-2027",
    )
    projet.relier("Un lieu calme pour travailler", ["Calme pour travailler", "Wifi et prises"])
    projet.relier("Les familles le week-end", "Ateliers pour enfants")
    projet.relier("Le coin des livres d'occasion", "Livres d'occasion à lire sur place")
    for objectif in (
        Objectif(quoi="Augmenter le nombre d'étudiants qui ont la carte de fidélité",
                 indicateur="nombre de cartes de fidélité étudiantes actives", depart=120, cible=200,
                 unite="cartes", echeance="30/06/2027", responsable="Inès Garnier (gérante)",
                 moyens="tarif étudiant, dix prises de plus (800 €)", axe="Un lieu calme pour travailler"),
        Objectif(quoi="Augmenter le taux de remplissage des ateliers lecture du samedi",
                 indicateur="taux de remplissage des ateliers", depart=55, cible=80, unite="%",
                 echeance="30/06/2027", responsable="Hugo Martin (animateur)",
                 moyens="partenariat avec la bibliothèque municipale, 2 000 € d'affiches et de livres",
                 axe="Les familles le week-end"),
        Objectif(quoi="Augmenter les ventes de livres d'occasion",
                 indicateur="nombre de livres d'occasion vendus par mois", depart=150, cible=250,
                 unite="livres", echeance="31/12/2027", responsable="Inès Garnier (gérante)",
                 moyens="collecte auprès des clients, 500 € d'étagères", axe="Le coin des livres d'occasion"),
    ):
        projet.ajouter_objectif(objectif)
    return projet
