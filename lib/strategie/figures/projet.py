"""Figures et rapport du projet de synthèse : avancement du bilan, page HTML imprimable."""

from __future__ import annotations

import datetime as _dt
import html

import plotly.graph_objects as go

from strategie.figures.rapport_projet import page_html as _page
from strategie.projet import PILIERS, Etape, Projet, _date_valide, _projet_valide, bilan
from strategie import palette

__all__ = ["COULEUR_FAIT", "COULEUR_A_FAIRE", "figure_bilan", "page_html"]

COULEUR_FAIT, COULEUR_A_FAIRE = palette.VERT, palette.BORDURE


def figure_bilan(projet: Projet, aujourd_hui: _dt.date | None = None, etapes: list[Etape] | None = None) -> go.Figure:
    """L'avancement du projet, pilier par pilier : étapes faites (vert) et à faire (gris)."""
    etapes = bilan(projet, aujourd_hui) if etapes is None else etapes
    noms = list(PILIERS.values())
    faites = [sum(e.ok for e in etapes if e.pilier == p) for p in PILIERS]
    a_faire = [sum(not e.ok for e in etapes if e.pilier == p) for p in PILIERS]
    survols = [
        "<br>".join(("☑ " if e.ok else "☐ ") + html.escape(e.titre) for e in etapes if e.pilier == p) for p in PILIERS
    ]
    figure = go.Figure([
        go.Bar(y=noms, x=faites, name="faites", orientation="h", marker_color=COULEUR_FAIT, customdata=survols,
               hovertemplate="%{customdata}<extra></extra>", text=faites, textposition="inside"),
        go.Bar(y=noms, x=a_faire, name="à faire", orientation="h", marker_color=COULEUR_A_FAIRE,
               customdata=survols, hovertemplate="%{customdata}<extra></extra>"),
    ])
    total = sum(faites)
    figure.update_layout(
        title=f"Avancement : {total} / {len(etapes)} étapes faites",
        barmode="stack", template="plotly_white", height=300, margin=dict(l=10, r=10, t=60, b=10),
        legend=dict(orientation="h", y=-0.12, x=0),
        xaxis=dict(dtick=1, range=[0, max([1, *(f + a for f, a in zip(faites, a_faire))])]),
        yaxis=dict(autorange="reversed", automargin=True),
    )
    return figure


def page_html(projet: Projet, aujourd_hui: _dt.date | None = None) -> str:
    """Le rapport du projet en une page HTML autonome (plotly.js inclus une fois), imprimable."""
    projet, aujourd_hui = _projet_valide(projet), _date_valide(aujourd_hui)
    return _page(projet, bilan(projet, aujourd_hui), PILIERS, aujourd_hui)
