"""Figures des flux de revenus : revenu mensuel et revenu cumulé dans le temps."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from strategie.erreurs import SaisieInvalide
from strategie.revenus import MODELES
from strategie import palette

PALETTE = (palette.BLEU, palette.ORANGE, palette.VERT_VIF, palette.VIOLET, palette.ROUGE_VIF, palette.CYAN, palette.GRIS, palette.JAUNE)


def _par_scenario(projections: pd.DataFrame) -> dict[str, pd.DataFrame]:
    if not isinstance(projections, pd.DataFrame) or "revenu_cumule" not in projections:
        raise SaisieInvalide("La figure attend un tableau renvoyé par projeter(...) ou comparer(...).")
    if "scenario" not in projections:
        return {"Projection": projections}
    return {str(nom): groupe for nom, groupe in projections.groupby("scenario", sort=False)}


def figure_revenus(projections: pd.DataFrame, titre: str = "Revenus dans le temps", hauteur: int = 560) -> go.Figure:
    """Deux courbes par scénario : le revenu de chaque mois (en haut) et le revenu cumulé (en bas)."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.09,
                        subplot_titles=("Revenu du mois (€)", "Revenu cumulé depuis le début (€)"))
    for i, (nom, groupe) in enumerate(_par_scenario(projections).items()):
        couleur = PALETTE[i % len(PALETTE)]
        modele = groupe["modele"].iloc[0] if "modele" in groupe else None
        etiquette = f"{nom} ({MODELES[modele].titre.lower()})" if modele in MODELES and nom != MODELES[modele].titre else nom
        for ligne, colonne in ((1, "revenu"), (2, "revenu_cumule")):
            fig.add_trace(go.Scatter(
                x=groupe["mois"], y=groupe[colonne], mode="lines", name=etiquette, legendgroup=nom,
                showlegend=ligne == 1, line=dict(color=couleur, width=2.5),
                hovertemplate=f"{nom}<br>mois %{{x}}<br>%{{y:,.0f}}\u00a0€<extra></extra>",
            ), row=ligne, col=1)
    fig.update_xaxes(title_text="Mois", row=2, col=1)
    fig.update_yaxes(rangemode="tozero", tickformat=",.0f")
    fig.update_layout(title=dict(text=titre, x=0.01), height=hauteur, margin=dict(l=60, r=20, t=70, b=60),
                      legend=dict(orientation="h", y=-0.12, x=0), hovermode="x unified",
                      plot_bgcolor="white", paper_bgcolor="white", separators=", ")
    fig.update_xaxes(gridcolor=palette.FOND_ARDOISE)
    fig.update_yaxes(gridcolor=palette.FOND_ARDOISE)
    return fig
