"""Briques communes aux vues des blocs : verser un bloc dans le canevas de l'apprenant."""

from __future__ import annotations

from typing import Callable, Iterable

import ipywidgets as widgets

from strategie import _blocs
from strategie.canevas import BLOCS, FICHIER_PAR_DEFAUT, FORMAT, cle_de_bloc
from strategie.widgets._commun import ChampFichier, ZoneMessage, protege


class LigneCanevas(widgets.HBox):
    """Un champ « fichier » et un bouton qui versent les notes d'un outil dans un bloc du canevas.

    ``notes`` est appelé au clic et renvoie les textes à poser dans le bloc ; les
    notes déjà présentes sont sautées, un fichier abîmé n'est pas touché. Le fichier reste
    dans le dossier de ``chemin`` (``self.dossier``, affiché) : le champ n'accepte qu'un nom,
    et jamais un fichier qui n'est pas un canevas du cours.
    """

    def __init__(self, bloc: str, notes: Callable[[], Iterable[str]], message: ZoneMessage,
                 chemin: str = FICHIER_PAR_DEFAUT):
        self.bloc = cle_de_bloc(bloc)
        self._notes = notes
        self.message = message
        self.chemin = ChampFichier(chemin, ".json", "cet outil", FORMAT)
        self.dossier = self.chemin.dossier
        self.bouton = widgets.Button(description="Ajouter à mon canevas", icon="share", button_style="info",
                                     layout=widgets.Layout(width="auto"))
        self.bouton.on_click(lambda _: self.verser())
        super().__init__([self.chemin, self.bouton, self.chemin.dossier_affiche],
                         layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        self.add_class("strategie-vers-canevas")

    @protege()
    def verser(self) -> None:
        textes = list(self._notes())
        titre = BLOCS[self.bloc].titre
        if not textes:
            self.message.info(f"Rien à ajouter au bloc « {titre} » pour l'instant.")
            return
        # On lit le canevas avant de l'écrire : un fichier qui n'est pas un canevas est refusé là, avec sa raison.
        chemin = self.chemin.fichier(verifier_auteur=False)
        ajoutees = _blocs.verser_dans_fichier(self.bloc, textes, chemin)
        deja = len(textes) - ajoutees
        self.message.succes(
            f"{ajoutees} note(s) ajoutée(s) au bloc « {titre} » de « {chemin} »"
            + (f" ({deja} déjà présente(s))." if deja else ".")
        )
