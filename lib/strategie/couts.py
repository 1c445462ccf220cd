"""Structure de coûts : fixes et variables, seuil de rentabilité, économies d'échelle et de gamme,
logique de coûts ou de valeur, et coûts immatériels (temps, stress) à côté de l'argent.

Le bloc « Structure de coûts » (pour une personne : « ce que vous donnez »)
recense ce que coûte le modèle. Une organisation compte surtout en euros ;
un modèle personnel compte aussi ce qui ne se paie pas en argent : le temps
non payé, le stress, la fatigue (série « Business Model You » de Martin Gysler, 2015).

Conventions : les coûts fixes sont en euros par mois, les coûts variables en
euros par unité vendue, les quantités en unités par mois.

>>> s = StructureCouts("Café")
>>> _ = s.ajouter_fixe("Loyer", 1200)
>>> _ = s.ajouter_fixe("Salaires", 4800)
>>> _ = s.ajouter_variable("Café, lait, gobelet", 0.5)
>>> s.seuil_de_rentabilite(3)
2400.0
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np
import pandas as pd

from strategie import _blocs, francais
from strategie.canevas import Canevas
from strategie.erreurs import SaisieInvalide

STRESS_MAX = 10
HEURES_MAX = 744  # heures d'un mois de 31 jours

NATURES = {
    "fixe": "Fixe : ne change pas avec le volume (loyer, salaires, abonnements, assurances).",
    "variable": "Variable : proportionnel au volume (matières premières, commissions, emballages, livraison).",
    "immateriel": "Immatériel : ce que l'on donne sans le payer en argent (temps non payé, stress, fatigue).",
}


@dataclass(frozen=True)
class Cout:
    """Un coût : libellé, nature, montant en euros (par mois si fixe, par unité si variable)
    et, pour un coût immatériel, heures par mois et stress de 0 à 10."""

    libelle: str
    nature: str
    montant: float = 0.0
    heures: float = 0.0
    stress: int = 0


def _quantite(q, champ: str = "La quantité", strict: bool = False) -> np.ndarray | float:
    if np.ndim(q) == 0:
        return _blocs.nombre(q, champ, 0, strict=strict)
    tableau = np.asarray(q, dtype=float)
    if tableau.size and (not np.all(np.isfinite(tableau)) or tableau.min() < 0 or (strict and tableau.min() == 0)):
        borne = "strictement positives" if strict else "positives ou nulles"
        raise SaisieInvalide(f"{champ} : toutes les valeurs doivent être finies et {borne}.")
    return tableau


def seuil_de_rentabilite(couts_fixes: float, prix: float, cout_variable: float) -> float:
    """Quantité à vendre pour que le chiffre d'affaires couvre tous les coûts : CF / (prix - CV).

    >>> seuil_de_rentabilite(6000, 3, 0.5)
    2400.0
    """
    cf = _blocs.nombre(couts_fixes, "Les coûts fixes (couts_fixes)")
    p = _blocs.nombre(prix, "Le prix (prix)")
    cv = _blocs.nombre(cout_variable, "Le coût variable unitaire (cout_variable)")
    if p <= cv:
        raise SaisieInvalide(
            f"Au prix de {_blocs.euros(p)}, chaque unité coûte {_blocs.euros(cv)} à produire : elle ne rapporte rien pour "
            "payer les coûts fixes, il n'y a donc pas de seuil de rentabilité. Augmentez le prix ou réduisez "
            "le coût variable."
        )
    return cf / (p - cv)


def economies_de_gamme(cout_a_seul: float, cout_b_seul: float, cout_ensemble: float) -> dict[str, float]:
    """Compare deux activités menées séparément ou ensemble (partage du local, de l'équipe, de la marque…).

    Renvoie ``separes`` (A + B séparés), ``ensemble``, ``economie`` (positive
    s'il y a économie de gamme) et ``economie_pct`` (en % du coût séparé).
    """
    a = _blocs.nombre(cout_a_seul, "Le coût de A mené seul (cout_a_seul)")
    b = _blocs.nombre(cout_b_seul, "Le coût de B mené seul (cout_b_seul)")
    ab = _blocs.nombre(cout_ensemble, "Le coût de A et B menés ensemble (cout_ensemble)")
    separes = a + b
    if separes == 0:
        raise SaisieInvalide("Les coûts séparés sont nuls : il n'y a rien à comparer.")
    return {"separes": separes, "ensemble": ab, "economie": separes - ab, "economie_pct": 100 * (separes - ab) / separes}


# Traits d'une structure guidée par les coûts ou par la valeur (distinction d'Osterwalder et Pigneur), dans nos mots.
CARACTERISTIQUES: dict[str, tuple[str, str]] = {
    "prix_bas": ("Une offre au prix le plus bas possible", "couts"),
    "automatisation": ("Beaucoup d'automatisation", "couts"),
    "sous_traitance": ("Une sous-traitance poussée de tout ce qui n'est pas central", "couts"),
    "libre_service": ("Le client se sert lui-même (libre-service)", "couts"),
    "offre_standard": ("Une offre standard, sans options", "couts"),
    "sur_mesure": ("Une offre personnalisée, sur mesure", "valeur"),
    "service_premium": ("Un service haut de gamme, très attentionné", "valeur"),
    "experience": ("Une expérience soignée, un cadre qui a du prestige", "valeur"),
    "qualite_avant_prix": ("La qualité et l'innovation passent avant le prix", "valeur"),
    "personnel_qualifie": ("Un personnel nombreux et qualifié au contact du client", "valeur"),
}


def orientation(choix: Iterable[str]) -> dict[str, object]:
    """Dit si un modèle est plutôt axé sur les coûts ou sur la valeur, d'après les caractéristiques cochées.

    >>> orientation(["prix_bas", "libre_service", "sur_mesure"])["verdict"]
    'plutôt axé sur les coûts'
    """
    if isinstance(choix, str):
        choix = [choix]
    cles = {_blocs.choix(c, CARACTERISTIQUES, "La caractéristique") for c in choix}
    if not cles:
        raise SaisieInvalide(f"Cochez au moins une caractéristique parmi : {', '.join(CARACTERISTIQUES)}.")
    couts = sum(CARACTERISTIQUES[c][1] == "couts" for c in cles)
    valeur = len(cles) - couts
    if couts > valeur:
        verdict = "axé sur les coûts" if valeur == 0 else "plutôt axé sur les coûts"
    elif valeur > couts:
        verdict = "axé sur la valeur" if couts == 0 else "plutôt axé sur la valeur"
    else:
        verdict = "mixte : ni les coûts ni la valeur ne dominent"
    return {"couts": couts, "valeur": valeur, "verdict": verdict}


def taux_horaire_reel(revenu: float, heures_payees: float, heures_non_payees: float = 0.0) -> float:
    """Ce que rapporte vraiment une heure quand on compte aussi le temps non payé (prospection, devis, trajets).

    >>> taux_horaire_reel(4000, 80, 40)
    33.333333333333336
    """
    r = _blocs.nombre(revenu, "Le revenu (revenu)")
    payees = _blocs.nombre(heures_payees, "Les heures payées (heures_payees)", 0, HEURES_MAX)
    non_payees = _blocs.nombre(heures_non_payees, "Les heures non payées (heures_non_payees)", 0, HEURES_MAX)
    if payees + non_payees == 0:
        raise SaisieInvalide("Aucune heure travaillée : donnez au moins des heures payées ou non payées.")
    return r / (payees + non_payees)


class StructureCouts(_blocs.Collection):
    """Les coûts d'un modèle : fixes (€ par mois), variables (€ par unité) et immatériels (heures, stress)."""

    _attribut = "libelle"

    def __init__(self, nom: str = "Ma structure de coûts", unite: str = "unité") -> None:
        self.nom = _blocs.texte(nom, "Le nom de la structure de coûts")
        self.unite = _blocs.texte(unite, "L'unité vendue")
        super().__init__()

    @property
    def couts(self) -> list[Cout]:
        return list(self._elements)

    # -- editing ---------------------------------------------------------------
    def ajouter(self, libelle: str, nature: str, montant: float = 0.0, heures: float = 0.0, stress: int = 0) -> Cout:
        """Ajoute un coût de nature « fixe », « variable » ou « immateriel » (refuse vide, doublon, négatif)."""
        propre = _blocs.texte(libelle, "Le libellé du coût")
        cle = _blocs.choix(nature, NATURES, "La nature du coût")
        if self._trouver(propre):
            raise SaisieInvalide(f"La structure contient déjà le coût « {propre} ».")
        if cle == "immateriel":
            h = _blocs.nombre(heures, f"Les heures par mois de « {propre} »", 0, HEURES_MAX)
            s = int(_blocs.nombre(stress, f"Le stress de « {propre} » (de 0 à 10)", 0, STRESS_MAX, entier=True))
            if h == 0 and s == 0:
                raise SaisieInvalide(
                    f"« {propre} » : un coût immatériel se mesure en heures par mois ou en stress (0 à 10) ; "
                    "donnez au moins l'un des deux."
                )
            cout = Cout(propre, cle, 0.0, h, s)
        else:
            unite = "par mois" if cle == "fixe" else f"par {self.unite}"
            m = _blocs.nombre(montant, f"Le montant de « {propre} » (en € {unite})", 0, strict=True)
            cout = Cout(propre, cle, m)
        self._elements.append(cout)
        return cout

    def ajouter_fixe(self, libelle: str, montant: float) -> Cout:
        """Un coût fixe, en euros par mois."""
        return self.ajouter(libelle, "fixe", montant)

    def ajouter_variable(self, libelle: str, cout_unitaire: float) -> Cout:
        """Un coût variable, en euros par unité vendue."""
        return self.ajouter(libelle, "variable", cout_unitaire)

    def ajouter_immateriel(self, libelle: str, heures: float = 0.0, stress: int = 0) -> Cout:
        """Un coût immatériel : heures données par mois sans être payées, et/ou stress de 0 à 10."""
        return self.ajouter(libelle, "immateriel", heures=heures, stress=stress)

    def retirer(self, libelle: str) -> Cout:
        return self._retirer(libelle, "Le libellé du coût", f"Aucun coût « {libelle} » dans la structure.")

    # -- money -----------------------------------------------------------------
    @property
    def couts_fixes(self) -> float:
        """Total des coûts fixes, en euros par mois."""
        return float(sum(c.montant for c in self._elements if c.nature == "fixe"))

    @property
    def cout_variable_unitaire(self) -> float:
        """Total des coûts variables, en euros par unité."""
        return float(sum(c.montant for c in self._elements if c.nature == "variable"))

    def cout_total(self, quantite):
        """Coût total du mois pour une quantité (ou un tableau de quantités) : CF + CV × q."""
        q = _quantite(quantite)
        return self.couts_fixes + self.cout_variable_unitaire * q

    def cout_moyen(self, quantite):
        """Coût complet d'une unité : CF / q + CV. Il baisse quand le volume monte (économies d'échelle)."""
        q = _quantite(quantite, strict=True)
        return self.couts_fixes / q + self.cout_variable_unitaire

    def resultat(self, prix: float, quantite):
        """Résultat du mois : prix × q − coût total (négatif : une perte)."""
        p = _blocs.nombre(prix, "Le prix (prix)")
        return p * _quantite(quantite) - self.cout_total(quantite)

    def seuil_de_rentabilite(self, prix: float) -> float:
        """Quantité par mois à partir de laquelle le modèle gagne de l'argent, à ce prix."""
        return seuil_de_rentabilite(self.couts_fixes, prix, self.cout_variable_unitaire)

    def bilan(self, prix: float, quantite: float | None = None) -> list[str]:
        """Le bilan en phrases : coûts, marge par unité, seuil, résultat et coût complet au volume donné,
        puis les coûts immatériels. Ne lève pas d'erreur s'il n'y a pas de seuil : il le dit."""
        p = _blocs.nombre(prix, "Le prix (prix)")
        unite = self.unite
        lignes = [
            f"Coûts fixes : {_blocs.euros(self.couts_fixes)} par mois ; coût variable : "
            f"{_blocs.euros(round(self.cout_variable_unitaire, 2))} par {unite} ; marge sur chaque vente : "
            f"{_blocs.euros(round(p - self.cout_variable_unitaire, 2))}."
        ]
        try:
            seuil = self.seuil_de_rentabilite(p)
            lignes.append(f"Seuil de rentabilité : {_blocs.nombre_fr(seuil, 1 if seuil < 100 else 0)} {unite}s par mois.")
        except SaisieInvalide as exc:
            lignes.append(str(exc))
        if quantite is not None:
            q = _blocs.nombre(quantite, "La quantité (quantite)")
            resultat = float(self.resultat(p, q))
            signe = "+" if resultat >= 0 else "−"
            ligne = (f"Pour {_blocs.nombre_fr(q)} {unite}s par mois, résultat du mois : "
                     f"{signe}{_blocs.euros(round(abs(resultat)))}")
            if q > 0:
                ligne += f" ; coût complet par {unite} : {_blocs.euros(round(float(self.cout_moyen(q)), 2))}"
            lignes.append(ligne + ".")
        immateriels = self.immateriels()
        if len(immateriels):
            lignes.append(
                f"Et ce que l'argent ne montre pas : {_blocs.nombre_fr(self.heures_non_payees)} h non payées par mois, "
                f"stress le plus fort {int(immateriels['stress'].max())}/10."
            )
        return lignes

    # -- intangible --------------------------------------------------------------
    def immateriels(self) -> pd.DataFrame:
        """Les coûts immatériels : libellé, heures par mois, stress."""
        return pd.DataFrame(
            [{"libelle": c.libelle, "heures": c.heures, "stress": c.stress} for c in self._elements if c.nature == "immateriel"],
            columns=["libelle", "heures", "stress"],
        )

    @property
    def heures_non_payees(self) -> float:
        return float(sum(c.heures for c in self._elements if c.nature == "immateriel"))

    def tableau(self) -> pd.DataFrame:
        return pd.DataFrame(
            [{"libelle": c.libelle, "nature": c.nature, "montant": c.montant, "heures": c.heures, "stress": c.stress}
             for c in self._elements],
            columns=["libelle", "nature", "montant", "heures", "stress"],
        )

    # -- canvas ------------------------------------------------------------------
    def notes_de_canevas(self) -> list[str]:
        """Les notes du bloc « Structure de coûts », argent et coûts immatériels côte à côte."""
        notes = []
        for c in self._elements:
            if c.nature == "fixe":
                notes.append(f"{c.libelle} : {_blocs.euros(c.montant)} par mois (fixe)")
            elif c.nature == "variable":
                notes.append(f"{c.libelle} : {_blocs.euros(c.montant)} par {self.unite} (variable)")
            else:
                mesures = ([f"{francais.avec_unite(c.heures, 'h')} par mois"] if c.heures else []) + ([f"stress {c.stress}/10"] if c.stress else [])
                notes.append(f"{c.libelle} : {', '.join(mesures)} (immatériel)")
        return notes

    def vers_canevas(self, canevas: Canevas) -> list[str]:
        """Verse les coûts dans le bloc du canevas ; renvoie les identifiants ajoutés."""
        return _blocs.verser(canevas, "structure_de_couts", self.notes_de_canevas())


def exemple_structure(nom: str = "cafe") -> StructureCouts:
    """Structures du cours : « cafe » (une tasse de café) ou « consultante » (une journée de mission)."""
    exemples = {
        "cafe": ("Café-librairie du quartier", "tasse", [
            ("Loyer", "fixe", 1200), ("Salaires", "fixe", 4800), ("Abonnements et assurance", "fixe", 300),
            ("Café, lait et gobelet", "variable", 0.65), ("Commission de paiement par carte", "variable", 0.05),
            ("Soirées de comptabilité du gérant", "immateriel", 0, 12, 5),
        ]),
        "consultante": ("Léa, consultante en données", "journée", [
            ("Rémunération visée pour vivre", "fixe", 3200),
            ("Logiciels et assurance professionnelle", "fixe", 250), ("Cotisations minimales", "fixe", 150),
            ("Déplacements chez le client", "variable", 40),
            ("Prospection non payée", "immateriel", 0, 30, 8),
            ("Stress des fins de mission", "immateriel", 0, 0, 7),
        ]),
    }
    if nom not in exemples:
        raise SaisieInvalide(f"Exemple inconnu : « {nom} ». Exemples possibles : {', '.join(exemples)}.")
    titre, unite, lignes = exemples[nom]
    structure = StructureCouts(titre, unite)
    for libelle, nature, montant, *immateriel in lignes:
        structure.ajouter(libelle, nature, montant, *immateriel)
    return structure
