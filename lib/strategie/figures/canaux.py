"""Figure du plan de canaux : les cinq phases × canaux propres et partenaires, trous en rouge."""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go

from strategie.canaux import GENRES, PHASES, QUESTIONS, PlanCanaux
from strategie import palette

_COULEURS = {"propre": palette.FOND_VERT, "partenaire": palette.FOND_BLEU, "vide": palette.FOND_GRIS, "trou": palette.FOND_ROUGE}


def figure_canaux(plan: PlanCanaux, segment: str | None = None, hauteur: int = 380) -> go.Figure:
    """Une grille : une colonne par phase, une rangée par genre de canal ; chaque case liste ses canaux.

    Une phase qu'aucun canal ne couvre est un trou : sa colonne est rouge et son en-tête dit « ⚠ trou ».
    Avec ``segment``, seuls les canaux qui servent ce segment comptent.
    """
    matrice = plan.matrice(segment)
    trous = set(plan.trous(segment))
    fig = go.Figure()
    largeur, haut_entete = 2.0, 0.7
    rangees = list(GENRES)
    hauteur_case = 1.6
    for j, phase in enumerate(PHASES):
        x0 = 1.6 + j * largeur
        fig.add_shape(type="rect", x0=x0, x1=x0 + largeur, y0=0, y1=haut_entete, line=dict(color=palette.GRIS),
                      fillcolor=_COULEURS["trou"] if phase in trous else palette.BLANC)
        fig.add_annotation(x=x0 + largeur / 2, y=haut_entete / 2, showarrow=False,
                           text=f"<b>{j + 1}. {PHASES[phase]}</b>" + (" ⚠ trou" if phase in trous else ""), hovertext=html.escape(QUESTIONS[phase]))
        for i, genre in enumerate(rangees):
            y1 = -i * hauteur_case
            noms = matrice.loc[phase, genre]
            if noms:
                couleur, texte = _COULEURS[genre], "<br>".join(
                    "<br>".join(html.escape(m) for m in textwrap.wrap(n, 22)) for n in noms)
            elif phase in trous:
                couleur, texte = _COULEURS["trou"], "<b>trou</b>"
            else:
                couleur, texte = _COULEURS["vide"], "—"
            fig.add_shape(type="rect", x0=x0, x1=x0 + largeur, y0=y1 - hauteur_case, y1=y1,
                          line=dict(color=palette.GRIS), fillcolor=couleur, layer="below")
            fig.add_annotation(x=x0 + largeur / 2, y=y1 - hauteur_case / 2, text=texte, showarrow=False,
                               font=dict(size=11, color=palette.ROUGE_ALERTE if texte == "<b>trou</b>" else palette.ENCRE))
    for i, genre in enumerate(rangees):
        fig.add_annotation(x=0.05, y=-i * hauteur_case - hauteur_case / 2, text=f"<b>{GENRES[genre]}</b>",
                           showarrow=False, xanchor="left")
    # Des points invisibles donnent à chaque en-tête de phase une infobulle avec sa question.
    fig.add_trace(go.Scatter(
        x=[1.6 + j * largeur + largeur / 2 for j in range(len(PHASES))], y=[haut_entete / 2] * len(PHASES),
        mode="markers", marker=dict(size=30, opacity=0), hoverinfo="text", showlegend=False,
        hovertext=[f"{PHASES[p]} : {html.escape(QUESTIONS[p])}" for p in PHASES],
    ))
    couverture = plan.couverture(segment)
    pour = f" — segment « {html.escape(segment)} »" if segment else ""
    resume = "aucun trou" if not trous else f"{len(trous)} phase(s) sans canal"
    fig.update_xaxes(visible=False, range=[0, 1.6 + len(PHASES) * largeur + 0.05], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-len(rangees) * hauteur_case - 0.05, haut_entete + 0.05], fixedrange=True)
    fig.update_layout(
        title=f"{html.escape(plan.nom)}{pour} : {couverture:.0f} % des phases couvertes, {resume}",
        height=hauteur, template="plotly_white", margin=dict(l=10, r=10, t=50, b=10), plot_bgcolor="white",
    )
    return fig
