"""Figures du dilemme du prisonnier : matrice des gains, match, classement, matrice des matchs, évolution."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from strategie.dilemme import gains as _g
from strategie.dilemme.strategies import CLASSES, Strategie

__all__ = [
    "couleur", "figure_vide", "figure_gains", "figure_coups", "figure_match", "figure_classement",
    "figure_matrice", "figure_evolution",
]

VERT, ROUGE, GRIS = "#2e7d32", "#c62828", "#9e9e9e"

_COULEURS = {
    "donnant_donnant": "#1e88e5", "donnant_donnant_patient": "#64b5f6", "rancunier": "#6a1b9a",
    "toujours_cooperer": "#ec407a", "toujours_trahir": "#212121", "hasard": "#9e9e9e",
    "donnant_donnant_mefiant": "#0d47a1", "pavlov": "#43a047", "alternant": "#ff9800",
    "donnant_donnant_double": "#3949ab", "donnant_donnant_dur": "#283593",
    "donnant_donnant_genereux": "#26c6da", "joss": "#8d6e63", "sondeur": "#fdd835",
    "detective": "#795548", "majorite_douce": "#00897b",
}
_PAR_NOM_AFFICHE = {cls.nom_affiche: _COULEURS[cls.nom] for cls in CLASSES}
_AUTRES = ["#e53935", "#5e35b1", "#00acc1", "#7cb342", "#f4511e", "#d81b60", "#546e7a"]


def couleur(strategie_ou_nom) -> str:
    """Couleur stable d'une stratégie (d'après son nom français ou son objet)."""
    if isinstance(strategie_ou_nom, Strategie):
        return _COULEURS.get(strategie_ou_nom.nom) or couleur(strategie_ou_nom.nom_affiche)
    nom = str(strategie_ou_nom)
    base = nom.rsplit(" (", 1)[0] if nom.endswith(")") and nom not in _PAR_NOM_AFFICHE else nom
    if base in _PAR_NOM_AFFICHE:
        return _PAR_NOM_AFFICHE[base]
    return _AUTRES[sum(map(ord, nom)) % len(_AUTRES)]


_VIDE = dict(template="none")


def figure_vide(titre: str = "", hauteur: int = 300) -> go.Figure:
    """Une figure sans données (emplacement d'une figure vivante avant le premier calcul)."""
    return _mise_en_page(go.Figure(layout=_VIDE), titre, hauteur)


def _mise_en_page(fig: go.Figure, titre: str, hauteur: int = 360) -> go.Figure:
    # The empty template "none": live figures update in about a millisecond instead of hundreds
    # (plotly's default template is large and re-validated at each change).
    fig.update_layout(
        template="none", title=dict(text=titre, x=0.01), height=hauteur, margin=dict(l=10, r=10, t=50, b=10),
        font=dict(size=13, family="Open Sans, Arial, sans-serif"), plot_bgcolor="white", paper_bgcolor="white",
    )
    fig.update_xaxes(gridcolor="#e0e0e0", zerolinecolor="#bdbdbd")
    fig.update_yaxes(gridcolor="#e0e0e0", zerolinecolor="#bdbdbd")
    return fig


def _f(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def figure_gains(gains=None, coups: tuple[str, str] | None = None, titre: str | None = None) -> go.Figure:
    """La matrice 2×2 : « mon gain ; son gain » dans chaque case, l'issue ``coups`` encadrée.

    La couleur d'une case suit le total des deux joueurs (vert : le meilleur pour le groupe).
    """
    g = _g.gains(gains)
    m = g.matrice_joueur()
    u = g.en_points().matrice_joueur()
    unite = "pt" if g.plus_haut_est_mieux else "an"
    noms = (["Coopérer", "Trahir"] if g.plus_haut_est_mieux else ["Se taire", "Trahir"])
    total = u + u.T
    texte = [[f"<b>{_f(m[i, j])}</b> ; {_f(m[j, i])} {unite}{'s' if max(abs(m[i, j]), abs(m[j, i])) > 1 else ''}"
              for j in range(2)] for i in range(2)]
    fig = go.Figure(layout=_VIDE)
    fig.add_trace(go.Heatmap(
        z=total, x=[f"L'autre : {n.lower()}" for n in noms], y=[f"Moi : {n.lower()}" for n in noms],
        text=texte, texttemplate="%{text}", textfont=dict(size=18),
        colorscale=[[0, "#ffebee"], [1, "#e8f5e9"]], showscale=False,
        hovertemplate="%{y} / %{x}<br>moi ; l'autre : %{text}<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed")
    if coups is not None:
        i, j = ("CD".index(coups[0]), "CD".index(coups[1]))
        fig.add_shape(type="rect", x0=j - 0.48, x1=j + 0.48, y0=i - 0.48, y1=i + 0.48,
                      line=dict(color="#f9a825", width=5))
    if titre is None:
        titre = "Matrice des gains (" + ("points : plus c'est haut, mieux c'est" if g.plus_haut_est_mieux
                                         else "années de prison : moins c'est mieux") + ")"
    return _mise_en_page(fig, titre, 320)


def figure_coups(coups_a: str, coups_b: str, noms=("A", "B"), gains=None, titre: str | None = None) -> go.Figure:
    """Les coups tour par tour (vert : coopère, rouge : trahit) et les scores cumulés."""
    from plotly.subplots import make_subplots

    g = _g.gains(gains)
    n = len(coups_a)
    tours = np.arange(1, n + 1)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.35, 0.65], vertical_spacing=0.08,
                        figure=go.Figure(layout=_VIDE))
    for ligne, (nom, coups) in enumerate(zip(noms, (coups_a, coups_b))):
        fig.add_trace(go.Scatter(
            x=tours, y=[nom] * n, mode="markers", name=nom, showlegend=False,
            marker=dict(symbol="square", size=max(4, min(16, 600 // max(n, 1))),
                        color=[VERT if c == "C" else ROUGE for c in coups]),
            text=["coopère" if c == "C" else "trahit" for c in coups],
            hovertemplate=f"{nom}, tour %{{x}} : %{{text}}<extra></extra>",
        ), row=1, col=1)
    table = g.matrice_joueur()
    a = np.array([c == "D" for c in coups_a], dtype=int)
    b = np.array([c == "D" for c in coups_b], dtype=int)
    for nom, x, y in ((noms[0], a, b), (noms[1], b, a)):
        cumul = np.cumsum(table[x, y]) if n else np.array([])
        fig.add_trace(go.Scatter(x=tours, y=cumul, mode="lines", name=nom, line=dict(color=couleur(nom), width=3),
                                 hovertemplate=f"{nom}, tour %{{x}} : %{{y}}<extra></extra>"), row=2, col=1)
    fig.update_yaxes(title_text="cumul (" + ("points" if g.plus_haut_est_mieux else "années") + ")", row=2, col=1)
    fig.update_yaxes(autorange="reversed", row=1, col=1)
    fig.update_xaxes(title_text="tour", row=2, col=1)
    fig.update_layout(legend=dict(orientation="h", y=-0.25))
    return _mise_en_page(fig, titre or f"{noms[0]} contre {noms[1]}", 380)


def figure_match(resultat) -> go.Figure:
    """Figure d'un :class:`~strategie.dilemme.ResultatMatch`."""
    titre = f"{resultat.joueurs[0]} contre {resultat.joueurs[1]} : {_f(resultat.scores[0])} – {_f(resultat.scores[1])}"
    return figure_coups(resultat.coups[0], resultat.coups[1], resultat.joueurs, resultat.gains, titre)


def figure_classement(classement: pd.DataFrame, pari: str | None = None, titre: str | None = None) -> go.Figure:
    """Barres horizontales du classement d'un tournoi (le premier en haut), le pari encadré."""
    noms = list(classement["strategie"])
    scores = list(classement["score_moyen"])
    bordures = [4 if nom == pari else 0 for nom in noms]
    fig = go.Figure(layout=_VIDE)
    fig.add_trace(go.Bar(
        x=scores, y=noms, orientation="h", marker=dict(color=[couleur(n) for n in noms],
                                                        line=dict(color="#f9a825", width=bordures)),
        text=[f"{s:.3f}" for s in scores], textposition="auto",
        hovertemplate="%{y} : %{x:.3f} par tour<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="score moyen par tour")
    if pari:
        titre = titre or f"Classement du tournoi (votre pari : {pari})"
    return _mise_en_page(fig, titre or "Classement du tournoi", max(260, 60 + 28 * len(noms)))


def figure_matrice(matrice: pd.DataFrame, titre: str | None = None) -> go.Figure:
    """Carte de chaleur des matchs : score moyen par tour de la ligne contre la colonne."""
    z = matrice.values
    fig = go.Figure(layout=_VIDE)
    fig.add_trace(go.Heatmap(
        z=z, x=list(matrice.columns), y=list(matrice.index), colorscale="RdYlGn",
        text=np.round(z, 2), texttemplate="%{text}" if len(matrice) <= 12 else None,
        colorbar=dict(title="par tour"),
        hovertemplate="%{y} contre %{x} : %{z:.2f} par tour<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-40)
    return _mise_en_page(fig, titre or "Matrice des matchs (score de la ligne contre la colonne)",
                         max(320, 120 + 30 * len(matrice)))


def figure_evolution(effectifs: pd.DataFrame, titre: str | None = None) -> go.Figure:
    """Aires empilées : part de chaque stratégie dans la population, génération après génération."""
    total = effectifs.sum(axis=1).replace(0, 1)
    parts = effectifs.div(total, axis=0) * 100
    fig = go.Figure(layout=_VIDE)
    for nom in effectifs.columns:
        fig.add_trace(go.Scatter(
            x=effectifs.index, y=parts[nom], name=nom, mode="lines", stackgroup="population",
            line=dict(width=0.5, color=couleur(nom)), customdata=effectifs[nom],
            hovertemplate=f"{nom}, génération %{{x}} : %{{customdata}} joueurs (%{{y:.0f}} %)<extra></extra>",
        ))
    fig.update_yaxes(title_text="part de la population (%)", range=[0, 100])
    fig.update_xaxes(title_text="génération")
    return _mise_en_page(fig, titre or "Évolution de la population", 400)
