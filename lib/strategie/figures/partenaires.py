"""Carte de l'écosystème de partenaires : le centre, les partenaires autour, les types et les dépendances."""

from __future__ import annotations

import html
import math
import textwrap

import plotly.graph_objects as go

from strategie.partenaires import MOTIVATIONS, TITRES_MOTIVATIONS, TYPES, Ecosysteme
from strategie import palette

COULEURS = {"alliance": palette.BLEU, "coopetition": palette.ORANGE, "coentreprise": palette.VIOLET, "acheteur_fournisseur": palette.VERT_VIF}
TIRETS = {"alliance": "solid", "coopetition": "dash", "coentreprise": "dot", "acheteur_fournisseur": "solid"}
_INITIALES = {"optimisation": "O", "reduction_risque": "R", "acquisition": "A"}


def _coupe(texte: str, largeur: int = 22) -> str:
    return "<br>".join(html.escape(m) for m in textwrap.wrap(texte, largeur))


def figure_ecosysteme(ecosysteme: Ecosysteme, largeur: int = 820, hauteur: int = 620) -> go.Figure:
    """La carte : le centre au milieu, chaque partenaire sur un cercle.

    Couleur et tracé du trait : le type de partenariat ; épaisseur du trait et
    taille du point : la dépendance (1 à 5) ; losange : un concurrent ;
    lettres sous le nom : les motivations (O optimisation, R réduction du
    risque, A acquisition) ; pointillés gris : interdépendance entre partenaires.
    """
    fig = go.Figure()
    partenaires = ecosysteme.partenaires
    n = len(partenaires)
    positions = {
        p.nom: (math.cos(math.pi / 2 - 2 * math.pi * i / n), math.sin(math.pi / 2 - 2 * math.pi * i / n))
        for i, p in enumerate(partenaires)
    }
    for lien in ecosysteme.liens:
        (xa, ya), (xb, yb) = positions[lien.a], positions[lien.b]
        fig.add_trace(go.Scatter(x=[xa, xb], y=[ya, yb], mode="lines", line=dict(color=palette.GRIS_CLAIR, dash="dot", width=2),
                                 hoverinfo="skip", showlegend=False))
        if lien.description:
            fig.add_annotation(x=(xa + xb) / 2, y=(ya + yb) / 2, text=f"<i>{_coupe(lien.description)}</i>",
                               showarrow=False, font=dict(size=10, color=palette.GRIS), bgcolor="rgba(255,255,255,0.8)")
    deja_en_legende = set()
    for p in partenaires:
        x, y = positions[p.nom]
        montrer = p.type not in deja_en_legende
        deja_en_legende.add(p.type)
        fig.add_trace(go.Scatter(
            x=[0, x], y=[0, y], mode="lines", name=TYPES[p.type].titre, legendgroup=p.type, showlegend=montrer,
            line=dict(color=COULEURS[p.type], dash=TIRETS[p.type], width=1 + 1.2 * p.dependance), hoverinfo="skip",
        ))
        motifs = " ".join(_INITIALES[m] for m in p.motivations)
        fig.add_trace(go.Scatter(
            x=[x], y=[y], mode="markers+text", legendgroup=p.type, showlegend=False,
            marker=dict(size=14 + 5 * p.dependance, color=COULEURS[p.type], symbol="diamond" if p.concurrent else "circle",
                        line=dict(color="white", width=2)),
            text=[f"<b>{_coupe(p.nom)}</b><br>[{motifs}]"], textposition="bottom center" if y < 0.1 else "top center",
            hovertext=[f"<b>{html.escape(p.nom)}</b> — {TYPES[p.type].titre}<br>Apport : {html.escape(p.apport)}<br>"
                       f"Motivations : {', '.join(TITRES_MOTIVATIONS[m] for m in p.motivations)}<br>"
                       f"Dépendance : {p.dependance}/5" + ("<br>Concurrent" if p.concurrent else "")],
            hoverinfo="text",
        ))
    fig.add_trace(go.Scatter(x=[0], y=[0], mode="markers+text", showlegend=False, text=[f"<b>{_coupe(ecosysteme.centre)}</b>"],
                             marker=dict(size=86, color=palette.FOND_JAUNE, line=dict(color=palette.GRIS, width=2)),
                             textfont=dict(size=12), hoverinfo="skip"))
    if not partenaires:
        fig.add_annotation(x=0, y=-0.5, showarrow=False, text="Ajoutez des partenaires pour dessiner la carte.",
                           font=dict(size=14, color=palette.GRIS))
    legende = " · ".join(f"{_INITIALES[m]} = {TITRES_MOTIVATIONS[m].lower()}" for m in MOTIVATIONS)
    fig.update_xaxes(visible=False, range=[-1.6, 1.6], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-1.5, 1.5], fixedrange=True, scaleanchor="x")
    fig.update_layout(
        title=dict(text=f"Écosystème de partenaires — {html.escape(ecosysteme.centre)}<br><sup>{legende} ; "
                        "losange = concurrent ; trait épais = forte dépendance</sup>", x=0.01),
        width=largeur, height=hauteur, margin=dict(l=10, r=10, t=70, b=10),
        plot_bgcolor="white", paper_bgcolor="white", legend=dict(orientation="h", y=-0.02, x=0),
    )
    return fig
