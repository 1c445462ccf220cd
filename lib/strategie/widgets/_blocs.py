"""Briques communes aux vues des blocs : verser un bloc dans le canevas de l'apprenant."""

from __future__ import annotations

from typing import Callable, Iterable

import ipywidgets as widgets

from strategie import _blocs
from strategie.canevas import BLOCS, FICHIER_PAR_DEFAUT, cle_de_bloc
from strategie.widgets._commun import ZoneMessage, protege


class LigneCanevas(widgets.HBox):
    """Un champ « fichier » et un bouton qui versent les notes d'un outil dans un bloc du canevas.

    ``notes`` est appelé au clic et renvoie les textes à poser dans le bloc ; les
    notes déjà présentes sont sautées, un fichier abîmé n'est pas touché.
    """

    def __init__(self, bloc: str, notes: Callable[[], Iterable[str]], message: ZoneMessage,
                 chemin: str = FICHIER_PAR_DEFAUT):
        self.bloc = cle_de_bloc(bloc)
        self._notes = notes
        self.message = message
        self.chemin = widgets.Text(value=str(chemin), description="Fichier :", layout=widgets.Layout(width="300px"))
        self.bouton = widgets.Button(description="Ajouter à mon canevas", icon="share", button_style="info",
                                     layout=widgets.Layout(width="auto"))
        self.bouton.on_click(lambda _: self.verser())
        super().__init__([self.chemin, self.bouton])
        self.add_class("strategie-vers-canevas")

    @protege()
    def verser(self) -> None:
        textes = list(self._notes())
        titre = BLOCS[self.bloc].titre
        if not textes:
            self.message.info(f"Rien à ajouter au bloc « {titre} » pour l'instant.")
            return
        chemin = self.chemin.value.strip() or FICHIER_PAR_DEFAUT
        ajoutees = _blocs.verser_dans_fichier(self.bloc, textes, chemin)
        deja = len(textes) - ajoutees
        self.message.succes(
            f"{ajoutees} note(s) ajoutée(s) au bloc « {titre} » de « {chemin} »"
            + (f" ({deja} déjà présente(s))." if deja else ".")
        )
