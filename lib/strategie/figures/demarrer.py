"""Figure du module 00 : le compte de résultat en barres."""

from __future__ import annotations

import plotly.graph_objects as go
from strategie import francais, palette


def figure_compte(compte: dict[str, float]) -> go.Figure:
    """Barres : chiffre d'affaires, coûts variables, coûts fixes, résultat (vert ou rouge)."""
    libelles = ["Chiffre d'affaires", "Coûts variables", "Coûts fixes", "Résultat"]
    valeurs = [compte["chiffre_affaires"], -compte["couts_variables"], -compte["couts_fixes"], compte["resultat"]]
    couleurs = [palette.BLEU, palette.JAUNE, palette.JAUNE, palette.VERT_VIF if compte["resultat"] >= 0 else palette.ROUGE_VIF]
    fig = go.Figure(go.Bar(x=libelles, y=valeurs, marker_color=couleurs,
                           text=[francais.euros(v, centimes=False) for v in valeurs], textposition="outside"))
    fig.update_layout(title="Compte de résultat simplifié", yaxis_title="euros", height=380,
                      margin=dict(t=50, b=40, l=60, r=20), template="plotly_white")
    return fig
