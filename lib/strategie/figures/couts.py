"""Figures de la structure de coûts : seuil de rentabilité, coût moyen, argent et coûts immatériels."""

from __future__ import annotations

import html
import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from strategie import _blocs
from strategie.francais import euros
from strategie.couts import STRESS_MAX, StructureCouts
from strategie.erreurs import SaisieInvalide
from strategie import palette

_STYLE = dict(plot_bgcolor="white", paper_bgcolor="white", separators=", ")


def _echelle(structure: StructureCouts, prix: float | None, quantite_max: float | None) -> float:
    if quantite_max is not None:
        return _blocs.nombre(quantite_max, "La quantité maximale (quantite_max)", 0, strict=True)
    try:
        seuil = structure.seuil_de_rentabilite(prix) if prix is not None else 0.0
    except SaisieInvalide:
        seuil = 0.0
    # Un axe rond qui montre le seuil de rentabilité vers son milieu.
    brut = max(2 * seuil, 10.0)
    puissance = 10 ** math.floor(math.log10(brut))
    return math.ceil(brut / puissance) * puissance


def figure_seuil(structure: StructureCouts, prix: float, quantite_max: float | None = None,
                 quantite: float | None = None, hauteur: int = 460) -> go.Figure:
    """Le graphique du seuil de rentabilité : chiffre d'affaires, coût total, coûts fixes, zones de perte et de gain.

    ``quantite`` (facultatif) marque le volume prévu et le résultat à ce volume.
    """
    p = _blocs.nombre(prix, "Le prix (prix)")
    q_max = _echelle(structure, p, quantite_max)
    q = np.linspace(0, q_max, 201)
    cf, cv = structure.couts_fixes, structure.cout_variable_unitaire
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=q, y=np.full_like(q, cf), name="Coûts fixes", mode="lines",
                             line=dict(color=palette.GRIS_CLAIR, dash="dash")))
    fig.add_trace(go.Scatter(x=q, y=structure.cout_total(q), name="Coût total (fixes + variables)", mode="lines",
                             line=dict(color=palette.ROUGE_VIF, width=3)))
    fig.add_trace(go.Scatter(x=q, y=p * q, name=f"Chiffre d'affaires (prix {_blocs.euros(p)})", mode="lines",
                             line=dict(color=palette.VERT_VIF, width=3)))
    unite = html.escape(structure.unite)
    try:
        seuil = structure.seuil_de_rentabilite(p)
    except SaisieInvalide:
        seuil = None
        fig.add_annotation(x=0.5, y=0.95, xref="paper", yref="paper", showarrow=False, font=dict(color=palette.ROUGE_VIF),
                           text="Pas de seuil : au prix choisi, chaque vente ne couvre même pas son coût variable.")
    if seuil is not None and seuil <= q_max:
        fig.add_vrect(x0=0, x1=seuil, fillcolor=palette.FOND_ROUGE, opacity=0.5, line_width=0, layer="below")
        fig.add_vrect(x0=seuil, x1=q_max, fillcolor=palette.FOND_VERT, opacity=0.5, line_width=0, layer="below")
        fig.add_trace(go.Scatter(x=[seuil], y=[p * seuil], mode="markers", name="Seuil de rentabilité",
                                 marker=dict(size=13, color=palette.ENCRE, symbol="x")))
        fig.add_annotation(x=seuil, y=p * seuil, ax=40, ay=-50,
                           text=f"Seuil : {_blocs.nombre_fr(seuil)} {unite}s / mois<br>"
                                f"soit {euros(p * seuil)} de chiffre d'affaires")
        fig.add_annotation(x=seuil / 2, y=0.97, yref="paper", showarrow=False, text="zone de perte",
                           font=dict(color=palette.ROUGE))
        fig.add_annotation(x=(seuil + q_max) / 2, y=0.97, yref="paper", showarrow=False, text="zone de gain",
                           font=dict(color=palette.VERT))
    elif seuil is not None:
        fig.add_annotation(x=0.5, y=0.95, xref="paper", yref="paper", showarrow=False,
                           text=f"Seuil au-delà de l'axe : {_blocs.nombre_fr(seuil)} {unite}s / mois")
    if quantite is not None:
        vq = _blocs.nombre(quantite, "La quantité prévue (quantite)")
        resultat = float(structure.resultat(p, vq))
        fig.add_vline(x=vq, line=dict(color=palette.BLEU, dash="dot"))
        fig.add_annotation(x=vq, y=0.05, yref="paper", xanchor="left", showarrow=False, font=dict(color=palette.BLEU),
                           text=f" volume prévu : {_blocs.nombre_fr(vq)} → résultat {'+' if resultat >= 0 else '−'}"
                                f"{euros(abs(resultat))}")
    fig.update_xaxes(title_text=f"Quantité vendue ({unite}s par mois)", range=[0, q_max], gridcolor=palette.FOND_ARDOISE)
    fig.update_yaxes(title_text="Euros par mois", rangemode="tozero", gridcolor=palette.FOND_ARDOISE, tickformat=",.0f")
    fig.update_xaxes(tickformat=",.0f")
    fig.update_layout(title=dict(text=f"Seuil de rentabilité — {html.escape(structure.nom)}", x=0.01), height=hauteur,
                      margin=dict(l=60, r=20, t=60, b=50), legend=dict(orientation="h", y=-0.2, x=0), **_STYLE)
    return fig


def figure_cout_moyen(structure: StructureCouts, quantite_max: float | None = None, prix: float | None = None,
                      hauteur: int = 380) -> go.Figure:
    """Coût complet d'une unité selon le volume : il baisse parce que les coûts fixes se répartissent
    sur plus d'unités (économies d'échelle) et tend vers le coût variable."""
    q_max = _echelle(structure, prix, quantite_max)
    q = np.linspace(q_max / 50, q_max, 200)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=q, y=structure.cout_moyen(q), mode="lines", name="Coût complet par unité",
                             line=dict(color=palette.VIOLET, width=3)))
    fig.add_trace(go.Scatter(x=q, y=np.full_like(q, structure.cout_variable_unitaire), mode="lines",
                             name="Coût variable par unité", line=dict(color=palette.GRIS_CLAIR, dash="dash")))
    if prix is not None:
        fig.add_trace(go.Scatter(x=q, y=np.full_like(q, _blocs.nombre(prix, "Le prix (prix)")), mode="lines",
                                 name="Prix", line=dict(color=palette.VERT_VIF)))
    plafond = float(structure.cout_moyen(q_max / 10)) * 1.1 if structure.couts_fixes else None
    unite = html.escape(structure.unite)
    fig.update_xaxes(title_text=f"Quantité ({unite}s par mois)", gridcolor=palette.FOND_ARDOISE)
    fig.update_yaxes(title_text=f"Euros par {unite}", range=[0, plafond] if plafond else None, gridcolor=palette.FOND_ARDOISE)
    fig.update_layout(title=dict(text="Économies d'échelle : le coût par unité baisse avec le volume", x=0.01),
                      height=hauteur, margin=dict(l=60, r=20, t=60, b=50),
                      legend=dict(orientation="h", y=-0.25, x=0), **_STYLE)
    return fig


def figure_argent_et_immateriel(structure: StructureCouts, quantite: float = 0.0, hauteur: int = 400) -> go.Figure:
    """À gauche ce que le modèle coûte en euros (au volume donné), à droite ce qu'il coûte en heures et en stress."""
    q = _blocs.nombre(quantite, "La quantité (quantite)")
    fig = make_subplots(rows=1, cols=2, column_widths=[0.55, 0.45], horizontal_spacing=0.18,
                        subplot_titles=("Argent (€ par mois)", "Temps non payé (h par mois)"))
    monetaires = [c for c in structure.couts if c.nature != "immateriel"]
    if monetaires:
        fig.add_trace(go.Bar(
            y=[c.libelle for c in monetaires], x=[c.montant * (q if c.nature == "variable" else 1) for c in monetaires],
            orientation="h", marker_color=[palette.GRIS if c.nature == "fixe" else palette.ORANGE for c in monetaires],
            customdata=[c.nature for c in monetaires], hovertemplate="%{y} (%{customdata}) : %{x:,.0f} €<extra></extra>",
            showlegend=False), row=1, col=1)
    immateriels = structure.immateriels()
    if len(immateriels):
        fig.add_trace(go.Bar(
            y=immateriels["libelle"], x=immateriels["heures"].where(immateriels["heures"] > 0, 0.5), orientation="h",
            marker=dict(color=immateriels["stress"], cmin=0, cmax=STRESS_MAX, colorscale="OrRd",
                        colorbar=dict(title="stress", x=1.02, len=0.8)),
            text=[f"stress {s}/10" for s in immateriels["stress"]], textposition="auto",
            hovertemplate="%{y} : %{x:g} h par mois<extra></extra>", showlegend=False), row=1, col=2)
    else:
        fig.add_annotation(x=0.82, y=0.5, xref="paper", yref="paper", showarrow=False, font=dict(color=palette.GRIS),
                           text="Aucun coût immatériel noté :<br>temps non payé ? stress ?")
    fig.update_yaxes(automargin=True)
    titre = (f"Ce que coûte le modèle — {html.escape(structure.nom)}<br><sup>pour {_blocs.nombre_fr(q)} "
             f"{html.escape(structure.unite)}s par mois ; un coût immatériel sans heures est dessiné à 0,5 h</sup>")
    fig.update_layout(title=dict(text=titre, x=0.01),
                      height=hauteur, margin=dict(l=10, r=40, t=80, b=40), **_STYLE)
    return fig
