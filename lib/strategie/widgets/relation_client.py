"""Concepteur de relations clients : l'échelle des six types et la part acquisition / fidélisation / ventes additionnelles."""

from __future__ import annotations

import html

import ipywidgets as widgets

from strategie.canevas import FICHIER_PAR_DEFAUT
from strategie.figures.relation_client import figure_relations
from strategie.relation_client import DEFINITIONS_OBJECTIFS, OBJECTIFS, TYPES, PlanRelations
from strategie.widgets._blocs import LigneCanevas
from strategie.widgets._commun import CurseurEntier, ZoneMessage, protege
from strategie.widgets._vivant import FigureVivante, boutons_edition, formulaire, liste_html
from strategie import palette

_STYLE = {"description_width": "170px"}
_LARGE = widgets.Layout(width="520px")
_SEP = "\u241f"


class ConcepteurRelations(widgets.VBox):
    """Choisissez pour chaque segment un type de relation sur l'échelle et répartissez l'effort entre
    acquisition, fidélisation et ventes additionnelles ; l'outil signale les incohérences.

    >>> vue = ConcepteurRelations()          # ou ConcepteurRelations(un_plan)
    """

    def __init__(self, plan: PlanRelations | None = None, chemin: str = FICHIER_PAR_DEFAUT):
        self.message = ZoneMessage()
        self.plan = plan if plan is not None else PlanRelations()
        types = sorted(TYPES.values(), key=lambda t: t.rang)
        self.segment = widgets.Combobox(options=tuple(self.plan.segments), description="Segment",
                                        placeholder="ex. Familles du quartier", ensure_option=False,
                                        style=_STYLE, layout=_LARGE)
        self.type = widgets.SelectionSlider(options=[(t.libelle, t.cle) for t in types], value=types[0].cle,
                                            description="Type de relation", style=_STYLE, layout=_LARGE,
                                            continuous_update=True)
        self.aide_type = widgets.HTML()
        self.parts = {o: CurseurEntier(value=v, min=0, max=100, step=5, description=OBJECTIFS[o],
                                      style=_STYLE, layout=_LARGE, tooltip=DEFINITIONS_OBJECTIFS[o])
                      for o, v in zip(OBJECTIFS, (40, 40, 20))}
        self.total = widgets.HTML()
        self.valeur = widgets.ToggleButtons(options=[("faible", "faible"), ("moyenne", "moyenne"), ("forte", "forte")],
                                            value="moyenne", description="Valeur du segment", style=_STYLE)
        self.mesure = widgets.Checkbox(value=False, description="Une activité mesure la satisfaction de ces clients",
                                       indent=False, layout=widgets.Layout(width="auto"))
        self.liste = widgets.Select(options=[], rows=6, tooltip="Vos relations client", layout=widgets.Layout(width="460px"))
        boutons = boutons_edition(self)
        self.type.observe(lambda _: self._aide(), names="value")
        for curseur in self.parts.values():
            curseur.observe(lambda _: self._total(), names="value")
        self.liste.observe(lambda _: self._selection(), names="value")
        self.constats = widgets.HTML()
        self.constats.add_class("strategie-relations-constats")
        self.figure = FigureVivante(figure_relations(self.plan))
        self.canevas = LigneCanevas("relation_client", lambda: self.plan.notes(), self.message, chemin)
        super().__init__([
            widgets.HTML("<h3>Relations clients : quel type, pour quoi faire ?</h3>"),
            formulaire([self.segment, self.type, self.aide_type, *(c.boite for c in self.parts.values()), self.total, self.valeur,
                        self.mesure], [widgets.HTML("<b>Vos relations</b>"), self.liste, boutons]),
            self.message, self.figure, self.constats, self.canevas,
        ])
        self.add_class("strategie-relations")
        self._aide()
        self._total()
        self.rafraichir()

    def _aide(self) -> None:
        t = TYPES[self.type.value]
        self.aide_type.value = (f"<small><b>{t.rang}/6 — {html.escape(t.libelle)}</b> : {html.escape(t.definition)} "
                                f"Exemple : {html.escape(t.exemple)}. Coût par client : {t.cout}.</small>")

    def _total(self) -> None:
        total = sum(c.value for c in self.parts.values())
        couleur = palette.VERT if total == 100 else palette.ROUGE_ALERTE
        conseil = "" if total == 100 else " — ajustez les curseurs pour arriver à 100 %"
        self.total.value = f'<span style="color:{couleur}">Total : {total} %{conseil}</span>'

    def _champs(self) -> dict:
        return dict(segment=self.segment.value, type=self.type.value,
                    **{o: c.value for o, c in self.parts.items()},
                    valeur=self.valeur.value, mesure_satisfaction=self.mesure.value)

    def _choisie(self) -> tuple[str, str] | None:
        if not self.liste.value:
            return None
        segment, cle = self.liste.value.split(_SEP, 1)
        return segment, cle

    def _selection(self) -> None:
        choisie = self._choisie()
        if choisie is None:
            return
        r = self.plan.relations[[(x.segment, x.type) for x in self.plan].index(choisie)]
        self.segment.value, self.type.value = r.segment, r.type
        for o, curseur in self.parts.items():
            curseur.value = int(round(getattr(r, o)))
        self.valeur.value, self.mesure.value = r.valeur, r.mesure_satisfaction

    def rafraichir(self) -> None:
        self.liste.options = [(f"{r.segment} — {TYPES[r.type].libelle}", f"{r.segment}{_SEP}{r.type}")
                              for r in self.plan]
        self.segment.options = tuple(self.plan.segments)
        self.figure.montrer(figure_relations(self.plan))
        constats = self.plan.constats()
        if not len(self.plan):
            self.constats.value = ""
        elif constats:
            self.constats.value = "<p><b>À regarder :</b></p>" + liste_html(constats)
        else:
            self.constats.value = "<p>✅ Rien à signaler : chaque relation paraît proportionnée à son segment.</p>"

    @protege()
    def ajouter(self) -> None:
        relation = self.plan.ajouter(**self._champs())
        self.rafraichir()
        self.message.succes(f"Relation « {TYPES[relation.type].libelle} » ajoutée pour « {relation.segment} ».")

    @protege()
    def modifier(self) -> None:
        choisie = self._choisie()
        if choisie is None:
            self.message.info("Choisissez d'abord dans la liste la relation à modifier.")
            return
        relation = self.plan.modifier(*choisie, **self._champs())
        self.rafraichir()
        self.message.succes(f"Relation de « {relation.segment} » modifiée.")

    @protege()
    def retirer(self) -> None:
        choisie = self._choisie()
        if choisie is None:
            self.message.info("Choisissez d'abord dans la liste la relation à retirer.")
            return
        relation = self.plan.retirer(*choisie)
        self.rafraichir()
        self.message.succes(f"Relation « {TYPES[relation.type].libelle} » retirée pour « {relation.segment} ».")


def concepteur_relations(plan: PlanRelations | None = None, chemin: str = FICHIER_PAR_DEFAUT) -> ConcepteurRelations:
    """Ouvre le concepteur de relations clients (vide, ou sur un plan existant)."""
    return ConcepteurRelations(plan, chemin)
