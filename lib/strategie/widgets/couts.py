"""Atelier de la structure de coûts : fixes, variables et immatériels, seuil de rentabilité en direct."""

from __future__ import annotations

import html

import ipywidgets as widgets

from strategie import _blocs
from strategie.couts import NATURES, STRESS_MAX, StructureCouts
from strategie.erreurs import SaisieInvalide
from strategie.figures.couts import figure_argent_et_immateriel, figure_seuil
from strategie.widgets._blocs import LigneCanevas
from strategie.widgets._commun import ChampNombre, CurseurEntier, ZoneMessage, protege
from strategie.widgets._vivant import FigureVivante

_LIBELLES_NATURE = {"fixe": "Fixe (€ par mois)", "variable": "Variable (€ par unité)", "immateriel": "Immatériel (heures, stress)"}


class AtelierCouts(widgets.VBox):
    """Notez vos coûts (argent et coûts immatériels), fixez un prix : le seuil de rentabilité se dessine."""

    def __init__(self, structure: StructureCouts | None = None, prix: float = 10.0, quantite: float = 500.0,
                 chemin: str = "mon-canevas.json"):
        self.message = ZoneMessage()
        self.structure = structure if structure is not None else StructureCouts("Mes coûts")
        self.libelle = widgets.Text(placeholder="Loyer, matières, prospection non payée…", description="Coût :",
                                    layout=widgets.Layout(width="380px"))
        self.nature = widgets.Dropdown(options=[(t, cle) for cle, t in _LIBELLES_NATURE.items()], description="Nature :")
        self.montant = ChampNombre(value=0.0, description="Montant (€) :", style={"description_width": "90px"},
                                         layout=widgets.Layout(width="240px"))
        self.heures = ChampNombre(value=0.0, description="Heures / mois :", style={"description_width": "100px"},
                                        layout=widgets.Layout(width="240px"))
        self.stress = CurseurEntier(value=0, min=0, max=STRESS_MAX, description="Stress :")
        self.explication = widgets.HTML()
        self.bouton_ajouter = widgets.Button(description="Ajouter", icon="plus", button_style="primary")
        self.choix = widgets.Select(rows=6, tooltip="Vos coûts (choisir pour retirer)", layout=widgets.Layout(width="460px"))
        self.bouton_retirer = widgets.Button(description="Retirer", icon="trash")
        self.prix = ChampNombre(value=prix, description="Prix de vente (€ par unité) :",
                                      style={"description_width": "200px"}, layout=widgets.Layout(width="320px"))
        self.quantite = ChampNombre(value=quantite, description="Volume prévu (unités par mois) :",
                                          style={"description_width": "220px"}, layout=widgets.Layout(width="340px"))
        self.bilan = widgets.HTML()
        self.figure = FigureVivante(figure_seuil(self.structure, prix, quantite=quantite))
        self.figure_immateriel = FigureVivante(figure_argent_et_immateriel(self.structure, quantite))
        self.canevas = LigneCanevas("structure_de_couts", self.structure.notes_de_canevas, self.message, chemin)

        self.bouton_ajouter.on_click(lambda _: self.ajouter())
        self.bouton_retirer.on_click(lambda _: self.retirer())
        self.nature.observe(lambda _: self._adapter(), names="value")
        self.prix.observe(lambda _: self.calculer(), names="value")
        self.quantite.observe(lambda _: self.calculer(), names="value")
        self.saisie = widgets.HBox()
        super().__init__([
            widgets.HTML("<h3>Atelier de la structure de coûts</h3>"),
            widgets.HBox([self.libelle, self.nature]),
            self.explication,
            self.saisie,
            widgets.HBox([self.choix, self.bouton_retirer]),
            widgets.HBox([self.prix, self.quantite]),
            self.message,
            self.bilan,
            self.figure,
            self.figure_immateriel,
            self.canevas,
        ])
        self.add_class("strategie-couts")
        self._adapter()
        self.rafraichir()

    def _adapter(self) -> None:
        nature = self.nature.value
        self.explication.value = f"<small>{html.escape(NATURES[nature])}</small>"
        self.saisie.children = ([self.heures, self.stress.boite, self.bouton_ajouter] if nature == "immateriel"
                                else [self.montant, self.bouton_ajouter])

    def rafraichir(self) -> None:
        s = self.structure
        self.choix.options = [(note, c.libelle) for note, c in zip(s.notes_de_canevas(), s.couts)]
        self.calculer()

    @protege()
    def calculer(self) -> None:
        s = self.structure
        prix = _blocs.nombre(self.prix.value, "Le prix de vente")
        quantite = _blocs.nombre(self.quantite.value, "Le volume prévu")
        lignes = [html.escape(ligne) for ligne in s.bilan(prix, quantite)]
        self.bilan.value = "<br>".join(lignes)
        self.figure.montrer(figure_seuil(s, prix, quantite=quantite))
        self.figure_immateriel.montrer(figure_argent_et_immateriel(s, quantite))
        if self.message.genre == "erreur":
            self.message.effacer()

    @protege()
    def ajouter(self) -> None:
        cout = self.structure.ajouter(self.libelle.value, self.nature.value, self.montant.value,
                                      self.heures.value, self.stress.value)
        self.libelle.value = ""
        self.montant.value, self.heures.value, self.stress.value = 0.0, 0.0, 0
        self.rafraichir()
        self.message.succes(f"« {cout.libelle} » ajouté aux coûts ({_LIBELLES_NATURE[cout.nature].split(' (')[0].lower()}).")

    @protege()
    def retirer(self) -> None:
        if not self.choix.value:
            self.message.info("Choisissez d'abord dans la liste le coût à retirer.")
            return
        cout = self.structure.retirer(self.choix.value)
        self.rafraichir()
        self.message.succes(f"« {cout.libelle} » retiré.")


def atelier_couts(structure: StructureCouts | None = None, prix: float = 10.0, quantite: float = 500.0,
                  chemin: str = "mon-canevas.json") -> AtelierCouts:
    """Ouvre l'atelier de la structure de coûts (vide, ou sur une structure donnée)."""
    return AtelierCouts(structure, prix, quantite, chemin)
