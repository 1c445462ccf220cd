"""Figures du canevas stratégique : courbes de valeur et passage ERRC d'une courbe à l'autre."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from strategie.canevas_strategique import (
    ACTIONS,
    ECHELLE,
    LIBELLES_ACTIONS,
    CanevasStrategique,
    GrilleERRC,
    nombre_fr,
)
from strategie import palette
from strategie.figures._commun import figure_vide

__all__ = [
    "COULEUR_FOCALE",
    "PALETTE_CONCURRENTS",
    "COULEURS_ACTIONS",
    "couleurs_offres",
    "figure_courbes_de_valeur",
    "figure_errc",
]

# L'offre étudiée est toujours du même rouge vif ; les concurrents prennent des couleurs sourdes dans l'ordre
# du canevas : une offre garde ainsi sa couleur d'une figure à l'autre.
COULEUR_FOCALE = palette.ROUGE_FOCALE
PALETTE_CONCURRENTS = palette.SERIES_CONCURRENTS
COULEURS_ACTIONS = {
    "eliminer": palette.ROUGE,
    "reduire": palette.ORANGE,
    "renforcer": palette.BLEU,
    "creer": palette.VERT,
    "inchange": palette.GRIS_NEUTRE,
}


# Légende sous le graphique, ancrée au conteneur : les longs noms de facteurs ne la cachent jamais.
_LEGENDE = dict(orientation="h", yref="container", y=0.0, yanchor="bottom", xanchor="left", x=0)


def couleurs_offres(canevas: CanevasStrategique) -> dict[str, str]:
    """La couleur de chaque offre : rouge pour la focale, une couleur sobre par concurrent."""
    focale = canevas.focale
    couleurs, i = {}, 0
    for offre in canevas.offres:
        if offre == focale:
            couleurs[offre] = COULEUR_FOCALE
        else:
            couleurs[offre] = PALETTE_CONCURRENTS[i % len(PALETTE_CONCURRENTS)]
            i += 1
    return couleurs


def _axe_niveaux(fig: go.Figure, echelle, titre: str = "Niveau proposé") -> None:
    bas, haut = echelle
    marge = (haut - bas) * 0.05
    fig.update_yaxes(title_text=titre, range=[bas - marge, haut + marge], zeroline=False, gridcolor=palette.GRILLE_CLAIRE)


def figure_courbes_de_valeur(
    canevas: CanevasStrategique, titre: str | None = None, hauteur: int = 520
) -> go.Figure:
    """Les courbes de valeur de toutes les offres du canevas ; la focale ressort (trait épais, rouge).

    Le slogan, s'il existe, s'affiche sous le titre, avec le rappel que les
    niveaux d'un exemple publié sont une lecture approximative.
    """
    if not isinstance(canevas, CanevasStrategique):
        from strategie.erreurs import SaisieInvalide

        raise SaisieInvalide(
            f"figure_courbes_de_valeur attend un CanevasStrategique, pas {type(canevas).__name__} : "
            "construisez d'abord le canevas avec CanevasStrategique(facteurs, offres)."
        )
    titre = titre or canevas.titre or "Canevas stratégique"
    if not canevas.facteurs or not canevas.offres:
        return figure_vide(titre, "Ajoutez au moins un facteur et une offre pour tracer les courbes de valeur.")
    couleurs = couleurs_offres(canevas)
    focale = canevas.focale
    fig = go.Figure()
    # L'offre étudiée est dessinée en dernier pour passer au-dessus des autres.
    for offre in [o for o in canevas.offres if o != focale] + [focale]:
        est_focale = offre == focale
        courbe = canevas.courbe(offre)
        fig.add_trace(
            go.Scatter(
                x=list(courbe.index),
                y=list(courbe.values),
                name=offre,
                mode="lines+markers",
                line=dict(color=couleurs[offre], width=4 if est_focale else 2, dash="solid" if est_focale else "dot"),
                marker=dict(size=11 if est_focale else 7, color=couleurs[offre]),
                opacity=1.0 if est_focale else 0.75,
                hovertemplate=f"<b>{offre}</b><br>%{{x}} : %{{y}}<extra></extra>",
            )
        )
    morceaux = [f"« {canevas.slogan} »"] if canevas.slogan else []
    if canevas.note:
        morceaux.append("niveaux : lecture approximative d'un canevas publié qualitatif")
    sous_titre = " · ".join(morceaux)
    fig.update_layout(
        title=dict(text=titre, subtitle=dict(text=sous_titre)),
        template="plotly_white", separators=", ",
        height=hauteur,
        legend=_LEGENDE,
        margin=dict(t=85 if sous_titre else 60, b=40),
        hovermode="closest",
    )
    fig.update_xaxes(
        title_text="Facteurs de concurrence (critères de choix des clients)",
        categoryorder="array",
        categoryarray=canevas.facteurs,
        tickangle=-30,
        automargin=True,
    )
    _axe_niveaux(fig, canevas.echelle)
    return fig


def figure_errc(
    grille: GrilleERRC,
    echelle=ECHELLE,
    noms: tuple[str, str] = ("Courbe actuelle", "Courbe cible"),
    titre: str = "Du canevas actuel au canevas cible : la grille ERRC",
    hauteur: int = 520,
) -> go.Figure:
    """La courbe actuelle (pointillés gris) et la courbe cible, chaque facteur coloré par son action."""
    if not isinstance(grille, GrilleERRC):
        from strategie.erreurs import SaisieInvalide

        raise SaisieInvalide(
            "figure_errc attend une grille ERRC : calculez-la d'abord avec grille_errc(actuelle, cible) "
            "ou canevas.grille_errc(...)."
        )
    d = grille.details
    facteurs = list(d.index)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=facteurs, y=list(d["actuel"]), name=noms[0], mode="lines+markers",
            line=dict(color=palette.GRIS_MOYENNE, width=2, dash="dot"), marker=dict(size=7, color=palette.GRIS_MOYENNE),
            hovertemplate=f"<b>{noms[0]}</b><br>%{{x}} : %{{y}}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=facteurs, y=list(d["cible"]), name=noms[1], mode="lines",
            line=dict(color=COULEUR_FOCALE, width=3), hoverinfo="skip",
        )
    )
    for action in (*ACTIONS, "inchange"):
        partie = d[d["action"] == action]
        fig.add_trace(
            go.Scatter(
                x=list(partie.index), y=list(partie["cible"]), name=LIBELLES_ACTIONS[action], mode="markers",
                marker=dict(size=13, color=COULEURS_ACTIONS[action], line=dict(color="white", width=1)),
                customdata=[[nombre_fr(a), nombre_fr(c)] for a, c in zip(partie["actuel"], partie["cible"])],
                hovertemplate=f"<b>%{{x}}</b><br>{LIBELLES_ACTIONS[action]} : %{{customdata[0]}} → %{{customdata[1]}}<extra></extra>",
                showlegend=not partie.empty,
            )
        )
    fleches = [
        dict(x=facteur, y=ligne["cible"], ax=facteur, ay=ligne["actuel"], xref="x", yref="y", axref="x", ayref="y",
             showarrow=True, arrowhead=2, arrowsize=1, arrowwidth=1.5, arrowcolor=COULEURS_ACTIONS[ligne["action"]],
             text="")
        for facteur, ligne in d[d["action"] != "inchange"].iterrows()
    ]
    fig.update_layout(
        title=titre, template="plotly_white", separators=", ", height=hauteur, annotations=fleches,
        legend=_LEGENDE, margin=dict(t=60, b=40),
    )
    fig.update_xaxes(categoryorder="array", categoryarray=facteurs, tickangle=-30, automargin=True)
    _axe_niveaux(fig, echelle)
    return fig


def tableau_errc_html(grille: GrilleERRC, niveaux: bool = False) -> str:
    """La grille ERRC en tableau HTML 2 × 2 (éliminer | renforcer / réduire | créer), styles compris.

    Avec ``niveaux``, chaque facteur montre son niveau de départ et sa cible (« Prix (6 → 4) »).
    Chaque case a les classes ``strategie-errc-ACTION`` et ``errc-ACTION`` (la feuille de style d'un
    rapport peut l'habiller).
    """

    def case(action: str) -> str:
        facteurs = getattr(grille, action)
        if niveaux:
            details = grille.details
            lignes = [f"{html.escape(f)} ({nombre_fr(details.loc[f, 'actuel'])} → {nombre_fr(details.loc[f, 'cible'])})"
                      for f in facteurs]
        else:
            lignes = [html.escape(f) for f in facteurs]
        contenu = "<br>".join(lignes) or "<i>—</i>"
        couleur = COULEURS_ACTIONS[action]
        return (
            f'<td class="strategie-errc-{action} errc-{action}" style="vertical-align:top;padding:6px 10px;'
            f'border:2px solid {couleur};width:50%"><b style="color:{couleur}">{LIBELLES_ACTIONS[action]}</b>'
            f"<br>{contenu}</td>"
        )

    return (
        '<table class="strategie-errc errc" style="border-collapse:collapse;min-width:280px">'
        f"<tr>{case('eliminer')}{case('renforcer')}</tr>"
        f"<tr>{case('reduire')}{case('creer')}</tr></table>"
    )
