"""Calculateur de modèles de revenus : six modèles, leurs paramètres, des courbes dans le temps."""

from __future__ import annotations

import html

import ipywidgets as widgets

from strategie import _blocs, francais
from strategie.erreurs import SaisieInvalide
from strategie.figures.revenus import figure_revenus
from strategie.revenus import MODELES, comparer, croisement, note_de_canevas, resume
from strategie.widgets._blocs import LigneCanevas
from strategie.widgets._commun import ChampNombre, CurseurEntier, ZoneMessage, protege
from strategie.widgets._vivant import FigureVivante

SCENARIOS_MAX = 6
_EN_COURS = "En cours"


class CalculateurRevenus(widgets.VBox):
    """Choisissez un modèle de revenus, réglez ses paramètres, comparez-le à d'autres scénarios.

    Les courbes montrent le revenu de chaque mois et le revenu cumulé. Un
    scénario « figé » reste sur la figure pendant que vous en essayez un autre.
    """

    def __init__(self, modele: str = "abonnement", mois: int = 36, chemin: str = "mon-canevas.json"):
        self.message = ZoneMessage()
        self.scenarios: dict[str, dict] = {}
        self.modele = widgets.Dropdown(options=[(m.titre, cle) for cle, m in MODELES.items()],
                                       value=MODELES[_blocs.choix(modele, MODELES, "Le modèle")].cle,
                                       description="Modèle :")
        self.mois = CurseurEntier(value=mois, min=6, max=120, step=6, description="Horizon :",
                                  continuous_update=False)
        self.principe = widgets.HTML()
        # Un champ par paramètre de chaque modèle : changer de modèle ne perd jamais une valeur.
        self.champs = {
            cle: {p.cle: ChampNombre(value=p.defaut, description=p.libelle,
                                           style={"description_width": "260px"},
                                           layout=widgets.Layout(width="420px"))
                  for p in m.parametres}
            for cle, m in MODELES.items()
        }
        self.unites = {cle: {p.cle: widgets.Label(p.unite) for p in m.parametres} for cle, m in MODELES.items()}
        self.zone_parametres = widgets.VBox()
        self.nom_scenario = widgets.Text(value="Scénario 1", description="Nom :", layout=widgets.Layout(width="260px"))
        self.bouton_figer = widgets.Button(description="Figer pour comparer", icon="thumb-tack", button_style="primary",
                                           layout=widgets.Layout(width="auto"))
        self.bouton_vider = widgets.Button(description="Vider la comparaison", icon="eraser",
                                           layout=widgets.Layout(width="auto"))
        self.bouton_figer.on_click(lambda _: self.figer())
        self.bouton_vider.on_click(lambda _: self.vider())
        self.resume = widgets.HTML()
        self.figure = FigureVivante(figure_revenus(comparer({_EN_COURS: {"modele": self.modele.value}}, mois)))
        self.canevas = LigneCanevas("flux_de_revenus", self.notes, self.message, chemin)

        self.modele.observe(lambda _: self._changer_modele(), names="value")
        self.mois.observe(lambda _: self.calculer(), names="value")
        for champs in self.champs.values():
            for champ in champs.values():
                champ.observe(lambda _: self.calculer(), names="value")
        super().__init__([
            widgets.HTML("<h3>Calculateur de modèles de revenus</h3>"),
            widgets.HBox([self.modele, self.mois.boite]),
            self.principe,
            self.zone_parametres,
            widgets.HBox([self.nom_scenario, self.bouton_figer, self.bouton_vider]),
            self.message,
            self.resume,
            self.figure,
            self.canevas,
        ])
        self.add_class("strategie-revenus")
        self._changer_modele()

    # -- lecture des champs --------------------------------------------------
    def parametres(self) -> dict[str, float]:
        """Les valeurs saisies pour le modèle choisi."""
        return {cle: champ.value for cle, champ in self.champs[self.modele.value].items()}

    def scenario_en_cours(self) -> dict:
        return {"modele": self.modele.value, **self.parametres()}

    def notes(self) -> list[str]:
        """Les notes à verser dans le bloc : les scénarios figés, sinon le scénario en cours."""
        specs = list(self.scenarios.values()) or [self.scenario_en_cours()]
        return [note_de_canevas(s["modele"], **{k: v for k, v in s.items() if k != "modele"}) for s in specs]

    # -- rappels ---------------------------------------------------------------
    def _changer_modele(self) -> None:
        m = MODELES[self.modele.value]
        self.principe.value = (
            f"<p><b>{html.escape(m.titre)}</b> : {html.escape(m.principe)}<br>"
            f"<small>Organisation : {html.escape(m.exemple_organisation)} — "
            f"Personne : {html.escape(m.exemple_personne)}</small></p>"
        )
        self.zone_parametres.children = [
            widgets.HBox([champ, self.unites[m.cle][cle]]) for cle, champ in self.champs[m.cle].items()
        ]
        self.calculer()

    @protege()
    def calculer(self) -> None:
        specs = {**self.scenarios, _EN_COURS: self.scenario_en_cours()}
        projections = comparer(specs, self.mois.value)
        self.figure.montrer(figure_revenus(projections))
        courant = projections[projections["scenario"] == _EN_COURS].reset_index(drop=True)
        chiffres = resume(courant)
        lignes = [
            f"Sur {self.mois.value} mois, le scénario en cours rapporte <b>{francais.euros(chiffres['revenu_total'], centimes=False)}</b> "
            f"({francais.euros(chiffres['revenu_premier_mois'], centimes=False)} le premier mois, "
            f"{francais.euros(chiffres['revenu_dernier_mois'], centimes=False)} le dernier)."
        ]
        for nom in self.scenarios:
            autre = projections[projections["scenario"] == nom].reset_index(drop=True)
            mois_a, mois_b = croisement(autre, courant), croisement(courant, autre)
            if mois_a:
                lignes.append(f"Le scénario en cours dépasse « {html.escape(nom)} » en cumulé au mois {mois_a}.")
            elif mois_b:
                lignes.append(f"« {html.escape(nom)} » dépasse le scénario en cours en cumulé au mois {mois_b}.")
        self.resume.value = "<br>".join(lignes)
        if self.message.genre == "erreur":
            self.message.effacer()

    @protege()
    def figer(self) -> None:
        nom = _blocs.texte(self.nom_scenario.value, "Le nom du scénario")
        if nom == _EN_COURS or any(_blocs.simplifier(nom) == _blocs.simplifier(n) for n in self.scenarios):
            raise SaisieInvalide(f"Un scénario s'appelle déjà « {nom} » : choisissez un autre nom.")
        if len(self.scenarios) >= SCENARIOS_MAX:
            raise SaisieInvalide(f"{SCENARIOS_MAX} scénarios au plus : videz la comparaison pour recommencer.")
        comparer({nom: self.scenario_en_cours()}, self.mois.value)  # refuser un mauvais scénario avant de le garder
        self.scenarios[nom] = self.scenario_en_cours()
        self.nom_scenario.value = f"Scénario {len(self.scenarios) + 1}"
        self.calculer()
        self.message.succes(f"Scénario « {nom} » figé : changez les paramètres pour le comparer à un autre.")

    @protege()
    def vider(self) -> None:
        self.scenarios.clear()
        self.nom_scenario.value = "Scénario 1"
        self.calculer()
        self.message.info("Comparaison vidée.")


def calculateur_revenus(modele: str = "abonnement", mois: int = 36, chemin: str = "mon-canevas.json") -> CalculateurRevenus:
    """Ouvre le calculateur de modèles de revenus."""
    return CalculateurRevenus(modele, mois, chemin)
