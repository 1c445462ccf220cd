"""Atelier des activités clés : classer, ne garder que ce qui démarque, repérer les coûts immatériels, faire la revue."""

from __future__ import annotations

import html

import ipywidgets as widgets

from strategie.activites import CATEGORIES, COUT_MAX, DIX_POINTS, OBJECTIFS, ListeActivites
from strategie.canevas import ouvrir
from strategie.erreurs import SaisieInvalide
from strategie.figures.activites import figure_activites
from strategie.widgets._blocs import LigneCanevas
from strategie.widgets._commun import CurseurEntier, NommerEtiquettes, ZoneMessage, protege
from strategie.widgets._vivant import FigureVivante, liste_html


def _ressources_du_canevas(chemin: str) -> list[str]:
    """Les ressources clés déjà notées dans le canevas de l'apprenant (aucune si le fichier manque ou est abîmé)."""
    try:
        return ouvrir(chemin).textes("ressources_cles")
    except (SaisieInvalide, OSError):  # un fichier absent, abîmé ou illisible ne doit pas arrêter la leçon
        return []


class AtelierActivites(widgets.VBox):
    """Notez vos activités, classez-les (faire, vendre, résoudre, soutenir), dites si elles vous démarquent
    et ce qu'elles vous coûtent en stress ou en énergie ; l'atelier trie, signale et passe la revue.
    """

    def __init__(self, liste: ListeActivites | None = None, ressources: list[str] | None = None,
                 chemin: str = "mon-canevas.json"):
        self.message = ZoneMessage()
        self.liste = liste if liste is not None else ListeActivites("Mes activités")
        if ressources is None:
            ressources = _ressources_du_canevas(chemin)
        self.texte = widgets.Text(placeholder="Une activité : « Animer les ateliers », « Prospecter »…",
                                  description="Activité :", layout=widgets.Layout(width="460px"))
        self.categorie = widgets.Dropdown(options=[(c.titre, cle) for cle, c in CATEGORIES.items()],
                                          description="Catégorie :")
        self.definition = widgets.HTML()
        self.demarque = widgets.Checkbox(value=True, description="Me démarque des autres", indent=False,
                                        layout=widgets.Layout(width="auto"))
        self.cout = CurseurEntier(value=3, min=0, max=COUT_MAX, description="Coût immatériel :",
                                  style={"description_width": "120px"}, layout=widgets.Layout(width="380px"))
        self.ressources_cles = widgets.TagsInput(value=list(ressources or []), allow_duplicates=False,
                                                 tooltip="Vos ressources clés", layout=widgets.Layout(width="640px"))
        self.mobilisees = widgets.TagsInput(value=[], allow_duplicates=False, tooltip="Ressources mobilisées", layout=widgets.Layout(width="640px"))
        self.objectif = widgets.Dropdown(options=[(t, cle) for cle, t in OBJECTIFS.items()], description="Priorité :")
        self.bouton_ajouter = widgets.Button(description="Ajouter", icon="plus", button_style="primary")
        self.choix = widgets.Select(rows=6, tooltip="Vos activités (choisir pour retirer)", layout=widgets.Layout(width="460px"))
        self.bouton_retirer = widgets.Button(description="Retirer", icon="trash")
        self.tri = widgets.HTML()
        self.alertes = widgets.HTML()
        self.revue = widgets.HTML()
        self.onglets = widgets.Tab(children=[self.tri, self.alertes, self.revue,
                                             widgets.HTML("<ol>" + "".join(f"<li>{html.escape(p)}</li>" for p in DIX_POINTS) + "</ol>")])
        for i, titre in enumerate(("Retenues / écartées", "Signaux", "Revue en 8 questions", "Dix points à retenir")):
            self.onglets.set_title(i, titre)
        self.figure = FigureVivante(figure_activites(self.liste))
        self.canevas = LigneCanevas("activites_cles", self.liste.notes_de_canevas, self.message, chemin)

        self.bouton_ajouter.on_click(lambda _: self.ajouter())
        self.bouton_retirer.on_click(lambda _: self.retirer())
        self.categorie.observe(lambda _: self._definir(), names="value")
        self.objectif.observe(lambda _: self.rafraichir(), names="value")
        self.ressources_cles.observe(lambda _: self._ressources_changees(), names="value")
        super().__init__([
            widgets.HTML("<h3>Atelier des activités clés</h3>"),
            widgets.HBox([self.texte, self.categorie]),
            self.definition,
            widgets.HBox([self.demarque, self.cout.boite]),
            widgets.HTML("<small>Vos ressources clés (tapez puis Entrée) :</small>"), self.ressources_cles,
            widgets.HTML("<small>Ressources que cette activité mobilise :</small>"), self.mobilisees,
            self.bouton_ajouter,
            widgets.HBox([self.choix, self.bouton_retirer]),
            self.message,
            self.objectif,
            self.onglets,
            self.figure,
            self.canevas,
            NommerEtiquettes(),
        ])
        self.add_class("strategie-activites")
        self._definir()
        self._ressources_changees()

    def _definir(self) -> None:
        c = CATEGORIES[self.categorie.value]
        self.definition.value = f"<small><b>{c.titre}</b> : {html.escape(c.definition)} (ex. : {html.escape(c.exemples)})</small>"

    def _ressources_changees(self) -> None:
        self.mobilisees.allowed_tags = list(self.ressources_cles.value)
        self.rafraichir()

    @protege()
    def rafraichir(self) -> None:
        cles, ecartees = self.liste.cles(), self.liste.ecartees()
        self.choix.options = [(f"{a.texte} — {a.titre_categorie}, {a.cout_immateriel}/10", a.texte)
                              for a in self.liste.activites]
        self.tri.value = (
            f"<b>Retenues pour le canevas ({len(cles)})</b>"
            + (liste_html([f"{a.texte} ({a.titre_categorie})" for a in cles]) or "<p>—</p>")
            + f"<b>Écartées : tâches génériques ({len(ecartees)})</b>"
            + (liste_html([a.texte for a in ecartees]) or "<p>—</p>")
        )
        alertes = self.liste.alertes()
        self.alertes.value = liste_html(alertes) or (
            f"<p>Aucune activité n'atteint {self.liste.seuil}/10 de coût immatériel.</p>")
        revue = self.liste.revue(self.objectif.value, self.ressources_cles.value)
        self.revue.value = "<ol>" + "".join(
            f"<li><b>{html.escape(q)}</b><br>{'🔎 ' if a_examiner else ''}{html.escape(c)}</li>"
            for q, c, a_examiner in zip(revue["question"], revue["constat"], revue["a_examiner"])
        ) + "</ol>"
        self.figure.montrer(figure_activites(self.liste))

    @protege()
    def ajouter(self) -> None:
        activite = self.liste.ajouter(self.texte.value, self.categorie.value, self.demarque.value, self.cout.value,
                                      list(self.mobilisees.value))
        self.texte.value = ""
        self.mobilisees.value = []
        self.rafraichir()
        if activite.cout_immateriel >= self.liste.seuil:
            self.message.info(f"« {activite.texte} » ajoutée, mais son coût immatériel est élevé : voir l'onglet « Signaux ».")
        elif not activite.demarque:
            self.message.info(f"« {activite.texte} » est notée comme tâche générique : elle restera hors du canevas.")
        else:
            self.message.succes(f"« {activite.texte} » ajoutée aux activités clés ({activite.titre_categorie}).")

    @protege()
    def retirer(self) -> None:
        if not self.choix.value:
            self.message.info("Choisissez d'abord dans la liste l'activité à retirer.")
            return
        activite = self.liste.retirer(self.choix.value)
        self.rafraichir()
        self.message.succes(f"« {activite.texte} » retirée.")


def atelier_activites(liste: ListeActivites | None = None, ressources: list[str] | None = None,
                      chemin: str = "mon-canevas.json") -> AtelierActivites:
    """Ouvre l'atelier des activités clés (vide, ou sur une liste donnée).

    Sans ``ressources``, l'atelier reprend les ressources clés notées dans le canevas ``chemin``.
    """
    return AtelierActivites(liste, ressources, chemin)
