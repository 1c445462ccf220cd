"""Vue du canevas stratégique : des curseurs pour votre offre, les courbes et la grille ERRC en direct."""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from strategie.canevas_strategique import ACTIONS, LIBELLES_ACTIONS, CanevasStrategique, nombre_fr
from strategie.erreurs import SaisieInvalide
from strategie.figures.canevas_strategique import COULEURS_ACTIONS, figure_courbes_de_valeur
from strategie.widgets._commun import ZoneMessage, protege

__all__ = ["EditeurCanevasStrategique", "canevas_de_depart", "grille_html"]

MOYENNE = "moyenne"


def canevas_de_depart() -> CanevasStrategique:
    """Un petit canevas pour commencer : une librairie de quartier face à deux concurrents."""
    return CanevasStrategique(
        ["Prix", "Choix de titres", "Conseil personnalisé", "Livraison rapide", "Ambiance du lieu"],
        {
            "Grande enseigne culturelle": [6, 8, 4, 6, 5],
            "Site de vente en ligne": [4, 10, 1, 10, 0],
            "Ma librairie": [5, 5, 5, 5, 5],
        },
        focale="Ma librairie",
        titre="Ma librairie face à ses concurrents",
    )


def remplacer_figure(cible: go.FigureWidget, source: go.Figure) -> None:
    """Copie ``source`` dans la figure vivante ``cible`` en une seule mise à jour."""
    with cible.batch_update():
        cible.data = ()
        cible.add_traces(list(source.data))
        cible.layout = source.layout


def grille_html(grille) -> str:
    """La grille ERRC en tableau 2 × 2 (éliminer | renforcer / réduire | créer)."""

    def case(action: str) -> str:
        facteurs = getattr(grille, action)
        contenu = "<br>".join(html.escape(f) for f in facteurs) if facteurs else "<i>—</i>"
        couleur = COULEURS_ACTIONS[action]
        return (
            f'<td class="strategie-errc-{action}" style="vertical-align:top;padding:6px 10px;'
            f'border:2px solid {couleur};width:50%"><b style="color:{couleur}">{LIBELLES_ACTIONS[action]}</b>'
            f"<br>{contenu}</td>"
        )

    return (
        '<table class="strategie-errc" style="border-collapse:collapse;min-width:280px">'
        f"<tr>{case('eliminer')}{case('renforcer')}</tr>"
        f"<tr>{case('reduire')}{case('creer')}</tr></table>"
    )


class EditeurCanevasStrategique(widgets.VBox):
    """Réglez votre offre facteur par facteur face aux concurrents.

    Les curseurs modifient la courbe de l'offre focale de ``canevas`` (par
    défaut : un petit exemple de librairie). La figure, la grille ERRC (par
    rapport à la moyenne des concurrents ou à une offre choisie) et les
    mesures de focalisation et de divergence suivent en direct. On peut
    ajouter ou retirer un facteur et écrire un slogan. ``self.canevas`` est le
    modèle modifié : relisez-le dans le carnet après avoir joué.
    """

    def __init__(self, canevas: CanevasStrategique | None = None, reference: str = MOYENNE):
        super().__init__()
        self.add_class("strategie-canevas-strategique")
        self.canevas = canevas if canevas is not None else canevas_de_depart()
        if not isinstance(self.canevas, CanevasStrategique):
            raise SaisieInvalide(
                "EditeurCanevasStrategique attend un CanevasStrategique (ou rien, pour partir d'un exemple)."
            )
        if self.canevas.focale is None:
            raise SaisieInvalide("Le canevas n'a aucune offre : ajoutez au moins votre offre avant d'ouvrir l'éditeur.")
        self.message = ZoneMessage()
        self._en_construction = False
        self.curseurs: dict[str, widgets.FloatSlider] = {}

        self.titre = widgets.HTML()
        self.figure = go.FigureWidget()
        self.grille = widgets.HTML()
        self.mesures = widgets.HTML()
        self.reference = widgets.Dropdown(description="Comparer à", style={"description_width": "initial"})
        self.boite_curseurs = widgets.VBox()
        self.nouveau_facteur = widgets.Text(
            placeholder="Nouveau facteur, p. ex. « Ateliers »", layout=widgets.Layout(width="260px")
        )
        self.bouton_ajouter = widgets.Button(description="Ajouter le facteur", icon="plus")
        self.facteur_a_retirer = widgets.Dropdown(layout=widgets.Layout(width="220px"))
        self.bouton_retirer = widgets.Button(description="Retirer", icon="trash")
        self.slogan = widgets.Text(
            value=self.canevas.slogan,
            description="Slogan",
            placeholder="Votre stratégie en une phrase vraie",
            continuous_update=False,
            layout=widgets.Layout(width="480px"),
        )
        self.nouveau_facteur.add_class("strategie-canevas-strategique-nouveau")
        self.bouton_ajouter.add_class("strategie-canevas-strategique-ajouter")
        self.bouton_retirer.add_class("strategie-canevas-strategique-retirer")

        self.reference.observe(self._sur_reference, names="value")
        self.bouton_ajouter.on_click(self._sur_ajout)
        self.nouveau_facteur.on_submit(self._sur_ajout)
        self.bouton_retirer.on_click(self._sur_retrait)
        self.slogan.observe(self._sur_slogan, names="value")

        colonne_droite = widgets.VBox(
            [self.reference, self.grille, self.mesures], layout=widgets.Layout(width="36%", min_width="300px")
        )
        reglages = widgets.VBox(
            [
                widgets.HTML(f"<b>Niveaux de « {html.escape(self.canevas.focale)} »</b>"),
                self.boite_curseurs,
                widgets.HBox([self.nouveau_facteur, self.bouton_ajouter]),
                widgets.HBox([self.facteur_a_retirer, self.bouton_retirer]),
                self.slogan,
            ]
        )
        self.children = [
            self.titre,
            widgets.HBox([widgets.Box([self.figure], layout=widgets.Layout(width="64%")), colonne_droite]),
            reglages,
            self.message,
        ]
        self._reconstruire(reference)

    # -- construction --

    @property
    def offre(self) -> str:
        return self.canevas.focale

    def _reconstruire(self, reference: str | None = None) -> None:
        """Refait curseurs et listes après un ajout ou un retrait de facteur."""
        self._en_construction = True
        try:
            bas, haut = self.canevas.echelle
            pas = 0.5 if (haut - bas) <= 20 else (haut - bas) / 40
            courbe = self.canevas.courbe(self.offre)
            self.curseurs = {}
            for facteur, niveau in courbe.items():
                curseur = widgets.FloatSlider(
                    value=niveau, min=bas, max=haut, step=pas, description=facteur,
                    continuous_update=False, readout_format=".1f",
                    style={"description_width": "200px"}, layout=widgets.Layout(width="480px"),
                )
                curseur.add_class("strategie-canevas-strategique-curseur")
                curseur.observe(self._sur_curseur, names="value")
                self.curseurs[facteur] = curseur
            self.boite_curseurs.children = list(self.curseurs.values())
            self.facteur_a_retirer.options = self.canevas.facteurs
            ancienne = reference if reference is not None else self.reference.value
            options = [("Moyenne des concurrents", MOYENNE)] + [(o, o) for o in self.canevas.concurrents()]
            self.reference.options = options
            valeurs = [v for _, v in options]
            self.reference.value = ancienne if ancienne in valeurs else MOYENNE
        finally:
            self._en_construction = False
        self._rafraichir()

    def _rafraichir(self) -> None:
        c = self.canevas
        self.titre.value = f"<h4 style='margin:4px 0'>{html.escape(c.titre or 'Canevas stratégique')}</h4>"
        remplacer_figure(self.figure, figure_courbes_de_valeur(c, hauteur=460))
        if not c.facteurs:
            self.grille.value = "<i>Ajoutez un facteur pour obtenir la grille ERRC.</i>"
            self.mesures.value = ""
            return
        if not c.concurrents():
            self.grille.value = "<i>Ajoutez une offre concurrente pour comparer.</i>"
            self.mesures.value = ""
            return
        grille = c.grille_errc(self.reference.value, c.focale)
        self.grille.value = grille_html(grille)
        constats = "".join(f"<li>{html.escape(t)}</li>" for t in c.diagnostic())
        self.mesures.value = (
            f"<div class='strategie-canevas-strategique-mesures'>Focalisation : <b>{nombre_fr(round(c.focalisation(), 2))}</b>"
            f" · divergence : <b>{nombre_fr(round(c.divergence(), 2))}</b> (de 0 à 1)"
            f"<ul style='margin:4px 0;padding-left:18px'>{constats}</ul></div>"
        )

    # -- rappels --

    @protege()
    def _sur_curseur(self, changement) -> None:
        if self._en_construction:
            return
        facteur = next(f for f, w in self.curseurs.items() if w is changement["owner"])
        self.canevas.fixer_niveau(self.offre, facteur, changement["new"])
        self.message.effacer()
        self._rafraichir()

    @protege()
    def _sur_reference(self, _changement) -> None:
        if not self._en_construction:
            self._rafraichir()

    @protege()
    def _sur_ajout(self, _bouton=None) -> None:
        nom = self.canevas.ajouter_facteur(self.nouveau_facteur.value)
        self.nouveau_facteur.value = ""
        self._reconstruire()
        self.message.succes(
            f"Facteur « {nom} » ajouté, au bas de l'échelle pour toutes les offres (personne ne le propose "
            "encore) : montez votre curseur pour le créer."
        )

    @protege()
    def _sur_retrait(self, _bouton=None) -> None:
        nom = self.facteur_a_retirer.value
        if nom is None:
            raise SaisieInvalide("Il n'y a aucun facteur à retirer.")
        self.canevas.retirer_facteur(nom)
        self._reconstruire()
        self.message.info(f"Facteur « {nom} » retiré du canevas.")

    @protege()
    def _sur_slogan(self, changement) -> None:
        self.canevas.slogan = changement["new"]
        self.message.effacer()
        self._rafraichir()
