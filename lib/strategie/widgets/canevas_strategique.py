"""Vue du canevas stratégique : des curseurs pour votre offre, les courbes et la grille ERRC en direct."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from strategie.canevas_strategique import CanevasStrategique, nombre_fr
from strategie.erreurs import SaisieInvalide
from strategie.figures.canevas_strategique import figure_courbes_de_valeur, tableau_errc_html
from strategie._fichiers import elements_enregistres
from strategie.widgets._commun import (
    Confirmation, Curseur, FigureVivante, ZoneMessage, enregistrer_sans_ecraser, protege,
)

__all__ = ["EditeurCanevasStrategique", "canevas_de_depart", "grille_html"]

MOYENNE = "moyenne"
_CHAMP = widgets.Layout(width="260px")
_BOUTON = widgets.Layout(width="190px")
# Une largeur fixe : dans une boîte, plotly dessine 700 px quelle que soit la place ; la grille passe dessous si besoin.
_LARGEUR_FIGURE = 660


def _figure(canevas: CanevasStrategique):
    figure = figure_courbes_de_valeur(canevas, hauteur=460)
    figure.update_layout(width=_LARGEUR_FIGURE)
    return figure


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


def grille_html(grille) -> str:
    """La grille ERRC en tableau 2 × 2 (éliminer | renforcer / réduire | créer)."""
    return tableau_errc_html(grille)


class EditeurCanevasStrategique(widgets.VBox):
    """Réglez votre offre facteur par facteur face aux concurrents.

    Les curseurs règlent l'offre choisie dans « Offre réglée » (votre offre,
    la focale, par défaut ; choisissez un concurrent pour régler ses niveaux).
    La figure, la grille ERRC (de la moyenne des concurrents, ou d'une offre
    choisie, vers votre offre) et les mesures de focalisation et de divergence
    suivent en direct. On peut ajouter ou retirer un facteur, ajouter une
    offre concurrente et écrire un slogan. ``self.canevas`` est le modèle
    modifié : relisez-le dans le carnet après avoir joué. Avec ``chemin``, un
    bouton enregistre le canevas dans ce fichier JSON ; un canevas sans facteur ne
    remplace un fichier qui en a qu'après confirmation. « Annuler le retrait » remet
    le dernier facteur retiré, à sa place et avec ses niveaux.
    """

    def __init__(self, canevas: CanevasStrategique | None = None, reference: str = MOYENNE, chemin=None):
        super().__init__()
        self.add_class("strategie-canevas-strategique")
        self.canevas = canevas if canevas is not None else canevas_de_depart()
        if not isinstance(self.canevas, CanevasStrategique):
            raise SaisieInvalide(
                "EditeurCanevasStrategique attend un CanevasStrategique (ou rien, pour partir d'un exemple)."
            )
        if self.canevas.focale is None:
            raise SaisieInvalide(
                "Le canevas n'a aucune offre : ajoutez au moins votre offre (ajouter_offre) avant d'ouvrir l'éditeur."
            )
        self.canevas.focale = self.canevas.focale  # épinglée : ajouter un concurrent ne doit pas changer votre offre
        self.chemin = chemin
        self.message = ZoneMessage()
        self.confirmation = Confirmation()
        self._retraits: list[tuple[str, int, dict[str, float]]] = []  # ce que « Annuler le retrait » remet
        self._en_construction = False
        self.curseurs: dict[str, Curseur] = {}

        self.titre = widgets.HTML()
        self.figure = FigureVivante(_figure(self.canevas))
        self.grille = widgets.HTML()
        self.mesures = widgets.HTML()
        self.reference = widgets.Dropdown(description="Comparer à", style={"description_width": "initial"})
        self.offre_reglee = widgets.Dropdown(description="Offre réglée", style={"description_width": "initial"})
        self.boite_curseurs = widgets.VBox()
        self.nouveau_facteur = widgets.Text(placeholder="Nouveau facteur, p. ex. « Ateliers »", tooltip="Nouveau facteur",
                                            layout=_CHAMP)
        self.bouton_ajouter = widgets.Button(description="Ajouter le facteur", icon="plus", layout=_BOUTON)
        self.facteur_a_retirer = widgets.Dropdown(tooltip="Facteur à retirer", layout=_CHAMP)
        self.bouton_retirer = widgets.Button(description="Retirer le facteur", icon="trash", layout=_BOUTON)
        self.bouton_annuler_retrait = widgets.Button(description="Annuler le retrait", icon="undo",
                                                     layout=widgets.Layout(width="auto", display="none"))
        self.nouvelle_offre = widgets.Text(placeholder="Nouvelle offre concurrente", tooltip="Nouvelle offre concurrente",
                                           layout=_CHAMP)
        self.bouton_offre = widgets.Button(description="Ajouter l'offre", icon="plus", layout=_BOUTON)
        self.slogan = widgets.Text(
            value=self.canevas.slogan, description="Slogan", placeholder="Votre stratégie en une phrase vraie",
            continuous_update=False, layout=widgets.Layout(width="520px"),
        )
        self.bouton_enregistrer = widgets.Button(description="Enregistrer", icon="save", button_style="primary")
        for widget, nom in (
            (self.nouveau_facteur, "nouveau"), (self.bouton_ajouter, "ajouter"), (self.bouton_retirer, "retirer"),
            (self.nouvelle_offre, "nouvelle-offre"), (self.bouton_enregistrer, "enregistrer"),
            (self.bouton_annuler_retrait, "annuler-retrait"),
        ):
            widget.add_class(f"strategie-canevas-strategique-{nom}")

        self.reference.observe(self._sur_reference, names="value")
        self.offre_reglee.observe(self._sur_offre_reglee, names="value")
        self.bouton_ajouter.on_click(self._sur_ajout)
        self.bouton_retirer.on_click(self._sur_retrait)
        self.bouton_annuler_retrait.on_click(self._sur_annulation_retrait)
        self.bouton_offre.on_click(self._sur_ajout_offre)
        self.slogan.observe(self._sur_slogan, names="value")
        self.bouton_enregistrer.on_click(self._sur_enregistrement)

        colonne_droite = widgets.VBox(
            [self.reference, self.grille, self.mesures], layout=widgets.Layout(flex="1 1 300px", min_width="300px")
        )
        reglages = widgets.VBox(
            [
                self.offre_reglee,
                self.boite_curseurs,
                widgets.HBox([self.nouveau_facteur, self.bouton_ajouter]),
                widgets.HBox([self.facteur_a_retirer, self.bouton_retirer, self.bouton_annuler_retrait]),
                widgets.HBox([self.nouvelle_offre, self.bouton_offre]),
                widgets.HBox([self.slogan] + ([self.bouton_enregistrer] if chemin else [])),
            ]
        )
        self.children = [
            self.titre,
            widgets.HBox([widgets.Box([self.figure], layout=widgets.Layout(flex="0 0 auto", width=f"{_LARGEUR_FIGURE + 10}px")),
                          colonne_droite], layout=widgets.Layout(flex_flow="row wrap")),
            reglages,
            self.confirmation,
            self.message,
        ]
        self._reconstruire(reference)

    # -- construction --

    @property
    def offre(self) -> str:
        """L'offre que règlent les curseurs."""
        choisie = self.offre_reglee.value
        return choisie if choisie in self.canevas.offres else self.canevas.focale

    def _reconstruire(self, reference: str | None = None) -> None:
        """Refait curseurs et listes après un changement de facteurs ou d'offres."""
        self._en_construction = True
        try:
            c = self.canevas
            offre = self.offre
            self.offre_reglee.options = [(f"{o} (votre offre)" if o == c.focale else o, o) for o in c.offres]
            self.offre_reglee.value = offre
            bas, haut = c.echelle
            pas = 0.5 if (haut - bas) <= 20 else (haut - bas) / 40
            self.curseurs = {}
            for facteur, niveau in c.courbe(offre).items():
                curseur = Curseur(
                    value=niveau, min=bas, max=haut, step=pas, description=facteur, continuous_update=False,
                    style={"description_width": "200px"}, layout=widgets.Layout(width="480px"),
                )
                curseur.add_class("strategie-canevas-strategique-curseur")
                curseur.observe(self._sur_curseur, names="value")
                self.curseurs[facteur] = curseur
            self.boite_curseurs.children = [c.boite for c in self.curseurs.values()]
            facteurs = c.facteurs
            choisi = self.facteur_a_retirer.value
            self.facteur_a_retirer.options = facteurs
            self.facteur_a_retirer.value = choisi if choisi in facteurs else (facteurs[0] if facteurs else None)
            ancienne = reference if reference is not None else self.reference.value
            options = [("Moyenne des concurrents", MOYENNE)] + [(o, o) for o in c.concurrents()]
            self.reference.options = options
            self.reference.value = ancienne if ancienne in [v for _, v in options] else MOYENNE
        finally:
            self._en_construction = False
        self._rafraichir()

    def _rafraichir(self) -> None:
        c = self.canevas
        self.confirmation.retirer()  # le canevas a changé : une question en attente ne tient plus
        self.bouton_annuler_retrait.layout.display = None if self._retraits else "none"
        if self._retraits:
            self.bouton_annuler_retrait.tooltip = f"Remettre « {self._retraits[-1][0]} » à sa place"
        self.titre.value = f"<h4 style='margin:4px 0'>{html.escape(c.titre or 'Canevas stratégique')}</h4>"
        self.figure.montrer(_figure(c))
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
            f"<div class='strategie-canevas-strategique-mesures'>« {html.escape(c.focale)} » : focalisation "
            f"<b>{nombre_fr(round(c.focalisation(), 2))}</b> · divergence <b>{nombre_fr(round(c.divergence(), 2))}</b>"
            f" (de 0 à 1)<ul style='margin:4px 0;padding-left:18px'>{constats}</ul></div>"
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
    def _sur_offre_reglee(self, _changement) -> None:
        if not self._en_construction:
            self._reconstruire()

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
        c = self.canevas
        niveaux = {o: c.niveau(o, nom) for o in c.offres}
        position = c.facteurs.index(nom)
        c.retirer_facteur(nom)
        self._retraits.append((nom, position, niveaux))
        self._reconstruire()
        self.message.info(f"Facteur « {nom} » retiré du canevas (« Annuler le retrait » le remet).")

    @protege()
    def _sur_annulation_retrait(self, _bouton=None) -> None:
        if not self._retraits:
            raise SaisieInvalide("Aucun retrait à annuler.")
        nom, position, niveaux = self._retraits[-1]
        c = self.canevas
        # Les offres ajoutées depuis gardent le bas de l'échelle ; le facteur reprend sa place.
        remis = c.ajouter_facteur(nom, {o: v for o, v in niveaux.items() if o in c.offres},
                                  min(position, len(c.facteurs)))
        self._retraits.pop()
        self._reconstruire()
        self.message.succes(f"Facteur « {remis} » remis à sa place, avec ses niveaux.")

    @protege()
    def _sur_ajout_offre(self, _bouton=None) -> None:
        # Un nouveau concurrent part de la moyenne des autres : on l'ajuste ensuite avec les curseurs.
        c = self.canevas
        nom = c.ajouter_offre(self.nouvelle_offre.value, list(c.tableau().mean(axis=1)) if c.facteurs else [])
        self.nouvelle_offre.value = ""
        self.offre_reglee.options = [*self.offre_reglee.options, (nom, nom)]
        self._en_construction = True
        self.offre_reglee.value = nom
        self._en_construction = False
        self._reconstruire()
        self.message.succes(f"Offre « {nom} » ajoutée à la moyenne des autres : réglez ses niveaux avec les curseurs.")

    @protege()
    def _sur_slogan(self, changement) -> None:
        self.canevas.slogan = changement["new"]
        self.message.effacer()
        self._rafraichir()

    @protege()
    def _sur_enregistrement(self, _bouton=None) -> None:
        deja = elements_enregistres(self.chemin, "facteurs")
        enregistrer_sans_ecraser(
            self, deja=deja, vide=not self.canevas.facteurs, ecrire=self._ecrire,
            question=f"« {Path(self.chemin).name} » contient {deja} facteur(s) et ce canevas n'en a plus : le "
                     "remplacer par un canevas sans facteur ?",
            rappel="« Annuler le retrait » remet les facteurs retirés")

    @protege()
    def _ecrire(self) -> None:
        self.confirmation.retirer()
        chemin = Path(self.canevas.enregistrer(self.chemin)).resolve()
        self.message.succes(f"Canevas stratégique enregistré dans « {chemin} ».")
