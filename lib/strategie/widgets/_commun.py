"""Briques partagées par les vues : zone de message, garde contre les erreurs, curseurs et champs nombre à la française, figure vivante."""

from __future__ import annotations

import functools
import html
import json
import logging
import math
from pathlib import Path

import ipywidgets as widgets
import plotly.graph_objects as go
import plotly.io as pio
import traitlets

from strategie import francais, palette
from strategie.accessibilite import html_resume, resume_figure
from strategie._fichiers import fichier_de_travail, html_contenant, json_au_format
from strategie.erreurs import SaisieInvalide

_journal = logging.getLogger("strategie.widgets")

_STYLES = {
    "erreur": (palette.FOND_ROUGE_CLAIR, palette.ROUGE, "⚠"),
    "info": (palette.FOND_BLEU, palette.BLEU_FONCE, "ℹ"),
    "succes": (palette.FOND_VERT, palette.VERT, "✔"),
}


class ZoneMessage(widgets.HTML):
    """Une ligne de message sous une vue : erreur, information ou succès, en français.

    Le message est annoncé par les lecteurs d'écran : une région ``role="status"`` (poli), ou
    ``role="alert"`` pour une erreur ; son symbole (⚠, ℹ, ✔) dit le genre sans la couleur.
    """

    def __init__(self, **kwargs):
        super().__init__(value="", **kwargs)
        self.add_class("strategie-message")
        self.genre = ""
        self.texte = ""

    def montrer(self, texte: str, genre: str = "info") -> None:
        fond, couleur, icone = _STYLES[genre]
        self.genre, self.texte = genre, texte
        # ipywidgets 8 ne met aucun attribut sur le widget lui-même : la zone vivante est dans la valeur. Une erreur
        # est une alerte (lue tout de suite), le reste un statut poli (lu quand le lecteur ne fait rien).
        annonce = 'role="alert" aria-live="assertive"' if genre == "erreur" else 'role="status" aria-live="polite"'
        self.value = (
            f'<div class="strategie-message-{genre}" {annonce} aria-atomic="true" style="background:{fond};'
            f'color:{couleur};padding:4px 8px;border-radius:4px">{icone} {html.escape(texte)}</div>'
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
            except Exception as exc:  # une vue doit continuer de marcher quoi qu'il arrive
                _journal.exception("erreur inattendue dans une vue")
                zone.erreur(
                    "Quelque chose s'est mal passé dans cet outil "
                    f"({exc.__class__.__name__}). Vos saisies sont conservées ; "
                    "vérifiez-les et réessayez, ou relancez la cellule."
                )
            return None

        return enveloppe

    return decorateur


class ChampFichier(widgets.Text):
    """Le champ « Fichier » d'une vue qui enregistre : un nom seul, dans un dossier fixé et affiché.

    ``chemin`` (le fichier par défaut, p. ex. ``"mon-canevas.json"``) fixe le dossier de travail
    (``self.dossier`` : celui de la leçon pour un nom seul) ; ``dossier_affiche`` le dit à
    l'apprenant, à placer à côté du champ. ``fichier()`` renvoie le fichier nommé, ou lève
    ``SaisieInvalide`` avec un message français : chemin, carnet (.ipynb), autre extension, ou
    fichier existant qui n'a pas été écrit par ``outil`` (en-tête ``format`` du JSON).
    """

    def __init__(self, chemin, extension: str, outil: str, format_attendu: str | None = None,
                 marques: tuple[str, ...] = (), largeur: str = "260px", **kwargs):
        chemin = Path(chemin).expanduser()
        self.dossier = chemin.resolve().parent
        self.defaut, self.extension, self.outil = chemin.name, extension, outil
        if format_attendu is not None:
            self._reconnu = json_au_format(format_attendu)
        else:
            self._reconnu = html_contenant(*marques)
        kwargs.setdefault("description", "Fichier :")
        kwargs.setdefault("layout", widgets.Layout(width=largeur))
        super().__init__(value=chemin.name, **kwargs)
        self.add_class("strategie-fichier")
        self.dossier_affiche = widgets.HTML(
            f'<small class="strategie-fichier-dossier">dans le dossier <code>{html.escape(str(self.dossier))}</code>'
            "</small>")

    def fichier(self, verifier_auteur: bool = True) -> Path:
        """Le fichier nommé dans le champ (le nom par défaut s'il est vide), dans ``self.dossier``."""
        return fichier_de_travail(self.value.strip() or self.defaut, self.dossier, self.extension, self.outil,
                                  self._reconnu if verifier_auteur else None)

    def voisin(self, extension: str, *marques: str) -> Path:
        """Le fichier de même nom avec ``extension`` (une page HTML exportée), même contrôle."""
        nom = self.fichier(verifier_auteur=False).with_suffix(extension).name
        return fichier_de_travail(nom, self.dossier, extension, self.outil, html_contenant(*marques))


class Confirmation(widgets.HBox):
    """Une question avant une action qui perdrait du travail : « Remplacer » ou « Annuler ».

    Cachée tant qu'aucune question n'est posée. ``demander(question, action)`` la montre ;
    « Remplacer » (ou ``oui``) lance ``action()``, « Annuler » ne fait rien. Une nouvelle
    demande remplace la précédente.
    """

    def __init__(self):
        self.question = widgets.HTML()
        self.bouton_oui = widgets.Button(description="Remplacer", button_style="danger", icon="check",
                                         layout=widgets.Layout(width="auto"))
        self.bouton_non = widgets.Button(description="Annuler", icon="times", layout=widgets.Layout(width="auto"))
        super().__init__([self.question, self.bouton_oui, self.bouton_non],
                         layout=widgets.Layout(display="none", align_items="center", flex_flow="row wrap"))
        self.add_class("strategie-confirmation")
        self._action = None
        self.bouton_oui.on_click(lambda _: self._repondre(True))
        self.bouton_non.on_click(lambda _: self._repondre(False))

    @property
    def en_attente(self) -> bool:
        return self._action is not None

    def demander(self, question: str, action, oui: str = "Remplacer") -> None:
        self._action = action
        self.bouton_oui.description = oui
        self.question.value = (f'<span style="color:{_STYLES["erreur"][1]}">{_STYLES["erreur"][2]} '
                               f"{html.escape(question)}</span>")
        self.layout.display = None

    def retirer(self) -> None:
        """Oublie la question (après un changement qui la rend caduque)."""
        self._action = None
        self.question.value = ""
        self.layout.display = "none"

    def _repondre(self, oui: bool) -> None:
        action = self._action
        self.retirer()
        if oui and action is not None:
            action()



def enregistrer_sans_ecraser(vue, *, deja: int, vide: bool, question: str, ecrire, rappel: str = "") -> None:
    """Lance ``ecrire()``, sauf si la vue est ``vide`` et que son fichier a ``deja`` éléments : alors on demande.

    ``vue`` a une ``confirmation`` (:class:`Confirmation`) et un ``message`` (:class:`ZoneMessage`) ;
    ``question`` est posée, « Remplacer » lance ``ecrire()`` ; ``rappel`` complète le message d'attente
    (par exemple comment retrouver ce qui a été retiré). Un canevas riche n'est jamais remplacé en
    silence par un canevas vide.
    """
    if vide and deja:
        vue.confirmation.demander(question, ecrire)
        vue.message.info("Rien n'est enregistré tant que vous n'avez pas répondu" + (f" ({rappel})" if rappel else "") + ".")
        return
    ecrire()


class _CaseFrancaise:
    """Le va-et-vient entre ``value`` et sa case de texte française ``saisie``, commun aux curseurs et aux champs.

    La case affiche ``_ecrire(value)`` ; ce qu'on y tape est lu par ``_lire`` (qui renvoie la valeur,
    déjà entière pour un entier, ou lève ``SaisieInvalide``). Une saisie refusée laisse le texte tapé
    dans la case, ``value`` inchangée, et un message français dans ``message_saisie``.
    """

    def _vers_saisie(self, _changement=None) -> None:
        self._ecriture = True
        try:
            self.saisie.value = self._ecrire(self.value)
        finally:
            self._ecriture = False
        self.message_saisie.effacer()

    def _depuis_saisie(self, changement) -> None:
        if self._ecriture:
            return
        try:
            valeur = self._lire(changement["new"])
        except SaisieInvalide as exc:
            self.message_saisie.erreur(str(exc))
            return
        if valeur == self.value:
            self._vers_saisie()  # « 4.5 » tapé pour 4,5 : réécrit à la française
        else:
            self.value = valeur


class _SaisieFrancaise(_CaseFrancaise):
    """Ce qui fait d'un curseur ipywidgets un curseur du cours : une case française à sa droite.

    L'affichage natif du curseur (« readout ») écrit « 6.0 » et lit ce qu'on y tape avec le
    point décimal (« 4,5 » y devenait 4). Il est coupé ; à sa place, ``saisie`` (une case de
    texte) affiche « 4,5 », accepte « 4,5 » comme « 4.5 » (``francais.lire_nombre``), refuse le
    reste par un message français dans ``message_saisie`` (ce qui a été tapé reste dans la case)
    et suit le curseur dans les deux sens. ``boite`` est ce qu'une vue place dans sa mise en page.
    Le curseur lui-même garde toute l'API d'ipywidgets (``value``, ``min``, ``max``, ``observe``…).
    """

    def _brancher_saisie(self, part: bool, largeur_saisie: str) -> None:
        self.part = part  # la valeur 0.05 s'affiche et se tape « 5 % »
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
        valeur = min(max(valeur, self.min), self.max)
        return int(round(valeur)) if isinstance(self, widgets.IntSlider) else valeur



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


class ChampNombre(_CaseFrancaise, widgets.HBox):
    """Un champ nombre à la française, à la place de ``FloatText`` (``ChampEntier`` pour ``IntText``).

    Le champ numérique du navigateur lit « 4,5 » selon la langue de la page et affiche « 4.5 » :
    ici, ``saisie`` est une case de texte qui suit la règle des curseurs (``francais.lire_nombre``) :
    « 4,5 » comme « 4.5 », « 1 500 » ; elle affiche « 4,5 » et « 1 500 ». Une saisie invalide
    (« quatre », case vide, « 4,5 » dans un ``ChampEntier``, hors de ``min``/``max``) donne un message
    français dans ``message_saisie`` ; ce qui a été tapé reste dans la case et ``value`` ne change pas.
    ``value`` reste un nombre (float ; int pour ``ChampEntier``) : ``.value``, ``.observe(…,
    names="value")`` marchent comme avec ``FloatText``. ``description``, ``style``, ``layout``,
    ``tooltip`` et ``placeholder`` vont à la case ; ``step`` et ``continuous_update`` sont ignorés
    (la valeur est lue à Entrée ou en quittant la case).

    >>> c = ChampNombre(value=0, description="Prix (€) :")
    >>> c.saisie.value = "4,5"
    >>> c.value, c.saisie.value
    (4.5, '4,5')
    """

    value = traitlets.Float(0.0)
    entier = False

    def __init__(self, value=0.0, *, min=None, max=None, **kwargs):
        self.min, self.max = min, max
        kwargs.pop("step", None)
        kwargs.pop("continuous_update", None)
        self._ecriture = False
        self.saisie = widgets.Text(continuous_update=False, **kwargs)
        self.saisie.add_class("strategie-nombre-saisie")
        self.message_saisie = ZoneMessage()
        super().__init__([self.saisie, self.message_saisie],
                         layout=widgets.Layout(align_items="center", flex_flow="row wrap", max_width="100%"))
        self.add_class("strategie-nombre")
        self.value = int(value) if self.entier else float(value)
        self._vers_saisie()
        self.observe(self._vers_saisie, names="value")
        self.saisie.observe(self._depuis_saisie, names="value")

    @property
    def description(self) -> str:
        return self.saisie.description

    def _ecrire(self, valeur) -> str:
        if self.entier:
            return francais.nombre(valeur, 0)
        # Jusqu'à six décimales, sans zéros inutiles : ce qui a été tapé se relit tel quel.
        texte = francais.nombre(valeur, 6)
        return texte.rstrip("0").rstrip(",") if "," in texte else texte


    def _lire(self, texte: str):
        valeur = francais.lire_nombre(texte)
        if self.entier:
            if not valeur.is_integer():
                raise SaisieInvalide(f"« {texte.strip()} » : cette case n'accepte que des nombres entiers.")
            valeur = int(valeur)
        if (self.min is not None and valeur < self.min) or (self.max is not None and valeur > self.max):
            bornes = " et ".join(self._ecrire(b) for b in (self.min, self.max) if b is not None)
            raise SaisieInvalide(f"« {texte.strip()} » est hors des limites : choisissez "
                                 + (f"entre {bornes}." if None not in (self.min, self.max)
                                    else f"au moins {bornes}." if self.min is not None else f"au plus {bornes}."))
        return valeur



class ChampEntier(ChampNombre):
    """``ChampNombre`` pour un nombre entier (à la place d'``IntText``) : « 1 500 », refuse « 4,5 »."""

    value = traitlets.Int(0)
    entier = True


def _script_a_l_affichage(poser: str) -> str:
    """Un script que JupyterLab exécute quand sa sortie s'affiche (sortie d'une cellule exécutée, donc
    de confiance) : ``poser`` (corps JavaScript, ``ici`` est l'élément de la sortie) renvoie vrai une
    fois son travail fait ; sinon il est rappelé toutes les 100 ms pendant 10 s, le temps que la sortie
    soit dans la page. Jamais d'erreur dans la page."""
    return (
        "(() => {\n  const ici = element;\n  const poser = () => {\n    try {\n" + poser
        + "\n    } catch (e) { return true; }\n  };\n  if (!poser()) {\n"
        "    const minuteur = setInterval(() => { if (poser()) clearInterval(minuteur); }, 100);\n"
        "    setTimeout(() => clearInterval(minuteur), 10000);\n  }\n})();\n"
    )


# ipywidgets ne donne aucun nom à la zone de texte d'un TagsInput (son infobulle reste sur la boîte autour) :
# ce script copie l'infobulle sur la zone de texte de chaque TagsInput de la cellule, maintenant et chaque
# fois qu'ipywidgets les redessine.
_JS_NOMMER_ETIQUETTES = _script_a_l_affichage("""
      const nommer = vue => {
        for (const boite of vue.querySelectorAll('.jupyter-widget-tagsinput[title], [class*="tagsinput"][title]')) {
          for (const champ of boite.querySelectorAll('input')) {
            if (!champ.getAttribute('aria-label')) champ.setAttribute('aria-label', boite.getAttribute('title'));
          }
        }
      };
      // The cell, not the output area of this (hidden) output widget itself.
      const vue = ici.closest('.jp-Cell');
      if (!vue) return false;
      nommer(vue);
      new MutationObserver(() => nommer(vue)).observe(vue, { childList: true, subtree: true });
      return true;""")


class NommerEtiquettes(widgets.Output):
    """Invisible : donne à la case de saisie de chaque ``TagsInput`` de la vue son ``tooltip`` pour nom.

    À placer une fois dans une vue qui a des ``TagsInput`` (chacun avec un ``tooltip``) : un lecteur
    d'écran annonce alors « Ressources mobilisées » au lieu d'une case sans nom.
    """

    def __init__(self):
        super().__init__(layout=widgets.Layout(display="none"))
        self.outputs = ({"output_type": "display_data", "metadata": {},
                         "data": {"application/javascript": _JS_NOMMER_ETIQUETTES, "text/plain": ""}},)


_MIME_PLOTLY = "application/vnd.plotly.v1+json"

# Le graphique dessiné juste au-dessus reçoit role="img" et son résumé en aria-label.
_JS_NOMMER_FIGURE = _script_a_l_affichage("""
      const zone = ici.closest('.jp-OutputArea');
      const trace = zone && zone.querySelector('.js-plotly-plot');
      if (!trace) return false;
      trace.setAttribute('role', 'img');
      trace.setAttribute('aria-label', RESUME);
      return true;""")


class FigureVivante(widgets.Output):
    """Une figure plotly dans une vue, redessinée à chaque mise à jour (``montrer``).

    ``figure`` est la ``go.Figure`` affichée ; ``data`` et ``layout`` sont les siens
    (pour les tests sans navigateur), ``affichee`` est ce que reçoit le navigateur.

    Pourquoi pas ``go.FigureWidget`` : avec plotly 7 (anywidget), une FigureWidget
    placée dans une boîte restait parfois vide dans JupyterLab (les mises à jour
    envoyées avant que la vue JavaScript soit prête étaient perdues). Ici, la figure
    entière est dans l'état du widget (``outputs``) : une vue qui s'ouvre, même tard,
    la lit et la dessine.

    Sous la figure, ``resume`` (``strategie.accessibilite.resume_figure``) la dit en texte,
    pour qui ne la voit pas ; il sert aussi de nom (``aria-label``) à la figure dans la page.
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
        """Affiche ``figure`` à la place de la figure précédente, avec son résumé en texte dessous."""
        self.figure = figure
        # Du JSON seul (les tableaux numpy deviennent des tableaux typés base64), comme display() l'envoie à JupyterLab.
        donnees = json.loads(pio.to_json(figure, validate=False))
        self.resume = resume_figure(donnees)
        self.outputs = (
            {"output_type": "display_data", "data": {_MIME_PLOTLY: donnees}, "metadata": {}},
            # L'alternative textuelle, lue par tous sous la figure (et par les lecteurs d'écran).
            {"output_type": "display_data", "metadata": {},
             "data": {"text/html": html_resume(donnees), "text/plain": self.resume}},
            # La figure elle-même est nommée par son résumé (plotly.js ne lui donne ni rôle ni nom).
            {"output_type": "display_data", "metadata": {},
             "data": {"application/javascript": _JS_NOMMER_FIGURE.replace("RESUME", json.dumps(self.resume)),
                      "text/plain": ""}},
        )
