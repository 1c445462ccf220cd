"""Les pièces communes des figures : la palette et la figure d'attente (« rien à montrer encore »).

>>> fig = figure_vide("Segments de clients", "Aucun segment pour l'instant : ajoutez-en un.")
>>> fig.layout.annotations[0].text, fig.layout.xaxis.visible
("Aucun segment pour l'instant : ajoutez-en un.", False)
"""

from __future__ import annotations

import plotly.graph_objects as go

from strategie import palette

__all__ = ["palette", "message_central", "figure_vide"]


def message_central(texte: str, couleur: str | None = None, taille: int = 14, y: float = 0.5, **style) -> dict:
    """Une annotation au milieu de la figure : ce qu'il faut faire quand il n'y a encore rien à montrer.

    ``style`` complète l'annotation plotly (par exemple ``bgcolor="white"``).
    """
    police = dict(size=taille) if couleur is None else dict(size=taille, color=couleur)
    return dict(text=texte, showarrow=False, x=0.5, y=y, xref="paper", yref="paper", font=police, **style)


def figure_vide(titre: str, texte: str, hauteur: int | None = None) -> go.Figure:
    """Une figure sans axes, avec un titre et, au milieu, la consigne ``texte``."""
    mise_en_page = dict(
        title=titre, template="plotly_white", separators=", ", xaxis_visible=False, yaxis_visible=False,
        annotations=[message_central(texte)],
    )
    if hauteur is not None:
        mise_en_page["height"] = hauteur
    return go.Figure(layout=mise_en_page)
