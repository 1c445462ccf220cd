"""Vues de l'expérience client : carte de parcours éditable et graphique de ciblage."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from strategie.canevas_strategique import nombre_fr
from strategie.erreurs import SaisieInvalide
from strategie.experience import (
    QUADRANTS,
    ParcoursClient,
    _table_cibles,
    cibles_exemple,
    classer_cibles,
    parcours_exemple,
    selectionner_cibles,
)
from strategie.figures.experience import COULEURS_STATUTS, MARQUES_STATUTS, figure_ciblage, figure_parcours
from strategie import palette
from strategie.texte import cle_nom
from strategie.widgets._commun import ChampNombre, FigureVivante, ZoneMessage, protege

__all__ = ["CarteParcours", "GraphiqueCiblage"]

_ETROIT = widgets.Layout(width="80px")
_MOYEN = widgets.Layout(width="150px")
_LARGE = widgets.Layout(width="240px")


def _entete(libelles_largeurs) -> widgets.HBox:
    return widgets.HBox(
        [widgets.HTML(f"<b>{html.escape(t)}</b>", layout=widgets.Layout(width=l)) for t, l in libelles_largeurs]
    )


class _LignePoint(widgets.HBox):
    """Une ligne de la carte : étape, point de contact, canal, partenaire, attendu, perçu, écart."""

    def __init__(self, point: dict, etapes: list[str]):
        self.nom = point["point_de_contact"]  # clé de cette ligne dans le modèle
        self.etape = widgets.Dropdown(options=etapes, value=point["etape"], tooltip="Étape", layout=_MOYEN)
        self.point = widgets.Text(value=point["point_de_contact"], continuous_update=False, tooltip="Point de contact",
                                  layout=_LARGE)
        self.canal = widgets.Text(value=point["canal"], continuous_update=False, tooltip="Canal", layout=_ETROIT)
        self.partenaire = widgets.Text(value=point["partenaire"], continuous_update=False, tooltip="Partenaire",
                                       layout=_MOYEN)
        self.attendu = ChampNombre(value=point["attendu"], step=0.5, continuous_update=False, tooltip="Attendu",
                                   layout=_ETROIT)
        self.percu = ChampNombre(value=point["percu"], step=0.5, continuous_update=False, tooltip="Perçu",
                                layout=_ETROIT)
        self.ecart = widgets.HTML(layout=_ETROIT)
        self.retirer = widgets.Button(icon="trash", tooltip="Retirer ce point de contact", layout=widgets.Layout(width="40px"))
        super().__init__(
            [self.etape, self.point, self.canal, self.partenaire, self.attendu, self.percu, self.ecart, self.retirer]
        )
        self.add_class("strategie-experience-ligne")

    def champs(self) -> dict:
        return {
            "etape": self.etape.value,
            "point_de_contact": self.point.value,
            "canal": self.canal.value,
            "partenaire": self.partenaire.value,
            "attendu": self.attendu.value,
            "percu": self.percu.value,
        }

    def montrer_ecart(self, ecart: float, statut: str) -> None:
        marque = MARQUES_STATUTS[statut]  # ▼ / ▲ : l'état n'est pas dit par la seule couleur
        self.ecart.value = (f"<b style='color:{COULEURS_STATUTS[statut]}' title='{statut}'>"
                            f"{'+' if ecart > 0 else ''}{nombre_fr(ecart)}{' ' + marque if marque else ''}</b>")


class CarteParcours(widgets.VBox):
    """Carte de parcours éditable : un point de contact par ligne, la figure et les pires points en direct.

    ``self.parcours`` (un :class:`strategie.experience.ParcoursClient`, par
    défaut l'exemple fictif du cours) est modifié au fil des saisies. Une
    saisie invalide (score hors échelle, nom vide ou en double) affiche un
    message et reste dans son champ ; le parcours garde sa dernière version valide.
    """

    def __init__(self, parcours: ParcoursClient | None = None, n_pires: int = 3):
        super().__init__()
        self.add_class("strategie-experience")
        self.parcours = parcours if parcours is not None else parcours_exemple()
        if not isinstance(self.parcours, ParcoursClient):
            raise SaisieInvalide("CarteParcours attend un ParcoursClient (ou rien, pour partir de l'exemple du cours).")
        self.n_pires = n_pires
        self.message = ZoneMessage()
        self.lignes: list[_LignePoint] = []
        self.boite_lignes = widgets.VBox()
        self.bouton_ajouter = widgets.Button(description="Ajouter un point de contact", icon="plus", layout=widgets.Layout(width="240px"))
        self.bouton_ajouter.add_class("strategie-experience-ajouter")
        self.bouton_ajouter.on_click(self._sur_ajout)
        self.figure = FigureVivante(figure_parcours(self.parcours, self.n_pires))
        self.pires = widgets.HTML()
        self.pires.add_class("strategie-experience-pires")
        bas, haut = self.parcours.echelle
        self.children = [
            widgets.HTML(
                f"<b>Carte du parcours</b> — scores de {nombre_fr(bas)} à {nombre_fr(haut)} : "
                "<i>attendu</i> = ce que la promesse fait espérer, <i>perçu</i> = la réalité vécue."
            ),
            _entete(
                [("Étape", "150px"), ("Point de contact", "240px"), ("Canal", "80px"), ("Partenaire", "150px"),
                 ("Attendu", "80px"), ("Perçu", "80px"), ("Écart", "80px")]
            ),
            self.boite_lignes,
            self.bouton_ajouter,
            self.message,
            self.figure,
            self.pires,
        ]
        self._reconstruire()

    def _reconstruire(self) -> None:
        """Range les lignes dans l'ordre du parcours, en gardant les lignes existantes telles quelles.

        Une ligne en cours de correction (saisie invalide) garde donc ce qui y est écrit.
        """
        existantes = {ligne.nom: ligne for ligne in self.lignes}
        self.lignes = []
        for point in self.parcours.tableau().to_dict("records"):
            ligne = existantes.get(point["point_de_contact"]) or self._nouvelle_ligne(point)
            self.lignes.append(ligne)
        self.boite_lignes.children = self.lignes
        self._rafraichir()

    def _nouvelle_ligne(self, point: dict) -> _LignePoint:
        ligne = _LignePoint(point, self.parcours.etapes)
        for champ in (ligne.etape, ligne.point, ligne.canal, ligne.partenaire, ligne.attendu, ligne.percu):
            champ.observe(lambda changement, l=ligne: self._sur_modification(l, changement), names="value")
        ligne.retirer.on_click(lambda _b, l=ligne: self._sur_retrait(l))
        return ligne

    def _rafraichir(self) -> None:
        table = self.parcours.tableau().set_index("point_de_contact")
        for ligne in self.lignes:
            if ligne.nom in table.index:
                ligne.montrer_ecart(float(table.loc[ligne.nom, "ecart"]), str(table.loc[ligne.nom, "statut"]))
        self.figure.montrer(figure_parcours(self.parcours, self.n_pires))
        pires = self.parcours.pires_points(self.n_pires)
        if pires.empty:
            self.pires.value = "<p>Aucune déception : la réalité tient la promesse partout.</p>"
        else:
            items = "".join(
                f"<li><b>{html.escape(p)}</b> ({html.escape(e)}) : écart {nombre_fr(x)}</li>"
                for p, e, x in zip(pires["point_de_contact"], pires["etape"], pires["ecart"])
            )
            self.pires.value = f"<b>Pires points de contact</b><ol>{items}</ol>"

    @protege()
    def _sur_modification(self, ligne: _LignePoint, changement) -> None:
        ordre_avant = self.parcours.points
        ligne.nom = self.parcours.modifier_point(ligne.nom, **ligne.champs())
        self.message.effacer()
        if changement["owner"] is ligne.etape and self.parcours.points != ordre_avant:
            self._reconstruire()
        else:
            self._rafraichir()

    @protege()
    def _sur_ajout(self, _bouton=None) -> None:
        noms = {cle_nom(n) for n in self.parcours.points}
        k = 1
        while f"nouveau point {k}" in noms:
            k += 1
        bas, haut = self.parcours.echelle
        milieu = (bas + haut) / 2
        nom = self.parcours.ajouter_point(self.parcours.etapes[0], f"Nouveau point {k}", milieu, milieu)
        self._reconstruire()
        self.message.info(f"« {nom} » ajouté : donnez-lui un nom, une étape et ses deux scores.")

    @protege()
    def _sur_retrait(self, ligne: _LignePoint) -> None:
        self.parcours.retirer_point(ligne.nom)
        self._reconstruire()
        self.message.info(f"« {ligne.nom} » retiré du parcours.")


class _LigneCible(widgets.HBox):
    def __init__(self, cible: str, potentiel: float, effort: float):
        self.cible = widgets.Text(value=cible, continuous_update=False, tooltip="Cible", layout=_LARGE)
        self.potentiel = ChampNombre(value=potentiel, continuous_update=False, tooltip="Potentiel", layout=_ETROIT)
        self.effort = ChampNombre(value=effort, continuous_update=False, tooltip="Effort", layout=_ETROIT)
        self.retirer = widgets.Button(icon="trash", tooltip="Retirer cette cible", layout=widgets.Layout(width="40px"))
        super().__init__([self.cible, self.potentiel, self.effort, self.retirer])
        self.add_class("strategie-ciblage-ligne")


class GraphiqueCiblage(widgets.VBox):
    """Cibles éditables, placées selon le potentiel et l'effort, classées par leur rapport.

    ``self.cibles`` (tableau cible / potentiel / effort) garde la dernière
    version valide ; une saisie invalide (effort nul, potentiel négatif, nom
    vide ou en double) affiche un message et reste dans son champ. Un budget
    d'effort (0 = sans limite) montre les cibles que l'on peut toucher sans se disperser.
    """

    def __init__(self, cibles: pd.DataFrame | None = None, budget: float = 0.0, unite_potentiel: str = "", unite_effort: str = ""):
        super().__init__()
        self.add_class("strategie-ciblage")
        self.message = ZoneMessage()
        self.unites = (unite_potentiel, unite_effort)
        depart = cibles_exemple() if cibles is None else cibles
        # Valide les cibles de départ (message en français si erreur) et garde leur ordre.
        self.cibles = _table_cibles(depart)[["cible", "potentiel", "effort"]]
        self.lignes: list[_LigneCible] = []
        self.boite_lignes = widgets.VBox()
        self.budget = ChampNombre(
            value=budget, description="Budget d'effort (0 = sans limite)", continuous_update=False,
            style={"description_width": "initial"}, layout=widgets.Layout(width="320px"),
        )
        self.budget.observe(self._sur_budget, names="value")
        self.bouton_ajouter = widgets.Button(description="Ajouter une cible", icon="plus")
        self.bouton_ajouter.add_class("strategie-ciblage-ajouter")
        self.bouton_ajouter.on_click(self._sur_ajout)
        self.figure = FigureVivante(
            figure_ciblage(self.cibles, unite_potentiel=unite_potentiel, unite_effort=unite_effort, hauteur=480)
        )
        self.classement = widgets.HTML()
        self.classement.add_class("strategie-ciblage-classement")
        self.children = [
            _entete([("Cible", "240px"), ("Potentiel", "80px"), ("Effort", "80px")]),
            self.boite_lignes,
            widgets.HBox([self.bouton_ajouter, self.budget]),
            self.message,
            widgets.HBox([widgets.Box([self.figure], layout=widgets.Layout(width="62%")), self.classement]),
        ]
        self._reconstruire()

    def _reconstruire(self) -> None:
        self.lignes = [
            self._nouvelle_ligne(cible, float(potentiel), float(effort))
            for cible, potentiel, effort in self.cibles[["cible", "potentiel", "effort"]].itertuples(index=False)
        ]
        self.boite_lignes.children = self.lignes
        self._rafraichir()

    def _nouvelle_ligne(self, cible: str, potentiel: float, effort: float) -> _LigneCible:
        # Invariant : self.lignes[i] modifie la ligne i de self.cibles (la dernière version valide).
        ligne = _LigneCible(cible, potentiel, effort)
        for champ in (ligne.cible, ligne.potentiel, ligne.effort):
            champ.observe(lambda _c: self._sur_modification(), names="value")
        ligne.retirer.on_click(lambda _b, l=ligne: self._sur_retrait(l))
        return ligne

    def _saisies(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "cible": [l.cible.value for l in self.lignes],
                "potentiel": [l.potentiel.value for l in self.lignes],
                "effort": [l.effort.value for l in self.lignes],
            }
        )

    def classer(self) -> pd.DataFrame:
        """Le classement courant (avec la sélection si un budget est fixé)."""
        budget = self.budget.value
        if budget < 0:
            raise SaisieInvalide("Le budget d'effort est négatif : saisissez 0 (sans limite) ou un nombre positif.")
        if budget > 0:
            return selectionner_cibles(self.cibles, budget)
        return classer_cibles(self.cibles).assign(retenue=True)

    def _rafraichir(self) -> None:
        table = self.classer()
        self.figure.montrer(
            figure_ciblage(self.cibles, unite_potentiel=self.unites[0], unite_effort=self.unites[1], hauteur=480)
        )
        avec_budget = self.budget.value > 0
        lignes = "".join(
            f"<tr style='{'' if (r or not avec_budget) else 'color:' + palette.GRIS_NEUTRE}'><td>{rang}</td><td>{html.escape(c)}</td>"
            f"<td>{nombre_fr(round(x, 2))}</td><td>{html.escape(QUADRANTS[q].split(' (')[0])}</td>"
            + (f"<td>{'oui' if r else '—'}</td>" if avec_budget else "")
            + "</tr>"
            for rang, c, x, q, r in zip(table.index, table["cible"], table["rapport"], table["quadrant"], table["retenue"])
        )
        entete = "<tr><th>Rang</th><th>Cible</th><th>Potentiel / effort</th><th>Quadrant</th>" + (
            "<th>Retenue</th>" if avec_budget else ""
        ) + "</tr>"
        self.classement.value = f"<b>Classement</b><table style='border-collapse:collapse'>{entete}{lignes}</table>"

    @protege()
    def _sur_modification(self) -> None:
        candidat = self._saisies()
        selectionner_cibles(candidat, 1.0)  # valider d'abord : si cela échoue, le dernier tableau valide reste
        self.cibles = candidat
        self.message.effacer()
        self._rafraichir()

    @protege()
    def _sur_budget(self, _changement) -> None:
        self._rafraichir()
        self.message.effacer()

    @protege()
    def _sur_ajout(self, _bouton=None) -> None:
        noms = {cle_nom(n) for n in self.cibles["cible"]}
        k = 1
        while f"nouvelle cible {k}" in noms:
            k += 1
        nom = f"Nouvelle cible {k}"
        self.cibles = pd.concat(
            [self.cibles, pd.DataFrame({"cible": [nom], "potentiel": [1.0], "effort": [1.0]})], ignore_index=True
        )
        self.lignes.append(self._nouvelle_ligne(nom, 1.0, 1.0))
        self.boite_lignes.children = self.lignes
        self._rafraichir()
        self.message.info(f"« Nouvelle cible {k} » ajoutée : renommez-la et saisissez son potentiel et son effort.")

    @protege()
    def _sur_retrait(self, ligne: _LigneCible) -> None:
        if len(self.lignes) <= 1:
            raise SaisieInvalide("Gardez au moins une cible : le classement a besoin d'au moins une ligne.")
        i = self.lignes.index(ligne)
        self.cibles = self.cibles.drop(index=i).reset_index(drop=True)
        del self.lignes[i]
        self.boite_lignes.children = self.lignes
        self._rafraichir()
        self.message.info(f"« {ligne.cible.value} » retirée.")
