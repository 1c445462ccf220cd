"""Figure plotly d'un Business Model Canvas, dans sa disposition classique."""

from __future__ import annotations

import html
import textwrap
from pathlib import Path

import plotly.graph_objects as go

from strategie._fichiers import MARQUE_HTML, ecrire_texte_atomique
from strategie.canevas import BLOCS, Canevas
from strategie import palette
from strategie.francais import compte

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


NOTE_ILLISIBLE = "(note illisible)"


def texte_lisible(note) -> str:
    """Le texte d'une note, ou « (note illisible) » pour une note abîmée à la main (texte absent)."""
    return note.texte if isinstance(note.texte, str) else NOTE_ILLISIBLE


def _marque_des_liens(numeros_lies: list[int]) -> str:
    """« ↔ 3, 7 » : les numéros des notes liées, en un seul mot (espaces insécables : jamais coupé)."""
    return "↔\u00a0" + ",\u00a0".join(str(n) for n in numeros_lies)


def _ligne_de_note(numero: int, texte: str, numeros_lies: list[int], largeur_texte: int) -> str:
    """Une note de la figure : son numéro en gras, son texte coupé à la largeur du bloc, ses liens en gris."""
    morceaux = textwrap.wrap(f"{numero}. {texte}", largeur_texte) or [f"{numero}."]
    lignes = [html.escape(m) for m in morceaux]
    tete = f"{numero}."
    lignes[0] = f"<b>{tete}</b>" + lignes[0][len(tete):]
    if numeros_lies:
        marque = _marque_des_liens(numeros_lies)
        grise = f'<span style="color:{palette.GRIS}">{marque}</span>'
        if len(morceaux[-1]) + 1 + len(marque) <= largeur_texte:
            lignes[-1] += " " + grise
        else:
            lignes.append(grise)
    return "<br>   ".join(lignes)


def _resume_des_liens(canevas: Canevas, numeros: dict[str, int]) -> str:
    """Les liens dits en toutes lettres, pour le résumé en texte de la figure (lecteurs d'écran)."""
    paires = canevas.paires_liees()
    debut = f"{compte(len(canevas), 'note')}, {compte(len(paires), 'lien')} entre notes"
    if not paires:
        return debut + "."
    dites = [f"« {texte_lisible(a)} » ({numeros[a.id]}) ↔ « {texte_lisible(b)} » ({numeros[b.id]})" for a, b in paires[:_LIENS_RESUMES]]
    reste = len(paires) - len(dites)
    return (debut + " : " + " ; ".join(dites)
            + (f" ; et {compte(reste, 'autre lien', 'autres liens')}" if reste else "") + ".")


_LIENS_RESUMES = 4  # au-delà, le résumé compte les liens sans les dire


def figure_canevas(canevas: Canevas, largeur: int | None = None, hauteur: int = 650) -> go.Figure:
    """Le canevas en une figure : neuf blocs, leurs intitulés et leurs notes numérotées.

    Chaque note porte son numéro (``Canevas.numeros``) et, en gris, ceux des notes qui lui
    sont liées (« ↔ 3, 7 ») ; le résumé en texte de la figure dit les liens en toutes lettres.
    Sans ``largeur`` (en pixels), la figure prend la largeur de la page.
    """
    fig = go.Figure()
    numeros = canevas.numeros()
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
        lignes = [
            _ligne_de_note(numeros[note.id], texte_lisible(note), sorted(numeros[n.id] for n in canevas.liees(note.id)),
                           largeur_texte)
            for note in canevas.notes_du_bloc(cle)
        ]
        if lignes:
            fig.add_annotation(x=x0 + 0.08, y=y0 - 0.45, xanchor="left", yanchor="top", showarrow=False,
                               align="left", text="<br>".join(lignes), font=dict(size=11))
    fig.update_xaxes(visible=False, range=[-0.05, 10.05], fixedrange=True)
    fig.update_yaxes(visible=False, range=[_y(3) - 0.05, 0.05], fixedrange=True)
    vue = "Business Model You" if canevas.vue == "personnel" else "Business Model Canvas"
    sous_titre = "Après ↔, les numéros des notes liées" if canevas.paires_liees() else ""
    fig.update_layout(
        title=dict(text=f"{html.escape(canevas.nom)} — {vue}", x=0.01, subtitle=dict(text=sous_titre)),
        width=largeur, autosize=largeur is None, height=hauteur,
        margin=dict(l=10, r=10, t=70 if sous_titre else 50, b=10),
        plot_bgcolor="white", paper_bgcolor="white", showlegend=False,
        meta={"resume": _resume_des_liens(canevas, numeros)},
    )
    return fig


def _ancre(numero: int) -> str:
    return f"note-{numero}"


def html_des_notes(canevas: Canevas) -> str:
    """Les notes bloc par bloc, en HTML : chacune avec son numéro, une ancre et les notes qui lui sont
    liées (« liée à : … », des liens vers ces notes dans la page)."""
    numeros = canevas.numeros()
    sections = []
    for cle, bloc in BLOCS.items():
        notes = canevas.notes_du_bloc(cle)
        items = []
        for note in notes:
            liees = sorted(canevas.liees(note.id), key=lambda n: numeros[n.id])
            liens = (
                '<br><small>liée à : ' + ", ".join(
                    f'<a href="#{_ancre(numeros[n.id])}">{numeros[n.id]}. {html.escape(texte_lisible(n))}</a>' for n in liees
                ) + "</small>"
            ) if liees else ""
            items.append(f'<li id="{_ancre(numeros[note.id])}" value="{numeros[note.id]}">'
                         f"{html.escape(texte_lisible(note))}{liens}</li>")
        contenu = f"<ol>{''.join(items)}</ol>" if items else '<p class="vide">Aucune note.</p>'
        sections.append(f"<section><h3>{html.escape(bloc.intitule(canevas.vue))}</h3>{contenu}</section>")
    return "".join(sections)


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:1100px;margin:1em auto;padding:0 1em;"
    f"color:{palette.GRIS_FONCE}}}"
    "h3{font-size:1em;margin:1em 0 .2em}ol{margin:.2em 0}li{margin:.15em 0}"
    f"small{{color:{palette.GRIS}}}.vide{{color:{palette.GRIS};font-style:italic}}"
    ":target{outline:2px solid currentColor}"
)


def exporter_html(canevas: Canevas, chemin: str | Path) -> Path:
    """Écrit le canevas dans une page HTML autonome (à ouvrir, imprimer ou joindre), d'un seul coup.

    La figure, puis les notes bloc par bloc avec leurs liens (« liée à : … », cliquables).
    La page porte la marque des pages du cours : l'éditeur sait qu'il peut la remplacer.
    """
    figure = figure_canevas(canevas).to_html(include_plotlyjs=True, full_html=False,
                                             config={"displaylogo": False, "responsive": True})
    titre = html.escape(canevas.nom)
    page = (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n'
        f'    <meta charset="utf-8">\n    {MARQUE_HTML}\n    <title>{titre}</title>\n'
        f"    <style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{titre}</h1>\n{figure}\n"
        f"<h2>Les notes et leurs liens</h2>\n{html_des_notes(canevas)}\n</body>\n</html>\n"
    )
    return ecrire_texte_atomique(chemin, page, exemple="mon-canevas.html")
