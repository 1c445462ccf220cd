"""Le modèle d'objectif : quoi, indicateur, départ, cible, échéance, responsable, axe stratégique."""

from __future__ import annotations

import datetime as _dt
import warnings
from dataclasses import asdict, dataclass

from strategie.erreurs import SaisieInvalide
from strategie.smart._texte import format_nombre, plier
from strategie.smart.dates import lire_echeance
from strategie.smart.nombres import lire_nombre
from strategie.smart.verbes import trouver_verbe


def _texte(valeur, champ: str, obligatoire: bool) -> str:
    if valeur is None:
        valeur = ""
    if not isinstance(valeur, str):
        raise SaisieInvalide(f"Objectif — champ « {champ} » : attendu du texte, reçu {type(valeur).__name__}.")
    valeur = " ".join(valeur.split())
    if obligatoire and not valeur:
        exemples = {
            "quoi": "« Réduire les retards de livraison des commandes en ligne »",
            "indicateur": "« taux de commandes livrées en retard »",
        }
        raise SaisieInvalide(
            f"Objectif — champ « {champ} » vide : écrivez-le, par exemple {exemples[champ]}."
        )
    return valeur


@dataclass(frozen=True)
class Objectif:
    """Un objectif structuré.

    >>> Objectif(quoi="Réduire les retards de livraison", indicateur="taux de retard",
    ...          depart=12, cible=8, unite="%", echeance="30/06/2027",
    ...          responsable="Julie Martin", moyens="un transporteur de plus", axe="Excellence opérationnelle")

    ``depart`` peut rester ``None`` si la valeur de départ n'est pas encore mesurée.
    ``echeance`` : une ``datetime.date`` ou un texte (« 30/06/2027 », « fin juin 2027 »,
    « T3 2027 » ; une durée comme « en 6 mois » se compte depuis aujourd'hui).
    La cible doit différer du départ, sauf pour un objectif de maintien (« Maintenir… »).
    """

    quoi: str = ""
    indicateur: str = ""
    depart: float | None = None
    cible: float | None = None
    echeance: _dt.date | str | None = None
    responsable: str = ""
    axe: str = ""
    unite: str = ""
    moyens: str = ""

    def __post_init__(self):
        fixer = object.__setattr__.__get__(self)
        fixer("quoi", _texte(self.quoi, "quoi", True))
        fixer("indicateur", _texte(self.indicateur, "indicateur", True))
        for champ in ("responsable", "axe", "unite", "moyens"):
            fixer(champ, _texte(getattr(self, champ), champ, False))
        fixer("depart", lire_nombre(self.depart, "Objectif — valeur de départ (depart)", vide_permis=True))
        if self.cible is None or (isinstance(self.cible, str) and not self.cible.strip()):
            raise SaisieInvalide(
                "Objectif — champ « cible » vide : écrivez la valeur visée, par exemple 8 (et l'unité dans « unite »)."
            )
        fixer("cible", lire_nombre(self.cible, "Objectif — cible"))
        if self.echeance is None or (isinstance(self.echeance, str) and not self.echeance.strip()):
            raise SaisieInvalide(
                "Objectif — champ « echeance » vide : écrivez une date (« 30/06/2027 », « fin juin 2027 »)."
            )
        fixer("echeance", lire_echeance(self.echeance, champ="Objectif — échéance"))
        _, categorie = trouver_verbe(plier(self.quoi))
        if self.depart is not None and self.cible == self.depart and categorie != "maintien":
            raise SaisieInvalide(
                f"Objectif — la cible ({format_nombre(self.cible)}) est égale à la valeur de départ : il n'y a "
                "rien à atteindre. Changez la cible, ou commencez « quoi » par « Maintenir » s'il s'agit de "
                "tenir un niveau."
            )

    @property
    def sens(self) -> int:
        """+1 pour une hausse, -1 pour une baisse, 0 si le départ est inconnu ou égal à la cible."""
        if self.depart is None or self.cible == self.depart:
            return 0
        return 1 if self.cible > self.depart else -1

    def _avec_unite(self, x: float) -> str:
        if not self.unite:
            return format_nombre(x)
        separateur = "" if self.unite.startswith("/") else ("\u202f" if self.unite == "%" else "\u00a0")
        return f"{format_nombre(x)}{separateur}{self.unite}"

    def phrase(self) -> str:
        """L'objectif en une phrase française (relisible par ``smart.evaluer``)."""
        quoi = self.quoi.rstrip(" .")
        valeurs = (f"de {self._avec_unite(self.depart)} à {self._avec_unite(self.cible)}"
                   if self.depart is not None else f"à {self._avec_unite(self.cible)}")
        texte = f"{quoi} : {self.indicateur} {valeurs} d'ici le {self.echeance:%d/%m/%Y}"
        if self.responsable:
            texte += f", responsable : {self.responsable}"
        if self.moyens:
            texte += f", moyens : {self.moyens}"
        return texte + "."

    def __str__(self) -> str:
        return self.phrase()

    def vers_dict(self) -> dict:
        """Un dictionnaire simple (échéance au format ISO), pour JSON."""
        d = asdict(self)
        d["echeance"] = self.echeance.isoformat()
        return d

    def en_dict(self) -> dict:
        """Ancien nom de ``vers_dict`` (déprécié), gardé pour les copies de la leçon 14 qui l'emploient."""
        warnings.warn("Objectif.en_dict() s'appelle désormais Objectif.vers_dict(), comme pour les autres modèles "
                      "du cours.", DeprecationWarning, stacklevel=2)
        return self.vers_dict()

    @classmethod
    def depuis_dict(cls, donnees: dict) -> Objectif:
        """Recrée un objectif depuis ``vers_dict`` ; un champ inconnu est signalé."""
        if not isinstance(donnees, dict):
            raise SaisieInvalide(f"Objectif : attendu un dictionnaire, reçu {type(donnees).__name__}.")
        connus = set(cls.__dataclass_fields__)
        inconnus = sorted(set(donnees) - connus)
        if inconnus:
            raise SaisieInvalide(
                f"Objectif : champ(s) inconnu(s) {', '.join(inconnus)} ; champs possibles : {', '.join(sorted(connus))}."
            )
        valeurs = dict(donnees)
        if isinstance(valeurs.get("echeance"), str):
            try:
                valeurs["echeance"] = _dt.date.fromisoformat(valeurs["echeance"])
            except ValueError:
                pass  # texte en français : lu par __post_init__
        return cls(**valeurs)
