"""Planificateur de canaux : chaque canal dans ses phases, propre ou partenaire, et les trous du parcours."""

from __future__ import annotations

import html

import ipywidgets as widgets

from strategie.canaux import DEFINITIONS, GENRES, PHASES, QUESTIONS, PlanCanaux
from strategie.canevas import FICHIER_PAR_DEFAUT
from strategie.figures.canaux import figure_canaux
from strategie.widgets._blocs import LigneCanevas
from strategie.widgets._commun import ZoneMessage
from strategie.widgets._vivant import EditionParNom, FigureVivante, boutons_edition, formulaire, liste_html

_STYLE = {"description_width": "120px"}
_LARGE = widgets.Layout(width="460px")
_TOUS = "(tous les segments)"


class PlanificateurCanaux(EditionParNom, widgets.VBox):
    """Ajoutez vos canaux, cochez les phases qu'ils couvrent ; la grille montre les trous du parcours client.

    >>> vue = PlanificateurCanaux()          # ou PlanificateurCanaux(un_plan)
    """

    def __init__(self, plan: PlanCanaux | None = None, chemin: str = FICHIER_PAR_DEFAUT):
        self.message = ZoneMessage()
        self.plan = plan if plan is not None else PlanCanaux()
        self.nom = widgets.Text(description="Canal", placeholder="ex. Site web, revendeur, salon…",
                                style=_STYLE, layout=_LARGE)
        self.genre = widgets.ToggleButtons(options=[("Propre", "propre"), ("Partenaire", "partenaire")],
                                           value="propre", description="Genre", style=_STYLE)
        self.aide_genre = widgets.HTML()
        self.phases = {p: widgets.Checkbox(value=False, description=f"{i}. {PHASES[p]}", indent=False,
                                           tooltip=QUESTIONS[p], layout=widgets.Layout(width="auto"))
                       for i, p in enumerate(PHASES, start=1)}
        self.segments = widgets.Text(description="Segments servis", placeholder="vide : tous ; sinon « A, B »",
                                     style=_STYLE, layout=_LARGE)
        self.liste = widgets.Select(options=[], rows=6, description="Vos canaux", style=_STYLE, layout=_LARGE)
        boutons = boutons_edition(self)
        self.liste.observe(lambda _: self._selection(), names="value")
        self.genre.observe(lambda _: self._aide(), names="value")
        self.filtre = widgets.Dropdown(options=[_TOUS], value=_TOUS, description="Voir pour", style=_STYLE)
        self.filtre.observe(lambda _: self.rafraichir(), names="value")
        self.constats = widgets.HTML()
        self.constats.add_class("strategie-canaux-constats")
        self.figure = FigureVivante(figure_canaux(self.plan))
        self.canevas = LigneCanevas("canaux", lambda: self.plan.notes(), self.message, chemin)
        super().__init__([
            widgets.HTML("<h3>Plan de canaux : cinq phases, canaux propres et partenaires</h3>"),
            formulaire([self.nom, self.genre, self.aide_genre, widgets.HTML("<b>Phases couvertes</b>"),
                        widgets.HBox(list(self.phases.values()), layout=widgets.Layout(flex_flow="row wrap")),
                        self.segments], [self.liste, boutons]),
            self.message, self.filtre, self.figure, self.constats, self.canevas,
        ])
        self.add_class("strategie-canaux")
        self._aide()
        self.rafraichir()

    _quoi = "canal"

    @property
    def _collection(self) -> PlanCanaux:
        return self.plan

    def _aide(self) -> None:
        self.aide_genre.value = f"<small>{html.escape(GENRES[self.genre.value])} : {html.escape(DEFINITIONS[self.genre.value])}</small>"

    def _champs(self) -> dict:
        return dict(nom=self.nom.value, genre=self.genre.value,
                    phases=[p for p, case in self.phases.items() if case.value], segments=self.segments.value)

    def _selection(self) -> None:
        if not self.liste.value:
            return
        c = self.plan.canal(self.liste.value)
        self.nom.value, self.genre.value, self.segments.value = c.nom, c.genre, ", ".join(c.segments)
        for p, case in self.phases.items():
            case.value = p in c.phases

    def _vider(self) -> None:
        self.nom.value = self.segments.value = ""
        for case in self.phases.values():
            case.value = False

    def rafraichir(self) -> None:
        noms = [c.nom for c in self.plan]
        choisi = self.liste.value if self.liste.value in noms else None
        self.liste.options = noms
        self.liste.value = choisi
        filtre = self.filtre.value
        self.filtre.options = [_TOUS, *self.plan.segments]
        self.filtre.value = filtre if filtre in self.filtre.options else _TOUS
        segment = None if self.filtre.value == _TOUS else self.filtre.value
        self.figure.montrer(figure_canaux(self.plan, segment))
        constats = self.plan.constats(segment)
        self.constats.value = (liste_html(constats) if constats
                               else "<p>✅ Les cinq phases sont couvertes. Regardez maintenant le coût et la "
                                    "cohérence des canaux d'une phase à l'autre.</p>")


def planificateur_canaux(plan: PlanCanaux | None = None, chemin: str = FICHIER_PAR_DEFAUT) -> PlanificateurCanaux:
    """Ouvre le planificateur de canaux (vide, ou sur un plan existant)."""
    return PlanificateurCanaux(plan, chemin)
