"""Autoévaluation d'une section de leçon : quelques questions non notées, corrigées aussitôt.

Dans une leçon, une seule cellule suffit :

>>> from strategie.widgets.autoevaluation import Autoevaluation
>>> Autoevaluation("00-demarrer", "carnet")  # doctest: +SKIP

Tout se fait au clavier : Tab va d'un champ au suivant, les flèches choisissent une
réponse, Entrée ou Espace sur « Vérifier » corrige (Entrée dans une case de texte aussi).
Le verdict s'écrit en toutes lettres (✔ Juste / ✘ Pas tout à fait), jamais par la seule couleur.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import ipywidgets as widgets

from strategie.autoevaluation import (
    FAUX, FICHIER_REPONSES, JUSTE, ChoixMultiple, ChoixUnique, Classement, Code, Nombre,
    Questionnaire, Sauvegarde, Verdict, charger,
)
from strategie.widgets._commun import ZoneMessage, protege
from strategie import palette

_STYLES = {  # fond, texte, bordure ; le symbole et les mots portent le sens, pas la couleur
    JUSTE: (palette.FOND_VERT, palette.VERT_SOMBRE, palette.VERT, "✔"),
    FAUX: (palette.FOND_ROUGE_CLAIR, palette.ROUGE_SOMBRE, palette.ROUGE, "✘"),
    "autre": (palette.FOND_BLEU, palette.BLEU_FONCE, palette.BLEU, "✎"),
}
_A_CHOISIR = "— choisir —"


class GardeRaccourcis(widgets.Output):
    """Invisible : rend les flèches, Espace et les lettres aux champs de la boîte qui le contient.

    Sans lui, JupyterLab (mode commande) prend les flèches d'un bouton radio ou d'une liste
    pour changer de cellule : on ne pourrait pas choisir une réponse au clavier. Lumino ignore
    ses raccourcis pour un champ marqué ``data-lm-suppress-shortcuts`` ; seul le navigateur
    peut poser cet attribut, d'où ce petit script, que JupyterLab exécute à l'affichage (sortie
    ``application/javascript`` d'une cellule exécutée, donc de confiance).

    Pourquoi pas un module anywidget : anywidget 0.11 lève « Failed to initialize model »
    quand son module met plus de 2 s à se charger, ce qui arrive sur une machine chargée
    (Binder) pendant « Tout exécuter ».
    """

    _JS = """
    (() => {
      const CHAMPS = "input, select, textarea, button";
      function marquer(boite) {
        for (const champ of boite.querySelectorAll(CHAMPS)) {
          if (!champ.hasAttribute("data-lm-suppress-shortcuts")) champ.setAttribute("data-lm-suppress-shortcuts", "true");
        }
        // One name per set of radio buttons: Tab enters and leaves the set, the arrows move inside it.
        for (const radios of boite.querySelectorAll(".widget-radio-box:not([role])")) {
          window.strategieGroupesRadio = (window.strategieGroupesRadio || 0) + 1;
          const nom = `strategie-autoevaluation-${Date.now()}-${window.strategieGroupesRadio}`;
          radios.setAttribute("role", "radiogroup");
          radios.setAttribute("aria-label", "Réponses proposées");
          for (const radio of radios.querySelectorAll("input[type=radio]")) radio.name = nom;
        }
      }
      const ici = element;
      const poser = () => {
        const boite = ici.closest(".strategie-autoevaluation");
        if (!boite) return false;
        marquer(boite);
        if (!boite.hasAttribute("data-strategie-garde")) {
          boite.setAttribute("data-strategie-garde", "1");
          // Fields drawn later (a view re-rendered by ipywidgets) are marked too.
          new MutationObserver(() => marquer(boite)).observe(boite, { childList: true, subtree: true });
        }
        return true;
      };
      if (!poser()) {
        // The output is attached to the page a little after it is rendered.
        const minuteur = setInterval(() => { if (poser()) clearInterval(minuteur); }, 100);
        setTimeout(() => clearInterval(minuteur), 10000);
      }
    })();
    """

    def __init__(self):
        super().__init__(layout=widgets.Layout(display="none"))
        # Posé directement (sans formateur IPython) : la même sortie qu'un Javascript() affiché.
        self.outputs = ({"output_type": "display_data", "metadata": {},
                         "data": {"application/javascript": self._JS, "text/plain": ""}},)


# Un long élément à classer passe sur deux lignes au lieu de finir en « … » (ipywidgets coupe les libellés).
_CSS = (
    "<style>.strategie-autoevaluation-classement .widget-dropdown{height:auto;"
    "min-height:var(--jp-widgets-inline-height);align-items:center}"
    ".strategie-autoevaluation-classement .widget-dropdown>.widget-label{white-space:normal;height:auto;"
    "line-height:1.3;overflow:visible;text-overflow:clip;padding:2px 8px 2px 0}</style>"
)


def _texte_riche(texte: str) -> str:
    """Le texte des données en HTML : échappé, avec `code` et **gras** (rien d'autre)."""
    sur = html.escape(texte.strip())
    sur = re.sub(r"`([^`]+)`", r"<code>\1</code>", sur)
    sur = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", sur)
    sur = sur.replace("« ", "«\u00a0").replace(" »", "\u00a0»")  # guillemets jamais seuls en fin de ligne
    return sur.replace("\n\n", "<br>")


def html_verdict(verdict: Verdict) -> str:
    """Le verdict et l'explication, tels que l'apprenant les lit sous la question."""
    fond, couleur, bord, symbole = _STYLES.get(verdict.statut, _STYLES["autre"])
    lignes = [f"<strong>{symbole} {html.escape(verdict.message)}</strong>"]
    lignes += [f"<div>{_texte_riche(d)}</div>" for d in verdict.details]
    if verdict.repondu and verdict.explication:
        lignes.append(f'<div class="strategie-autoevaluation-explication" style="margin-top:4px">'
                      f"<strong>Explication :</strong> {_texte_riche(verdict.explication)}</div>")
    return (f'<div class="strategie-autoevaluation-verdict strategie-autoevaluation-{verdict.statut}" role="status" '
            f'style="background:{fond};color:{couleur};border-left:4px solid {bord};padding:4px 8px;'
            f'border-radius:4px;white-space:normal;line-height:1.4">{"".join(lignes)}</div>')


class VueQuestion(widgets.VBox):
    """Une question : son énoncé, ses champs, le bouton « Vérifier » et le retour."""

    def __init__(self, numero: int, question, verifier):
        self.question = question
        self.verdict: Verdict | None = None
        self._en_reprise = False
        enonce = widgets.HTML(f'<div style="white-space:normal;line-height:1.4"><strong>Question {numero}.</strong> '
                              f"{_texte_riche(question.enonce)}</div>")
        enonce.add_class("strategie-autoevaluation-enonce")
        self.bouton = widgets.Button(description="Vérifier", icon="check", tooltip="Vérifier cette réponse",
                                     layout=widgets.Layout(width="auto", align_self="flex-start", margin="4px 0"))
        self.bouton.add_class("strategie-autoevaluation-verifier")
        self.bouton.on_click(lambda _: verifier(self))
        self.retour = widgets.HTML()
        self.retour.add_class("strategie-autoevaluation-retour")
        self.champs = self._creer_champs(lambda: verifier(self))
        super().__init__([enonce, *self.champs, self.bouton, self.retour],
                         layout=widgets.Layout(margin="6px 0 10px 0"))
        self.add_class("strategie-autoevaluation-question")
        self.add_class(f"strategie-autoevaluation-{type(question).__name__.lower()}")

    def _creer_champs(self, verifier_maintenant) -> list[widgets.Widget]:
        q = self.question
        if isinstance(q, ChoixUnique):
            # Pas de vérification automatique au changement : les flèches font passer la sélection par chaque choix.
            self.choix = widgets.RadioButtons(options=list(q.choix), value=None, layout=widgets.Layout(width="auto"))
            self.choix.observe(self._reponse_changee, names="value")
            return [self.choix]
        if isinstance(q, ChoixMultiple):
            self.cases = {c: widgets.Checkbox(value=False, description=c, indent=False, layout=widgets.Layout(width="auto"))
                          for c in q.choix}
            for case in self.cases.values():
                case.observe(self._reponse_changee, names="value")
            return list(self.cases.values())
        if isinstance(q, Classement):
            largeur = f"{min(28, max(len(e) for e in q.elements) * 0.55 + 1):.0f}em"
            self.listes = {
                # "" et non None : un Dropdown de valeur None affiche une case vide au lieu de « — choisir — ».
                e: widgets.Dropdown(options=[(_A_CHOISIR, ""), *[(c, c) for c in q.categories]], value="",
                                    description=e, style={"description_width": largeur},
                                    layout=widgets.Layout(width=f"calc({largeur} + 16em)", max_width="100%"))
                for e in q.elements
            }
            for liste in self.listes.values():
                liste.observe(self._reponse_changee, names="value")
            return list(self.listes.values())
        if isinstance(q, (Nombre, Code)):
            exemple = "par exemple 4,5" if isinstance(q, Nombre) else "une ligne de Python"
            self.saisie = widgets.Text(value="", description="Réponse", placeholder=exemple, continuous_update=False,
                                       layout=widgets.Layout(width="26em" if isinstance(q, Code) else "16em"))
            self.saisie.add_class("strategie-autoevaluation-saisie")

            def entree(_):
                # Entrée (ou quitter le champ) envoie la valeur : vérifiée tout de suite, sauf en restauration.
                if not self._en_reprise and self.saisie.value.strip():
                    verifier_maintenant()

            self.saisie.observe(entree, names="value")
            if isinstance(q, Nombre) and q.unite:
                return [widgets.HBox([self.saisie, widgets.HTML(f"&nbsp;{html.escape(q.unite)}")])]
            return [self.saisie]
        raise TypeError(f"type de question inconnu : {type(q).__name__}")

    def _reponse_changee(self, _=None) -> None:
        # Une correction ne doit jamais rester sous une réponse qu'elle ne décrit pas.
        if not self._en_reprise and self.verdict is not None:
            self.verdict = None
            self.retour.value = ""

    def lire(self) -> object:
        """La réponse telle que saisie (ce qui est corrigé et enregistré)."""
        q = self.question
        if isinstance(q, ChoixUnique):
            return self.choix.value
        if isinstance(q, ChoixMultiple):
            return [c for c, case in self.cases.items() if case.value]
        if isinstance(q, Classement):
            return {e: liste.value for e, liste in self.listes.items() if liste.value}
        return self.saisie.value

    def remplir(self, reponse: object) -> None:
        """Remet une réponse enregistrée dans les champs (sans la corriger ni l'enregistrer)."""
        q = self.question
        self._en_reprise = True
        try:
            if isinstance(q, ChoixUnique):
                self.choix.value = reponse
            elif isinstance(q, ChoixMultiple):
                for c, case in self.cases.items():
                    case.value = c in reponse
            elif isinstance(q, Classement):
                for e, liste in self.listes.items():
                    liste.value = reponse.get(e, "")
            else:
                self.saisie.value = reponse
        finally:
            self._en_reprise = False

    def montrer(self, verdict: Verdict) -> None:
        self.verdict = verdict
        self.retour.value = html_verdict(verdict)


class Autoevaluation(widgets.VBox):
    """Les questions d'une section, corrigées une par une, avec une explication en français.

    ``Autoevaluation("00-demarrer", "carnet")`` lit les questions dans
    ``strategie/donnees/autoevaluation/00-demarrer.toml`` ; on peut aussi passer un
    ``Questionnaire`` construit en Python. Les réponses vérifiées sont gardées dans
    ``fichier`` (dans le dossier de la leçon) et reviennent, avec leur correction, quand
    la cellule est relancée ; ``fichier=None`` n'enregistre rien.
    """

    def __init__(self, lecon: str | Questionnaire, section: str | None = None,
                 fichier: str | Path | None = FICHIER_REPONSES):
        self.questionnaire = lecon if isinstance(lecon, Questionnaire) else charger(lecon, section)
        self.sauvegarde = Sauvegarde(fichier) if fichier is not None else None
        self.message = ZoneMessage()
        titre = self.questionnaire.titre or self.questionnaire.section
        note = "non notée"
        if self.sauvegarde is not None:
            note += f" ; vos réponses sont gardées dans «\u00a0{html.escape(self.sauvegarde.chemin.name)}\u00a0»"
        entete = widgets.HTML(
            f'<div style="white-space:normal;line-height:1.4"><strong style="font-size:1.1em">✎ Autoévaluation : '
            f"{html.escape(titre)}</strong><br><small>Quelques questions pour vérifier votre compréhension ({note}). "
            "Répondez, puis «\u00a0Vérifier\u00a0» : la correction s'explique aussitôt.</small></div>"
        )
        entete.add_class("strategie-autoevaluation-titre")
        self.vues = [VueQuestion(i, q, self.verifier) for i, q in enumerate(self.questionnaire.questions, start=1)]
        mise_en_forme = widgets.HTML(_CSS, layout=widgets.Layout(display="none"))
        super().__init__([entete, *self.vues, self.message, GardeRaccourcis(), mise_en_forme],
                         layout=widgets.Layout(border=f"1px solid {palette.BORDURE}", padding="8px 12px", margin="8px 0",
                                               max_width="900px"))
        self.add_class("strategie-autoevaluation")
        self.add_class(f"strategie-autoevaluation-{self.questionnaire.section}")
        self.reprendre()

    @protege()
    def reprendre(self) -> None:
        """Remet les réponses enregistrées dans les champs et montre leur correction."""
        if self.sauvegarde is None:
            return
        enregistrees = self.sauvegarde.lire()
        if self.sauvegarde.probleme:
            self.message.erreur(self.sauvegarde.probleme)
            return
        reprises = 0
        for vue in self.vues:
            brute = enregistrees.get(self.questionnaire.cle(vue.question))
            reponse = vue.question.reponse_valide(brute) if brute is not None else None
            if reponse is None:  # pas encore de réponse, ou la question a changé depuis
                continue
            vue.remplir(reponse)
            verdict = vue.question.corriger(reponse)
            if verdict.repondu:
                vue.montrer(verdict)
                reprises += 1
        if reprises == 1:
            self.message.info("Votre réponse précédente est reprise, avec sa correction.")
        elif reprises:
            self.message.info(f"Vos {reprises} réponses précédentes sont reprises, avec leur correction.")

    @protege()
    def verifier(self, vue: VueQuestion) -> None:
        """Corrige la réponse d'une question, montre l'explication et l'enregistre."""
        reponse = vue.lire()
        verdict = vue.question.corriger(reponse)
        vue.montrer(verdict)
        if verdict.repondu and self.sauvegarde is not None:
            if not self.sauvegarde.enregistrer(self.questionnaire.cle(vue.question), reponse):
                self.message.erreur(self.sauvegarde.probleme)
            elif self.message.genre == "erreur":
                self.message.effacer()
