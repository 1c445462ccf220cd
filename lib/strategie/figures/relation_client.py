"""Figure des relations clients : l'échelle du plus personnel au plus automatisé, et les objectifs par segment."""

from __future__ import annotations

import html

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from strategie.relation_client import OBJECTIFS, TYPES, PlanRelations
from strategie import palette

COULEURS_OBJECTIFS = {"acquisition": palette.BLEU, "fidelisation": palette.VERT_VIF, "ventes_additionnelles": palette.ORANGE_FONCE}
_TAILLES = {"faible": 12, "moyenne": 19, "forte": 28}


def figure_relations(plan: PlanRelations, hauteur: int | None = None) -> go.Figure:
    """À gauche, chaque relation sur l'échelle des six types (taille du point = valeur du segment,
    couleur = objectif principal) ; à droite, la répartition de l'effort entre acquisition,
    fidélisation et ventes additionnelles pour chaque segment."""
    segments = plan.segments
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.6, 0.4], horizontal_spacing=0.04,
                        subplot_titles=("Du plus personnel au plus automatisé", "Répartition de l'effort (%)"))
    types = sorted(TYPES.values(), key=lambda t: t.rang)
    noms_axe = [t.libelle.replace(" ", "<br>", 2 if t.cle == "assistance_dediee" else 1) for t in types]
    if not segments:
        fig.add_annotation(text="Aucune relation pour l'instant : ajoutez-en une.", showarrow=False,
                           x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=14))
    for objectif, libelle in OBJECTIFS.items():
        relations = [r for r in plan if r.objectif_principal == objectif]
        if relations:
            fig.add_trace(go.Scatter(
                x=[TYPES[r.type].rang for r in relations], y=[r.segment for r in relations], mode="markers",
                name=libelle, legendgroup=objectif, showlegend=False,
                marker=dict(size=[_TAILLES[r.valeur] for r in relations], color=COULEURS_OBJECTIFS[objectif],
                            line=dict(color=palette.ENCRE, width=1)),
                hovertext=[f"<b>{html.escape(r.segment)}</b> — {TYPES[r.type].libelle}<br>valeur {r.valeur}<br>"
                           + " / ".join(f"{OBJECTIFS[o].lower()} {getattr(r, o):g} %" for o in OBJECTIFS)
                           for r in relations],
                hoverinfo="text"), row=1, col=1)
    for objectif, libelle in OBJECTIFS.items():
        parts = [plan.repartition(s)[objectif] for s in segments]
        fig.add_trace(go.Bar(
            x=parts, y=segments, orientation="h", name=libelle, legendgroup=objectif,
            marker_color=COULEURS_OBJECTIFS[objectif],
            opacity=0.75, text=[f"{p:.0f}" if p >= 8 else "" for p in parts], textposition="inside",
            hovertemplate="%{y} — " + libelle + " : %{x:.0f} %<extra></extra>"), row=1, col=2)
    fig.update_xaxes(row=1, col=1, range=[0.5, 6.5], tickvals=[t.rang for t in types], ticktext=noms_axe,
                     tickangle=0, showgrid=True,
                     title=dict(text="← plus humain, plus coûteux · plus automatisé, à grande échelle →",
                                font=dict(size=11, color=palette.GRIS)))
    fig.update_xaxes(row=1, col=2, range=[0, 100], ticksuffix=" %")
    fig.update_yaxes(autorange="reversed", type="category", categoryorder="array", categoryarray=segments)
    fig.update_layout(
        barmode="stack", template="plotly_white",
        title=f"{html.escape(plan.nom)} <span style='font-size:12px'>(taille du point : valeur du segment ; "
              "couleur : objectif principal)</span>",
        height=hauteur or 300 + 45 * max(len(segments), 1), margin=dict(l=10, r=10, t=80, b=40),
        legend=dict(orientation="h", y=-0.45, title="Objectif : "),
    )
    return fig
