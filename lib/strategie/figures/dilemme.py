"""Figures du dilemme du prisonnier : matrice des gains, match, classement, matrice des matchs, évolution."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from strategie.dilemme import gains as _g
from strategie.dilemme.premier_tournoi import ENTRANTS_1980, rang_en_toutes_lettres
from strategie.dilemme.strategies import CLASSES, Strategie
from strategie.francais import ESPACE_FINE, compte, nombre
from strategie import palette
from strategie.figures._commun import message_central

__all__ = [
    "couleur", "figure_vide", "figure_gains", "figure_coups", "figure_match", "figure_classement",
    "figure_matrice", "figure_evolution", "figure_article", "figure_1980",
]

VERT, ROUGE, GRIS = palette.VERT_COOPERATION, palette.ROUGE_TRAHISON, palette.GRIS_NEUTRE

_COULEURS = palette.COULEURS_STRATEGIES
_PAR_NOM_AFFICHE = {cls.nom_affiche: _COULEURS[cls.nom] for cls in (*CLASSES, *ENTRANTS_1980)}
_AUTRES = palette.COULEURS_AUTRES_STRATEGIES


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
_AXE = dict(gridcolor=palette.GRILLE, zerolinecolor=palette.GRIS_PALE)


def _fusion(base: dict, extra: dict) -> dict:
    resultat = dict(base)
    for cle, valeur in extra.items():
        if isinstance(valeur, dict) and isinstance(resultat.get(cle), dict):
            resultat[cle] = _fusion(resultat[cle], valeur)
        else:
            resultat[cle] = valeur
    return resultat


def _figure(traces, titre: str, hauteur: int = 360, **mise_en_page) -> dict:
    """Description d'une figure ({"data": …, "layout": …}) ; :func:`_publique` en fait une go.Figure."""
    # Le modèle vide « none » : une figure se construit en quelques millisecondes au lieu de dizaines
    # (le modèle par défaut de plotly est gros et validé à chaque figure).
    # separators=", " : virgule décimale et espace des milliers dans les axes et les survols, comme
    # dans les autres figures du cours.
    base = dict(
        template="none", title=dict(text=titre, x=0.01), height=hauteur, margin=dict(l=10, r=10, t=50, b=10),
        font=dict(size=13, family="Open Sans, Arial, sans-serif"), plot_bgcolor="white", paper_bgcolor="white",
        xaxis=dict(_AXE, automargin=True), yaxis=dict(_AXE, automargin=True), separators=", ",
    )
    return {"data": list(traces), "layout": _fusion(base, mise_en_page)}


def _publique(construire):
    """Fait d'une fonction qui décrit une figure (dict) une fonction publique qui renvoie une go.Figure."""
    @functools.wraps(construire)
    def figure(*args, **kwargs) -> go.Figure:
        return go.Figure(construire(*args, **kwargs))

    return figure


def _consigne(texte: str, y: float = 0.5) -> dict:
    """Une annotation au milieu de la figure, pour dire quoi faire quand il n'y a encore rien à montrer."""
    return message_central(texte, couleur=palette.GRIS_CONSIGNE, taille=15, y=y, bgcolor="white")


@_publique
def figure_vide(titre: str, consigne: str, hauteur: int = 300):
    """Une figure d'attente : pas encore de données, une consigne qui dit quoi faire pour en avoir."""
    return _figure([], titre, hauteur, annotations=[_consigne(consigne)],
                   xaxis=dict(visible=False), yaxis=dict(visible=False))


# Les pas de graduation d'un axe de tours ou de générations : toujours des entiers.
_PAS_ENTIERS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000)


def _axe_entier(dernier: int, premier: int = 1, marge: float = 0.5, graduations: int = 15) -> dict:
    """Un axe de tours (ou de générations) gradué par des entiers seulement : jamais de « tour 1,5 ».

    Le pas est le plus petit de 1, 2, 5, 10, 20… qui donne au plus ``graduations`` graduations ;
    l'axe va de ``premier`` à ``dernier``, avec ``marge`` de chaque côté (une demi-case autour
    des tours, dessinés en cases ; aucune pour les générations, dessinées en aires).

    >>> _axe_entier(12)["dtick"], _axe_entier(200)["dtick"], _axe_entier(3)["range"]
    (1, 20, [0.5, 3.5])
    """
    premier, dernier = int(premier), max(int(dernier), int(premier))
    if dernier == premier and not marge:
        dernier += 1  # un axe de longueur nulle n'a pas de graduation
    pas = next((p for p in _PAS_ENTIERS if (dernier - premier) / p <= graduations), _PAS_ENTIERS[-1])
    # tickformat ",d" : des entiers, les milliers séparés selon « separators » (« 1 000 »).
    return dict(tickmode="linear", tick0=0, dtick=pas, tickformat=",d", range=[premier - marge, dernier + marge])


@_publique
def figure_gains(gains=None, coups: tuple[str, str] | None = None, titre: str | None = None):
    """La matrice 2×2 : « mon gain ; son gain » dans chaque case, l'issue ``coups`` encadrée.

    La couleur d'une case suit le total des deux joueurs (vert : le meilleur pour le groupe).
    """
    g = _g.gains(gains)
    m = g.matrice_joueur()
    u = g.en_points().matrice_joueur()
    noms = (["coopérer", "trahir"] if g.plus_haut_est_mieux else ["se taire", "trahir"])
    total = u + u.T

    def cellule(i, j):
        return _g.deux_gains(m[i, j], m[j, i], g.plus_haut_est_mieux, gras=True)

    trace = dict(
        type="heatmap", z=total.tolist(), x=[f"L'autre : {n}" for n in noms], y=[f"Moi : {n}" for n in noms],
        text=[[cellule(i, j) for j in range(2)] for i in range(2)], texttemplate="%{text}",
        textfont=dict(size=18), colorscale=[[0, palette.FOND_ROSE], [1, palette.FOND_VERT_PALE]], showscale=False,
        hovertemplate="%{y} / %{x}<br>moi ; l'autre : %{text}<extra></extra>",
    )
    formes = []
    if coups is not None:
        i, j = ("CD".index(coups[0]), "CD".index(coups[1]))
        formes.append(dict(type="rect", x0=j - 0.48, x1=j + 0.48, y0=i - 0.48, y1=i + 0.48,
                           line=dict(color=palette.JAUNE_SURLIGNAGE, width=5)))
    if titre is None:
        titre = "Matrice des gains (" + ("points : plus c'est haut, mieux c'est" if g.plus_haut_est_mieux
                                         else "années de prison : moins c'est mieux") + ")"
    return _figure([trace], titre, 320, yaxis=dict(autorange="reversed"), shapes=formes)


@_publique
def figure_coups(coups_a: str, coups_b: str, noms=("A", "B"), gains=None, titre: str | None = None):
    """Les coups tour par tour (vert : coopère, rouge : trahit) et les scores cumulés."""
    g = _g.gains(gains)
    n = len(coups_a)
    tours = list(range(1, n + 1))
    traces = []
    taille = max(4, min(16, 600 // max(n, 1)))
    for nom, coups in zip(noms, (coups_a, coups_b)):
        # Le coup passe par customdata (et non text) : le résumé pour lecteurs d'écran dit les coups
        # en une phrase (meta « resume » plus bas) au lieu d'une suite « coopère A, coopère A… ».
        traces.append(dict(
            type="scatter", x=tours, y=[nom] * n, mode="markers", name=nom, showlegend=False,
            marker=dict(symbol="square", size=taille, color=[VERT if c == "C" else ROUGE for c in coups]),
            customdata=["coopère" if c == "C" else "trahit" for c in coups],
            hovertemplate=f"{nom}, tour %{{x}} : %{{customdata}}<extra></extra>", xaxis="x", yaxis="y",
        ))
    table = g.matrice_joueur()
    a = np.array([c == "D" for c in coups_a], dtype=int)
    b = np.array([c == "D" for c in coups_b], dtype=int)
    mot = "point" if g.plus_haut_est_mieux else "an"
    for nom, x, y, trait in ((noms[0], a, b, "solid"), (noms[1], b, a, "dot")):
        cumul = np.cumsum(table[x, y]).tolist() if n else []
        traces.append(dict(
            type="scatter", x=tours, y=cumul, mode="lines", name=nom, xaxis="x", yaxis="y2",
            line=dict(color=couleur(nom), width=3, dash=trait),
            customdata=[compte(v, mot) for v in cumul],  # « 1 point », « 9 points », « 0 an »
            hovertemplate=f"{nom}, tour %{{x}} : %{{customdata}} au total<extra></extra>",
        ))
    unite = "points" if g.plus_haut_est_mieux else "années"
    # Avant le premier tour, il n'y a rien à dessiner : on dit comment commencer.
    consignes = [] if n else [_consigne("Aucun tour joué pour l'instant : coopérez ou trahissez pour commencer.", 0.31)]
    return _figure(
        traces, titre or f"{noms[0]} contre {noms[1]}", 380, annotations=consignes,
        xaxis=dict(title=dict(text="tour"), anchor="y2", **_axe_entier(n)),
        yaxis=dict(domain=[0.72, 1.0], autorange="reversed"),
        yaxis2=dict(_AXE, domain=[0.0, 0.62], title=dict(text=f"cumul ({unite})")),
        legend=dict(orientation="h", y=-0.25),
        meta=dict(resume=_resume_coups(noms, (coups_a, coups_b))),
    )


def _resume_coups(noms, coups) -> str:
    """Les coups d'un match en une phrase : « A coopère 9 fois et trahit 3 fois en 12 tours ; … »."""
    if not coups[0]:
        return "Aucun tour joué pour l'instant."

    def fois(k: int) -> str:
        return "jamais" if k == 0 else f"{k} fois"  # « fois » est invariable

    parties = []
    for nom, c in zip(noms, coups):
        coopere, trahit = c.count("C"), c.count("D")
        if not trahit:
            parties.append(f"{nom} coopère à chaque tour")
        elif not coopere:
            parties.append(f"{nom} trahit à chaque tour")
        else:
            parties.append(f"{nom} coopère {fois(coopere)} et trahit {fois(trahit)}")
    return f"En {compte(len(coups[0]), 'tour')} : " + " ; ".join(parties) + "."


def figure_match(resultat) -> go.Figure:
    """Figure d'un :class:`~strategie.dilemme.ResultatMatch`."""
    titre = f"{resultat.joueurs[0]} contre {resultat.joueurs[1]} : {nombre(resultat.scores[0])} – {nombre(resultat.scores[1])}"
    return figure_coups(resultat.coups[0], resultat.coups[1], resultat.joueurs, resultat.gains, titre)


@_publique
def figure_classement(classement: pd.DataFrame, pari: str | None = None, titre: str | None = None):
    """Barres horizontales du classement d'un tournoi (le premier en haut), le pari encadré."""
    noms = [str(n) for n in classement["strategie"]]
    scores = [float(x) for x in classement["score_moyen"]]
    trace = dict(
        type="bar", x=scores, y=noms, orientation="h",
        marker=dict(color=[couleur(n) for n in noms],
                    line=dict(color=palette.JAUNE_SURLIGNAGE, width=[4 if nom == pari else 0 for nom in noms])),
        text=[nombre(s, 3) for s in scores], textposition="auto",
        customdata=[compte(s, "point", decimales=3) for s in scores],
        hovertemplate="%{y} : %{customdata} par tour<extra></extra>",
    )
    if pari:
        titre = titre or f"Classement du tournoi (votre pari : {pari})"
    return _figure([trace], titre or "Classement du tournoi", max(260, 60 + 28 * len(noms)),
                   yaxis=dict(autorange="reversed"), xaxis=dict(title=dict(text="score moyen par tour")))


@_publique
def figure_matrice(matrice: pd.DataFrame, titre: str | None = None):
    """Carte de chaleur des matchs : score moyen par tour de la ligne contre la colonne."""
    z = np.asarray(matrice.values, dtype=float)
    trace = dict(
        type="heatmap", z=z.tolist(), x=[str(c) for c in matrice.columns], y=[str(i) for i in matrice.index],
        colorscale="RdYlGn", colorbar=dict(title=dict(text="points par tour")),
        customdata=[[compte(v, "point", decimales=2) if np.isfinite(v) else "—" for v in ligne] for ligne in z],
        hovertemplate="%{y} contre %{x} : %{customdata} par tour<extra></extra>",
    )
    if len(matrice) <= 12:
        trace.update(text=[[nombre(v, 2) for v in ligne] for ligne in z], texttemplate="%{text}")
    return _figure([trace], titre or "Matrice des matchs (score de la ligne contre la colonne)",
                   max(320, 120 + 30 * len(matrice)), yaxis=dict(autorange="reversed"),
                   xaxis=dict(tickangle=-40))


@_publique
def figure_evolution(effectifs: pd.DataFrame, titre: str | None = None):
    """Aires empilées : part de chaque stratégie dans la population, génération après génération."""
    total = effectifs.sum(axis=1).replace(0, 1)
    parts = effectifs.div(total, axis=0) * 100
    x = effectifs.index.tolist()
    traces = [
        dict(
            type="scatter", x=x, y=parts[nom].tolist(), name=str(nom), mode="lines", stackgroup="population",
            line=dict(width=0.5, color=couleur(nom)), customdata=[compte(v, "joueur") for v in effectifs[nom]],
            hovertemplate=f"{nom}, génération %{{x}} : %{{customdata}} (%{{y:.0f}}{ESPACE_FINE}%)<extra></extra>",
        )
        for nom in effectifs.columns
    ]
    generations = dict(premier=int(min(x)), dernier=int(max(x))) if x else dict(premier=0, dernier=1)
    generations["marge"] = 0
    return _figure(traces, titre or "Évolution de la population", 400,
                   yaxis=dict(title=dict(text="part de la population (%)"), range=[0, 100]),
                   xaxis=dict(title=dict(text="génération"), **_axe_entier(**generations)))


@_publique
def figure_article(classement: pd.DataFrame, titre: str | None = None):
    """Premier tournoi d'Axelrod : score rejoué (ordonnée) contre score de l'article (abscisse).

    Un point sur la diagonale : même score qu'en 1980 ; au-dessus : la règle reconstruite
    marque plus que l'originale. Les stratégies invitées (sans score dans l'article) n'y sont pas.
    """
    c = classement.dropna(subset=["score_article"])
    x = [float(v) for v in c["score_article"]]
    y = [float(v) for v in c["score"]]
    noms = [str(n) for n in c["strategie"]]
    bas, haut = min(x + y) - 15, max(x + y) + 15
    diagonale = dict(type="scatter", x=[bas, haut], y=[bas, haut], mode="lines", name="même score qu'en 1980",
                     line=dict(color=GRIS, dash="dash"), hoverinfo="skip")
    points = dict(
        type="scatter", x=x, y=y, mode="markers+text", name="participants", text=noms,
        textposition="middle right", textfont=dict(size=11),
        marker=dict(size=11, color=[couleur(n) for n in noms], line=dict(color="white", width=1)),
        customdata=[[rang_en_toutes_lettres(int(r)), rang_en_toutes_lettres(int(ra)), compte(a, "point", decimales=1),
                     compte(b, "point", decimales=1)]
                    for r, ra, a, b in zip(c["rang"], c["rang_article"], x, y)],
        hovertemplate=("%{text}<br>article : %{customdata[2]} (%{customdata[1]})<br>"
                       "rejoué : %{customdata[3]} (%{customdata[0]})<extra></extra>"),
    )
    return _figure([diagonale, points], titre or "Le tournoi rejoué face à l'article (points par match de 200 tours)",
                   520, xaxis=dict(title=dict(text="score dans l'article (Axelrod, 1980)"), range=[bas, haut + 60]),
                   yaxis=dict(title=dict(text="score rejoué"), range=[bas, haut]),
                   legend=dict(orientation="h", y=-0.18))


@_publique
def figure_1980(classement: pd.DataFrame, invite: str | None = None, titre: str | None = None):
    """Classement du tournoi de 1980 rejoué (barres) et score de l'article (losanges) ; l'invité encadré."""
    noms = [str(n) for n in classement["strategie"]]
    scores = [float(v) for v in classement["score"]]
    article = [None if pd.isna(v) else float(v) for v in classement["score_article"]]
    barres = dict(
        type="bar", x=scores, y=noms, orientation="h", name="rejoué",
        marker=dict(color=[couleur(n) for n in noms],
                    line=dict(color=palette.JAUNE_SURLIGNAGE, width=[4 if n == invite else 0 for n in noms])),
        text=[nombre(v, 1) for v in scores], textposition="inside",
        hovertemplate="%{y} : %{text} points par match<extra></extra>",
    )
    losanges = dict(
        type="scatter", x=article, y=noms, mode="markers", name="article (1980)",
        marker=dict(symbol="diamond", size=11, color=palette.ENCRE_NOIRE),
        text=[nombre(v, 1) if v is not None else "" for v in article],
        hovertemplate="%{y} dans l'article : %{text} points<extra></extra>",
    )
    return _figure([barres, losanges], titre or "Premier tournoi d'Axelrod : rejoué (barres) et article (losanges)",
                   max(360, 70 + 26 * len(noms)), yaxis=dict(autorange="reversed"),
                   xaxis=dict(title=dict(text="points par match de 200 tours"), range=[0, 650]),
                   legend=dict(orientation="h", y=-0.12))
