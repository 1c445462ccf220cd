"""Accessibilité : le résumé en texte d'une figure, pour qui ne la voit pas.

``resume_figure`` est une fonction pure (sans noyau ni navigateur) : elle lit une figure
plotly (``go.Figure`` ou son dict JSON) et dit en quelques phrases françaises son titre,
ses axes, ses séries et leurs valeurs principales. ``FigureVivante`` l'affiche sous chaque
figure d'une vue ; ``installer_resume_des_figures`` fait de même pour une figure affichée
directement dans une leçon (dernière expression d'une cellule ou ``fig.show()``).

>>> import plotly.graph_objects as go
>>> resume_figure(go.Figure(go.Bar(x=["A", "B"], y=[3, 4.5], name="Ventes"), layout_title_text="Ventes"))
'Figure « Ventes ». Barres « Ventes » : A 3, B 4,5.'
"""

from __future__ import annotations

import html
import re
import sys
from numbers import Real

from strategie import francais, palette

__all__ = ["resume_figure", "html_resume", "installer_resume_des_figures", "CLASSE_RESUME"]

CLASSE_RESUME = "strategie-figure-resume"
_MAX_VALEURS = 6  # a few values per series: a summary, not the data table
_MAX_CARACTERES = 700
_BALISES = re.compile(r"<[^>]+>")
_NOMS_TYPES = {
    "bar": "Barres", "scatter": "Série", "pie": "Secteurs", "sunburst": "Anneaux", "heatmap": "Carte de chaleur",
    "table": "Tableau", "histogram": "Histogramme", "box": "Boîtes",
}


_BLANCS = re.compile(r"[ \t\r\n]+")


def _texte(valeur) -> str:
    """Le texte lisible d'un titre plotly (``<br>`` et balises retirés, entités décodées)."""
    if isinstance(valeur, dict):
        valeur = valeur.get("text", "")
    if valeur is None:
        return ""
    texte = str(valeur).replace("<br>", " ").replace("<br />", " ")
    return _BLANCS.sub(" ", html.unescape(_BALISES.sub("", texte))).strip(" ")  # garde les espaces insécables


def _valeur(v) -> str:
    if isinstance(v, bool):
        return "oui" if v else "non"
    if isinstance(v, Real):
        return francais.nombre(v)
    return _texte(v)


def _liste(valeurs) -> list:
    """Une liste Python depuis ce que plotly garde (liste, tuple, tableau numpy, dict base64 du JSON)."""
    if isinstance(valeurs, dict) and "bdata" in valeurs:  # plotly's base64 typed array
        import base64

        import numpy as np

        tableau = np.frombuffer(base64.b64decode(valeurs["bdata"]), dtype=valeurs.get("dtype", "f8"))
        if valeurs.get("shape"):
            tableau = tableau.reshape([int(n) for n in str(valeurs["shape"]).split(",")])
        return tableau.tolist()
    if valeurs is None or isinstance(valeurs, (str, dict)):
        return []
    try:
        return list(valeurs)
    except TypeError:
        return []


def _suite(elements: list[str]) -> str:
    if len(elements) <= _MAX_VALEURS:
        return ", ".join(elements)
    return ", ".join(elements[:_MAX_VALEURS]) + " et " + francais.compte(len(elements) - _MAX_VALEURS, "autre")


def _paires(etiquettes: list, valeurs: list) -> str:
    return _suite([f"{_valeur(e)} {_valeur(v)}".strip() for e, v in zip(etiquettes, valeurs)])


def _trace(trace: dict) -> str:
    genre = trace.get("type") or "scatter"
    nom = _texte(trace.get("name"))
    titre = _NOMS_TYPES.get(genre, genre) + (f" « {nom} »" if nom else "")
    if genre in ("pie", "sunburst"):
        etiquettes, valeurs = _liste(trace.get("labels")), _liste(trace.get("values"))
        return f"{titre} : {_paires(etiquettes, valeurs)}" if valeurs else f"{titre} : {_suite([_valeur(e) for e in etiquettes])}"
    if genre == "heatmap":
        lignes = _liste(trace.get("z"))
        colonnes = len(_liste(lignes[0])) if lignes else 0
        return (f"{titre} : {francais.compte(len(lignes), 'ligne')} × {francais.compte(colonnes, 'colonne')} "
                f"({_suite([_valeur(y) for y in _liste(trace.get('y'))])})")
    if genre == "table":
        cellules = _liste((trace.get("cells") or {}).get("values"))
        n = len(_liste(cellules[0])) if cellules else 0
        return f"{titre} : {francais.compte(len(cellules), 'colonne')}, {francais.compte(n, 'ligne')}"
    x, y = _liste(trace.get("x")), _liste(trace.get("y"))
    if trace.get("orientation") == "h":
        x, y = y, x  # horizontal bars: the labels are on y
    textes = _liste(trace.get("text"))
    if not x and not y:
        return ""
    if genre == "bar" or (textes and len(textes) == len(y) and any(_texte(t) for t in textes)):
        etiquettes = [_texte(t) for t in textes] if genre != "bar" else (x or list(range(1, len(y) + 1)))
        if genre != "bar" and trace.get("mode", "").find("text") < 0 and not any(etiquettes):
            etiquettes = x
        return f"{titre} : {_paires(etiquettes, y)}"
    nombres = [v for v in y if isinstance(v, Real) and not isinstance(v, bool)]
    if not nombres:
        return f"{titre} : {francais.compte(len(y), 'point')}"
    return (f"{titre} : {francais.compte(len(y), 'point')}, de {_valeur(min(nombres))} à {_valeur(max(nombres))}"
            + (f" (premier {_valeur(nombres[0])}, dernier {_valeur(nombres[-1])})" if len(nombres) > 2 else ""))


def resume_figure(figure) -> str:
    """Quelques phrases qui disent ce que montre ``figure`` : titre, axes, séries et valeurs principales.

    ``figure`` est une ``go.Figure`` ou le dict ``{"data": [...], "layout": {...}}`` d'une figure.
    Une figure peut ajouter ce que ses séries ne disent pas (les liens entre les notes d'un
    canevas) : le texte de ``layout.meta["resume"]`` suit le titre et les axes.
    Les séries sans nom ni valeur (traits de liaison, points invisibles) ne sont pas dites ; une
    figure faite seulement de textes (canevas, figure vide avec un message) dit ses textes.
    """
    if hasattr(figure, "to_plotly_json"):
        figure = figure.to_plotly_json()
    donnees = [t for t in (figure.get("data") or []) if isinstance(t, dict)]
    mise_en_page = figure.get("layout") or {}
    titre = mise_en_page.get("title")
    phrases = [f"Figure « {_texte(titre)} »." if _texte(titre) else "Figure sans titre."]
    sous_titre = _texte(titre.get("subtitle")) if isinstance(titre, dict) else ""
    if sous_titre:
        phrases.append(sous_titre + ".")
    axes = []
    for cle, sens in (("xaxis", "horizontal"), ("yaxis", "vertical")):
        titre_axe = _texte((mise_en_page.get(cle) or {}).get("title"))
        if titre_axe:
            axes.append(f"{sens} « {titre_axe} »")
    if axes:
        phrases.append("Axe " + ", axe ".join(axes) + ".")
    meta = mise_en_page.get("meta")
    if isinstance(meta, dict) and _texte(meta.get("resume")):
        phrases.append(_texte(meta["resume"]))  # ce que la figure dit d'elle-même (les liens d'un canevas…)
    series = []
    for trace in donnees:
        if trace.get("hoverinfo") == "skip" and not trace.get("name"):
            continue  # a drawing aid (a link, a band), not a series
        marqueur = trace.get("marker") or {}
        if isinstance(marqueur, dict) and marqueur.get("opacity") == 0:
            continue  # invisible points that only carry a hover
        texte = _trace(trace)
        if texte:
            series.append(texte + ".")
    phrases += series
    if not series:
        notes = [_texte(a.get("text")) for a in (mise_en_page.get("annotations") or []) if isinstance(a, dict)]
        notes = [n for n in notes if n]
        if notes:
            phrases.append("Textes : " + _suite(notes) + ".")
    resume = " ".join(phrases)
    if len(resume) > _MAX_CARACTERES:
        resume = resume[: _MAX_CARACTERES - 1].rsplit(" ", 1)[0] + " …"
    return resume


def html_resume(figure) -> str:
    """Le résumé en HTML, tel qu'il s'affiche sous la figure (petit texte gris, lu par les lecteurs d'écran)."""
    # width:0 + min-width:100%: the text wraps to the figure's width and never widens its box
    # (a figure beside a form would otherwise grow with a long summary and overflow the page).
    return (f'<p class="{CLASSE_RESUME}" style="width:0;min-width:100%;box-sizing:border-box;margin:2px 0 6px 0;'
            f'font-size:12px;color:{palette.GRIS_FONCE}">'
            f"{html.escape(resume_figure(figure))}</p>")


def installer_resume_des_figures() -> bool:
    """Dans un noyau IPython, chaque figure plotly affichée est suivie de son résumé en texte.

    Plotly.js ne donne à une figure ni ``<title>`` ni attribut ``aria`` : le résumé est donc
    une sortie HTML de plus, juste sous la figure (dernière expression ou ``fig.show()``).
    Hors d'un noyau (script, tests), rien ne change. Renvoie ``True`` si le résumé est installé.
    """
    ipython = sys.modules.get("IPython")  # already loaded inside a kernel; never import it here
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "kernel"):
        return False
    import plotly.io as pio
    from plotly.io.base_renderers import ExternalRenderer

    class RenduResume(ExternalRenderer):
        """Un « rendu externe » plotly : après la figure, son résumé, comme une sortie de plus."""

        def render(self, fig_dict):
            from IPython.display import display

            display({"text/html": html_resume(fig_dict), "text/plain": resume_figure(fig_dict)}, raw=True)

    if "strategie_resume" not in pio.renderers:
        pio.renderers["strategie_resume"] = RenduResume()
    defaut = pio.renderers.default or ""
    if defaut and "strategie_resume" not in defaut.split("+"):
        pio.renderers.default = defaut + "+strategie_resume"
    return True
