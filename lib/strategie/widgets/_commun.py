"""Briques partagées par les vues : zone de message, garde contre les erreurs, figure vivante."""

from __future__ import annotations

import functools
import html
import json
import logging

import ipywidgets as widgets
import plotly.graph_objects as go
import plotly.io as pio

from strategie.erreurs import SaisieInvalide

_journal = logging.getLogger("strategie.widgets")

_STYLES = {
    "erreur": ("#fdecea", "#b3261e", "⚠"),
    "info": ("#e8f0fe", "#174ea6", "ℹ"),
    "succes": ("#e6f4ea", "#137333", "✔"),
}


class ZoneMessage(widgets.HTML):
    """Une ligne de message sous une vue : erreur, information ou succès, en français."""

    def __init__(self, **kwargs):
        super().__init__(value="", **kwargs)
        self.add_class("strategie-message")
        self.genre = ""
        self.texte = ""

    def montrer(self, texte: str, genre: str = "info") -> None:
        fond, couleur, icone = _STYLES[genre]
        self.genre, self.texte = genre, texte
        self.value = (
            f'<div class="strategie-message-{genre}" style="background:{fond};color:{couleur};'
            f'padding:4px 8px;border-radius:4px">{icone} {html.escape(texte)}</div>'
        )

    def erreur(self, texte: str) -> None:
        self.montrer(texte, "erreur")

    def info(self, texte: str) -> None:
        self.montrer(texte, "info")

    def succes(self, texte: str) -> None:
        self.montrer(texte, "succes")

    def effacer(self) -> None:
        self.genre, self.texte, self.value = "", "", ""


def protege(zone_attr: str = "message"):
    """Décore une méthode de vue : une erreur devient un message dans ``self.<zone_attr>``.

    Ce que l'apprenant a saisi reste dans les champs : rien n'est effacé.
    Une erreur de saisie (``SaisieInvalide``) montre son message ; toute autre
    erreur montre un message générique (le détail part dans le journal) pour
    qu'une vue ne s'arrête jamais sur une trace technique.
    """

    def decorateur(methode):
        @functools.wraps(methode)
        def enveloppe(self, *args, **kwargs):
            zone: ZoneMessage = getattr(self, zone_attr)
            try:
                return methode(self, *args, **kwargs)
            except SaisieInvalide as exc:
                zone.erreur(str(exc))
            except Exception as exc:  # a view must keep working whatever happens
                _journal.exception("erreur inattendue dans une vue")
                zone.erreur(
                    "Quelque chose s'est mal passé dans cet outil "
                    f"({exc.__class__.__name__}). Vos saisies sont conservées ; "
                    "vérifiez-les et réessayez, ou relancez la cellule."
                )
            return None

        return enveloppe

    return decorateur


_MIME_PLOTLY = "application/vnd.plotly.v1+json"


class FigureVivante(widgets.Output):
    """Une figure plotly dans une vue, redessinée à chaque mise à jour (``montrer``).

    ``figure`` est la ``go.Figure`` affichée ; ``data`` et ``layout`` sont les siens
    (pour les tests sans navigateur), ``affichee`` est ce que reçoit le navigateur.

    Pourquoi pas ``go.FigureWidget`` : avec plotly 7 (anywidget), une FigureWidget
    placée dans une boîte restait parfois vide dans JupyterLab (les mises à jour
    envoyées avant que la vue JavaScript soit prête étaient perdues). Ici, la figure
    entière est dans l'état du widget (``outputs``) : une vue qui s'ouvre, même tard,
    la lit et la dessine.
    """

    def __init__(self, figure: go.Figure):
        super().__init__()
        self.add_class("strategie-figure")
        self.montrer(figure)

    @property
    def data(self):
        return self.figure.data

    @property
    def layout(self):
        return self.figure.layout

    @property
    def affichee(self) -> dict:
        """La figure telle qu'envoyée au navigateur : un dict JSON ``{"data": [...], "layout": {...}}``."""
        return self.outputs[0]["data"][_MIME_PLOTLY]

    def montrer(self, figure: go.Figure) -> None:
        """Affiche ``figure`` à la place de la figure précédente."""
        self.figure = figure
        # JSON only (numpy arrays become base64 typed arrays), as display() would send it to JupyterLab.
        donnees = json.loads(pio.to_json(figure, validate=False))
        self.outputs = ({"output_type": "display_data", "data": {_MIME_PLOTLY: donnees}, "metadata": {}},)
