"""Vues de la cohérence : l'éditeur de canevas avec son rapport vivant, la matrice partenaires × segments."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from strategie.canevas import FICHIER_PAR_DEFAUT, Canevas
from strategie._fichiers import elements_enregistres
from strategie.cas import FICHIER_EXPERIENCE, FORMAT_EXPERIENCE, ExperiencePartagee, charger_cas
from strategie.coherence import REGLES, Constat, verifier
from strategie.figures.coherence import figure_experience, figure_matrice_segments
from strategie.widgets._commun import (
    ChampFichier, Confirmation, FigureVivante, ZoneMessage, enregistrer_sans_ecraser, protege,
)
from strategie.widgets.canevas import EditeurCanevas


def _constats_html(constats: list[Constat], textes: dict[str, str]) -> str:
    """Les constats en liste HTML : règle, notes concernées, explication, ce qu'il faut faire."""
    if not constats:
        return ""
    items = []
    for k in constats:
        notes = ", ".join(f"« {html.escape(textes.get(i, i))} » <code>{html.escape(i)}</code>" for i in k.notes)
        items.append(
            f"<li><b>{html.escape(k.titre)}</b>{' — ' + notes if notes else ''}<br>"
            f"{html.escape(k.explication)}<br><i>→ {html.escape(k.a_faire)}</i></li>"
        )
    return "<ol style='margin:0;padding-left:1.5em'>" + "".join(items) + "</ol>"



def _entete_grille(contenu: str) -> widgets.HTML:
    """Un en-tête de ligne ou de colonne de la grille, qui passe à la ligne plutôt que de déborder."""
    return widgets.HTML(f'<div style="white-space:normal;overflow-wrap:anywhere">{contenu}</div>',
                        layout=widgets.Layout(min_width="0"))

class VerificateurCanevas(widgets.VBox):
    """L'éditeur de canevas et, dessous, le rapport de cohérence qui se met à jour à chaque changement.

    >>> v = VerificateurCanevas(chemin="mon-canevas.json")   # votre canevas (ou un canevas vide)
    >>> v.constats                                           # les constats du moment
    """

    def __init__(self, canevas: Canevas | None = None, chemin: str | Path = FICHIER_PAR_DEFAUT):
        self.message = ZoneMessage()
        self.editeur = EditeurCanevas(canevas, chemin)
        self.constats: list[Constat] = []
        self.bilan = widgets.HTML()
        self.bilan.add_class("strategie-coherence-bilan")
        self.rapport = widgets.HTML()
        self.rapport.add_class("strategie-coherence-rapport")
        self.figure = FigureVivante(figure_matrice_segments(self.canevas))
        # L'éditeur les met à jour après chaque changement (notes, liens, vue, fichier) : on les suit.
        self.editeur.lien_a.observe(self._changement, names="options")
        self.editeur.liens.observe(self._changement, names="value")
        self.editeur.vue.observe(self._changement, names="value")
        super().__init__([
            self.editeur,
            widgets.HTML("<h3>Cohérence du canevas</h3>"),
            self.bilan,
            self.message,
            self.figure,
            self.rapport,
        ])
        self.add_class("strategie-coherence")
        self.actualiser()

    @property
    def canevas(self) -> Canevas:
        return self.editeur.canevas

    def _changement(self, _changement) -> None:
        self.actualiser()

    @protege()
    def actualiser(self) -> None:
        """Relance les vérifications et met à jour le bilan, la matrice et la liste des constats."""
        self.constats = verifier(self.canevas)
        regles = {k.regle for k in self.constats}
        if self.constats:
            self.bilan.value = (
                f"<b>{len(self.constats)} constat(s)</b> ({len(regles)} règle(s) sur {len(REGLES)} en défaut). "
                "Corrigez-les dans l'éditeur ci-dessus (ajoutez une note, ou liez deux notes avec « Lier ») : "
                "le rapport se met à jour tout seul."
            )
        else:
            self.bilan.value = f"✅ <b>Canevas cohérent</b> : les {len(REGLES)} règles sont respectées."
        textes = {n.id: n.texte for n in self.canevas}
        self.rapport.value = _constats_html(self.constats, textes)
        self.figure.montrer(figure_matrice_segments(self.canevas))
        self.message.effacer()


def verificateur_canevas(canevas: Canevas | None = None, chemin: str | Path = FICHIER_PAR_DEFAUT) -> VerificateurCanevas:
    """Ouvre l'éditeur de canevas avec son rapport de cohérence (par défaut : le canevas de l'apprenant)."""
    return VerificateurCanevas(canevas, chemin)


class MatriceExperience(widgets.VBox):
    """Une grille partenaires × segments où l'on écrit ce que chaque partenaire apporte à chaque segment.

    Chaque case est un champ de texte (vide : le partenaire n'intervient pas
    pour ce segment). La figure, la couverture par segment et les constats se
    mettent à jour quand on quitte un champ. ``reference`` : une matrice
    d'exemple qu'on peut afficher à côté pour comparer (il ne remplace jamais
    ce que vous avez écrit).
    """

    def __init__(self, experience: ExperiencePartagee, reference: ExperiencePartagee | None = None,
                 chemin: str | Path = FICHIER_EXPERIENCE):
        self.message = ZoneMessage()
        self.experience = experience
        self.reference = reference
        self.champs: dict[tuple[str, str], widgets.Textarea] = {}
        self.grille = widgets.GridBox(layout=widgets.Layout(grid_gap="4px", width="100%"))
        self.grille.add_class("strategie-coherence-grille")
        self.couverture = widgets.HTML()
        self.constats = widgets.HTML()
        self.figure = FigureVivante(figure_experience(experience))
        self.exemple = widgets.HTML()
        self.bouton_exemple = widgets.ToggleButton(description="Comparer avec l'exemple du cas", icon="eye",
                                                   layout=widgets.Layout(width="auto"),
                                                   disabled=reference is None)
        self.bouton_exemple.observe(lambda _: self._montrer_exemple(), names="value")
        self.chemin = ChampFichier(chemin, ".json", "cette matrice", FORMAT_EXPERIENCE)
        self.confirmation = Confirmation()
        bouton_enregistrer = widgets.Button(description="Enregistrer", icon="save", button_style="success",
                                            layout=widgets.Layout(width="auto"))
        bouton_charger = widgets.Button(description="Recharger", icon="folder-open", layout=widgets.Layout(width="auto"),
                                        tooltip="Relire le fichier enregistré (vos changements non enregistrés sont perdus)")
        bouton_enregistrer.on_click(lambda _: self.enregistrer())
        bouton_charger.on_click(lambda _: self.charger())
        super().__init__([
            widgets.HTML("<h3>Contributions des partenaires à l'expérience de chaque segment</h3>"
                         "<small>Écrivez dans chaque case ce que le partenaire fait pour ce segment ; "
                         "laissez vide s'il n'intervient pas. La mise à jour se fait en quittant la case.</small>"),
            self.grille,
            self.message,
            widgets.HBox([self.chemin, bouton_enregistrer, bouton_charger, self.bouton_exemple,
                          self.chemin.dossier_affiche],
                         layout=widgets.Layout(flex_flow="row wrap", align_items="center")),
            self.confirmation,
            self.couverture,
            self.constats,
            self.figure,
            self.exemple,
        ])
        self.add_class("strategie-coherence")
        self.add_class("strategie-coherence-experience")
        self._construire_grille()
        self.actualiser()

    def _construire_grille(self) -> None:
        eco = self.experience
        self.champs = {}
        cellules = [widgets.HTML("")]
        for s in eco.segments:
            promesse = f"<br><small><i>{html.escape(s.promesse)}</i></small>" if s.promesse else ""
            cellules.append(_entete_grille(f"<b>{html.escape(s.nom)}</b>{promesse}"))
        for p in eco.partenaires:
            genre = f"<br><small>{html.escape(p.type)}</small>" if p.type else ""
            cellules.append(_entete_grille(f"<b>{html.escape(p.nom)}</b>{genre}"))
            for s in eco.segments:
                champ = widgets.Textarea(value=eco.contribution(p.id, s.id), placeholder="Contribution…",
                                         tooltip=f"Contribution de « {p.nom} » au segment « {s.nom} »",
                                         continuous_update=False, rows=2,
                                         layout=widgets.Layout(width="auto", min_width="0"))
                champ.observe(lambda changement, p=p.id, s=s.id: self.ecrire(p, s, changement["new"]),
                              names="value")
                self.champs[(p.id, s.id)] = champ
                cellules.append(champ)
        # Les pistes peuvent rétrécir sous leur contenu (minmax(0, …)) : la grille tient dans une page de 1280 px.
        self.grille.layout.grid_template_columns = (
            f"minmax(110px, 1fr) repeat({max(len(eco.segments), 1)}, minmax(0, 2fr))")
        self.grille.children = cellules

    @protege()
    def ecrire(self, partenaire: str, segment: str, texte: str) -> None:
        """Enregistre le texte d'une case dans la matrice ; un texte refusé reste dans la case."""
        self.experience.definir(partenaire, segment, texte)
        self.actualiser()
        p, s = self.experience.partenaire(partenaire), self.experience.segment(segment)
        if texte.strip():
            self.message.succes(f"Contribution de « {p.nom} » pour « {s.nom} » enregistrée dans la matrice.")
        else:
            self.message.info(f"« {p.nom} » n'intervient plus pour « {s.nom} ».")

    @protege()
    def actualiser(self) -> None:
        eco = self.experience
        couverture = eco.couverture()
        lignes = "".join(
            f"<tr><td>{html.escape(str(seg))}</td><td style='text-align:center'>{int(ligne.contributeurs)}</td>"
            f"<td>{html.escape(ligne.partenaires) or '—'}</td></tr>"
            for seg, ligne in couverture.iterrows()
        )
        self.couverture.value = (
            "<table><tr><th>SegmentServi</th><th>Partenaires</th><th>Qui</th></tr>" + lignes + "</table>"
        )
        constats = eco.verifier()
        textes = {p.id: p.nom for p in eco.partenaires} | {s.id: s.nom for s in eco.segments}
        self.constats.value = (
            _constats_html(constats, textes) if constats
            else "✅ Chaque segment a au moins deux partenaires et chaque partenaire a un rôle."
        )
        self.figure.montrer(figure_experience(eco))
        self._montrer_exemple()

    def _montrer_exemple(self) -> None:
        if not self.bouton_exemple.value or self.reference is None:
            self.exemple.value = ""
            return
        matrice = self.reference.matrice()
        self.exemple.value = (
            "<p><b>Exemple du cas</b> (partenaires illustratifs, une réponse possible parmi d'autres) :</p>"
            + matrice.to_html(escape=True, na_rep="")
        )

    @protege()
    def enregistrer(self) -> None:
        chemin = self.chemin.fichier()
        deja = elements_enregistres(chemin, "contributions")
        enregistrer_sans_ecraser(
            self, deja=deja, vide=not self.experience.vers_dict()["contributions"], ecrire=self._ecrire_confirme,
            question=f"« {chemin.name} » contient {deja} contribution(s) et la matrice est vide : la remplacer par "
                     "une matrice vide ?")

    @protege()
    def _ecrire_confirme(self) -> None:
        self._ecrire(self.chemin.fichier())

    def _ecrire(self, chemin: Path) -> None:
        self.confirmation.retirer()
        chemin = self.experience.enregistrer(chemin)
        self.message.succes(f"Contributions enregistrées dans « {chemin} ».")

    @protege()
    def charger(self) -> None:
        self.confirmation.retirer()
        self.experience = ExperiencePartagee.charger(self.chemin.fichier(verifier_auteur=False))
        self._construire_grille()
        self.actualiser()
        self.message.succes(f"Contributions « {self.experience.nom} » rechargées.")


def matrice_experience(experience: ExperiencePartagee | None = None, reference: ExperiencePartagee | None = None,
                       chemin: str | Path = FICHIER_EXPERIENCE) -> MatriceExperience:
    """La matrice partenaires × segments ; par défaut, le cas du site patrimonial à remplir, avec son exemple."""
    if experience is None:
        cas = charger_cas()
        experience = cas.experience(vide=True)
        reference = reference if reference is not None else cas.experience()
    return MatriceExperience(experience, reference, chemin)
