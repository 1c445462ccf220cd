"""Vues du module 17 : portefeuille de comptes et stratégie conditionnelle."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import pandas as pd

from strategie.comptes_cles import StrategieConditionnelle, selectionner_comptes
from strategie.erreurs import SaisieInvalide
from strategie.figures.comptes_cles import figure_portefeuille
from strategie.widgets._commun import CurseurEntier, FigureVivante, ZoneMessage, protege


class PortefeuilleComptes(widgets.VBox):
    """Noter des comptes (attractivité, position) et voir lesquels méritent le statut de compte clé."""

    def __init__(self, comptes: pd.DataFrame | None = None, maximum: int = 5):
        self.message = ZoneMessage()
        self.comptes = (comptes.copy() if comptes is not None
                        else pd.DataFrame(columns=["compte", "attractivite", "position"]))
        self.nom = widgets.Text(description="Compte :", placeholder="Nom du client")
        self.attractivite = CurseurEntier(value=5, min=0, max=10, description="Attractivité")
        self.position = CurseurEntier(value=5, min=0, max=10, description="Position")
        self.maximum = CurseurEntier(value=maximum, min=1, max=20, description="Comptes clés max.",
                                     style={"description_width": "initial"})
        bouton = widgets.Button(description="Ajouter le compte", icon="plus", button_style="primary",
                                layout=widgets.Layout(width="auto"))
        bouton.on_click(lambda _: self.ajouter())
        self.maximum.observe(lambda _: self.rafraichir(), names="value")
        self.tableau = widgets.HTML()
        self.figure = FigureVivante(figure_portefeuille(self._classes()))
        super().__init__([widgets.HBox([self.nom, bouton]), widgets.HBox([self.attractivite.boite, self.position.boite]),
                          self.maximum.boite, self.message, self.figure, self.tableau])
        self.add_class("strategie-comptes-cles")
        self.rafraichir()

    def _classes(self) -> pd.DataFrame:
        if self.comptes.empty:
            return pd.DataFrame(columns=["compte", "attractivite", "position", "priorite", "categorie"])
        return selectionner_comptes(self.comptes, maximum=self.maximum.value)

    @protege()
    def ajouter(self) -> None:
        nom = " ".join(self.nom.value.split())
        if not nom:
            raise SaisieInvalide("Donnez un nom au compte avant de l'ajouter.")
        if nom.lower() in self.comptes["compte"].str.lower().tolist():
            raise SaisieInvalide(f"Le compte « {nom} » est déjà dans le portefeuille.")
        ligne = pd.DataFrame([{"compte": nom, "attractivite": self.attractivite.value, "position": self.position.value}])
        self.comptes = pd.concat([self.comptes, ligne], ignore_index=True)
        self.nom.value = ""
        self.rafraichir()
        self.message.succes(f"Compte « {nom} » ajouté.")

    @protege()
    def rafraichir(self) -> None:
        classes = self._classes()
        self.figure.montrer(figure_portefeuille(classes))
        if not classes.empty:
            self.tableau.value = classes[["compte", "attractivite", "position", "categorie"]].to_html(index=False)


class TesteurStrategie(widgets.VBox):
    """Écrire des règles « si… alors… » et demander ce que la stratégie prévoit face à des faits."""

    def __init__(self, compte: str = "Mon compte clé", action_par_defaut: str = "Suivre le plan du compte"):
        self.message = ZoneMessage()
        self.strategie = StrategieConditionnelle(compte, action_par_defaut)
        self.situation = widgets.Text(description="Si…", placeholder="appel d'offres")
        self.action = widgets.Text(description="alors…", placeholder="proposer un contrat pluriannuel")
        self.faits = widgets.Text(description="Faits :", placeholder="Le client annonce un appel d'offres",
                                  layout=widgets.Layout(width="480px"))
        ajouter = widgets.Button(description="Ajouter la règle", icon="plus", layout=widgets.Layout(width="auto"))
        demander = widgets.Button(description="Que faire ?", icon="question", button_style="primary")
        ajouter.on_click(lambda _: self.ajouter())
        demander.on_click(lambda _: self.demander())
        self.regles = widgets.HTML()
        self.reponse = widgets.HTML()
        super().__init__([widgets.HBox([self.situation, self.action, ajouter]), self.regles,
                          widgets.HBox([self.faits, demander]), self.reponse, self.message])
        self.add_class("strategie-strategie-conditionnelle")

    @protege()
    def ajouter(self) -> None:
        self.strategie.si(self.situation.value, self.action.value)
        self.situation.value = self.action.value = ""
        self.regles.value = "<ul>" + "".join(
            f"<li>Si <b>{escape(r.situation)}</b> → {escape(r.action)}</li>" for r in self.strategie.regles) + "</ul>"
        self.message.effacer()

    @protege()
    def demander(self) -> None:
        action = self.strategie.repondre(self.faits.value)
        par_defaut = action == self.strategie.action_par_defaut
        self.reponse.value = f"<b>Action prévue :</b> {escape(action)}" + (" <i>(aucune règle ne couvre ces faits)</i>" if par_defaut else "")
