"""Figure plotly d'un Business Model Canvas, dans sa disposition classique."""

from __future__ import annotations

import html
import textwrap
from pathlib import Path

import plotly.graph_objects as go

from strategie._fichiers import MARQUE_HTML, ecrire_texte_atomique
from strategie.canevas import BLOCS, Canevas
from strategie import palette

# Côté gauche (comment), centre (valeur), côté droit (pour qui), bas (argent) : une teinte chacun.
COULEURS = {
    "partenaires_cles": palette.FOND_BLEU, "activites_cles": palette.FOND_BLEU, "ressources_cles": palette.FOND_BLEU,
    "proposition_de_valeur": palette.FOND_JAUNE,
    "relation_client": palette.FOND_VERT, "canaux": palette.FOND_VERT, "segments_clients": palette.FOND_VERT,
    "structure_de_couts": palette.FOND_ROUGE, "flux_de_revenus": palette.FOND_ROUGE,
}
_HAUTEUR_LIGNE = (2.0, 2.0, 1.6)  # la ligne de l'argent est un peu plus basse


def _y(ligne: int) -> float:
    return -sum(_HAUTEUR_LIGNE[:ligne])


# Sans largeur, la figure prend la largeur de la page (explorateur de fichiers ouvert ou non) : les notes
# sont coupées pour la page la plus étroite d'une leçon à 1280 px, environ 840 px.
_LARGEUR_MINIMALE = 840


def figure_canevas(canevas: Canevas, largeur: int | None = None, hauteur: int = 650) -> go.Figure:
    """Le canevas en une figure : neuf blocs, leurs intitulés et leurs notes.

    Sans ``largeur`` (en pixels), la figure prend la largeur de la page.
    """
    fig = go.Figure()
    caracteres_par_colonne = 14 * max(largeur or _LARGEUR_MINIMALE, _LARGEUR_MINIMALE) / _LARGEUR_MINIMALE
    for cle, bloc in BLOCS.items():
        x0, x1 = bloc.colonne, bloc.colonne + bloc.largeur
        y0 = _y(bloc.ligne)
        y1 = _y(bloc.ligne + bloc.hauteur)
        fig.add_shape(type="rect", x0=x0, x1=x1, y0=y1, y1=y0, line=dict(color=palette.GRIS, width=1),
                      fillcolor=COULEURS[cle], layer="below")
        fig.add_annotation(x=x0 + 0.08, y=y0 - 0.08, xanchor="left", yanchor="top", showarrow=False,
                           text=f"<b>{html.escape(bloc.intitule(canevas.vue))}</b>", font=dict(size=12))
        largeur_texte = int(caracteres_par_colonne * bloc.largeur)
        lignes = []
        for note in canevas.notes_du_bloc(cle):
            morceaux = textwrap.wrap(note.texte, largeur_texte) or [""]
            lignes.append("• " + "<br>  ".join(html.escape(m) for m in morceaux))
        if lignes:
            fig.add_annotation(x=x0 + 0.08, y=y0 - 0.45, xanchor="left", yanchor="top", showarrow=False,
                               align="left", text="<br>".join(lignes), font=dict(size=11))
    fig.update_xaxes(visible=False, range=[-0.05, 10.05], fixedrange=True)
    fig.update_yaxes(visible=False, range=[_y(3) - 0.05, 0.05], fixedrange=True)
    vue = "Business Model You" if canevas.vue == "personnel" else "Business Model Canvas"
    fig.update_layout(
        title=dict(text=f"{html.escape(canevas.nom)} — {vue}", x=0.01),
        width=largeur, autosize=largeur is None, height=hauteur, margin=dict(l=10, r=10, t=50, b=10),
        plot_bgcolor="white", paper_bgcolor="white", showlegend=False,
    )
    return fig


def exporter_html(canevas: Canevas, chemin: str | Path) -> Path:
    """Écrit le canevas dans une page HTML autonome (à ouvrir, imprimer ou joindre), d'un seul coup.

    La page porte la marque des pages du cours : l'éditeur sait qu'il peut la remplacer.
    """
    page = figure_canevas(canevas).to_html(include_plotlyjs=True, full_html=True)
    page = page.replace("<head>", f"<head>\n    {MARQUE_HTML}", 1)
    return ecrire_texte_atomique(chemin, page, exemple="mon-canevas.html")
