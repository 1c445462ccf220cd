"""Vues de la valeur client : calculateur de CLV, migration des déciles, courbe de la baleine.

Chaque vue est mince : les curseurs donnent des paramètres à
``strategie.valeur_client``, le résultat est montré dans une ``FigureVivante``.
La figure est construite une fois ; bouger un curseur ne change que ses valeurs
(construire une figure plotly coûte plus cher que le calcul). Les vues
« migration » et « baleine » gardent les agrégats par client : bouger un coût
unitaire ne recalcule que des colonnes (quelques millisecondes).
"""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from strategie import francais
from strategie import valeur_client as vc
from strategie.figures import valeur_client as fig_vc
from strategie.widgets._commun import Curseur, FigureVivante, ZoneMessage, protege

_STYLE = {"description_width": "initial"}
_LARGEUR = widgets.Layout(width="420px")


def _curseur(description: str, valeur: float, minimum: float, maximum: float, pas: float):
    return Curseur(
        value=valeur, min=minimum, max=maximum, step=pas, description=description,
        style=_STYLE, layout=_LARGEUR, continuous_update=True,
    )


class _VueCurseurs(widgets.VBox):
    """Base des vues : des curseurs, un calcul, un texte de résultat et une figure.

    Les sous-classes fournissent ``_calculer``, ``_figure`` (la figure entière),
    ``_mettre_a_jour`` (changer les valeurs d'une figure déjà construite), ``_texte``
    et, si le calcul attend des données, ``_pret``.
    """

    classe_css = ""
    attente = ""

    def _installer(self, curseurs: list) -> None:
        self.message = ZoneMessage()
        self.resultat = widgets.HTML()
        # Affiché jusqu'au premier calcul réussi (sinon le message dit ce qui ne va pas).
        self.figure = FigureVivante(fig_vc.figure_attente(self.attente))
        self._dessinee = False
        super().__init__([widgets.VBox([c.boite for c in curseurs]), self.resultat, self.figure, self.message])
        self.add_class("strategie-valeur-client")
        self.add_class(self.classe_css)
        for curseur in curseurs:
            curseur.observe(self._actualiser, names="value")

    @protege()
    def _actualiser(self, _changement=None):
        if not self._pret():
            return
        self._calculer()
        if self._dessinee:
            figure = self.figure.figure
            self._mettre_a_jour(figure)
        else:
            figure = self._figure()
        self.figure.montrer(figure)
        self._dessinee = True
        self.resultat.value = self._texte()
        self.message.effacer()

    def _pret(self) -> bool:
        return True

    # Les sous-classes calculent et dessinent.
    def _calculer(self) -> None:  # pragma: no cover - méthode abstraite
        raise NotImplementedError

    def _figure(self) -> go.Figure:  # pragma: no cover - méthode abstraite
        raise NotImplementedError

    def _mettre_a_jour(self, figure: go.Figure) -> None:  # pragma: no cover - méthode abstraite
        raise NotImplementedError

    def _texte(self) -> str:  # pragma: no cover - méthode abstraite
        raise NotImplementedError


class CalculateurCLV(_VueCurseurs):
    """Curseurs (marge, rétention, actualisation, coût d'acquisition) → valeur à vie et courbe de récupération."""

    classe_css = "strategie-valeur-client-clv"
    attente = ("La courbe de récupération s'affiche ici dès que les curseurs<br>"
               "donnent un calcul valide (lisez le message sous la figure).")

    def __init__(self, marge: float = 100.0, taux_retention: float = 0.8, taux_actualisation: float = 0.1,
                 cout_acquisition: float = 150.0, horizon: int = 15, unite: str = "année"):
        self.horizon, self.unite = horizon, unite
        self.marge = _curseur(f"Marge par {unite} (€)", marge, 0, 1000, 5)
        self.taux_retention = _curseur("Taux de rétention", taux_retention, 0.05, 0.99, 0.01)
        self.taux_actualisation = _curseur("Taux d'actualisation", taux_actualisation, 0.0, 0.5, 0.01)
        self.cout_acquisition = _curseur("Coût d'acquisition (€)", cout_acquisition, 0, 2000, 10)
        self.clv = self.delai = float("nan")
        self.courbe = None
        self._installer([self.marge, self.taux_retention, self.taux_actualisation, self.cout_acquisition])
        self._actualiser()

    def _calculer(self):
        parametres = (self.marge.value, self.taux_retention.value, self.taux_actualisation.value, self.cout_acquisition.value)
        self.courbe = vc.courbe_recuperation(*parametres, horizon=self.horizon)
        self.clv = vc.clv(*parametres)
        self.delai = vc.delai_recuperation(*parametres)

    def _figure(self):
        return fig_vc.figure_recuperation(self.courbe, self.clv, self.delai, self.unite)

    def _mettre_a_jour(self, figure):
        valeurs = self.courbe["valeur_cumulee"].to_numpy()
        figure.data[0].y = valeurs
        figure.data[0].marker.color = fig_vc.couleurs_recuperation(valeurs)
        figure.layout.title.text = fig_vc.titre_recuperation(self.clv, self.delai, self.unite)

    def _texte(self) -> str:
        delai = fig_vc.duree(self.delai, self.unite)
        if self.delai == float("inf"):
            delai += " : la valeur à vie ne couvre pas le coût d'acquisition"
        return (f"<b>Valeur à vie (CLV)</b> : {francais.euros(self.clv, centimes=False)} &nbsp;·&nbsp; "
                f"<b>Délai de récupération</b> : {delai}")


class _VueInducteurs(_VueCurseurs):
    """Base des vues qui recalculent le compte par client quand un coût unitaire bouge."""

    attente = "Les transactions n'ont pas pu être analysées :<br>lisez le message sous la figure."

    def __init__(self, transactions=None, inducteurs=None, nb_clients: int = 20_000, graine: int = 0):
        self.compte = None
        self.agregats = None
        self.inducteurs = inducteurs or vc.INDUCTEURS_EXEMPLE
        self.cout_par_contact = _curseur("Coût d'un contact au service client (€)", self.inducteurs.cout_par_contact, 0, 40, 1)
        self.cout_par_retour = _curseur("Coût d'un retour (€)", self.inducteurs.cout_par_retour, 0, 60, 1)
        self.cout_marketing = _curseur("Marketing fixe par client (€)", self.inducteurs.cout_marketing_par_client, 0, 50, 1)
        self._installer([self.cout_par_contact, self.cout_par_retour, self.cout_marketing])
        self._preparer(transactions, nb_clients, graine)

    @protege()
    def _preparer(self, transactions, nb_clients, graine):
        if transactions is None:
            transactions = vc.generer_transactions(nb_clients, 10 * nb_clients, graine=graine)
        self.agregats = vc.agreger_par_client(transactions)
        self._actualiser()

    def _pret(self) -> bool:
        return self.agregats is not None

    def _calculer(self):
        self.inducteurs = self.inducteurs.remplacer(
            cout_par_contact=self.cout_par_contact.value,
            cout_par_retour=self.cout_par_retour.value,
            cout_marketing_par_client=self.cout_marketing.value,
        )
        self.compte = vc.appliquer_inducteurs(self.agregats, self.inducteurs)


class VueMigration(_VueInducteurs):
    """Carte de chaleur : décile de chiffre d'affaires → décile de profit, selon les coûts unitaires choisis."""

    classe_css = "strategie-valeur-client-migration"
    _deciles_ca = None

    def _calculer(self):
        super()._calculer()
        # Les coûts unitaires ne changent pas le revenu : ses déciles sont calculés une seule fois.
        if self._deciles_ca is None:
            self._deciles_ca = vc.deciles(self.compte["chiffre_affaires"].to_numpy())
        self.matrice = vc.croiser_deciles(self._deciles_ca, vc.deciles(self.compte["profit"].to_numpy()))
        self.part = vc.part_hors_diagonale(self.matrice)

    def _figure(self):
        return fig_vc.figure_migration(self.matrice, self.part)

    def _mettre_a_jour(self, figure):
        figure.data[0].z = fig_vc.parts_lignes(self.matrice)
        figure.data[0].text = fig_vc.textes_migration(self.matrice)
        figure.layout.title.text = fig_vc.titre_migration(self.part)

    def _texte(self):
        return (f"<b>{fig_vc.pourcent(self.part)}</b> des {francais.nombre(len(self.compte))} clients "
                "changent d'au moins deux déciles quand on les classe par profit plutôt que par chiffre "
                "d'affaires (75\u202f% à la Royal Bank of Canada, d'après Michel Bruley, 2020).")


class VueBaleine(_VueInducteurs):
    """Courbe de la baleine : la queue des clients qui détruisent de la valeur, selon les coûts unitaires choisis."""

    classe_css = "strategie-valeur-client-baleine"

    def _calculer(self):
        super()._calculer()
        self.courbe = vc.courbe_baleine(self.compte["profit"].to_numpy())
        self.mesures = vc.mesures_baleine(self.courbe)

    def _figure(self):
        return fig_vc.figure_baleine(self.courbe)

    def _mettre_a_jour(self, figure):
        t = fig_vc.traces_baleine(self.courbe)
        for trace, cle in zip(figure.data[:3], ("montee", "plafond", "queue")):
            trace.x, trace.y = t[cle]
        figure.data[3].x, figure.data[3].y = [t["sommet"][0]], [t["sommet"][1]]
        figure.layout.title.text = fig_vc.titre_baleine(t["sommet"][1], t["sommet"][0])

    def _texte(self):
        m = self.mesures
        return (f"Les 10 % de clients les plus rentables font <b>{fig_vc.pourcent(m['part_profit_meilleurs'])}</b> "
                f"du profit ; <b>{fig_vc.pourcent(m['part_clients_non_rentables'])}</b> des clients sont non "
                f"rentables et détruisent {francais.euros(m['valeur_detruite'], centimes=False)} "
                f"(sommet de la baleine : {fig_vc.pourcent(m['sommet_baleine'])}).")
