"""Inventaire des ressources clés : classer ses ressources dans les quatre familles, voir ce qui manque."""

from __future__ import annotations

import html

import ipywidgets as widgets

from strategie.figures.ressources import figure_ressources
from strategie.ressources import InventaireRessources, categories, suggerer_categorie
from strategie.widgets._blocs import LigneCanevas
from strategie.widgets._commun import ZoneMessage, protege
from strategie.widgets._vivant import FigureVivante, liste_html


class AtelierRessources(widgets.VBox):
    """Notez vos ressources, rangez-les dans une famille, dites si elles sont indispensables et détenues.

    Deux inventaires sont tenus à part : celui d'une organisation et celui
    d'une personne (vous) ; passer de l'un à l'autre ne perd rien.
    """

    def __init__(self, inventaire: InventaireRessources | None = None, chemin: str = "mon-canevas.json"):
        self.message = ZoneMessage()
        self.inventaires = {"organisation": InventaireRessources("organisation", "Mon organisation"),
                            "personnel": InventaireRessources("personnel", "Moi")}
        if inventaire is not None:
            self.inventaires[inventaire.vue] = inventaire
        depart = inventaire.vue if inventaire is not None else "organisation"
        self.vue = widgets.ToggleButtons(options=[("Organisation", "organisation"), ("Personne", "personnel")],
                                         value=depart, tooltips=["Vue : une organisation", "Vue : une personne"])
        self.texte = widgets.Text(placeholder="Une ressource : « Local près de la gare », « Patience »…",
                                  description="Ressource :", layout=widgets.Layout(width="460px"))
        self.famille = widgets.Dropdown(description="Famille :")
        self.suggestion = widgets.HTML()
        self.critique = widgets.Checkbox(value=True, description="Indispensable à la proposition de valeur", indent=False,
                                       layout=widgets.Layout(width="auto"))
        self.detenue = widgets.Checkbox(value=True, description="Déjà détenue (sinon : à obtenir)", indent=False,
                                      layout=widgets.Layout(width="auto"))
        self.bouton_ajouter = widgets.Button(description="Ajouter", icon="plus", button_style="primary")
        self.liste = widgets.Select(rows=6, tooltip="Vos ressources", layout=widgets.Layout(width="460px"))
        self.bouton_retirer = widgets.Button(description="Retirer", icon="trash")
        self.definitions = widgets.HTML()
        self.constats = widgets.HTML()
        self.figure = FigureVivante(figure_ressources(self.inventaire))
        self.canevas = LigneCanevas("ressources_cles", lambda: self.inventaire.notes_de_canevas(), self.message, chemin)

        self.bouton_ajouter.on_click(lambda _: self.ajouter())
        self.bouton_retirer.on_click(lambda _: self.retirer())
        self.texte.observe(lambda _: self._suggerer(), names="value")
        self.vue.observe(lambda _: self._changer_vue(), names="value")
        super().__init__([
            widgets.HTML("<h3>Inventaire des ressources clés</h3>"),
            self.vue,
            self.definitions,
            widgets.HBox([self.texte, self.famille]),
            self.suggestion,
            widgets.HBox([self.critique, self.detenue, self.bouton_ajouter]),
            widgets.HBox([self.liste, self.bouton_retirer]),
            self.message,
            self.constats,
            self.figure,
            self.canevas,
        ])
        self.add_class("strategie-ressources")
        self._changer_vue()

    @property
    def inventaire(self) -> InventaireRessources:
        return self.inventaires[self.vue.value]

    def _changer_vue(self) -> None:
        familles = categories(self.vue.value)
        self.famille.options = [(f.titre, cle) for cle, f in familles.items()]
        self.famille.value = next(iter(familles))  # un Dropdown rempli plus tard part sans valeur
        self.definitions.value = "<ul>" + "".join(
            f"<li><b>{html.escape(f.titre)}</b> : {html.escape(f.definition)} "
            f"<small>(ex. : {html.escape(f.exemples)})</small></li>" for f in familles.values()
        ) + "</ul>"
        self._suggerer()
        self.rafraichir()

    @protege()
    def _suggerer(self) -> None:
        proposee = suggerer_categorie(self.texte.value, self.vue.value) if self.texte.value.strip() else None
        titre = categories(self.vue.value)[proposee].titre if proposee else None
        self.suggestion.value = f"<small>Suggestion de famille : <b>{titre}</b> (à vous de juger)</small>" if titre else ""

    def rafraichir(self) -> None:
        inv = self.inventaire
        self.liste.options = [
            (f"{r.texte} — {categories(inv.vue)[r.categorie].titre}"
             + ("" if r.critique else " (non indispensable)") + ("" if r.detenue else " (à obtenir)"), r.texte)
            for r in inv.ressources
        ]
        self.constats.value = liste_html(inv.constats())
        self.figure.montrer(figure_ressources(inv))

    @protege()
    def ajouter(self) -> None:
        ressource = self.inventaire.ajouter(self.texte.value, self.famille.value, self.critique.value, self.detenue.value)
        self.texte.value = ""
        self.rafraichir()
        self.message.succes(f"« {ressource.texte} » ajoutée aux ressources {categories(self.vue.value)[ressource.categorie].titre.lower()}.")

    @protege()
    def retirer(self) -> None:
        if not self.liste.value:
            self.message.info("Choisissez d'abord dans la liste la ressource à retirer.")
            return
        ressource = self.inventaire.retirer(self.liste.value)
        self.rafraichir()
        self.message.succes(f"« {ressource.texte} » retirée.")


def atelier_ressources(inventaire: InventaireRessources | None = None, chemin: str = "mon-canevas.json") -> AtelierRessources:
    """Ouvre l'inventaire interactif des ressources clés (vide, ou sur un inventaire donné)."""
    return AtelierRessources(inventaire, chemin)
