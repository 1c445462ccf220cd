"""Atelier du canevas de proposition de valeur : profil du client, carte de la valeur, adéquation."""

from __future__ import annotations

import html

import ipywidgets as widgets

from strategie.canevas import FICHIER_PAR_DEFAUT
from strategie.figures.proposition_valeur import figure_proposition
from strategie.proposition_valeur import CARTE, CIBLE, DEFINITIONS, GENRES, PROFIL, CanevasProposition
from strategie.widgets._blocs import LigneCanevas
from strategie.widgets._commun import ZoneMessage, protege
from strategie.widgets._vivant import FigureVivante, formulaire, liste_html

_STYLE = {"description_width": "130px"}
_LARGE = widgets.Layout(width="460px")
_SEP = "\u241f"  # sépare le genre et le texte dans les valeurs de la liste


class AtelierProposition(widgets.VBox):
    """Remplissez le profil du client puis la carte de la valeur ; l'outil montre l'adéquation et les manques.

    >>> vue = AtelierProposition()          # ou AtelierProposition(un_canevas_de_proposition)
    """

    def __init__(self, canevas_proposition: CanevasProposition | None = None, chemin: str = FICHIER_PAR_DEFAUT):
        self.message = ZoneMessage()
        self.modele = canevas_proposition if canevas_proposition is not None else CanevasProposition()
        self.segment = widgets.Text(value=self.modele.segment, description="Segment", style=_STYLE, layout=_LARGE)
        self.proposition = widgets.Text(value=self.modele.proposition, description="Proposition",
                                        style=_STYLE, layout=_LARGE)
        self.segment.observe(lambda _: self._renommer(), names="value")
        self.proposition.observe(lambda _: self._renommer(), names="value")
        self.genre = widgets.Dropdown(options=[(f"Profil — {GENRES[g]}", g) for g in PROFIL]
                                      + [(f"Carte — {GENRES[g]}", g) for g in CARTE],
                                      value="taches", description="Partie", style=_STYLE, layout=_LARGE)
        self.definition = widgets.HTML()
        self.texte = widgets.Text(description="Élément", placeholder="quelques mots", style=_STYLE, layout=_LARGE)
        self.importance = widgets.ToggleButtons(options=[("faible", 1), ("moyenne", 2), ("forte", 3)], value=2,
                                                description="Importance", style=_STYLE)
        self.repond_a = widgets.SelectMultiple(options=[], rows=4, description="Répond à", style=_STYLE,
                                               layout=_LARGE)
        self.bouton_ajouter = widgets.Button(description="Ajouter", icon="plus", button_style="primary")
        self.liste = widgets.Select(options=[], rows=10, tooltip="Éléments du canevas", layout=widgets.Layout(width="460px"))
        self.bouton_relier = widgets.Button(description="Relier (selon « Répond à »)", icon="link",
                                            layout=widgets.Layout(width="auto"))
        self.bouton_retirer = widgets.Button(description="Retirer", icon="trash")
        self.bouton_ajouter.on_click(lambda _: self.ajouter())
        self.bouton_relier.on_click(lambda _: self.relier())
        self.bouton_retirer.on_click(lambda _: self.retirer())
        self.genre.observe(lambda _: self._changer_genre(), names="value")
        self.liste.observe(lambda _: self._selection(), names="value")
        self.resume = widgets.HTML()
        self.resume.add_class("strategie-proposition-resume")
        self.figure = FigureVivante(figure_proposition(self.modele))
        self.canevas = LigneCanevas("proposition_de_valeur", lambda: self.modele.notes(), self.message, chemin)
        super().__init__([
            widgets.HTML("<h3>Canevas de proposition de valeur</h3>"),
            self.segment, self.proposition,
            formulaire([self.genre, self.definition, self.texte, self.importance, self.repond_a, self.bouton_ajouter],
                       [widgets.HTML("<b>Éléments du canevas</b>"), self.liste,
                        widgets.HBox([self.bouton_relier, self.bouton_retirer])]),
            self.message, self.resume, self.figure, self.canevas,
        ])
        self.add_class("strategie-proposition")
        self._changer_genre()
        self.rafraichir()

    def _changer_genre(self) -> None:
        genre = self.genre.value
        self.definition.value = f"<small><i>{html.escape(GENRES[genre])}</i> : {html.escape(DEFINITIONS[genre])}</small>"
        profil = genre in PROFIL
        self.importance.layout.display = None if profil else "none"
        self.repond_a.layout.display = "none" if profil else None
        if not profil:
            self.repond_a.description = f"Répond à ({GENRES[CIBLE[genre]].split()[0].lower()})"
            self.repond_a.options = self.modele.textes(CIBLE[genre])

    def rafraichir(self) -> None:
        self.liste.options = [(f"{GENRES[e.genre]} — {e.texte}", f"{e.genre}{_SEP}{e.texte}")
                              for e in self.modele.elements()]
        self._changer_genre()
        a = self.modele.adequation()
        manques = [f"{GENRES[g]} : {t}" for g in PROFIL for t in a.sans_reponse[g]]
        self.resume.value = (
            f"<p><b>Adéquation : {a.taux:.0f} %</b> — {html.escape(a.verdict)}</p>"
            + (f"<p>Sans réponse :</p>{liste_html(manques)}" if manques and any(self.modele.elements(g) for g in CARTE) else "")
            + (f"<p>Ne répond à rien :</p>{liste_html([t for _, t in a.superflus])}" if a.superflus else "")
        )
        self.figure.montrer(figure_proposition(self.modele))

    @protege()
    def _renommer(self) -> None:
        from strategie import _blocs

        self.modele.segment = _blocs.texte(self.segment.value, "Le nom du segment")
        self.modele.proposition = _blocs.texte(self.proposition.value, "L'énoncé de la proposition de valeur")
        self.message.effacer()
        self.rafraichir()

    @protege()
    def ajouter(self) -> None:
        genre = self.genre.value
        if genre in PROFIL:
            element = self.modele.ajouter(genre, self.texte.value, importance=self.importance.value)
        else:
            element = self.modele.ajouter(genre, self.texte.value, repond_a=list(self.repond_a.value))
        self.texte.value = ""
        self.repond_a.value = ()
        self.rafraichir()
        self.message.succes(f"« {element.texte} » ajouté à « {GENRES[genre]} ».")

    def _choisi(self) -> tuple[str, str] | None:
        if not self.liste.value:
            return None
        genre, texte = self.liste.value.split(_SEP, 1)
        return genre, texte

    def _selection(self) -> None:
        # Choisir un élément de la carte de valeur montre à quoi il répond, prêt à être changé.
        choisi = self._choisi()
        if choisi is not None and choisi[0] in CARTE:
            self.genre.value = choisi[0]
            self.repond_a.value = tuple(self.modele.element(*choisi).repond_a)

    @protege()
    def relier(self) -> None:
        choisi = self._choisi()
        if choisi is None or choisi[0] not in CARTE:
            self.message.info("Choisissez dans la liste un élément de la carte (produit, réducteur ou créateur), "
                              "puis, dans « Répond à », ce qu'il sert.")
            return
        element = self.modele.relier(choisi[0], choisi[1], list(self.repond_a.value), remplacer=True)
        self.rafraichir()
        servis = ", ".join(element.repond_a) or "rien pour l'instant"
        self.message.succes(f"« {element.texte} » répond maintenant à : {servis}.")

    @protege()
    def retirer(self) -> None:
        choisi = self._choisi()
        if choisi is None:
            self.message.info("Choisissez d'abord dans la liste l'élément à retirer.")
            return
        element = self.modele.retirer(*choisi)
        self.rafraichir()
        self.message.succes(f"« {element.texte} » retiré.")


def atelier_proposition(canevas_proposition: CanevasProposition | None = None,
                        chemin: str = FICHIER_PAR_DEFAUT) -> AtelierProposition:
    """Ouvre l'atelier du canevas de proposition de valeur (vide, ou sur un canevas existant)."""
    return AtelierProposition(canevas_proposition, chemin)
