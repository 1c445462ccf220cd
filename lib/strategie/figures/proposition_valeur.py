"""Figures du canevas de proposition de valeur : la carte face au profil, et l'adéquation par partie."""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go

from strategie.proposition_valeur import CIBLE, GENRES, IMPORTANCES, PROFIL, CanevasProposition
from strategie import palette

# Lignes de haut en bas : gains, problèmes, tâches (la lecture habituelle du canevas).
_RANGEES = (("createurs", "gains"), ("reducteurs", "problemes"), ("produits", "taches"))
_X_CARTE, _X_PROFIL = 4.4, 5.6
_VERT, _ROUGE, _GRIS = palette.VERT, palette.ROUGE_ALERTE, palette.GRIS_CLAIR


def _court(texte: str, largeur: int = 42) -> str:
    return "<br>".join(html.escape(m) for m in textwrap.wrap(texte, largeur)) or html.escape(texte)


def figure_proposition(canevas: CanevasProposition, hauteur: int | None = None) -> go.Figure:
    """La carte de la valeur (à gauche) face au profil du client (à droite), rangée par rangée.

    Un trait relie chaque élément de la carte à ce qu'il sert. En vert ce qui
    reçoit une réponse (✔), en rouge ce qui reste sans réponse (✗) : le symbole dit ce que dit la couleur ;
    en gris ce que la carte offre sans que le profil l'ait demandé ; la taille
    d'un point dit l'importance pour le client.
    """
    adequation = canevas.adequation()
    servis = {g: set(canevas.textes(g)) - set(adequation.sans_reponse[g]) for g in PROFIL}
    superflus = {t for _, t in adequation.superflus}
    fig = go.Figure()
    y_haut = 0.0
    positions: dict[tuple[str, str], float] = {}
    bandes = []
    for carte, profil in _RANGEES:
        n = max(len(canevas.elements(carte)), len(canevas.elements(profil)), 1)
        hauteur_bande = n + 0.8
        bandes.append((carte, profil, y_haut, y_haut - hauteur_bande))
        for genre in (carte, profil):
            elements = canevas.elements(genre)
            pas = (hauteur_bande - 0.8) / max(len(elements), 1)
            for i, e in enumerate(elements):
                positions[(genre, e.texte)] = y_haut - 0.8 - pas * (i + 0.5)
        y_haut -= hauteur_bande + 0.3
    y_bas = y_haut + 0.3
    for carte, profil, haut, bas in bandes:
        fig.add_shape(type="rect", x0=0, x1=_X_CARTE + 0.2, y0=bas, y1=haut, line=dict(color=palette.GRIS),
                      fillcolor=palette.FOND_JAUNE, layer="below")
        fig.add_shape(type="rect", x0=_X_PROFIL - 0.2, x1=10, y0=bas, y1=haut, line=dict(color=palette.GRIS),
                      fillcolor=palette.FOND_BLEU, layer="below")
        fig.add_annotation(x=0.1, y=haut - 0.1, text=f"<b>{GENRES[carte]}</b>", showarrow=False,
                           xanchor="left", yanchor="top")
        fig.add_annotation(x=9.9, y=haut - 0.1, text=f"<b>{GENRES[profil]}</b>", showarrow=False,
                           xanchor="right", yanchor="top")
    # Les liens d'abord, pour que les points soient dessinés par-dessus.
    for carte, profil in CIBLE.items():
        for e in canevas.elements(carte):
            for cible in e.repond_a:
                fig.add_trace(go.Scatter(
                    x=[_X_CARTE, _X_PROFIL], y=[positions[(carte, e.texte)], positions[(profil, cible)]],
                    mode="lines", line=dict(color=_VERT, width=1.5), hoverinfo="skip", showlegend=False))
    for carte, profil in _RANGEES:
        elements = canevas.elements(carte)
        if elements:
            fig.add_trace(go.Scatter(
                x=[_X_CARTE] * len(elements), y=[positions[(carte, e.texte)] for e in elements],
                mode="markers+text", textposition="middle left", showlegend=False,
                text=[_court(e.texte) + ("  (ne répond à rien)" if e.texte in superflus else "") for e in elements],
                marker=dict(symbol="square", size=12, color=[_GRIS if e.texte in superflus else _VERT for e in elements]),
                textfont=dict(color=[_GRIS if e.texte in superflus else palette.ENCRE for e in elements]),
                hovertext=[f"{GENRES[carte]} : {html.escape(e.texte)}<br>répond à : "
                           f"{html.escape(', '.join(e.repond_a) or 'rien')}" for e in elements],
                hoverinfo="text"))
        elements = canevas.elements(profil)
        if elements:
            fig.add_trace(go.Scatter(
                x=[_X_PROFIL] * len(elements), y=[positions[(profil, e.texte)] for e in elements],
                mode="markers+text", textposition="middle right", showlegend=False,
                text=[("✔ " if e.texte in servis[profil] else "✗ ") + _court(e.texte) + " " + "★" * e.importance
                      for e in elements],
                marker=dict(size=[8 + 5 * e.importance for e in elements],
                            color=[_VERT if e.texte in servis[profil] else _ROUGE for e in elements]),
                textfont=dict(color=[palette.ENCRE if e.texte in servis[profil] else _ROUGE for e in elements]),
                hovertext=[f"{GENRES[profil]} : {html.escape(e.texte)}<br>importance {IMPORTANCES[e.importance]}<br>"
                           + ("réponse : " + html.escape(", ".join(canevas.repondu_par(profil, e.texte)))
                              if e.texte in servis[profil] else "<b>sans réponse</b>") for e in elements],
                hoverinfo="text"))
    fig.add_annotation(x=_X_CARTE / 2, y=0.25, text="<b>Carte de la valeur</b> (ce que vous offrez)",
                       showarrow=False, yanchor="bottom")
    fig.add_annotation(x=(_X_PROFIL + 10) / 2, y=0.25,
                       text=f"<b>Profil du client</b> : {html.escape(canevas.segment)}", showarrow=False,
                       yanchor="bottom")
    fig.update_xaxes(visible=False, range=[-0.1, 10.1], fixedrange=True)
    fig.update_yaxes(visible=False, range=[y_bas - 0.2, 1.0], fixedrange=True)
    fig.update_layout(
        title=f"{html.escape(canevas.proposition)} — adéquation {adequation.taux:.0f} %",
        height=hauteur or int(180 + 34 * (1.0 - y_bas)), template="plotly_white",
        margin=dict(l=10, r=10, t=50, b=10), plot_bgcolor="white",
    )
    return fig


def figure_adequation(canevas: CanevasProposition, hauteur: int = 260) -> go.Figure:
    """Pour chaque partie du profil : l'importance qui reçoit une réponse et celle qui reste sans réponse."""
    adequation = canevas.adequation()
    noms, couverts, restes = [], [], []
    for genre in PROFIL:
        elements = canevas.elements(genre)
        manque = set(adequation.sans_reponse[genre])
        noms.append(GENRES[genre])
        couverts.append(sum(e.importance for e in elements if e.texte not in manque))
        restes.append(sum(e.importance for e in elements if e.texte in manque))
    fig = go.Figure([
        go.Bar(y=noms, x=couverts, name="avec réponse", orientation="h", marker_color=_VERT),
        go.Bar(y=noms, x=restes, name="sans réponse", orientation="h", marker_color=_ROUGE,
               marker_pattern_shape="/"),  # hachuré : pas dit par la seule couleur
    ])
    fig.update_layout(barmode="stack", height=hauteur, template="plotly_white",
                      title=f"Adéquation pondérée par l'importance : {adequation.taux:.0f} %",
                      xaxis_title="Points d'importance (1 faible, 2 moyenne, 3 forte)",
                      yaxis=dict(autorange="reversed"), margin=dict(l=10, r=10, t=50, b=40),
                      legend=dict(orientation="h", y=-0.35, traceorder="normal"))
    return fig
