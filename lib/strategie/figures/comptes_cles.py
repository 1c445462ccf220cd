"""Figures du module 17 : le tableau 3 × 3 et le portefeuille de comptes."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from strategie.comptes_cles import DIMENSIONS, TITRES_DIMENSIONS, PlanCompteCle
from strategie.francais import pourcent
from strategie import palette

COULEURS_CATEGORIES = {"clé": palette.VERT_VIF, "à développer": palette.BLEU, "à maintenir": palette.JAUNE, "opportuniste": palette.GRIS_CLAIR}


def figure_tableau_3x3(plan: PlanCompteCle | None = None) -> go.Figure:
    """Les trois dimensions en colonnes ; avec un plan, l'avancement de chaque étape colore le processus."""
    fig = go.Figure()
    avancement = plan.avancement() if plan else {}
    for colonne, (dimension, elements) in enumerate(DIMENSIONS.items()):
        fig.add_annotation(x=colonne + 0.5, y=3.25, text=f"<b>{TITRES_DIMENSIONS[dimension]}</b>", showarrow=False)
        for ligne, (cle, texte) in enumerate(elements.items()):
            part = avancement.get(cle)
            couleur = palette.FOND_GRIS if part is None else f"rgba(24,128,56,{0.15 + 0.6 * part:.2f})"
            y0 = 2 - ligne
            fig.add_shape(type="rect", x0=colonne + 0.03, x1=colonne + 0.97, y0=y0 + 0.03, y1=y0 + 0.97,
                          fillcolor=couleur, line=dict(color=palette.GRIS))
            etiquette = "<br>".join(textwrap.wrap(texte, 34))
            if part is not None:
                etiquette += f"<br><i>renseigné à {pourcent(part, part=True)}</i>"
            fig.add_annotation(x=colonne + 0.5, y=y0 + 0.5, text=etiquette, showarrow=False, font=dict(size=11))
    fig.update_xaxes(visible=False, range=[0, 3])
    fig.update_yaxes(visible=False, range=[0, 3.45])
    titre = "Planification des comptes clés : trois dimensions × trois temps"
    if plan:
        titre += f" — {plan.compte}"
    fig.update_layout(title=titre, height=520, margin=dict(l=10, r=10, t=50, b=10), plot_bgcolor="white")
    return fig


def figure_portefeuille(comptes, seuil: float = 5.0) -> go.Figure:
    """Attractivité du compte × position du fournisseur ; couleur = catégorie (sortie de selectionner_comptes)."""
    fig = go.Figure()
    for categorie, couleur in COULEURS_CATEGORIES.items():
        partie = comptes[comptes["categorie"] == categorie]
        fig.add_trace(go.Scatter(
            x=partie["position"], y=partie["attractivite"], mode="markers+text", name=categorie,
            text=partie["compte"] if "compte" in partie else partie.index.astype(str), textposition="top center",
            marker=dict(size=14, color=couleur),
        ))
    for axe in ("x", "y"):
        fig.add_shape(type="line", line=dict(dash="dot", color=palette.GRIS),
                      **({"x0": seuil, "x1": seuil, "y0": 0, "y1": 10} if axe == "x" else {"x0": 0, "x1": 10, "y0": seuil, "y1": seuil}))
    if comptes.empty:  # une figure d'attente dit quoi faire
        fig.add_annotation(x=5.25, y=5.25, showarrow=False, font=dict(size=14, color=palette.GRIS), bgcolor="white",
                           text="Aucun compte pour l'instant : nommez un client, notez son attractivité<br>"
                                "et votre position, puis cliquez sur « Ajouter le compte ».")
    fig.update_layout(
        title="Portefeuille de comptes", xaxis=dict(title="Position du fournisseur (0–10)", range=[0, 10.5]),
        yaxis=dict(title="Attractivité du compte (0–10)", range=[0, 10.5]), height=460, template="plotly_white",
    )
    return fig
