"""Tableau de bord du projet de synthèse : le bilan coché, le plan à compléter, le rapport à produire."""

from __future__ import annotations

import datetime as _dt
import html
from pathlib import Path

import ipywidgets as widgets

from strategie.erreurs import SaisieInvalide
from strategie.figures.projet import figure_bilan
from strategie.projet import (
    ETAPES, FICHIER_PLAN, FICHIER_RAPPORT, PILIERS, Etape, Projet, bilan, charger_projet, rapport_html,
)
from strategie.widgets._commun import ChampFichier, ZoneMessage, protege
from strategie.widgets._vivant import FigureVivante
from strategie.widgets.smart import ConstructeurObjectif
from strategie import palette

__all__ = ["TableauDeBordProjet", "liste_bilan_html", "tableau_de_bord_projet"]

_STYLE = {"description_width": "7em"}
_LARGE = widgets.Layout(width="520px")
_LARGEUR_FIGURE = 420


def liste_bilan_html(etapes: list[Etape]) -> str:
    """Le bilan en liste cochée, pilier par pilier (☑ fait, ☐ à faire, avec le message)."""
    morceaux = []
    for pilier, nom in PILIERS.items():
        items = "".join(
            f'<li class="strategie-projet-etape strategie-projet-etape-{"ok" if e.ok else "a-faire"}" '
            f'data-etape="{e.code}" style="margin:3px 0;list-style:none">'
            f'<span style="color:{palette.VERT if e.ok else palette.GRIS};font-weight:bold">{"☑" if e.ok else "☐"}</span> '
            f"<b>{html.escape(e.titre)}</b><br>"
            f"<span style='color:{palette.GRIS};font-size:92%'>{html.escape(e.message)}</span></li>"
            for e in etapes if e.pilier == pilier
        )
        morceaux.append(f"<h4 style='margin:8px 0 2px'>{html.escape(nom)}</h4><ul style='padding-left:0;margin:0'>"
                        f"{items}</ul>")
    return f'<div class="strategie-projet-bilan" style="line-height:1.4">{"".join(morceaux)}</div>'


class TableauDeBordProjet(widgets.VBox):
    """Le projet d'un coup d'œil : le bilan coché, le plan à compléter, le rapport à produire.

    * ``dossier`` : le dossier des fichiers de l'apprenant (``"."`` depuis une leçon). « Rafraîchir »
      y relit le canevas et le canevas stratégique ; le plan y est enregistré (``mon-plan.json``) à
      chaque objectif ajouté ou retiré.
    * ``projet`` : un projet déjà construit (l'exemple, par exemple) ; sans ``dossier``, rien n'est
      enregistré sauf le rapport.
    * ``aujourd_hui`` : la date qui décide si une échéance est passée (par défaut, aujourd'hui).

    ``self.etapes`` est le dernier bilan ; ``self.projet`` le projet modifié.
    """

    def __init__(self, projet: Projet | None = None, dossier: str | Path | None = None,
                 chemin_rapport: str | Path | None = None, aujourd_hui: _dt.date | None = None):
        super().__init__()
        self.add_class("strategie-projet")
        if projet is None and dossier is None:
            raise SaisieInvalide("TableauDeBordProjet : donnez un dossier (dossier=\".\") ou un projet "
                                 "(projet=exemple_projet()).")
        self.projet = projet if projet is not None else charger_projet(dossier)
        if not isinstance(self.projet, Projet):
            raise SaisieInvalide(f"projet : attendu un Projet, pas {type(self.projet).__name__}.")
        if dossier is not None and self.projet.dossier is None:
            self.projet.dossier = Path(dossier)
        self.dossier = Path(dossier) if dossier is not None else None
        self.aujourd_hui = aujourd_hui
        self.etapes: list[Etape] = []
        self.message = ZoneMessage()

        self.entete = widgets.HTML()
        self.progression = widgets.IntProgress(min=0, max=len(ETAPES), description="Étapes faites",
                                               style={**_STYLE, "bar_color": palette.VERT})
        self.compte = widgets.HTML()
        self.bouton_rafraichir = widgets.Button(description="Rafraîchir le bilan", icon="refresh",
                                                layout=widgets.Layout(width="auto"))
        self.liste = widgets.HTML()
        self.figure = FigureVivante(self._figure(bilan(self.projet, self.aujourd_hui)))

        self.bouton_preparer = widgets.Button(description="Préparer le plan depuis la grille ERRC", icon="magic",
                                              layout=widgets.Layout(width="auto"))
        self.boite_constructeur = widgets.VBox()
        self.constructeur: ConstructeurObjectif | None = None
        self._axes: list[str] = []
        self.bouton_ajouter = widgets.Button(description="Ajouter l'objectif au plan", icon="plus",
                                             button_style="primary", layout=widgets.Layout(width="auto"))
        self.choix_objectif = widgets.Dropdown(description="Objectif", style=_STYLE, layout=_LARGE)
        self.bouton_retirer = widgets.Button(description="Retirer l'objectif", icon="trash")

        self.champ_titre = widgets.Text(value=self.projet.titre, description="Titre", style=_STYLE, layout=_LARGE)
        self.champ_auteur = widgets.Text(value=self.projet.auteur, description="Auteur", style=_STYLE,
                                         layout=_LARGE, placeholder="Votre nom")
        defaut = (self.dossier / FICHIER_RAPPORT) if self.dossier is not None else Path(FICHIER_RAPPORT)
        # Le rapport reste dans le dossier de l'apprenant, jamais sur une leçon ou une page qu'il n'a pas écrite.
        self.champ_chemin = ChampFichier(chemin_rapport or defaut, ".html", "ce tableau de bord",
                                         marques=("strategie-projet-rapport",), description="Fichier",
                                         style=_STYLE, layout=_LARGE)
        self.bouton_rapport = widgets.Button(description="Produire le rapport", icon="file", button_style="success",
                                             layout=widgets.Layout(width="auto"))
        for widget, nom in ((self.bouton_rafraichir, "rafraichir"), (self.bouton_preparer, "preparer"),
                            (self.bouton_ajouter, "ajouter"), (self.bouton_retirer, "retirer"),
                            (self.bouton_rapport, "rapport")):
            widget.add_class(f"strategie-projet-{nom}")

        self.bouton_rafraichir.on_click(self.rafraichir)
        self.bouton_preparer.on_click(self.preparer_plan)
        self.bouton_ajouter.on_click(self.ajouter_objectif)
        self.bouton_retirer.on_click(self.retirer_objectif)
        self.bouton_rapport.on_click(self.produire_rapport)

        self.children = [
            self.entete,
            widgets.HBox([self.progression, self.compte, self.bouton_rafraichir]),
            widgets.HBox([widgets.Box([self.liste], layout=widgets.Layout(flex="1 1 0%", min_width="360px")),
                          widgets.Box([self.figure],
                                      layout=widgets.Layout(flex="0 0 auto", width=f"{_LARGEUR_FIGURE + 10}px"))],
                         layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HTML("<h4 style='margin:12px 0 4px'>Compléter le plan d'exécution</h4>"),
            self.bouton_preparer,
            self.boite_constructeur,
            widgets.HBox([self.bouton_ajouter]),
            widgets.HBox([self.choix_objectif, self.bouton_retirer]),
            widgets.HTML("<h4 style='margin:12px 0 4px'>Le rapport imprimable</h4>"),
            self.champ_titre, self.champ_auteur,
            widgets.HBox([self.champ_chemin, self.bouton_rapport, self.champ_chemin.dossier_affiche],
                         layout=widgets.Layout(flex_flow="row wrap", align_items="center")),
            self.message,
        ]
        self._afficher()

    # -- affichage --
    def _afficher(self) -> None:
        p = self.projet
        self.etapes = bilan(p, self.aujourd_hui)
        faites = sum(e.ok for e in self.etapes)
        self.progression.value = faites
        self.compte.value = f"<b style='margin-left:8px'>{faites} / {len(self.etapes)}</b>"
        fichiers = ""
        if p.dossier is not None:
            lignes = "<br>".join(html.escape(ligne) for ligne in p.resume_fichiers().splitlines())
            fichiers = f"<div class='strategie-projet-fichiers' style='font-size:90%;color:{palette.GRIS}'>{lignes}</div>"
        auteur = f" — {html.escape(p.auteur)}" if p.auteur else ""
        self.entete.value = f"<h3 style='margin:4px 0'>{html.escape(p.titre)}{auteur}</h3>{fichiers}"
        self.liste.value = liste_bilan_html(self.etapes)
        self.figure.montrer(self._figure(self.etapes))
        axes = p.plan.axes if p.plan is not None else []
        if self.constructeur is None or self._axes != axes:
            # Le constructeur d'objectifs liste les axes du plan : on le reconstruit quand ils changent.
            self._axes = list(axes)
            self.constructeur = ConstructeurObjectif(axes=axes, aujourd_hui=self.aujourd_hui)
            self.boite_constructeur.children = [self.constructeur] if axes else []
        self.bouton_preparer.layout.display = None if p.plan is None or not p.plan.objectifs else "none"
        self.bouton_ajouter.layout.display = None if axes else "none"
        indicateurs = [o.indicateur for o in p.plan.objectifs] if p.plan is not None else []
        self.choix_objectif.options = indicateurs
        self.choix_objectif.layout.display = self.bouton_retirer.layout.display = None if indicateurs else "none"

    def _figure(self, etapes: list[Etape]):
        # Une largeur fixe : dans une boîte, plotly dessinerait sinon 700 px de large et serait coupé.
        figure = figure_bilan(self.projet, etapes=etapes)
        figure.update_layout(width=_LARGEUR_FIGURE, height=280)
        return figure

    def _enregistrer(self) -> str:
        """Enregistre le plan dans le dossier ; renvoie la fin du message à afficher."""
        if self.dossier is None:
            return " (projet d'exemple : rien n'est enregistré)"
        chemin = self.projet.enregistrer_plan(self.dossier / FICHIER_PLAN)
        return f" ; plan enregistré dans « {chemin} »"

    # -- rappels --
    @protege()
    def rafraichir(self, _bouton=None) -> None:
        """Relit les fichiers du dossier (s'il y en a un) et refait le bilan."""
        if self.projet.dossier is not None:
            self.projet.relire()
        self._afficher()
        faites = sum(e.ok for e in self.etapes)
        if faites == len(self.etapes):
            self.message.succes("Bilan à jour : toutes les étapes sont faites. Produisez le rapport !")
        else:
            suivante = next(e for e in self.etapes if not e.ok)
            self.message.info(f"Bilan à jour : {faites} étape(s) sur {len(self.etapes)}. "
                              f"Prochaine étape : {suivante.titre}.")

    @protege()
    def preparer_plan(self, _bouton=None) -> None:
        plan = self.projet.preparer_plan(remplacer=False)
        suite = self._enregistrer()
        self._afficher()
        self.message.succes(f"Plan préparé : {len(plan.axes)} axe(s), un par facteur à renforcer ou à créer{suite}. "
                            "Écrivez maintenant un objectif SMART pour chaque axe.")

    @protege()
    def ajouter_objectif(self, _bouton=None) -> None:
        objectif = self.constructeur.objectif if self.constructeur is not None else None
        if objectif is None:
            raise SaisieInvalide("L'objectif n'est pas complet : remplissez au moins quoi, indicateur, cible et "
                                 "échéance (la liste SMART dit ce qui manque).")
        self.projet.ajouter_objectif(objectif)
        suite = self._enregistrer()
        self._afficher()
        self.message.succes(f"Objectif « {objectif.quoi} » ajouté à l'axe « {objectif.axe} »{suite}.")

    @protege()
    def retirer_objectif(self, _bouton=None) -> None:
        if not self.choix_objectif.value:
            raise SaisieInvalide("Choisissez d'abord dans la liste l'objectif à retirer.")
        objectif = self.projet.retirer_objectif(self.choix_objectif.value)
        suite = self._enregistrer()
        self._afficher()
        self.message.succes(f"Objectif « {objectif.quoi} » retiré{suite}.")

    @protege()
    def produire_rapport(self, _bouton=None) -> None:
        self.projet.titre = self.champ_titre.value
        self.projet.auteur = self.champ_auteur.value
        chemin = rapport_html(self.projet, self.champ_chemin.fichier(), self.aujourd_hui)
        if self.dossier is not None:
            self.projet.enregistrer_plan(self.dossier / FICHIER_PLAN)  # garde le titre et l'auteur
        self._afficher()
        taille = f"{chemin.stat().st_size / 1e6:.1f}".replace(".", ",")
        faites = sum(e.ok for e in self.etapes)
        self.message.succes(
            f"Rapport écrit dans « {chemin.resolve()} » ({taille} Mo, {faites} étape(s) faite(s) sur "
            f"{len(self.etapes)}). Dans l'explorateur de fichiers : clic droit → « Ouvrir dans un nouvel onglet du "
            "navigateur », puis Ctrl+P pour l'imprimer ou l'enregistrer en PDF."
        )


def tableau_de_bord_projet(dossier: str | Path | None = ".", projet: Projet | None = None,
                           aujourd_hui: _dt.date | None = None,
                           chemin_rapport: str | Path | None = None) -> TableauDeBordProjet:
    """Le tableau de bord de votre projet (fichiers du dossier), ou d'un projet donné (rien n'est alors lu)."""
    return TableauDeBordProjet(projet=projet, dossier=dossier if projet is None else None,
                               chemin_rapport=chemin_rapport, aujourd_hui=aujourd_hui)
