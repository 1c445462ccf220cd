"""Widget du module 00 : des curseurs qui recalculent un compte de résultat."""

from __future__ import annotations

import ipywidgets as widgets

from strategie import francais
from strategie.demarrer import compte_simple
from strategie.figures.demarrer import figure_compte
from strategie.widgets._commun import Curseur, CurseurEntier, FigureVivante, ZoneMessage, protege


class CalculetteResultat(widgets.VBox):
    """Prix, coût unitaire, quantité et coûts fixes → le résultat, en direct."""

    def __init__(self, prix: float = 4.0, cout_unitaire: float = 1.5, quantite: int = 1000, couts_fixes: float = 1500.0):
        style = {"description_width": "140px"}
        largeur = widgets.Layout(width="460px")  # une piste assez longue pour viser un prix
        self.prix = Curseur(value=prix, min=0, max=20, step=0.1, description="Prix (€)", style=style,
                             layout=largeur)
        self.cout_unitaire = Curseur(value=cout_unitaire, min=0, max=20, step=0.1,
                                                 description="Coût unitaire (€)", style=style, layout=largeur)
        self.quantite = CurseurEntier(value=quantite, min=0, max=5000, step=50, description="Quantité", style=style,
                                      layout=largeur)
        self.couts_fixes = Curseur(value=couts_fixes, min=0, max=10000, step=100,
                                               description="Coûts fixes (€)", style=style, layout=largeur)
        self.message = ZoneMessage()
        self.figure = FigureVivante(figure_compte(compte_simple(prix, cout_unitaire, quantite, couts_fixes)))
        for curseur in (self.prix, self.cout_unitaire, self.quantite, self.couts_fixes):
            curseur.observe(lambda _: self.mettre_a_jour(), names="value")
        super().__init__([c.boite for c in (self.prix, self.cout_unitaire, self.quantite, self.couts_fixes)]
                         + [self.message, self.figure])
        self.add_class("strategie-demarrer")
        self.mettre_a_jour()

    @protege()
    def mettre_a_jour(self) -> None:
        compte = compte_simple(self.prix.value, self.cout_unitaire.value, self.quantite.value, self.couts_fixes.value)
        self.figure.montrer(figure_compte(compte))
        if compte["resultat"] >= 0:
            self.message.succes(f"Résultat : {francais.euros(round(compte['resultat']))} de bénéfice.")
        else:
            self.message.erreur(f"Résultat : {francais.euros(round(-compte['resultat']))} de perte.")
