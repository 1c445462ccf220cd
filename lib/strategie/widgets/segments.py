"""Constructeur de segments : qui, besoins, taille, disposition à payer, et le type de marché qui en découle."""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from strategie.canevas import FICHIER_PAR_DEFAUT
from strategie.figures.segments import figure_besoins, figure_segments
from strategie.segments import DEFINITIONS, Segmentation
from strategie.widgets._blocs import LigneCanevas
from strategie.widgets._commun import ZoneMessage, protege
from strategie.widgets._vivant import liste_html, remplacer_figure

_STYLE = {"description_width": "150px"}
_LARGE = widgets.Layout(width="480px")


class ConstructeurSegments(widgets.VBox):
    """Décrivez vos segments un par un ; l'outil en déduit le type de marché et les compare.

    >>> vue = ConstructeurSegments()          # ou ConstructeurSegments(une_segmentation)
    >>> vue                                   # dans un carnet : affiche l'outil
    """

    def __init__(self, segmentation: Segmentation | None = None, chemin: str = FICHIER_PAR_DEFAUT):
        self.message = ZoneMessage()
        self.segmentation = segmentation if segmentation is not None else Segmentation()
        self.nom = widgets.Text(description="Nom du segment", placeholder="ex. Étudiants du campus",
                                style=_STYLE, layout=_LARGE)
        self.qui = widgets.Text(description="Qui sont-ils ?", placeholder="ex. étudiants qui révisent en journée",
                                style=_STYLE, layout=_LARGE)
        self.besoins = widgets.Textarea(description="Besoins", placeholder="un besoin par ligne (ou séparés par « , »)",
                                        style=_STYLE, layout=widgets.Layout(width="480px", height="80px"))
        self.aide_besoins = widgets.HTML()
        self.taille = widgets.IntText(value=1000, description="Taille (clients)", style=_STYLE)
        self.disposition = widgets.FloatText(value=0.0, description="Paie (€/client/an)", style=_STYLE)
        self.effort = widgets.IntSlider(value=3, min=1, max=5, description="Effort pour l'atteindre",
                                        style=_STYLE, continuous_update=False)
        self.depend_de = widgets.SelectMultiple(options=[], rows=3, description="Dépend de (plateforme)",
                                                style=_STYLE, layout=_LARGE)
        self.liste = widgets.Select(options=[], rows=6, description="Vos segments", style=_STYLE, layout=_LARGE)
        self.bouton_ajouter = widgets.Button(description="Ajouter", icon="plus", button_style="primary")
        self.bouton_modifier = widgets.Button(description="Modifier", icon="pencil")
        self.bouton_retirer = widgets.Button(description="Retirer", icon="trash")
        self.bouton_ajouter.on_click(lambda _: self.ajouter())
        self.bouton_modifier.on_click(lambda _: self.modifier())
        self.bouton_retirer.on_click(lambda _: self.retirer())
        self.liste.observe(self._selection, names="value")
        self.diagnostic = widgets.HTML()
        self.diagnostic.add_class("strategie-segments-diagnostic")
        self.tableau = widgets.HTML()
        self.figure = go.FigureWidget(figure_segments(self.segmentation))
        self.figure_besoins = go.FigureWidget(figure_besoins(self.segmentation))
        self.canevas = LigneCanevas("segments_clients", lambda: self.segmentation.notes(), self.message, chemin)
        super().__init__([
            widgets.HTML("<h3>Constructeur de segments</h3>"),
            widgets.HBox([
                widgets.VBox([self.nom, self.qui, self.besoins, self.aide_besoins, self.taille, self.disposition,
                              self.effort, self.depend_de]),
                widgets.VBox([self.liste, widgets.HBox([self.bouton_ajouter, self.bouton_modifier, self.bouton_retirer])]),
            ], layout=widgets.Layout(flex_flow="row wrap")),
            self.message,
            self.diagnostic,
            self.figure,
            self.figure_besoins,
            self.tableau,
            self.canevas,
        ])
        self.add_class("strategie-segments")
        self.rafraichir()

    # -- fields ------------------------------------------------------------
    def _champs(self) -> dict:
        return dict(nom=self.nom.value, qui=self.qui.value, besoins=self.besoins.value, taille=self.taille.value,
                    disposition_a_payer=self.disposition.value, effort=self.effort.value,
                    depend_de=list(self.depend_de.value))

    def _selection(self, changement) -> None:
        nom = changement["new"]
        if not nom:
            return
        s = self.segmentation.segment(nom)
        self.depend_de.options = [n.nom for n in self.segmentation if n.nom != s.nom]
        self.nom.value, self.qui.value, self.besoins.value = s.nom, s.qui, "\n".join(s.besoins)
        self.taille.value, self.disposition.value, self.effort.value = s.taille, s.disposition_a_payer, s.effort
        self.depend_de.value = tuple(s.depend_de)

    # -- display -----------------------------------------------------------
    def rafraichir(self) -> None:
        noms = [s.nom for s in self.segmentation]
        choisi = self.liste.value if self.liste.value in noms else None
        self.liste.unobserve(self._selection, names="value")
        self.liste.options = noms
        self.liste.value = choisi
        self.liste.observe(self._selection, names="value")
        gardes = tuple(n for n in self.depend_de.value if n in noms)
        self.depend_de.options = [n for n in noms if n != choisi]
        self.depend_de.value = tuple(n for n in gardes if n != choisi)
        deja = self.segmentation.besoins
        self.aide_besoins.value = (
            "<small>Besoins déjà cités (reprenez les mêmes mots pour un besoin partagé) : "
            f"{html.escape(' ; '.join(deja))}</small>" if deja else ""
        )
        remplacer_figure(self.figure, figure_segments(self.segmentation))
        remplacer_figure(self.figure_besoins, figure_besoins(self.segmentation))
        if not len(self.segmentation):
            self.diagnostic.value = "<p><i>Ajoutez un premier segment pour voir le type de marché.</i></p>"
            self.tableau.value = ""
            return
        d = self.segmentation.type_de_marche()
        self.diagnostic.value = (
            f"<p><b>{html.escape(d.libelle)}</b> : {html.escape(d.explication)}<br>"
            f"<small>Définition : {html.escape(DEFINITIONS[d.cle])}</small></p>"
            + liste_html([f"⚠ {a}" for a in d.alertes], "strategie-segments-alertes")
        )
        table = self.segmentation.priorites()[["rang", "segment", "taille", "disposition_a_payer", "potentiel",
                                               "effort", "part_du_potentiel"]]
        table.columns = ["Priorité", "Segment", "Taille", "Paie (€/an)", "Potentiel (€/an)", "Effort",
                         "Part du potentiel (%)"]
        self.tableau.value = (
            "<p><b>Où commencer ?</b> Les segments classés par potentiel rapporté à l'effort :</p>"
            + table.to_html(index=False, float_format=lambda x: f"{x:,.0f}".replace(",", " "), border=0)
        )

    # -- actions -----------------------------------------------------------
    @protege()
    def ajouter(self) -> None:
        segment = self.segmentation.ajouter(**self._champs())
        self.nom.value = self.qui.value = self.besoins.value = ""
        self.depend_de.value = ()
        self.rafraichir()
        self.message.succes(f"Segment « {segment.nom} » ajouté.")

    @protege()
    def modifier(self) -> None:
        if not self.liste.value:
            self.message.info("Choisissez d'abord dans la liste le segment à modifier.")
            return
        segment = self.segmentation.modifier(self.liste.value, **self._champs())
        self.liste.unobserve(self._selection, names="value")
        self.liste.options = [s.nom for s in self.segmentation]
        self.liste.value = segment.nom
        self.liste.observe(self._selection, names="value")
        self.rafraichir()
        self.message.succes(f"Segment « {segment.nom} » modifié.")

    @protege()
    def retirer(self) -> None:
        if not self.liste.value:
            self.message.info("Choisissez d'abord dans la liste le segment à retirer.")
            return
        segment = self.segmentation.retirer(self.liste.value)
        self.rafraichir()
        self.message.succes(f"Segment « {segment.nom} » retiré.")


def constructeur_segments(segmentation: Segmentation | None = None,
                          chemin: str = FICHIER_PAR_DEFAUT) -> ConstructeurSegments:
    """Ouvre le constructeur de segments (vide, ou sur une segmentation existante)."""
    return ConstructeurSegments(segmentation, chemin)
