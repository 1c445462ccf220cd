"""Petits outils des vues des blocs 02 à 05 : mettre à jour une figure vivante, afficher une liste."""

from __future__ import annotations

import html

import plotly.graph_objects as go


def remplacer_figure(vivante: go.FigureWidget, nouvelle: go.Figure) -> None:
    """Remplace traces et mise en page d'une figure vivante en un seul envoi au navigateur."""
    with vivante.batch_update():
        vivante.data = ()
        vivante.add_traces(list(nouvelle.data))
        vivante.layout = nouvelle.layout


def liste_html(elements: list[str], classe: str = "") -> str:
    """Une liste à puces HTML (textes échappés) ; vide si la liste est vide."""
    if not elements:
        return ""
    attribut = f' class="{classe}"' if classe else ""
    return f"<ul{attribut}>" + "".join(f"<li>{html.escape(e)}</li>" for e in elements) + "</ul>"
