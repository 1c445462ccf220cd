"""Figure des ressources clés : les quatre familles en quatre cases, ce qui est détenu et ce qui manque."""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go

from strategie.ressources import InventaireRessources, categories
from strategie import palette

_FONDS = (palette.FOND_BLEU, palette.FOND_JAUNE, palette.FOND_VERT, palette.FOND_ROUGE)


def _ligne(texte: str, critique: bool, detenue: bool) -> str:
    morceaux = "<br>   ".join(html.escape(m) for m in textwrap.wrap(texte, 38)) or ""
    puce = "●" if detenue else "○"
    suffixe = " <i>(à obtenir)</i>" if not detenue else ""
    if critique:
        return f"{puce} <b>{morceaux}</b>{suffixe}"
    return f"<span style='color:{palette.GRIS_MOYEN}'>{puce} {morceaux} (non indispensable)</span>"


def figure_ressources(inventaire: InventaireRessources, largeur: int = 820, hauteur: int = 480) -> go.Figure:
    """Les quatre familles de la vue de l'inventaire ; ● détenue, ○ à obtenir, en gras les indispensables."""
    fig = go.Figure()
    familles = categories(inventaire.vue)
    comptes = inventaire.repartition()
    for i, (cle, famille) in enumerate(familles.items()):
        x0, y1 = (i % 2), 1 - (i // 2)
        vide = comptes[cle] == 0
        fig.add_shape(type="rect", x0=x0 + 0.01, x1=x0 + 0.99, y0=y1 - 0.99, y1=y1 - 0.01, layer="below",
                      fillcolor=_FONDS[i], line=dict(color=palette.ROUGE_VIF if vide else palette.GRIS_CLAIR, width=2 if vide else 1,
                                                     dash="dash" if vide else "solid"))
        entete = f"<b>{html.escape(famille.titre)}</b> ({comptes[cle]} indispensable{'s' if comptes[cle] > 1 else ''})"
        fig.add_annotation(x=x0 + 0.04, y=y1 - 0.05, xanchor="left", yanchor="top", showarrow=False,
                           text=entete, font=dict(size=14))
        lignes = [_ligne(r.texte, r.critique, r.detenue) for r in inventaire.ressources if r.categorie == cle]
        if not lignes:
            question = "<br>".join(html.escape(m) for m in textwrap.wrap(f"Vide : {famille.si_absente}", 55))
            lignes = [f"<i style='color:{palette.ROUGE_VIF}'>{question}</i>"]
        fig.add_annotation(x=x0 + 0.04, y=y1 - 0.16, xanchor="left", yanchor="top", showarrow=False, align="left",
                           text="<br>".join(lignes), font=dict(size=12))
    fig.update_xaxes(visible=False, range=[0, 2], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-1, 1], fixedrange=True)
    sous_titre = "vous et les moyens dont vous disposez" if inventaire.vue == "personnel" else "les quatre familles"
    titre = (f"Ressources clés — {html.escape(inventaire.nom)} ({sous_titre})"
             "<br><sup>● détenue   ○ à obtenir   en gras : indispensable à la proposition de valeur</sup>")
    fig.update_layout(title=dict(text=titre, x=0.01),
                      width=largeur, height=hauteur, margin=dict(l=10, r=10, t=70, b=10),
                      plot_bgcolor="white", paper_bgcolor="white", showlegend=False)
    return fig
