"""Constructeur de segments : qui, besoins, taille, disposition à payer, et le type de marché qui en découle."""

from __future__ import annotations

import html

import ipywidgets as widgets

from strategie import francais
from strategie.canevas import FICHIER_PAR_DEFAUT
from strategie.figures.segments import figure_besoins, figure_segments
from strategie.segments import DEFINITIONS, Segmentation
from strategie.widgets._blocs import LigneCanevas
from strategie.widgets._commun import ChampEntier, ChampNombre, CurseurEntier, ZoneMessage
from strategie.widgets._vivant import EditionParNom, FigureVivante, boutons_edition, formulaire, liste_html

_STYLE = {"description_width": "170px"}
_LARGE = widgets.Layout(width="480px")


class ConstructeurSegments(EditionParNom, widgets.VBox):
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
        self.taille = ChampEntier(value=1000, description="Taille (clients)", style=_STYLE)
        self.disposition = ChampNombre(value=0.0, description="Paie (€/client/an)", style=_STYLE)
        self.effort = CurseurEntier(value=3, min=1, max=5, description="Effort pour l'atteindre",
                                    style=_STYLE, continuous_update=False)
        self.depend_de = widgets.SelectMultiple(options=[], rows=3, description="Dépend de (plateforme)",
                                                style=_STYLE, layout=_LARGE)
        self.liste = widgets.Select(options=[], rows=6, description="Vos segments", style=_STYLE, layout=_LARGE)
        boutons = boutons_edition(self)
        self.liste.observe(self._selection, names="value")
        self.diagnostic = widgets.HTML()
        self.diagnostic.add_class("strategie-segments-diagnostic")
        self.tableau = widgets.HTML()
        self.figure = FigureVivante(figure_segments(self.segmentation))
        self.figure_besoins = FigureVivante(figure_besoins(self.segmentation))
        self.canevas = LigneCanevas("segments_clients", lambda: self.segmentation.notes(), self.message, chemin)
        super().__init__([
            widgets.HTML("<h3>Constructeur de segments</h3>"),
            formulaire([self.nom, self.qui, self.besoins, self.aide_besoins, self.taille, self.disposition,
                        self.effort.boite, self.depend_de], [self.liste, boutons]),
            self.message,
            self.diagnostic,
            self.figure,
            self.figure_besoins,
            self.tableau,
            self.canevas,
        ])
        self.add_class("strategie-segments")
        self.rafraichir()

    _quoi = "segment"

    @property
    def _collection(self) -> Segmentation:
        return self.segmentation

    # -- champs ------------------------------------------------------------
    def _vider(self) -> None:
        self.nom.value = self.qui.value = self.besoins.value = ""
        self.depend_de.value = ()

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

    # -- affichage ---------------------------------------------------------
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
        self.figure.montrer(figure_segments(self.segmentation))
        self.figure_besoins.montrer(figure_besoins(self.segmentation))
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
            + table.to_html(index=False, float_format=lambda x: francais.nombre(x, 0), border=0)
        )


def constructeur_segments(segmentation: Segmentation | None = None,
                          chemin: str = FICHIER_PAR_DEFAUT) -> ConstructeurSegments:
    """Ouvre le constructeur de segments (vide, ou sur une segmentation existante)."""
    return ConstructeurSegments(segmentation, chemin)
