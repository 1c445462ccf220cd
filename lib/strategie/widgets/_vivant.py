"""Petits outils des vues des blocs 02 à 05 : figure redessinée, liste HTML, édition d'éléments nommés."""

from __future__ import annotations

import html

import ipywidgets as widgets
from IPython.display import clear_output, display
import plotly.graph_objects as go

from strategie.widgets._commun import protege


class FigureVivante(widgets.Output):
    """Une figure plotly dans une vue, redessinée à chaque mise à jour (``montrer``).

    ``data`` et ``layout`` sont ceux de la figure affichée, pour les tests sans navigateur.

    Pourquoi pas ``go.FigureWidget`` : avec plotly 7 (anywidget), une FigureWidget placée
    dans une VBox restait parfois vide dans JupyterLab (état initial perdu quand le module
    JavaScript se charge après la vue, et tableaux numpy transmis en binaire) ; une figure
    ordinaire affichée dans une zone de sortie se dessine toujours.
    """

    def __init__(self, figure: go.Figure):
        super().__init__()
        self.add_class("strategie-figure")
        self.figure = figure
        self.montrer(figure)

    @property
    def data(self):
        return self.figure.data

    @property
    def layout(self):
        return self.figure.layout

    def montrer(self, figure: go.Figure) -> None:
        self.figure = figure
        with self:
            clear_output(wait=True)
            display(figure)


def remplacer_figure(vivante: go.FigureWidget, nouvelle: go.Figure) -> None:
    """Remplace traces et mise en page d'une ``go.FigureWidget`` (pour les vues qui en gardent une)."""
    with vivante.batch_update():
        vivante.data = ()
        vivante.add_traces(list(nouvelle.data))
        vivante.layout = nouvelle.layout


def liste_html(elements: list[str], classe: str = "") -> str:
    """Une liste à puces HTML (textes échappés) ; vide si la liste est vide."""
    if not elements:
        return ""
    attribut = f' class="{classe}"' if classe else ""
    return f"<ul{attribut}>" + "".join(f"<li>{html.escape(e)}</li>" for e in elements) + "</ul>"


def boutons_edition(vue) -> widgets.HBox:
    """Crée ``vue.bouton_ajouter``, ``bouton_modifier``, ``bouton_retirer``, reliés à ses méthodes du même nom."""
    vue.bouton_ajouter = widgets.Button(description="Ajouter", icon="plus", button_style="primary")
    vue.bouton_modifier = widgets.Button(description="Modifier", icon="pencil")
    vue.bouton_retirer = widgets.Button(description="Retirer", icon="trash")
    vue.bouton_ajouter.on_click(lambda _: vue.ajouter())
    vue.bouton_modifier.on_click(lambda _: vue.modifier())
    vue.bouton_retirer.on_click(lambda _: vue.retirer())
    return widgets.HBox([vue.bouton_ajouter, vue.bouton_modifier, vue.bouton_retirer])


def formulaire(champs: list, droite: list) -> widgets.HBox:
    """Les champs de saisie à gauche, la liste et ses boutons à droite (passe à la ligne si l'écran est étroit)."""
    return widgets.HBox([widgets.VBox(champs), widgets.VBox(droite)], layout=widgets.Layout(flex_flow="row wrap"))


class EditionParNom:
    """Les boutons Ajouter / Modifier / Retirer d'une vue qui édite des éléments nommés.

    La vue (un ``ipywidgets.VBox``) fournit : ``message`` (ZoneMessage), ``liste``
    (Select des noms), ``_collection`` (modèle avec ajouter / modifier / retirer
    par nom), ``_champs()``, ``_vider()``, ``rafraichir()`` et ``_quoi``
    (« segment », « canal »…, un nom masculin).
    """

    _quoi = "élément"

    def _choisi(self, action: str) -> str | None:
        if not self.liste.value:
            self.message.info(f"Choisissez d'abord dans la liste le {self._quoi} à {action}.")
            return None
        return self.liste.value

    @protege()
    def ajouter(self) -> None:
        element = self._collection.ajouter(**self._champs())
        self._vider()
        self.rafraichir()
        self.message.succes(f"{self._quoi.capitalize()} « {element.nom} » ajouté.")

    @protege()
    def modifier(self) -> None:
        choisi = self._choisi("modifier")
        if choisi is not None:
            element = self._collection.modifier(choisi, **self._champs())
            self.rafraichir()
            self.liste.value = element.nom
            self.message.succes(f"{self._quoi.capitalize()} « {element.nom} » modifié.")

    @protege()
    def retirer(self) -> None:
        choisi = self._choisi("retirer")
        if choisi is not None:
            element = self._collection.retirer(choisi)
            self.rafraichir()
            self.message.succes(f"{self._quoi.capitalize()} « {element.nom} » retiré.")
