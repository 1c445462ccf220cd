"""Figure du module 00 : le compte de résultat en barres."""

from __future__ import annotations

import plotly.graph_objects as go


def figure_compte(compte: dict[str, float]) -> go.Figure:
    """Barres : chiffre d'affaires, coûts variables, coûts fixes, résultat (vert ou rouge)."""
    libelles = ["Chiffre d'affaires", "Coûts variables", "Coûts fixes", "Résultat"]
    valeurs = [compte["chiffre_affaires"], -compte["couts_variables"], -compte["couts_fixes"], compte["resultat"]]
    couleurs = ["#1a73e8", "#f9ab00", "#f9ab00", "#188038" if compte["resultat"] >= 0 else "#d93025"]
    fig = go.Figure(go.Bar(x=libelles, y=valeurs, marker_color=couleurs,
                           text=[f"{v:,.0f} €".replace(",", " ") for v in valeurs], textposition="outside"))
    fig.update_layout(title="Compte de résultat simplifié", yaxis_title="euros", height=380,
                      margin=dict(t=50, b=40, l=60, r=20), template="plotly_white")
    return fig
