"""Éditeur de canevas : les neuf blocs dans leur disposition classique, des notes, un fichier."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets

from strategie._fichiers import elements_enregistres
from strategie.canevas import BLOCS, FICHIER_PAR_DEFAUT, FORMAT, Canevas, ouvrir
from strategie.figures.canevas import exporter_html, figure_canevas
from strategie import palette
from strategie.widgets._commun import (
    ChampFichier, Confirmation, FigureVivante, ZoneMessage, enregistrer_sans_ecraser, protege,
)

_OUTIL = "l'éditeur de canevas"

# Disposition classique en zones de grille CSS : 10 colonnes, 3 lignes.
_ZONES = '\n'.join([
    '"pa pa ac ac pv pv rc rc sc sc"',
    '"pa pa re re pv pv ca ca sc sc"',
    '"co co co co co re2 re2 re2 re2 re2"',
])
_ZONE_DU_BLOC = {
    "partenaires_cles": "pa", "activites_cles": "ac", "ressources_cles": "re",
    "proposition_de_valeur": "pv", "relation_client": "rc", "canaux": "ca",
    "segments_clients": "sc", "structure_de_couts": "co", "flux_de_revenus": "re2",
}


class PanneauBloc(widgets.VBox):
    """Un bloc de l'éditeur : ses notes, un champ de saisie, ajouter / modifier / retirer."""

    def __init__(self, editeur: "EditeurCanevas", cle: str):
        self.editeur, self.cle = editeur, cle
        self.titre = widgets.HTML()
        self.liste = widgets.Select(options=[], rows=4, tooltip=f"Notes du bloc « {BLOCS[cle].titre} »",
                                   layout=widgets.Layout(width="100%"))
        self.saisie = widgets.Text(placeholder="Nouvelle note…", tooltip=f"Nouvelle note du bloc « {BLOCS[cle].titre} »",
                                  layout=widgets.Layout(width="100%"))
        self.bouton_ajouter = widgets.Button(description="Ajouter", icon="plus", button_style="primary",
                                             layout=widgets.Layout(width="auto"))
        self.bouton_modifier = widgets.Button(description="Modifier", icon="pencil", layout=widgets.Layout(width="auto"))
        self.bouton_retirer = widgets.Button(description="Retirer", icon="trash", layout=widgets.Layout(width="auto"))
        self.bouton_ajouter.on_click(lambda _: editeur.ajouter(cle, self.saisie.value))
        self.bouton_modifier.on_click(lambda _: editeur.modifier(self.liste.value, self.saisie.value))
        self.bouton_retirer.on_click(lambda _: editeur.retirer(self.liste.value))
        self.liste.observe(self._selection, names="value")
        super().__init__(
            [self.titre, self.liste, self.saisie,
             widgets.HBox([self.bouton_ajouter, self.bouton_modifier, self.bouton_retirer],
                          layout=widgets.Layout(flex_flow="row wrap"))],
            layout=widgets.Layout(grid_area=_ZONE_DU_BLOC[cle], border=f"1px solid {palette.GRIS_CLAIR}", padding="4px"),
        )
        self.add_class(f"strategie-bloc-{cle}")

    def _selection(self, changement) -> None:
        if changement["new"]:
            self.saisie.value = self.editeur.canevas.note(changement["new"]).texte

    def rafraichir(self) -> None:
        bloc = BLOCS[self.cle]
        vue = self.editeur.canevas.vue
        self.titre.value = f"<b>{bloc.intitule(vue)}</b><br><small>{bloc.question_personnelle if vue == 'personnel' else bloc.question}</small>"
        notes = self.editeur.canevas.notes_du_bloc(self.cle)
        self.liste.options = [(n.texte, n.id) for n in notes]


class EditeurCanevas(widgets.VBox):
    """Éditeur interactif d'un ``Canevas``, avec enregistrement dans un fichier JSON.

    Le fichier reste dans le dossier de ``chemin`` (``self.dossier``, affiché à côté du champ
    « Fichier ») : le champ n'accepte qu'un nom, jamais un carnet ni un fichier que l'éditeur
    n'a pas écrit, et un canevas vide ne remplace un canevas enregistré qu'après confirmation.

    >>> editeur = EditeurCanevas(chemin="mon-canevas.json")   # reprend le fichier s'il existe
    >>> editeur                                               # dans un carnet : affiche l'éditeur
    """

    def __init__(self, canevas: Canevas | None = None, chemin: str | Path = FICHIER_PAR_DEFAUT):
        self.message = ZoneMessage()
        self.chemin = ChampFichier(chemin, ".json", _OUTIL, FORMAT)
        self.dossier = self.chemin.dossier
        self.confirmation = Confirmation()
        if canevas is None:
            try:
                canevas = ouvrir(chemin)
            except Exception as exc:  # un fichier abîmé ne doit pas arrêter la leçon
                canevas = Canevas()
                self.message.erreur(f"{exc} Un canevas vide est ouvert à la place ; votre fichier reste intact.")
        self.canevas = canevas
        self.nom = widgets.Text(value=canevas.nom, description="Nom :", layout=widgets.Layout(width="320px"))
        self.vue = widgets.ToggleButtons(options=[("Organisation", "organisation"), ("Personne", "personnel")],
                                         value=canevas.vue, tooltips=["Vue : une organisation", "Vue : une personne"])
        self.nom.observe(self._changer_nom, names="value")
        self.vue.observe(self._changer_vue, names="value")
        self.panneaux = {cle: PanneauBloc(self, cle) for cle in BLOCS}
        grille = widgets.GridBox(
            list(self.panneaux.values()),
            layout=widgets.Layout(grid_template_columns="repeat(10, 1fr)", grid_template_areas=_ZONES,
                                  grid_gap="4px", width="100%"),
        )
        self.lien_a = widgets.Dropdown(description="Lier", layout=widgets.Layout(width="340px"))
        self.lien_b = widgets.Dropdown(description="à", layout=widgets.Layout(width="340px"))
        bouton_lier = widgets.Button(description="Lier", icon="link")
        bouton_delier = widgets.Button(description="Délier", icon="unlink")
        bouton_lier.on_click(lambda _: self.lier(self.lien_a.value, self.lien_b.value))
        bouton_delier.on_click(lambda _: self.delier(self.lien_a.value, self.lien_b.value))
        self.liens = widgets.HTML()
        auto = widgets.Layout(width="auto")
        bouton_enregistrer = widgets.Button(description="Enregistrer", icon="save", button_style="success",
                                            layout=auto)
        bouton_charger = widgets.Button(description="Recharger", icon="folder-open", layout=auto,
                                        tooltip="Relire le fichier enregistré (vos changements non enregistrés sont perdus)")
        bouton_exporter = widgets.Button(description="Exporter en HTML", icon="download", layout=auto)
        bouton_enregistrer.on_click(lambda _: self.enregistrer())
        bouton_charger.on_click(lambda _: self.charger())
        bouton_exporter.on_click(lambda _: self.exporter())
        self.figure = FigureVivante(figure_canevas(self.canevas))
        super().__init__([
            widgets.HTML("<h3>Éditeur de canevas</h3>"),
            widgets.HBox([self.nom, self.vue]),
            grille,
            widgets.HBox([self.lien_a, self.lien_b, bouton_lier, bouton_delier]),
            self.liens,
            widgets.HBox([self.chemin, bouton_enregistrer, bouton_charger, bouton_exporter, self.chemin.dossier_affiche],
                         layout=widgets.Layout(flex_flow="row wrap", align_items="center")),
            self.confirmation,
            self.message,
            self.figure,
        ])
        self.add_class("strategie-canevas")
        self.rafraichir()

    # -- synchronisation ---------------------------------------------------
    def rafraichir(self) -> None:
        self.confirmation.retirer()  # le canevas a changé : une question en attente ne tient plus
        for panneau in self.panneaux.values():
            panneau.rafraichir()
        options = [(f"{self.canevas.intitule(n.bloc).split(':')[0]} — {n.texte}", n.id) for n in self.canevas]
        self.lien_a.options = options
        self.lien_b.options = options
        numeros = self.canevas.numeros()  # les numéros de la figure
        paires = [
            f"<li>{numeros[a.id]}. « {escape(a.texte)} » ↔ {numeros[b.id]}. « {escape(b.texte)} »</li>"
            for a, b in self.canevas.paires_liees()
        ]
        # Un long canevas a des dizaines de liens : on les replie sous un résumé d'une ligne.
        self.liens.value = (
            f"<details><summary><small>Liens entre notes ({len(paires)})</small></summary>"
            f"<ul style='margin:0;font-size:small'>{''.join(paires)}</ul></details>"
        ) if paires else ""
        self.figure.montrer(figure_canevas(self.canevas))

    # -- actions (chacune garde ce que l'apprenant a tapé si elle échoue) --
    @protege()
    def ajouter(self, bloc: str, texte: str) -> None:
        note = self.canevas.ajouter(bloc, texte)
        self.panneaux[note.bloc].saisie.value = ""
        self.rafraichir()
        self.message.succes(f"Note ajoutée à « {self.canevas.intitule(note.bloc)} ».")

    @protege()
    def modifier(self, id_note: str | None, texte: str) -> None:
        if not id_note:
            self.message.info("Choisissez d'abord dans la liste la note à modifier.")
            return
        self.canevas.modifier(id_note, texte=texte)
        self.rafraichir()
        self.message.succes("Note modifiée.")

    @protege()
    def retirer(self, id_note: str | None) -> None:
        if not id_note:
            self.message.info("Choisissez d'abord dans la liste la note à retirer.")
            return
        note = self.canevas.retirer(id_note)
        self.rafraichir()
        self.message.succes(f"Note « {note.texte} » retirée.")

    @protege()
    def lier(self, id_a: str | None, id_b: str | None) -> None:
        if not id_a or not id_b:
            self.message.info("Choisissez les deux notes à lier.")
            return
        self.canevas.lier(id_a, id_b)
        self.rafraichir()
        self.message.succes("Notes liées.")

    @protege()
    def delier(self, id_a: str | None, id_b: str | None) -> None:
        if id_a and id_b:
            self.canevas.delier(id_a, id_b)
            self.rafraichir()

    @protege()
    def _changer_nom(self, changement) -> None:
        from strategie.canevas import _texte_valide

        self.canevas.nom = _texte_valide(changement["new"], "Le nom du canevas")
        self.rafraichir()

    @protege()
    def _changer_vue(self, changement) -> None:
        self.canevas.vue = changement["new"]
        self.rafraichir()

    @protege()
    def enregistrer(self) -> None:
        chemin = self.chemin.fichier()
        deja = elements_enregistres(chemin, "notes")
        enregistrer_sans_ecraser(
            self, deja=deja, vide=len(self.canevas) == 0, ecrire=self._ecrire_confirme,
            question=f"« {chemin.name} » contient {deja} note(s) et votre canevas est vide : le remplacer par un "
                     "canevas vide ?")

    @protege()
    def _ecrire_confirme(self) -> None:
        self._ecrire(self.chemin.fichier())

    def _ecrire(self, chemin: Path) -> None:
        self.confirmation.retirer()
        chemin = self.canevas.enregistrer(chemin)
        self.message.succes(f"Canevas enregistré dans « {chemin} ».")

    @protege()
    def charger(self) -> None:
        self.confirmation.retirer()
        self.canevas = Canevas.charger(self.chemin.fichier(verifier_auteur=False))
        self.nom.value, self.vue.value = self.canevas.nom, self.canevas.vue
        self.rafraichir()
        self.message.succes(f"Canevas « {self.canevas.nom} » chargé ({len(self.canevas)} notes).")

    @protege()
    def exporter(self) -> None:
        page = self.chemin.voisin(".html", "plotly-graph-div")  # une page écrite avant que la marque existe
        chemin = exporter_html(self.canevas, page)
        self.message.succes(f"Page HTML écrite dans « {chemin} » : ouvrez-la pour l'imprimer ou la partager.")


def editeur_canevas(canevas: Canevas | None = None, chemin: str | Path = FICHIER_PAR_DEFAUT) -> EditeurCanevas:
    """Ouvre l'éditeur sur un canevas (par défaut : celui du fichier de l'apprenant)."""
    return EditeurCanevas(canevas, chemin)
