"""Figure des activités clés : coût immatériel de chaque activité, par catégorie, avec le seuil d'alerte."""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go

from strategie.activites import CATEGORIES, COUT_MAX, ListeActivites
from strategie import palette

COULEURS = {"faire": palette.BLEU, "vendre": palette.ORANGE, "resoudre": palette.VERT_VIF, "soutenir": palette.GRIS_CLAIR}


def _etiquette(texte: str) -> str:
    return "<br>".join(html.escape(m) for m in textwrap.wrap(texte, 34))


def figure_activites(liste: ListeActivites, largeur: int = 820, hauteur: int | None = None) -> go.Figure:
    """Une barre par activité (longueur = coût immatériel sur 10), couleur = catégorie.

    Les activités qui ne vous démarquent pas sont hachurées et pâles : elles
    restent hors du canevas. La ligne rouge marque le seuil au-delà duquel le
    coût immatériel signale une inadéquation entre ressources et activités.
    """
    activites = sorted(liste.activites, key=lambda a: (list(CATEGORIES).index(a.categorie), not a.demarque))
    etiquettes = [_etiquette(a.texte) for a in activites]
    fig = go.Figure()
    for cle, categorie in CATEGORIES.items():
        for demarque in (True, False):
            choisies = [(i, a) for i, a in enumerate(activites) if a.categorie == cle and a.demarque == demarque]
            if not choisies:
                continue
            fig.add_trace(go.Bar(
                orientation="h", y=[etiquettes[i] for i, _ in choisies], x=[a.cout_immateriel for _, a in choisies],
                name=categorie.titre + ("" if demarque else " (écartée : ne démarque pas)"), legendgroup=cle,
                marker=dict(color=COULEURS[cle], opacity=1.0 if demarque else 0.35,
                            pattern=dict(shape="" if demarque else "/"),
                            line=dict(color=palette.ROUGE_VIF, width=[3 if a.cout_immateriel >= liste.seuil else 0
                                                               for _, a in choisies])),
                customdata=[[", ".join(a.ressources) or "aucune"] for _, a in choisies],
                hovertemplate="%{y}<br>coût immatériel : %{x}/10<br>ressources : %{customdata[0]}<extra></extra>",
            ))
    fig.add_vline(x=liste.seuil - 0.5, line=dict(color=palette.ROUGE_VIF, dash="dash"))
    fig.add_annotation(x=liste.seuil - 0.5, y=1.0, yref="paper", xanchor="left", yanchor="bottom", showarrow=False,
                       text=" signal d'inadéquation ressources / activités", font=dict(color=palette.ROUGE_VIF, size=11))
    if not activites:
        fig.add_annotation(x=COUT_MAX / 2, y=0.5, yref="paper", showarrow=False,
                           text="Ajoutez des activités pour les voir ici.", font=dict(size=14, color=palette.GRIS))
        fig.update_yaxes(visible=False)
    fig.update_xaxes(range=[0, COUT_MAX + 0.2], dtick=1, title_text="Coût immatériel (stress, fatigue), de 0 à 10",
                     gridcolor=palette.FOND_ARDOISE)
    fig.update_yaxes(categoryorder="array", categoryarray=etiquettes[::-1], automargin=True)
    fig.update_layout(
        title=dict(text=f"Activités — {html.escape(liste.nom)}", x=0.01), barmode="overlay",
        width=largeur, height=hauteur or max(320, 120 + 48 * len(activites)),
        margin=dict(l=10, r=20, t=70, b=50), plot_bgcolor="white", paper_bgcolor="white",
        legend=dict(orientation="h", y=-0.25 if activites else 0, x=0),
    )
    return fig
