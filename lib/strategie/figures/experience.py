"""Figures de l'expérience client : carte de parcours, écarts, ciblage, uniformité entre partenaires."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from strategie.canevas_strategique import nombre_fr
from strategie.erreurs import SaisieInvalide
from strategie.experience import QUADRANTS, ParcoursClient, classer_cibles, uniformite
from strategie import palette
from strategie.figures._commun import figure_vide

__all__ = [
    "COULEURS_STATUTS",
    "COULEURS_QUADRANTS",
    "figure_parcours",
    "figure_ecarts",
    "figure_ciblage",
    "figure_uniformite",
]

COULEURS_STATUTS = {"déception": palette.ROUGE, "conforme": palette.GRIS_NEUTRE, "bonne surprise": palette.VERT}
COULEUR_ATTENDU = palette.GRIS
COULEUR_PERCU = palette.BLEU
SYMBOLES_STATUTS = {"déception": "triangle-down", "conforme": "circle", "bonne surprise": "triangle-up"}
MARQUES_STATUTS = {"déception": "▼", "conforme": "", "bonne surprise": "▲"}
SYMBOLES_QUADRANTS = {"prioritaire": "star", "chantier": "square", "opportunite": "diamond", "ecarter": "x"}
COULEURS_QUADRANTS = {
    "prioritaire": palette.VERT,
    "chantier": palette.BLEU,
    "opportunite": palette.ORANGE,
    "ecarter": palette.GRIS_NEUTRE,
}
_LEGENDE = dict(orientation="h", yref="container", y=0.0, yanchor="bottom", xanchor="left", x=0)


def _exiger_parcours(parcours) -> None:
    if not isinstance(parcours, ParcoursClient):
        raise SaisieInvalide(
            f"Cette figure attend un ParcoursClient, pas {type(parcours).__name__} : construisez-le avec "
            "ParcoursClient(points)."
        )


def figure_parcours(parcours: ParcoursClient, n_pires: int = 3, titre: str | None = None, hauteur: int = 520) -> go.Figure:
    """La carte du parcours : attente (pointillés) et perception (trait plein) point par point.

    Chaque écart est un trait vertical rouge (déception, point ▼) ou vert (bonne
    surprise, point ▲) ; les ``n_pires`` plus grandes déceptions portent leur rang ;
    des bandes séparent les étapes.
    """
    _exiger_parcours(parcours)
    titre = titre or parcours.nom or "Parcours client : promesse et réalité"
    table = parcours.tableau()
    if table.empty:
        return figure_vide(titre, "Ajoutez des points de contact pour dessiner le parcours.")
    x = list(range(len(table)))
    fig = go.Figure()
    # Formes et annotations sont réunies d'abord et posées en une fois : les ajouter une à une est lent dans plotly.
    formes, notes = [], []
    for i, etape in enumerate(e for e in parcours.etapes if (table["etape"] == e).any()):
        positions = table.index[table["etape"] == etape]
        debut, fin = positions.min() - 0.5, positions.max() + 0.5
        formes.append(
            dict(type="rect", xref="x", yref="paper", x0=debut, x1=fin, y0=0, y1=1, line_width=0, layer="below",
                 fillcolor=palette.FOND_GRIS if i % 2 == 0 else palette.BLANC)
        )
        notes.append(
            dict(x=(debut + fin) / 2, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                 text=f"<b>{etape}</b>", font=dict(size=12, color=palette.GRIS_FONCE))
        )
    for _, ligne in table[table["statut"] != "conforme"].iterrows():
        formes.append(
            dict(type="line", x0=ligne.name, x1=ligne.name, y0=ligne["attendu"], y1=ligne["percu"], layer="below",
                 line=dict(color=COULEURS_STATUTS[ligne["statut"]], width=6), opacity=0.45)
        )
    details = [
        [e, c or "—", p or "—", nombre_fr(ec), s]
        for e, c, p, ec, s in zip(table["etape"], table["canal"], table["partenaire"], table["ecart"], table["statut"])
    ]
    fig.add_trace(
        go.Scatter(
            x=x, y=list(table["attendu"]), name="Attendu (ce que la promesse fait espérer)", mode="lines+markers",
            line=dict(color=COULEUR_ATTENDU, width=2, dash="dash"), marker=dict(size=8, symbol="diamond-open"),
            customdata=details, text=list(table["point_de_contact"]),
            hovertemplate="<b>%{text}</b><br>Attendu : %{y}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x, y=list(table["percu"]), name="Perçu (la réalité vécue)", mode="lines+markers",
            line=dict(color=COULEUR_PERCU, width=3),
            marker=dict(size=12, color=[COULEURS_STATUTS[s] for s in table["statut"]], line=dict(color="white", width=1),
                        symbol=[SYMBOLES_STATUTS[s] for s in table["statut"]]),  # ▼ déception, ▲ bonne surprise
            customdata=details, text=list(table["point_de_contact"]),
            hovertemplate=(
                "<b>%{text}</b> (%{customdata[0]})<br>Perçu : %{y} · écart : %{customdata[3]} (%{customdata[4]})"
                "<br>Canal : %{customdata[1]} · partenaire : %{customdata[2]}<extra></extra>"
            ),
        )
    )
    for rang, (position, ligne) in enumerate(parcours.pires_points(n_pires).iterrows(), start=1):
        notes.append(
            dict(x=position, y=ligne["percu"], text=f"⚠ n° {rang} ({nombre_fr(ligne['ecart'])})", showarrow=True,
                 arrowhead=0, ay=30, font=dict(color=COULEURS_STATUTS["déception"], size=11),
                 bgcolor="rgba(255,255,255,0.8)")
        )
    bas, haut = parcours.echelle
    marge = (haut - bas) * 0.08
    fig.update_layout(
        title=titre, template="plotly_white", separators=", ", height=hauteur, legend=_LEGENDE, margin=dict(t=90, b=40),
        hovermode="closest", shapes=formes, annotations=notes,
    )
    fig.update_xaxes(
        tickvals=x, ticktext=list(table["point_de_contact"]), tickangle=-30, range=[-0.6, len(x) - 0.4],
        showgrid=False, automargin=True,
    )
    fig.update_yaxes(title_text="Score (attendu / perçu)", range=[bas - marge, haut + marge], gridcolor=palette.GRILLE_CLAIRE)
    return fig


def figure_ecarts(parcours: ParcoursClient, titre: str = "Écarts entre promesse et réalité", hauteur: int | None = None) -> go.Figure:
    """Les écarts perçu − attendu, du plus négatif au plus positif, en barres horizontales."""
    _exiger_parcours(parcours)
    table = parcours.tableau()
    if table.empty:
        return figure_vide(titre, "Ajoutez des points de contact pour voir les écarts.")
    table = table.sort_values("ecart", kind="stable", ascending=False)
    fig = go.Figure(
        go.Bar(
            x=list(table["ecart"]), y=list(table["point_de_contact"]), orientation="h",
            marker_color=[COULEURS_STATUTS[s] for s in table["statut"]],
            text=[f"{nombre_fr(e)} {MARQUES_STATUTS[s]}".strip() for e, s in zip(table["ecart"], table["statut"])],
            textposition="outside",
            customdata=list(table["etape"]),
            hovertemplate="<b>%{y}</b> (%{customdata})<br>écart : %{x}<extra></extra>",
            showlegend=False,
        )
    )
    etendue = max(1.0, float(table["ecart"].abs().max()))
    fig.add_vline(x=0, line_color=palette.GRIS_FONCE, line_width=1)
    fig.update_layout(
        title=titre, template="plotly_white", separators=", ", height=hauteur or max(300, 60 + 34 * len(table)),
        margin=dict(l=10, t=60), xaxis_title="Écart perçu − attendu (négatif = déception)",
    )
    fig.update_xaxes(range=[-etendue * 1.3, etendue * 1.3], zeroline=False)
    fig.update_yaxes(automargin=True)
    return fig


def figure_ciblage(
    cibles, seuil_potentiel: float | None = None, seuil_effort: float | None = None,
    titre: str = "Ciblage : potentiel et effort", unite_potentiel: str = "", unite_effort: str = "",
    hauteur: int = 520,
) -> go.Figure:
    """Chaque cible placée selon l'effort (abscisse) et le potentiel (ordonnée), avec son rang.

    Les lignes pointillées marquent les seuils (médianes par défaut) ; la
    couleur et la forme (légende) disent le quadrant. En haut à gauche : les cibles à toucher en premier.
    """
    table = classer_cibles(cibles, seuil_potentiel, seuil_effort)
    sp, se = table.attrs["seuil_potentiel"], table.attrs["seuil_effort"]
    fig = go.Figure()
    for quadrant, libelle in QUADRANTS.items():
        partie = table[table["quadrant"] == quadrant]
        fig.add_trace(
            go.Scatter(
                x=list(partie["effort"]), y=list(partie["potentiel"]), mode="markers+text", name=libelle,
                text=[f"{rang}. {nom}" for rang, nom in zip(partie.index, partie["cible"])],
                textposition="top center",
                # La taille de la bulle croît avec le rapport potentiel/effort.
                marker=dict(size=list(14 + 16 * partie["rapport"] / max(table["rapport"].max(), 1e-12)),
                            color=COULEURS_QUADRANTS[quadrant], symbol=SYMBOLES_QUADRANTS[quadrant],
                            line=dict(color="white", width=1)),
                customdata=[[nombre_fr(round(r, 2))] for r in partie["rapport"]],
                hovertemplate="<b>%{text}</b><br>potentiel : %{y} · effort : %{x}<br>rapport : %{customdata[0]}<extra></extra>",
                showlegend=not partie.empty,
            )
        )
    fig.add_hline(y=sp, line_dash="dot", line_color=palette.GRIS_NEUTRE)
    fig.add_vline(x=se, line_dash="dot", line_color=palette.GRIS_NEUTRE)
    xmax = float(table["effort"].max()) * 1.3  # de la place pour les libellés des cibles les plus à droite
    ymax = float(table["potentiel"].max()) * 1.15 or 1.0
    fig.update_layout(
        title=titre, template="plotly_white", separators=", ", height=hauteur, legend=_LEGENDE, margin=dict(t=60, b=40),
    )
    fig.update_xaxes(title_text="Effort pour toucher la cible" + (f" ({unite_effort})" if unite_effort else ""), range=[0, xmax], automargin=True)
    fig.update_yaxes(title_text="Potentiel" + (f" ({unite_potentiel})" if unite_potentiel else ""), range=[0, ymax])
    return fig


def figure_uniformite(
    perceptions, seuil: float = 2.0, echelle=(0, 10), titre: str = "Une expérience uniforme d'un partenaire à l'autre ?"
) -> go.Figure:
    """Carte de chaleur segment × partenaire du score perçu ; les segments non uniformes sont signalés."""
    synthese = uniformite(perceptions, seuil, echelle)
    table = pd.DataFrame.from_dict(perceptions, orient="index") if isinstance(perceptions, dict) else perceptions
    segments = [
        f"{s} ⚠" if not synthese.loc[s, "uniforme"] else str(s) for s in synthese.index
    ]
    valeurs = table.astype(float).to_numpy()
    texte = [["—" if pd.isna(v) else nombre_fr(v) for v in ligne] for ligne in valeurs]
    fig = go.Figure(
        go.Heatmap(
            z=valeurs, x=[str(c) for c in table.columns], y=segments, zmin=float(echelle[0]), zmax=float(echelle[1]),
            colorscale="RdYlGn", text=texte, texttemplate="%{text}", colorbar=dict(title="perçu"),
            hovertemplate="%{y} · %{x} : %{text}<extra></extra>",
        )
    )
    fig.update_layout(
        title=dict(text=titre, subtitle=dict(text=f"⚠ = écart de plus de {nombre_fr(seuil)} points entre partenaires")),
        template="plotly_white", separators=", ", height=max(300, 120 + 60 * len(segments)), margin=dict(t=90),
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig
