"""Figures des segments de clients : taille × disposition à payer, et besoins partagés."""

from __future__ import annotations

import html
import math

import numpy as np
import plotly.graph_objects as go

from strategie import francais
from strategie.segments import EFFORTS, Segmentation
from strategie import palette
from strategie.figures._commun import figure_vide


# Les figures gardent des listes simples, pas des tableaux numpy : un FigureWidget envoie les tableaux numpy
# en tampons binaires, et une figure vivante construite avec eux restait vide dans le navigateur.


def figure_segments(segmentation: Segmentation, hauteur: int = 460) -> go.Figure:
    """Chaque segment est une bulle : taille (axe logarithmique) × disposition à payer, aire ∝ potentiel.

    Les courbes en pointillé relient les points de même potentiel (taille × prix) :
    un petit segment qui paie beaucoup peut valoir autant qu'un grand qui paie peu.
    La couleur dit l'effort pour atteindre le segment (vert facile, rouge difficile).
    """
    if not len(segmentation):
        return figure_vide("Segments de clients", "Aucun segment pour l'instant : ajoutez-en un.", hauteur=360)
    segments = segmentation.segments
    tailles = np.array([s.taille for s in segments], dtype=float)
    prix = np.array([s.disposition_a_payer for s in segments], dtype=float)
    potentiels = tailles * prix
    plus_grand = potentiels.max()
    # Aire du marqueur proportionnelle au potentiel ; un segment qui ne rapporte rien reste visible.
    diametres = 14 + 56 * np.sqrt(potentiels / plus_grand) if plus_grand > 0 else np.full(len(segments), 20.0)
    x_min, x_max = tailles.min() / 3, tailles.max() * 3
    y_max = max(prix.max() * 1.3, 1.0)
    fig = go.Figure()
    positifs = potentiels[potentiels > 0]
    if len(positifs):
        # Quelques niveaux ronds d'iso-potentiel entre le plus petit et le plus grand segment.
        bas, haut = math.floor(math.log10(positifs.min())), math.ceil(math.log10(positifs.max()))
        niveaux = [10.0 ** k for k in range(bas, haut + 1)][-4:]
        xs = np.geomspace(x_min, x_max, 80)
        for niveau in niveaux:
            ys = niveau / xs
            garde = ys <= y_max
            if garde.sum() < 2:
                continue
            fig.add_trace(go.Scatter(
                x=xs[garde].tolist(), y=ys[garde].tolist(), mode="lines", line=dict(color=palette.GRIS_POINTILLE, dash="dot", width=1),
                hoverinfo="skip", showlegend=False,
            ))
            fig.add_annotation(x=math.log10(float(xs[garde][0])), y=float(ys[garde][0]), text=f"potentiel {francais.euros(niveau, centimes=False)}",
                               showarrow=False, font=dict(size=10, color=palette.GRIS_MOYEN), xanchor="left", yanchor="bottom")
    survols = [
        f"<b>{html.escape(s.nom)}</b><br>{html.escape(s.qui)}<br>Besoins : {html.escape(', '.join(s.besoins))}"
        f"<br>{francais.nombre(s.taille)} clients × {francais.euros(s.disposition_a_payer, centimes=False)}"
        f" = {francais.euros(s.potentiel, centimes=False)} par an<br>Effort : {s.effort} ({EFFORTS[s.effort]})"
        for s in segments
    ]
    fig.add_trace(go.Scatter(
        x=tailles.tolist(), y=prix.tolist(), mode="markers+text", text=[s.nom for s in segments], textposition="top center",
        hovertext=survols, hoverinfo="text", showlegend=False,
        marker=dict(size=diametres.tolist(), color=[s.effort for s in segments], cmin=1, cmax=5,
                    colorscale=[[0, palette.VERT_VIF_CLAIR], [0.5, palette.JAUNE_VIF_CLAIR], [1, palette.ROUGE_VIF_CLAIR]], opacity=0.75,
                    line=dict(color=palette.GRIS_FONCE, width=1),
                    colorbar=dict(title="Effort", tickvals=[1, 2, 3, 4, 5], len=0.6)),
    ))
    diagnostic = segmentation.type_de_marche()
    fig.update_xaxes(type="log", title="Taille du segment (nombre de clients, échelle logarithmique)",
                     range=[math.log10(x_min), math.log10(x_max)])
    fig.update_yaxes(title="Disposition à payer (€ par client et par an)", range=[-0.05 * y_max, y_max],
                     rangemode="tozero")
    fig.update_layout(
        title=f"{html.escape(segmentation.nom)} — {diagnostic.libelle} — potentiel total {francais.euros(segmentation.potentiel_total, centimes=False)}",
        height=hauteur, template="plotly_white", margin=dict(l=60, r=20, t=60, b=60),
    )
    return fig


def figure_besoins(segmentation: Segmentation, hauteur: int | None = None) -> go.Figure:
    """Matrice segments × besoins : ce que les segments partagent et ce qui les distingue."""
    if not len(segmentation):
        return figure_vide("Besoins des segments", "Aucun segment pour l'instant : ajoutez-en un.", hauteur=360)
    matrice = segmentation.matrice_besoins()
    valeurs = matrice.to_numpy(dtype=float)
    partages = valeurs.sum(axis=0)
    textes = np.where(valeurs > 0, "✓", "")
    fig = go.Figure(go.Heatmap(
        z=valeurs.tolist(), x=[str(c) for c in matrice.columns], y=[str(i) for i in matrice.index],
        text=textes.tolist(), texttemplate="%{text}", colorscale=[[0, palette.FOND_TRES_CLAIR], [1, palette.BLEU_VIF_CLAIR]], zmin=0, zmax=1,
        showscale=False, xgap=2, ygap=2,
        hovertemplate="%{y} — %{x}<extra></extra>",
    ))
    communs = int((partages == len(matrice)).sum()) if len(matrice) > 1 else 0
    titre = "Besoins des segments"
    if len(matrice) > 1:
        titre += f" — {communs} besoin(s) commun(s) à tous, {int((partages == 1).sum())} propre(s) à un seul segment"
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-30, side="top")
    fig.update_layout(title=titre, template="plotly_white",
                      height=hauteur or 160 + 45 * len(matrice), margin=dict(l=20, r=20, t=110, b=20))
    return fig
