"""Figures de la cohérence d'un canevas : liens entre notes, segments × blocs, partenaires × segments."""

from __future__ import annotations

import html
import math
import textwrap

import plotly.graph_objects as go

from strategie.canevas import BLOCS, Canevas
from strategie.cas import ExperiencePartagee
from strategie.coherence import (
    BESOINS_DU_SEGMENT, constats_par_note, intitule_court, matrice_segments, paires_liees,
)
from strategie.figures.canevas import COULEURS, _y
from strategie import palette
from strategie.figures._commun import message_central

VERT, ROUGE, GRIS = palette.VERT, palette.ROUGE, palette.GRIS_CLAIR
_FOND_OK, _FOND_MANQUE = palette.FOND_VERT_SOUTENU, palette.FOND_ROUGE_SOUTENU


def _court(texte: str, largeur: int = 22) -> str:
    return texte if len(texte) <= largeur else texte[: largeur - 1].rstrip() + "…"


def _positions(canevas: Canevas) -> dict[str, tuple[float, float, int]]:
    """Place les notes de chaque bloc en grille dans le rectangle du bloc : (x, y, caractères d'étiquette)."""
    positions = {}
    for cle, bloc in BLOCS.items():
        ids = [n.id for n in canevas.notes_du_bloc(cle)]
        if not ids:
            continue
        haut, bas = _y(bloc.ligne) - 0.5, _y(bloc.ligne + bloc.hauteur) + 0.15
        gauche, droite = bloc.colonne + 0.15, bloc.colonne + bloc.largeur - 0.15
        # Les libellés sont larges : plus de lignes que de colonnes (le facteur 3 est le rapport d'aspect du libellé).
        forme = len(ids) * (droite - gauche) / max(haut - bas, 0.1) / 3
        colonnes = max(1, min(len(ids), math.ceil(math.sqrt(forme))))
        lignes = math.ceil(len(ids) / colonnes)
        caracteres = max(8, int(19 * (droite - gauche) / colonnes))
        for rang, ident in enumerate(ids):
            ligne, colonne = divmod(rang, colonnes)
            x = gauche + (colonne + 0.5) * (droite - gauche) / colonnes
            y = haut - (ligne + 0.5) * (haut - bas) / lignes
            positions[ident] = (x, y, caracteres)
    return positions


def figure_liens(canevas: Canevas, largeur: int = 1100, hauteur: int = 650) -> go.Figure:
    """Le canevas comme un graphe : chaque note est un point dans son bloc, chaque lien un trait.

    Les notes qui ont au moins un constat de cohérence sont en rouge ; survolez
    un point pour lire la note et ce qui lui manque.
    """
    fig = go.Figure()
    for cle, bloc in BLOCS.items():
        fig.add_shape(type="rect", x0=bloc.colonne, x1=bloc.colonne + bloc.largeur,
                      y0=_y(bloc.ligne + bloc.hauteur), y1=_y(bloc.ligne),
                      line=dict(color=palette.GRIS, width=1), fillcolor=COULEURS[cle], layer="below")
        fig.add_annotation(x=bloc.colonne + 0.08, y=_y(bloc.ligne) - 0.08, xanchor="left", yanchor="top",
                           showarrow=False, text=f"<b>{html.escape(intitule_court(canevas, cle))}</b>",
                           font=dict(size=11))
    positions = _positions(canevas)
    xs, ys = [], []
    for a, b in paires_liees(canevas):
        if a in positions and b in positions:
            xs += [positions[a][0], positions[b][0], None]
            ys += [positions[a][1], positions[b][1], None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=palette.GRIS, width=1),
                             hoverinfo="skip", name="Lien", showlegend=bool(xs)))
    a_revoir = constats_par_note(canevas)
    for nom_trace, couleur, garder in (("Note sans constat", VERT, False), ("Note à revoir", ROUGE, True)):
        ids = [i for i in positions if (i in a_revoir) == garder]
        survols = []
        for i in ids:
            lignes = textwrap.wrap(canevas.note(i).texte, 50)
            details = [f"⚠️ {html.escape(k.titre)}" for k in a_revoir.get(i, [])]
            survols.append("<br>".join([f"<b>{html.escape(i)}</b>", *map(html.escape, lignes), *details]))
        fig.add_trace(go.Scatter(
            x=[positions[i][0] for i in ids], y=[positions[i][1] for i in ids], mode="markers+text",
            marker=dict(size=12, color=couleur, line=dict(color="white", width=1)),
            text=[html.escape(_court(canevas.note(i).texte, positions[i][2])) for i in ids],
            textposition="bottom center",
            textfont=dict(size=9), hovertext=survols, hoverinfo="text", name=nom_trace,
        ))
    fig.update_xaxes(visible=False, range=[-0.05, 10.05], fixedrange=True)
    fig.update_yaxes(visible=False, range=[_y(3) - 0.05, 0.05], fixedrange=True)
    fig.update_layout(
        title=dict(text=f"{html.escape(canevas.nom)} — liens entre les notes", x=0.01),
        width=largeur, height=hauteur, margin=dict(l=10, r=10, t=50, b=10),
        plot_bgcolor="white", paper_bgcolor="white",
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1.0),
    )
    return fig


def _heatmap_presence(lignes: list[str], colonnes: list[str], valeurs: list[list[int]], textes: list[list[str]],
                      survols: list[list[str]], fond_zero: str = _FOND_MANQUE) -> go.Heatmap:
    return go.Heatmap(
        z=[[min(v, 1) for v in ligne] for ligne in valeurs], x=colonnes, y=lignes,
        text=textes, texttemplate="%{text}", hovertext=survols, hoverinfo="text",
        colorscale=[[0, fond_zero], [1, _FOND_OK]], zmin=0, zmax=1, showscale=False, xgap=2, ygap=2,
    )


def _message_si_vide(fig: go.Figure, vide: bool, texte: str) -> None:
    if vide:
        fig.add_annotation(**message_central(texte, couleur=GRIS))


def figure_matrice_segments(canevas: Canevas, largeur: int = 760) -> go.Figure:
    """Segments × (proposition, canal, relation, revenu) : une case rouge est un manque à combler.

    Le chiffre d'une case compte les notes du bloc liées au segment.
    """
    tableau = matrice_segments(canevas)
    colonnes = [intitule_court(canevas, b) for b in BESOINS_DU_SEGMENT]
    lignes = [_court(s, 40) for s in tableau.index]
    valeurs = tableau.to_numpy().tolist()
    textes = [[str(v) if v else "manque" for v in ligne] for ligne in valeurs]
    survols = [
        [f"{html.escape(seg)}<br>{html.escape(col)} : {v} note(s) liée(s)" for col, v in zip(colonnes, ligne)]
        for seg, ligne in zip(tableau.index, valeurs)
    ]
    fig = go.Figure(_heatmap_presence(lignes, colonnes, valeurs, textes, survols))
    _message_si_vide(fig, not lignes, "Aucun segment : ajoutez d'abord vos clients.")
    fig.update_yaxes(autorange="reversed", visible=bool(lignes))
    fig.update_xaxes(side="top", visible=bool(lignes))
    fig.update_layout(
        title=dict(text="Ce que reçoit chaque segment", x=0.01, y=0.98),
        width=largeur, height=160 + 45 * max(len(lignes), 1), margin=dict(l=10, r=10, t=90, b=10),
        plot_bgcolor="white", paper_bgcolor="white",
    )
    return fig


def figure_experience(experience: ExperiencePartagee, largeur: int = 820) -> go.Figure:
    """Partenaires × segments : qui contribue à l'expérience de qui (survolez une case pour lire la contribution)."""
    presence = experience.presence()
    matrice = experience.matrice()
    totaux = presence.sum(axis=0)
    colonnes = [f"{s} ({int(totaux[s])})" for s in presence.columns]
    lignes = [str(p) for p in presence.index]
    valeurs = presence.to_numpy().tolist()
    textes = [["✓" if v else "" for v in ligne] for ligne in valeurs]
    survols = [
        [f"<b>{html.escape(p)}</b> → {html.escape(s)}<br>"
         + ("<br>".join(map(html.escape, textwrap.wrap(matrice.loc[p, s], 50))) or "(pas de contribution)")
         for s in presence.columns]
        for p in presence.index
    ]
    # Une case vide n'est pas une faute ici (tout partenaire ne sert pas tout segment) : gris clair, pas rouge.
    fig = go.Figure(_heatmap_presence(lignes, colonnes, valeurs, textes, survols, fond_zero=palette.FOND_GRIS))
    _message_si_vide(fig, not lignes or not colonnes, "Il faut au moins un partenaire et un segment.")
    fig.update_yaxes(autorange="reversed", visible=bool(lignes and colonnes))
    fig.update_xaxes(side="top", visible=bool(lignes and colonnes))
    fig.update_layout(
        title=dict(text=f"Qui contribue à l'expérience de qui — {html.escape(experience.nom)}", x=0.01, y=0.98),
        width=largeur, height=160 + 40 * max(len(lignes), 1), margin=dict(l=10, r=10, t=90, b=10),
        plot_bgcolor="white", paper_bgcolor="white",
    )
    return fig
