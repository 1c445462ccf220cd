"""Briques partagées par les vues : zone de message, garde contre les erreurs, curseurs à la française, figure vivante."""

from __future__ import annotations

import functools
import html
import json
import logging
import math

import ipywidgets as widgets
import plotly.graph_objects as go
import plotly.io as pio

from strategie import francais
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


class _SaisieFrancaise:
    """Ce qui fait d'un curseur ipywidgets un curseur du cours : une case française à sa droite.

    L'affichage natif du curseur (« readout ») écrit « 6.0 » et lit ce qu'on y tape avec le
    point décimal (« 4,5 » y devenait 4). Il est coupé ; à sa place, ``saisie`` (une case de
    texte) affiche « 4,5 », accepte « 4,5 » comme « 4.5 » (``francais.lire_nombre``), refuse le
    reste par un message français dans ``message_saisie`` (ce qui a été tapé reste dans la case)
    et suit le curseur dans les deux sens. ``boite`` est ce qu'une vue place dans sa mise en page.
    Le curseur lui-même garde toute l'API d'ipywidgets (``value``, ``min``, ``max``, ``observe``…).
    """

    def _brancher_saisie(self, part: bool, largeur_saisie: str) -> None:
        self.part = part  # value 0.05 shown and typed as « 5 % »
        self._ecriture = False
        self.saisie = widgets.Text(
            value=self._ecrire(self.value), continuous_update=False,
            tooltip=f"{self.description} : tapez une valeur (4,5 ou 4.5), puis Entrée",
            layout=widgets.Layout(width=largeur_saisie, min_width=largeur_saisie),
        )
        self.saisie.add_class("strategie-curseur-saisie")
        self.message_saisie = ZoneMessage()
        self.boite = widgets.HBox(
            [self, self.saisie, self.message_saisie],
            layout=widgets.Layout(align_items="center", flex_flow="row wrap", max_width="100%"),
        )
        self.boite.add_class("strategie-curseur")
        self.observe(self._vers_saisie, names="value")
        self.saisie.observe(self._depuis_saisie, names="value")

    def _ecrire(self, valeur) -> str:
        if self.part:
            return francais.pourcent(valeur, part=True, decimales=None)
        if isinstance(self, widgets.IntSlider):
            return francais.nombre(valeur, 0)
        pas = float(self.step or 0)
        decimales = max(0, -math.floor(math.log10(pas))) if 0 < pas < 1 else 0
        return francais.nombre(valeur, None if decimales <= 2 else decimales)

    def _vers_saisie(self, _changement=None) -> None:
        self._ecriture = True
        try:
            self.saisie.value = self._ecrire(self.value)
        finally:
            self._ecriture = False
        self.message_saisie.effacer()

    def _lire(self, texte: str) -> float:
        valeur = francais.lire_nombre(texte)
        if self.part:
            valeur /= 100
        if isinstance(self, widgets.IntSlider) and not float(valeur).is_integer():
            raise SaisieInvalide(f"« {texte.strip()} » : ce curseur n'accepte que des nombres entiers.")
        marge = 1e-9 * max(1.0, abs(self.max - self.min))
        if not self.min - marge <= valeur <= self.max + marge:
            raise SaisieInvalide(
                f"« {texte.strip()} » est hors de l'échelle : choisissez entre {self._ecrire(self.min)} "
                f"et {self._ecrire(self.max)}."
            )
        return min(max(valeur, self.min), self.max)

    def _depuis_saisie(self, changement) -> None:
        if self._ecriture:
            return
        try:
            valeur = self._lire(changement["new"])
        except SaisieInvalide as exc:
            self.message_saisie.erreur(str(exc))
            return
        if isinstance(self, widgets.IntSlider):
            valeur = int(round(valeur))
        if valeur == self.value:
            self._vers_saisie()  # « 4.5 » typed for 4.5: written back the French way
        else:
            self.value = valeur


class Curseur(_SaisieFrancaise, widgets.FloatSlider):
    """Un ``FloatSlider`` à la française (voir ``_SaisieFrancaise``) ; mêmes arguments, plus ``part``.

    >>> c = Curseur(value=4.0, min=0, max=20, step=0.1, description="Prix (€)")
    >>> c.saisie.value = "4,5"
    >>> c.value, c.saisie.value
    (4.5, '4,5')
    """

    def __init__(self, *, part: bool = False, largeur_saisie: str = "76px", **kwargs):
        kwargs.pop("readout_format", None)
        super().__init__(readout=False, **kwargs)
        self._brancher_saisie(part, largeur_saisie)


class CurseurEntier(_SaisieFrancaise, widgets.IntSlider):
    """Un ``IntSlider`` à la française (voir ``_SaisieFrancaise``) : « 1 500 », refuse « 4,5 »."""

    def __init__(self, *, largeur_saisie: str = "76px", **kwargs):
        kwargs.pop("readout_format", None)
        super().__init__(readout=False, **kwargs)
        self._brancher_saisie(False, largeur_saisie)


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
