"""Carte de l'écosystème : ajouter des partenaires (type, motivations, apport, dépendance) et les voir autour de soi."""

from __future__ import annotations

import html

import ipywidgets as widgets

from strategie.figures.partenaires import figure_ecosysteme
from strategie.partenaires import DEPENDANCE_MAX, MOTIVATIONS, TITRES_MOTIVATIONS, TYPES, Ecosysteme
from strategie.widgets._blocs import LigneCanevas
from strategie.widgets._commun import CurseurEntier, ZoneMessage, protege
from strategie.widgets._vivant import FigureVivante, liste_html


class CarteEcosysteme(widgets.VBox):
    """Construisez la carte de vos partenaires : pour chacun, pourquoi (motivations), comment (type),
    ce qu'il apporte et à quel point vous en dépendez.
    """

    def __init__(self, ecosysteme: Ecosysteme | None = None, chemin: str = "mon-canevas.json"):
        self.message = ZoneMessage()
        self.ecosysteme = ecosysteme if ecosysteme is not None else Ecosysteme("Moi ou mon organisation")
        self.nom = widgets.Text(placeholder="Nom du partenaire", description="Partenaire :",
                                layout=widgets.Layout(width="380px"))
        self.type = widgets.Dropdown(options=[(t.titre, cle) for cle, t in TYPES.items()], description="Type :",
                                     layout=widgets.Layout(width="380px"))
        self.definition = widgets.HTML()
        self.motivations = {cle: widgets.Checkbox(value=False, description=TITRES_MOTIVATIONS[cle], indent=False,
                                                  layout=widgets.Layout(width="auto"))
                            for cle in MOTIVATIONS}
        self.apport = widgets.Text(placeholder="Ce qu'il apporte : une ressource, une activité, des clients…",
                                   description="Apport :", layout=widgets.Layout(width="560px"))
        self.concurrent = widgets.Checkbox(value=False, description="C'est un concurrent", indent=False,
                                           layout=widgets.Layout(width="auto"))
        self.dependance = CurseurEntier(value=3, min=1, max=DEPENDANCE_MAX, description="Dépendance :",
                                       style={"description_width": "90px"})
        self.bouton_ajouter = widgets.Button(description="Ajouter", icon="plus", button_style="primary")
        self.choix = widgets.Select(rows=5, tooltip="Vos partenaires (choisir pour retirer)", layout=widgets.Layout(width="380px"))
        self.bouton_retirer = widgets.Button(description="Retirer", icon="trash")
        self.lien_a = widgets.Dropdown(description="Relier", layout=widgets.Layout(width="300px"))
        self.lien_b = widgets.Dropdown(description="à", layout=widgets.Layout(width="300px"))
        self.lien_description = widgets.Text(placeholder="pour quoi ?", tooltip="Ce que le lien apporte", layout=widgets.Layout(width="220px"))
        self.bouton_relier = widgets.Button(description="Relier", icon="link")
        self.constats = widgets.HTML()
        self.matrice = widgets.HTML()
        self.figure = FigureVivante(figure_ecosysteme(self.ecosysteme))
        self.canevas = LigneCanevas("partenaires_cles", self.ecosysteme.notes_de_canevas, self.message, chemin)

        self.bouton_ajouter.on_click(lambda _: self.ajouter())
        self.bouton_retirer.on_click(lambda _: self.retirer())
        self.bouton_relier.on_click(lambda _: self.relier())
        self.type.observe(lambda _: self._definir(), names="value")
        super().__init__([
            widgets.HTML("<h3>Carte de l'écosystème de partenaires</h3>"),
            widgets.HBox([self.nom, self.type]),
            self.definition,
            widgets.HBox([widgets.HTML("<b style='white-space:nowrap'>Pourquoi ?</b>&nbsp;"), *self.motivations.values()]),
            self.apport,
            widgets.HBox([self.concurrent, self.dependance.boite, self.bouton_ajouter]),
            widgets.HBox([self.choix, self.bouton_retirer]),
            widgets.HBox([self.lien_a, self.lien_b, self.lien_description, self.bouton_relier]),
            self.message,
            self.constats,
            self.matrice,
            self.figure,
            self.canevas,
        ])
        self.add_class("strategie-partenaires")
        self._definir()
        self.rafraichir()

    def _definir(self) -> None:
        t = TYPES[self.type.value]
        self.definition.value = f"<small><b>{t.titre}</b> : {html.escape(t.definition)} (ex. : {html.escape(t.exemple)})</small>"

    def rafraichir(self) -> None:
        eco = self.ecosysteme
        noms = [p.nom for p in eco.partenaires]
        self.choix.options = [(f"{p.nom} — {p.titre_type}", p.nom) for p in eco.partenaires]
        self.lien_a.options, self.lien_b.options = noms, noms
        # Un Dropdown rempli plus tard part sans valeur : on propose les deux premiers partenaires.
        if noms and self.lien_a.value is None:
            self.lien_a.value = noms[0]
        if len(noms) > 1 and self.lien_b.value in (None, self.lien_a.value):
            self.lien_b.value = noms[1]
        self.constats.value = liste_html(eco.constats())
        table = eco.matrice().rename(index={k: t.titre for k, t in TYPES.items()}, columns=TITRES_MOTIVATIONS)
        self.matrice.value = "<details><summary>Types × motivations</summary>" + table.to_html() + "</details>"
        self.figure.montrer(figure_ecosysteme(eco))

    @protege()
    def ajouter(self) -> None:
        motifs = [cle for cle, case in self.motivations.items() if case.value]
        p = self.ecosysteme.ajouter(self.nom.value, self.type.value, motifs, self.apport.value,
                                    self.concurrent.value, self.dependance.value)
        self.nom.value = self.apport.value = ""
        for case in self.motivations.values():
            case.value = False
        self.rafraichir()
        self.message.succes(f"« {p.nom} » ajouté ({p.titre_type}).")

    @protege()
    def retirer(self) -> None:
        if not self.choix.value:
            self.message.info("Choisissez d'abord dans la liste le partenaire à retirer.")
            return
        p = self.ecosysteme.retirer(self.choix.value)
        self.rafraichir()
        self.message.succes(f"« {p.nom} » retiré, avec ses liens.")

    @protege()
    def relier(self) -> None:
        if not self.lien_a.value or not self.lien_b.value:
            self.message.info("Il faut au moins deux partenaires pour les relier.")
            return
        lien = self.ecosysteme.relier(self.lien_a.value, self.lien_b.value, self.lien_description.value)
        self.lien_description.value = ""
        self.rafraichir()
        self.message.succes(f"« {lien.a} » et « {lien.b} » reliés.")


def carte_ecosysteme(ecosysteme: Ecosysteme | None = None, chemin: str = "mon-canevas.json") -> CarteEcosysteme:
    """Ouvre la carte interactive de l'écosystème (vide, ou sur un écosystème donné)."""
    return CarteEcosysteme(ecosysteme, chemin)
