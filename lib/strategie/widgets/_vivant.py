"""Petits outils des vues des blocs 02 à 10 : liste HTML, édition d'éléments nommés.

``FigureVivante`` vit dans ``strategie.widgets._commun`` ; elle reste importable d'ici.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from strategie.widgets._commun import FigureVivante, protege

__all__ = ["FigureVivante", "liste_html", "boutons_edition", "formulaire", "EditionParNom"]


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
