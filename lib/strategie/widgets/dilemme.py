"""Vues du dilemme du prisonnier : jouer, deviner, parier, regarder évoluer, changer les gains.

* :class:`JeuUnCoup` : le jeu en un coup contre l'ordinateur ;
* :class:`PartieCachee` : des tours répétés contre un personnage caché, sans
  savoir quand la partie s'arrête, puis deviner qui c'était ;
* :class:`ExplorateurTournoi` : un tournoi d'Axelrod, avec un pari d'abord ;
* :class:`ExplorateurEvolution` : l'évolution d'une population, avec les
  barrières à la confiance en contrôles ;
* :class:`EditeurGains` : changer les gains et voir quand ce n'est plus un dilemme ;
* :class:`Tournoi1980` : le premier tournoi d'Axelrod rejoué, avec votre stratégie en plus.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from strategie.dilemme import gains as _g
from strategie.dilemme import moteur, premier_tournoi as _p1980, strategies as _s
from strategie.erreurs import SaisieInvalide
from strategie.francais import compte, nombre, pourcent
from strategie.figures import dilemme as fig_d
from strategie.widgets._commun import ChampEntier, ChampNombre, Curseur, CurseurEntier, FigureVivante, ZoneMessage, protege

__all__ = ["JeuUnCoup", "PartieCachee", "ExplorateurTournoi", "ExplorateurEvolution", "EditeurGains", "Tournoi1980"]

_MISE_EN_PAGE = widgets.Layout(width="auto")
_STYLE = {"description_width": "initial"}
# Une rangée de champs qui passe à la ligne plutôt que de dépasser le bord droit d'une page étroite.
_LIGNE_QUI_PASSE = widgets.Layout(flex_flow="row wrap", align_items="center")


def _quantite(x: float, g: _g.Gains, prison: bool = True) -> str:
    """Un score et son unité accordée : « 0 point », « 3 points », « 1 an de prison », « 5 ans de prison »."""
    if g.plus_haut_est_mieux:
        return compte(x, "point")
    return compte(x, "an") + (" de prison" if prison else "")


# Les issues d'un tour, vues par « moi » (ligne de la matrice) : des phrases, jamais ('D', 'D').
_ISSUES = {
    ("C", "C"): "les deux coopèrent",
    ("C", "D"): "je coopère et l'autre trahit",
    ("D", "C"): "je trahis et l'autre coopère",
    ("D", "D"): "les deux trahissent",
}

# Le nom de chaque jeu voisin, pris dans une phrase (« c'est une chasse au cerf »).
_JEUX_DANS_UNE_PHRASE = {
    "Impasse": "une impasse",
    "Poule mouillée": "le jeu de la poule mouillée",
    "Chasse au cerf": "une chasse au cerf",
    "Harmonie": "un jeu d'harmonie",
    "Jeu dégénéré": "un jeu dégénéré",
}


def _en_un_coup_seulement(d: _g.Diagnostic) -> bool:
    """Un dilemme en un coup (T > R > P > S) qui n'en est plus un en jeu répété (2R ≤ T + S)."""
    ok = {c.code: c.respectee for c in d.conditions}
    return ok["T>R"] and ok["P>S"] and ok["R>P"] and not ok["2R>T+S"]


def _jeu_dans_une_phrase(d: _g.Diagnostic) -> str:
    return _JEUX_DANS_UNE_PHRASE.get(d.jeu, f"le jeu « {d.jeu} »")


def _verdict(d: _g.Diagnostic) -> str:
    """Ce que forment des gains, en une phrase vraie dans tous les cas (dilemme, en un coup seulement, autre jeu)."""
    if d.est_un_dilemme:
        return "C'est bien un dilemme du prisonnier."
    if _en_un_coup_seulement(d):
        return ("C'est un dilemme du prisonnier en un coup seulement : en jeu répété, s'exploiter à tour de rôle "
                "rapporte plus que coopérer à chaque tour.")
    return f"Ce n'est pas un dilemme du prisonnier : c'est {_jeu_dans_une_phrase(d)}."


class _ChampsGains(widgets.HBox):
    """Quatre champs R, S, T, P (en points)."""

    def __init__(self, g: _g.Gains = _g.GAINS_POINTS):
        self.recompense = ChampNombre(value=g.recompense, description="R (coopèrent)", style=_STYLE,
                                            layout=widgets.Layout(width="200px"))
        self.dupe = ChampNombre(value=g.dupe, description="S (dupe)", style=_STYLE,
                                      layout=widgets.Layout(width="170px"))
        self.tentation = ChampNombre(value=g.tentation, description="T (tentation)", style=_STYLE,
                                           layout=widgets.Layout(width="200px"))
        self.punition = ChampNombre(value=g.punition, description="P (trahissent)", style=_STYLE,
                                          layout=widgets.Layout(width="200px"))
        super().__init__([self.recompense, self.dupe, self.tentation, self.punition],
                         layout=widgets.Layout(flex_flow="row wrap"))  # sur deux lignes dans une page étroite

    def champs(self):
        return (self.recompense, self.dupe, self.tentation, self.punition)

    def lire(self) -> _g.Gains:
        return _g.Gains(self.recompense.value, self.dupe.value, self.tentation.value, self.punition.value)

    def ecrire(self, g: _g.Gains) -> None:
        self.recompense.value, self.dupe.value = g.recompense, g.dupe
        self.tentation.value, self.punition.value = g.tentation, g.punition


def _avertissement_gains(g: _g.Gains) -> str:
    """Une phrase à ajouter au message d'une vue quand ses gains ne forment pas un dilemme (sinon rien)."""
    diag = _g.diagnostic(g)
    if diag.est_un_dilemme:
        return ""
    if _en_un_coup_seulement(diag):
        return f" Attention : avec ces gains, c'est un dilemme du prisonnier en un coup seulement : {diag.explication}"
    return (f" Attention : avec ces gains, ce n'est pas un dilemme du prisonnier mais {_jeu_dans_une_phrase(diag)} : "
            f"{diag.explication}")


# -- 1. jeu en un coup -------------------------------------------------------------------------

class JeuUnCoup(widgets.VBox):
    """Le dilemme en un coup contre l'ordinateur, en années de prison ou en points."""

    COMPORTEMENTS = {
        "Au hasard (une chance sur deux)": 0.5,
        "Toujours trahir": 0.0,
        "Toujours se taire": 1.0,
    }
    # En points, « se taire » se dit « coopérer » : le libellé change, la clé (la valeur du menu) reste.
    _EN_POINTS = {"Toujours se taire": "Toujours coopérer"}

    def __init__(self, gains=None, graine=None):
        g = _g.gains(gains) if gains is not None else _g.GAINS_ANNEES
        self.gains = g
        # Les gains de chaque unité : ceux donnés à la création sont retrouvés quand on revient à leur unité.
        self._gains_par_unite = {"annees": _g.GAINS_ANNEES, "points": _g.GAINS_POINTS, g.unite: g}
        self._alea = np.random.default_rng(graine)
        self.historique: list[tuple[str, str]] = []
        self.message = ZoneMessage()
        self.unite = widgets.ToggleButtons(
            options=[("Années de prison (billet)", "annees"), ("Points (Axelrod)", "points")],
            value="annees" if not g.plus_haut_est_mieux else "points", description="Compter en",
            style={**_STYLE, "button_width": "auto"},
        )
        self.comportement = widgets.Dropdown(options=list(self.COMPORTEMENTS), description="L'ordinateur joue",
                                             style=_STYLE, layout=_MISE_EN_PAGE)
        self.consigne = widgets.HTML()
        self.bouton_cooperer = widgets.Button(description="Me taire (coopérer)", button_style="success",
                                              icon="handshake-o", layout=widgets.Layout(width="210px"))
        self.bouton_trahir = widgets.Button(description="Trahir", button_style="danger", icon="bolt",
                                            layout=widgets.Layout(width="210px"))
        self.bouton_cooperer.add_class("strategie-dilemme-cooperer")
        self.bouton_trahir.add_class("strategie-dilemme-trahir")
        self.resultat = widgets.HTML()
        self.bilan = widgets.HTML()
        self.figure = FigureVivante(fig_d.figure_gains(g))
        self.bouton_cooperer.on_click(lambda _: self.jouer("C"))
        self.bouton_trahir.on_click(lambda _: self.jouer("D"))
        self.unite.observe(self._changer_unite, names="value")
        self._libelles()
        super().__init__([
            self.consigne,
            self.unite, self.comportement,
            widgets.HBox([self.bouton_cooperer, self.bouton_trahir]),
            self.resultat, self.figure, self.bilan, self.message,
        ])
        self.add_class("strategie-dilemme")
        self.add_class("strategie-dilemme-un-coup")

    def _libelles(self):
        """Les mots de la vue suivent l'unité : « se taire » en années de prison, « coopérer » en points."""
        en_points = self.gains.plus_haut_est_mieux
        if en_points:
            self.consigne.value = ("<b>Vous et l'autre joueur choisissez chacun de votre côté.</b> "
                                   "Coopérer ou trahir ? Vous ne savez pas ce qu'il fera.")
        else:
            self.consigne.value = ("<b>Vous et votre complice êtes interrogés séparément.</b> "
                                   "Vous taire ou le trahir ? Vous ne savez pas ce qu'il fera.")
        self.bouton_cooperer.description = "Coopérer" if en_points else "Me taire (coopérer)"
        # Changer les options d'un menu remet son choix au premier : on garde celui de l'apprenant.
        choix = self.comportement.value
        self.comportement.options = [((self._EN_POINTS.get(cle, cle) if en_points else cle), cle)
                                     for cle in self.COMPORTEMENTS]
        self.comportement.value = choix

    @protege()
    def _changer_unite(self, change=None):
        self.gains = self._gains_par_unite[self.unite.value]
        self._libelles()
        dernier = self.historique[-1] if self.historique else None
        self.figure.montrer(fig_d.figure_gains(self.gains, dernier))
        self._afficher_resultat()
        self._afficher_bilan()

    @protege()
    def jouer(self, coup: str):
        """Joue ``coup`` (``"C"`` ou ``"D"``) contre l'ordinateur et explique le résultat."""
        if coup not in ("C", "D"):
            raise SaisieInvalide(f"Le coup doit être \"C\" (se taire) ou \"D\" (trahir), pas « {coup} ».")
        p = self.COMPORTEMENTS[self.comportement.value]
        autre = "C" if self._alea.random() < p else "D"
        self.historique.append((coup, autre))
        self.figure.montrer(fig_d.figure_gains(self.gains, (coup, autre)))
        self._afficher_resultat()
        self._afficher_bilan()
        self.message.effacer()

    def _afficher_resultat(self):
        """Explique le dernier tour joué, dans l'unité choisie (elle peut changer après coup)."""
        if not self.historique:
            self.resultat.value = ""
            return
        coup, autre = self.historique[-1]
        g = self.gains
        moi, lui = g.gain(coup, autre), g.gain(autre, coup)
        alternative = "D" if coup == "C" else "C"
        si_autre = g.gain(alternative, autre)
        en_points = g.plus_haut_est_mieux
        # « vous taire » pour vous, « se taire » pour l'ordinateur.
        pour_moi = {"C": "coopérer" if en_points else "vous taire", "D": "trahir"}
        pour_lui = {"C": "coopérer" if en_points else "se taire", "D": "trahir"}
        mieux = (si_autre > moi) if en_points else (si_autre < moi)
        if si_autre == moi:
            jugement = "ce n'était ni mieux ni pire pour vous."
        else:
            jugement = "c'était mieux pour vous." if mieux else "c'était pire pour vous."
        regret = f"En choisissant de {pour_moi[alternative]}, vous auriez eu {_quantite(si_autre, g)} : {jugement}"
        self.resultat.value = (
            f"<p>Vous avez choisi de <b>{pour_moi[coup]}</b> ; l'ordinateur a choisi de <b>{pour_lui[autre]}</b>.<br>"
            f"Vous : <b>{_quantite(moi, g)}</b>, lui : <b>{_quantite(lui, g)}</b>. {html.escape(regret)}</p>"
        )

    def _afficher_bilan(self):
        if not self.historique:
            self.bilan.value = ""
            return
        g = self.gains
        n = len(self.historique)
        total = sum(g.gain(a, b) for a, b in self.historique)
        toujours_d = sum(g.gain("D", b) for _, b in self.historique)
        toujours_c = sum(g.gain("C", b) for _, b in self.historique)
        ensemble_c = n * g.recompense
        if g.plus_haut_est_mieux:
            fidele, ensemble = "en coopérant", "Si vous aviez toujours coopéré tous les deux"
        else:
            fidele, ensemble = "en vous taisant", "Si vous vous étiez toujours tus tous les deux"
        self.bilan.value = (
            f"<p>Après {compte(n, 'partie')} : vous totalisez <b>{_quantite(total, g)}</b>. "
            f"En trahissant à chaque fois, vous auriez eu {_quantite(toujours_d, g)} ; {fidele} à "
            f"chaque fois, {_quantite(toujours_c, g)}. {ensemble} : {_quantite(ensemble_c, g)} chacun.</p>"
        )


# -- 2. partie répétée contre un personnage caché ------------------------------------------

PERSONNAGES = ("Donnant-donnant", "Toujours trahir", "Toujours coopérer", "Rancunier", "Détective",
               "Donnant-donnant patient", "Pavlov", "Au hasard")


class PartieCachee(widgets.VBox):
    """Jouer des tours contre un personnage caché, sans savoir quand la partie finit, puis deviner qui c'était."""

    def __init__(self, personnages=PERSONNAGES, continuation: float = 0.9, minimum: int = 5,
                 gains=None, graine=None):
        self.personnages = [_s.strategie(p) for p in personnages]
        if len(self.personnages) < 2:
            raise SaisieInvalide("Donnez au moins deux personnages à deviner (« personnages »).")
        self.continuation, self.minimum = continuation, minimum
        self.gains = _g.gains(gains)
        self._alea = np.random.default_rng(graine)
        self.devines = 0
        self.parties = 0
        self.message = ZoneMessage()
        self.bouton_cooperer = widgets.Button(description="Coopérer", button_style="success",
                                              layout=widgets.Layout(width="160px"))
        self.bouton_trahir = widgets.Button(description="Trahir", button_style="danger",
                                            layout=widgets.Layout(width="160px"))
        self.bouton_cooperer.add_class("strategie-dilemme-cooperer")
        self.bouton_trahir.add_class("strategie-dilemme-trahir")
        self.choix = widgets.Dropdown(options=[p.nom_affiche for p in self.personnages],
                                      description="C'était…", style=_STYLE, disabled=True)
        self.bouton_verifier = widgets.Button(description="Vérifier", disabled=True, icon="search")
        self.bouton_nouvelle = widgets.Button(description="Nouvelle partie", icon="refresh")
        self.etat = widgets.HTML()
        self.revelation = widgets.HTML()
        self.figure = FigureVivante(fig_d.figure_coups("", "", ("Vous", "?"), self.gains, "Vos coups et les siens"))
        self.bouton_cooperer.on_click(lambda _: self.jouer("C"))
        self.bouton_trahir.on_click(lambda _: self.jouer("D"))
        self.bouton_verifier.on_click(lambda _: self.deviner(self.choix.value))
        self.bouton_nouvelle.on_click(lambda _: self.nouvelle_partie())
        liste = ", ".join(p.nom_affiche for p in self.personnages)
        super().__init__([
            widgets.HTML(
                f"<b>Un personnage caché joue contre vous.</b> Vous ne savez pas combien de tours dure la "
                f"partie : après chaque tour, il y en a un autre avec une probabilité de "
                f"{pourcent(continuation, part=True)}. À la fin, devinez qui c'était parmi : {html.escape(liste)}."
            ),
            widgets.HBox([self.bouton_cooperer, self.bouton_trahir, self.bouton_nouvelle]),
            self.etat, self.figure,
            widgets.HBox([self.choix, self.bouton_verifier]),
            self.revelation, self.message,
        ])
        self.add_class("strategie-dilemme")
        self.add_class("strategie-dilemme-partie-cachee")
        self.nouvelle_partie()

    @protege()
    def nouvelle_partie(self):
        """Tire un personnage et une durée cachés, puis remet la partie à zéro."""
        self._cache = self.personnages[int(self._alea.integers(len(self.personnages)))]
        self._duree = moteur.tirer_tours(self.continuation, self._alea, self.minimum)
        self.mes_coups, self.ses_coups = "", ""
        self.terminee = False
        self._devine = False
        for b in (self.bouton_cooperer, self.bouton_trahir):
            b.disabled = False
        self.choix.disabled = self.bouton_verifier.disabled = True
        self.revelation.value = ""
        self.message.effacer()
        self._afficher()

    @property
    def personnage(self) -> _s.Strategie:
        """Le personnage caché (pour les tests et le formateur : ne regardez pas !)."""
        return self._cache

    @protege()
    def jouer(self, coup: str):
        """Joue un tour : ``"C"`` (coopérer) ou ``"D"`` (trahir)."""
        if self.terminee:
            raise SaisieInvalide("La partie est finie : devinez le personnage, ou lancez une nouvelle partie.")
        if coup not in ("C", "D"):
            raise SaisieInvalide(f"Le coup doit être \"C\" ou \"D\", pas « {coup} ».")
        sien = self._cache.coup(self.ses_coups, self.mes_coups, self._alea, self.gains)
        self.mes_coups += coup
        self.ses_coups += sien
        if len(self.mes_coups) >= self._duree:
            self.terminee = True
            for b in (self.bouton_cooperer, self.bouton_trahir):
                b.disabled = True
            self.choix.disabled = self.bouton_verifier.disabled = False
            self.message.info(
                f"La partie s'arrête ici, après {compte(self._duree, 'tour')} : vous ne pouviez pas le savoir à l'avance. "
                "Qui était votre adversaire ?"
            )
        self._afficher()

    def _scores(self):
        g = self.gains
        moi = sum(g.gain(a, b) for a, b in zip(self.mes_coups, self.ses_coups))
        lui = sum(g.gain(b, a) for a, b in zip(self.mes_coups, self.ses_coups))
        return moi, lui

    def _afficher(self):
        moi, lui = self._scores()
        n = len(self.mes_coups)
        dernier = ""
        if n:
            dernier = f" Au dernier tour, il a {'coopéré' if self.ses_coups[-1] == 'C' else 'trahi'}."
        # « Aucun tour joué », « 1 tour joué », « 5 tours joués » (pluriel à partir de 2).
        joues = "Aucun tour joué pour l'instant" if n == 0 else f"{compte(n, 'tour')} joué{'s' if n >= 2 else ''}"
        devinees = f" Bien deviné : {self.devines} sur {self.parties}." if self.parties else ""
        self.etat.value = (
            f"<p>{joues}. Vous : <b>{_quantite(moi, self.gains)}</b>, "
            f"lui : <b>{_quantite(lui, self.gains)}</b>.{dernier}{devinees}</p>"
        )
        self.figure.montrer(fig_d.figure_coups(self.mes_coups, self.ses_coups, ("Vous", "?"), self.gains,
                                               "Vos coups et les siens"))

    @protege()
    def deviner(self, nom: str):
        """Propose un personnage ; révèle la réponse et ce qu'aurait donné donnant-donnant."""
        if not self.terminee:
            raise SaisieInvalide("Attendez la fin de la partie pour deviner (jouez encore).")
        if self._devine:
            raise SaisieInvalide("Vous avez déjà deviné : lancez une nouvelle partie.")
        propose = _s.strategie(nom)
        self._devine = True
        self.parties += 1
        juste = propose.nom == self._cache.nom
        # Deux personnages ont pu jouer exactement pareil dans cette partie : on le dit.
        meme_jeu = not juste and not propose.stochastique and not self._cache.stochastique and all(
            propose.coup(self.ses_coups[:t], self.mes_coups[:t], None, self.gains) == self.ses_coups[t]
            for t in range(len(self.ses_coups))
        )
        if juste or meme_jeu:
            self.devines += 1
        moi, _ = self._scores()
        tft = moteur.jouer_match("Donnant-donnant", self._cache, tours=self._duree, gains=self.gains,
                                 graine=int(self._alea.integers(2**31)))
        verdict = ("Bravo !" if juste else
                   "Presque : dans cette partie, les deux ont joué exactement pareil, vous ne pouviez pas les "
                   "distinguer." if meme_jeu else "Perdu.")
        self.revelation.value = (
            f"<p><b>{verdict}</b> C'était <b>{html.escape(self._cache.nom_affiche)}</b> "
            f"(<i>{html.escape(self._cache.nom_litterature)}</i>) : {html.escape(self._cache.description)}<br>"
            f"Vous avez obtenu {_quantite(moi, self.gains)} ; donnant-donnant aurait obtenu "
            f"{_quantite(tft.scores[0], self.gains)} contre ce personnage en {compte(self._duree, 'tour')}.</p>"
        )
        (self.message.succes if (juste or meme_jeu) else self.message.info)(
            f"Bien deviné : {self.devines} sur {self.parties}. Lancez une nouvelle partie pour rejouer."
        )
        self.choix.disabled = self.bouton_verifier.disabled = True
        self._afficher()
        return juste or meme_jeu


# -- 3. explorateur de tournoi ----------------------------------------------------------------

_SELECTION_TOURNOI = ("Donnant-donnant", "Donnant-donnant patient", "Rancunier", "Toujours coopérer",
                      "Toujours trahir", "Au hasard", "Pavlov", "Détective")
_PAS_DE_PARI = "— pas de pari —"


class ExplorateurTournoi(widgets.VBox):
    """Un tournoi d'Axelrod : choisir les stratégies, les tours, le bruit, les gains ; parier d'abord."""

    def __init__(self, strategies=None, selection=_SELECTION_TOURNOI, tours: int = 200, repetitions: int = 5,
                 bruit: float = 0.0, gains=None, graine: int = 1):
        disponibles = [cls() for cls in _s.CLASSES] + _s.strategies_apprenants()
        for x in strategies or ():
            j = moteur.joueur(x, "strategies")
            disponibles = [d for d in disponibles if d.nom_affiche != j.nom_affiche] + [j]
        self._joueurs = {j.nom_affiche: j for j in disponibles}
        self.message = ZoneMessage()
        choisis = [n for n in (_s.strategie(s).nom_affiche if not callable(s) else s.__name__
                               for s in selection) if n in self._joueurs]
        choisis += [j.nom_affiche for j in disponibles if isinstance(j, _s.StrategieFonction)]
        self.strategies = widgets.SelectMultiple(
            options=list(self._joueurs), value=tuple(dict.fromkeys(choisis)), rows=min(10, len(self._joueurs)),
            description="Stratégies", style=_STYLE, layout=widgets.Layout(width="380px"),
        )
        self.tours = CurseurEntier(value=tours, min=1, max=500, description="Tours par match", style=_STYLE,
                                   continuous_update=False)
        self.repetitions = CurseurEntier(value=repetitions, min=1, max=20, description="Répétitions",
                                         style=_STYLE, continuous_update=False)
        self.bruit = Curseur(value=bruit, min=0, max=0.5, step=0.01, description="Erreurs (bruit)",
                             part=True, style=_STYLE, continuous_update=False)
        self.graine = ChampEntier(value=graine, description="Graine", style=_STYLE,
                                      layout=widgets.Layout(width="160px"))
        self.gains = _ChampsGains(_g.gains(gains))
        self.pari = widgets.Dropdown(description="Votre pari : qui va gagner ?", style=_STYLE,
                                     layout=widgets.Layout(width="420px"))
        self.bouton = widgets.Button(description="Lancer le tournoi", button_style="primary", icon="play",
                                    layout=widgets.Layout(width="auto"))
        self.bouton.add_class("strategie-dilemme-lancer")
        self.resultat = None
        self.figure_classement = FigureVivante(fig_d.figure_vide(
            "Classement du tournoi", "Pariez puis lancez le tournoi pour voir le classement."))
        self.figure_matrice = FigureVivante(fig_d.figure_vide(
            "Matrice des matchs", "Lancez le tournoi pour voir le score de chaque match."))
        self.strategies.observe(self._maj_paris, names="value")
        self.bouton.on_click(lambda _: self.lancer())
        self._maj_paris()
        super().__init__([
            widgets.HBox([self.strategies, widgets.VBox([self.tours.boite, self.repetitions.boite, self.bruit.boite,
                                                         self.graine])], layout=_LIGNE_QUI_PASSE),
            widgets.HTML("<b>Gains</b> (points par tour, vus par un joueur) :"), self.gains,
            widgets.HBox([self.pari, self.bouton], layout=_LIGNE_QUI_PASSE),
            self.message, self.figure_classement, self.figure_matrice,
        ])
        self.add_class("strategie-dilemme")
        self.add_class("strategie-dilemme-tournoi")

    def _maj_paris(self, change=None):
        ancien = self.pari.value
        self.pari.options = [_PAS_DE_PARI, *self.strategies.value]
        self.pari.value = ancien if ancien in self.pari.options else _PAS_DE_PARI

    @protege()
    def lancer(self):
        """Joue le tournoi avec les réglages, met à jour les deux figures et juge le pari."""
        noms = list(self.strategies.value)
        if len(noms) < 2:
            raise SaisieInvalide("Choisissez au moins deux stratégies (Ctrl ou Maj + clic pour en choisir plusieurs).")
        g = self.gains.lire()
        self.resultat = moteur.tournoi_complet(
            [self._joueurs[n] for n in noms], tours=self.tours.value, repetitions=self.repetitions.value,
            bruit=self.bruit.value, graine=self.graine.value, gains=g,
        )
        classement = self.resultat.classement
        pari = None if self.pari.value == _PAS_DE_PARI else self.pari.value
        self.figure_classement.montrer(fig_d.figure_classement(classement, pari))
        self.figure_matrice.montrer(fig_d.figure_matrice(self.resultat.matrice))
        gagnant = classement["strategie"].iloc[0]
        avertissement = _avertissement_gains(g)
        if pari is None:
            self.message.info(f"{gagnant} gagne ce tournoi. La prochaine fois, pariez d'abord !{avertissement}")
        elif pari == gagnant:
            self.message.succes(f"Bravo, pari gagné : {gagnant} termine premier.{avertissement}")
        else:
            rang = int(classement.loc[classement["strategie"] == pari, "rang"].iloc[0])
            self.message.info(
                f"Pari perdu : {gagnant} gagne, {pari} termine {_p1980.rang_en_toutes_lettres(rang)} sur "
                f"{len(classement)}.{avertissement}"
            )
        return classement


# -- 4. explorateur d'évolution -----------------------------------------------------------------

_POPULATION = {"Donnant-donnant": 5, "Toujours trahir": 5, "Toujours coopérer": 15, "Rancunier": 0,
               "Détective": 0, "Donnant-donnant patient": 0, "Pavlov": 0, "Au hasard": 0}

SCENARIOS = {
    "Point de départ : des gentils, des tricheurs, des copieurs": dict(
        population=_POPULATION, tours=10, gains=_g.GAINS_NICKY_CASE, bruit=0.0, remplaces=5),
    "Barrière 1 : trop peu de tours par match": dict(
        population=_POPULATION, tours=3, gains=_g.GAINS_NICKY_CASE, bruit=0.0, remplaces=5),
    "Barrière 2 : trahir ensemble ne coûte plus rien (P = 1)": dict(
        population=_POPULATION, tours=10, gains=_g.Gains(2, -1, 3, 1), bruit=0.0, remplaces=5),
    "Barrière 3 : un peu d'erreurs (5 %)": dict(
        population={"Donnant-donnant": 5, "Toujours trahir": 5, "Toujours coopérer": 5, "Rancunier": 5,
                    "Donnant-donnant patient": 5}, tours=10, gains=_g.GAINS_NICKY_CASE, bruit=0.05, remplaces=5),
    "Barrière 3 bis : trop d'erreurs (30 %)": dict(
        population={"Donnant-donnant": 5, "Toujours trahir": 5, "Toujours coopérer": 5, "Rancunier": 5,
                    "Donnant-donnant patient": 5}, tours=10, gains=_g.GAINS_NICKY_CASE, bruit=0.3, remplaces=5),
    "Les huit personnages, 3 de chaque": dict(
        population={n: 3 for n in _POPULATION}, tours=10, gains=_g.GAINS_NICKY_CASE, bruit=0.05, remplaces=5),
}


class ExplorateurEvolution(widgets.VBox):
    """Évolution d'une population : les stratégies qui marquent le plus se répandent."""

    def __init__(self, population=None, tours: int = 10, remplaces: int = 5, generations: int = 60,
                 bruit: float = 0.0, gains=None, graine: int = 1):
        population = dict(population or _POPULATION)
        self.message = ZoneMessage()
        self._suspendu = True
        self.effectifs_depart = {}
        for nom, n in population.items():
            j = moteur.joueur(nom, "population")
            self.effectifs_depart[j.nom_affiche] = CurseurEntier(
                value=int(n), min=0, max=50, description=j.nom_affiche, style=_STYLE,
                continuous_update=False, layout=widgets.Layout(width="360px"))
        self._joueurs = {moteur.joueur(nom).nom_affiche: moteur.joueur(nom) for nom in population}
        self.scenario = widgets.Dropdown(options=["(réglages libres)", *SCENARIOS], description="Scénario",
                                         style=_STYLE, layout=widgets.Layout(width="560px"))
        self.tours = CurseurEntier(value=tours, min=1, max=50, description="Tours par match",
                                   style=_STYLE, continuous_update=False)
        self.bruit = Curseur(value=bruit, min=0, max=0.5, step=0.01, description="Erreurs",
                             part=True, style=_STYLE, continuous_update=False)
        self.remplaces = CurseurEntier(value=remplaces, min=1, max=12, description="Remplacés par génération",
                                       style=_STYLE, continuous_update=False)
        self.generations = CurseurEntier(value=generations, min=1, max=300, description="Générations",
                                         style=_STYLE, continuous_update=False)
        self.graine = ChampEntier(value=graine, description="Graine", style=_STYLE,
                                      layout=widgets.Layout(width="160px"))
        self.gains = _ChampsGains(_g.gains(gains) if gains is not None else _g.GAINS_NICKY_CASE)
        self.bouton = widgets.Button(description="Autre tirage", icon="random")
        self.bilan = widgets.HTML()
        self.effectifs = None
        self.figure = FigureVivante(fig_d.figure_vide(
            "Évolution de la population",
            "Réglez la population de départ : l'évolution s'affiche ici<br>"
            "dès que les réglages sont valides (lisez le message).", 400))
        for w in (*self.effectifs_depart.values(), self.tours, self.bruit, self.remplaces, self.generations,
                  self.graine, *self.gains.champs()):
            w.observe(self._sur_changement, names="value")
        self.scenario.observe(self._sur_scenario, names="value")
        self.bouton.on_click(lambda _: self._autre_tirage())
        super().__init__([
            self.scenario,
            widgets.HBox([
                widgets.VBox([widgets.HTML("<b>Population de départ</b>"), *(c.boite for c in self.effectifs_depart.values())]),
                widgets.VBox([widgets.HTML("<b>Barrières à la confiance</b>"), self.tours.boite, self.bruit.boite,
                              self.remplaces.boite, self.generations.boite, widgets.HBox([self.graine, self.bouton])]),
            ]),
            widgets.HTML("<b>Gains</b> (par tour, vus par un joueur) :"), self.gains,
            self.message, self.figure, self.bilan,
        ])
        self.add_class("strategie-dilemme")
        self.add_class("strategie-dilemme-evolution")
        self._suspendu = False
        self.lancer()

    def _sur_changement(self, change=None):
        if not self._suspendu:
            self.lancer()

    def _autre_tirage(self):
        self.graine.value += 1  # déclenche lancer()

    @protege()
    def _sur_scenario(self, change=None):
        reglages = SCENARIOS.get(self.scenario.value)
        if reglages is None:
            return
        self.appliquer(**reglages)

    def appliquer(self, population=None, tours=None, gains=None, bruit=None, remplaces=None):
        """Règle plusieurs contrôles d'un coup, puis relance une seule fois."""
        self._suspendu = True
        try:
            if population is not None:
                for nom, curseur in self.effectifs_depart.items():
                    curseur.value = int(population.get(nom, 0))
            if tours is not None:
                self.tours.value = tours
            if gains is not None:
                self.gains.ecrire(_g.gains(gains))
            if bruit is not None:
                self.bruit.value = bruit
            if remplaces is not None:
                self.remplaces.value = remplaces
        finally:
            self._suspendu = False
        self.lancer()

    @protege()
    def lancer(self):
        """Fait évoluer la population avec les réglages et met la figure à jour."""
        population = {self._joueurs[n]: c.value for n, c in self.effectifs_depart.items()}
        total = sum(population.values())
        if total < 2:
            raise SaisieInvalide("Mettez au moins deux joueurs dans la population de départ.")
        remplaces = self.remplaces.value
        if remplaces > total // 2:
            raise SaisieInvalide(
                f"Avec {total} joueurs, on ne peut pas remplacer plus de {compte(total // 2, 'joueur')} par "
                f"génération (réglez « Remplacés par génération » à {total // 2} au plus)."
            )
        g = self.gains.lire()
        self.effectifs = moteur.evolution(population, tours=self.tours.value, remplaces=remplaces,
                                          generations=self.generations.value, bruit=self.bruit.value,
                                          gains=g, graine=self.graine.value)
        self.figure.montrer(fig_d.figure_evolution(self.effectifs))
        fin = self.effectifs.iloc[-1]
        dominant = fin.idxmax()
        part = fin.max() / max(fin.sum(), 1)
        survivants = [f"{n} ({v})" for n, v in fin.items() if v > 0]
        self.bilan.value = (
            f"<p>Après {compte(len(self.effectifs) - 1, 'génération')} de {total} joueurs : "
            f"<b>{html.escape(dominant)}</b> représente {pourcent(part, part=True)} de la population. "
            f"Survivants : {html.escape(', '.join(survivants))}.</p>"
        )
        avertissement = _avertissement_gains(g)
        if avertissement:
            self.message.info(avertissement.strip())
        else:
            self.message.effacer()
        return self.effectifs


# -- 5. éditeur de gains -------------------------------------------------------------------------

PREREGLAGES = {
    "Points d'Axelrod (R=3, S=0, T=5, P=1)": _g.GAINS_POINTS,
    "Années de prison du billet (1 ; 5 ; 0 ; 3)": _g.GAINS_ANNEES,
    "Pièces de Nicky Case (2 ; -1 ; 3 ; 0)": _g.GAINS_NICKY_CASE,
    "Poule mouillée (3 ; 1 ; 5 ; 0)": _g.Gains(3, 1, 5, 0),
    "Chasse au cerf (5 ; 0 ; 3 ; 1)": _g.Gains(5, 0, 3, 1),
    "Harmonie (5 ; 3 ; 4 ; 1)": _g.Gains(5, 3, 4, 1),
    "Exploitation alternée payante (3 ; 0 ; 8 ; 1)": _g.Gains(3, 0, 8, 1),
}


class EditeurGains(widgets.VBox):
    """Changer R, S, T, P et voir, condition par condition, si c'est encore un dilemme du prisonnier."""

    def __init__(self, gains=None):
        g = _g.gains(gains)
        self.message = ZoneMessage()
        self.prereglage = widgets.Dropdown(options=["(réglages libres)", *PREREGLAGES], description="Exemple",
                                           style=_STYLE, layout=widgets.Layout(width="480px"))
        self.unite = widgets.ToggleButtons(options=[("Points (plus = mieux)", "points"),
                                                    ("Années (moins = mieux)", "annees")],
                                           value=g.unite, description="Unité", style={**_STYLE, "button_width": "auto"})
        self.champs = _ChampsGains(g)
        self.diagnostic = None
        self.explication = widgets.HTML()
        self.figure = FigureVivante(fig_d.figure_gains(g))
        self._suspendu = False
        for w in (self.unite, *self.champs.champs()):
            w.observe(self._sur_changement, names="value")
        self.prereglage.observe(self._sur_prereglage, names="value")
        super().__init__([
            self.prereglage, self.unite, self.champs, self.message, self.figure, self.explication,
        ])
        self.add_class("strategie-dilemme")
        self.add_class("strategie-dilemme-gains")
        self.analyser()

    def lire(self) -> _g.Gains:
        return _g.Gains(self.champs.recompense.value, self.champs.dupe.value, self.champs.tentation.value,
                        self.champs.punition.value, self.unite.value)

    def _sur_changement(self, change=None):
        if not self._suspendu:
            self.analyser()

    @protege()
    def _sur_prereglage(self, change=None):
        g = PREREGLAGES.get(self.prereglage.value)
        if g is None:
            return
        self._suspendu = True
        try:
            self.unite.value = g.unite
            self.champs.ecrire(g)
        finally:
            self._suspendu = False
        self.analyser()

    @protege()
    def analyser(self):
        """Recalcule le diagnostic, la matrice et le message."""
        g = self.lire()
        d = _g.diagnostic(g)
        self.diagnostic = d
        self.figure.montrer(fig_d.figure_gains(g))
        lignes = "".join(
            f"<li>{'✅' if c.respectee else '❌'} {html.escape(c.texte)} : {html.escape(c.explication)}.</li>"
            for c in d.conditions
        )
        nom = {"C": "coopérer", "D": "trahir", None: "aucune"}
        # Des issues en phrases (« les deux trahissent »), séparées par « ; » ; l'étiquette s'accorde.
        if not d.equilibres:
            eq = "Équilibre en coups purs : aucun"
        else:
            eq = ("Équilibre : " if len(d.equilibres) == 1 else "Équilibres : ") + " ; ".join(
                _ISSUES[e] for e in d.equilibres)
        opt = ("Meilleur résultat pour les deux ensemble : " if len(d.optimum_collectif) == 1
               else "Meilleurs résultats pour les deux ensemble : ") + " ; ".join(
            _ISSUES[e] for e in d.optimum_collectif)
        w = _g.continuation_minimale(g)
        repete = (f"<br>En jeu répété, la coopération réciproque tient si la probabilité de rejouer "
                  f"dépasse {pourcent(w, part=True)} environ." if w is not None else "")
        if not g.plus_haut_est_mieux:
            rappel = "<br><i>En années, les conditions se lisent à l'envers : moins d'années = meilleur gain.</i>"
        else:
            rappel = ""
        self.explication.value = (
            f"<p><b>{html.escape(d.jeu)}</b> : {html.escape(d.explication)}</p><ul>{lignes}</ul>"
            f"<p>Stratégie dominante : <b>{nom[d.strategie_dominante]}</b>. {html.escape(eq)}. "
            f"{html.escape(opt)}.{repete}{rappel}</p>"
        )
        (self.message.succes if d.est_un_dilemme else self.message.info)(_verdict(d))
        return d


# -- 6. le premier tournoi d'Axelrod, avec votre stratégie ----------------------------------------

_AUCUNE = "— aucune (les quinze de 1980) —"


class Tournoi1980(widgets.VBox):
    """Le tournoi de 1980 rejoué ; une stratégie de plus (la vôtre, ou une du cours) entre dans le champ."""

    def __init__(self, strategies=None, repetitions: int = 5, graine: int = 1980):
        dans_le_champ = {cls.nom_axelrod for cls in _p1980.ENTRANTS_1980}
        candidats = list(_s.strategies_apprenants())
        candidats += [moteur.joueur(x, "strategies") for x in strategies or ()]
        candidats += [cls() for cls in _s.CLASSES if cls.nom_axelrod not in dans_le_champ]
        self._joueurs = {}
        for j in candidats:
            self._joueurs.setdefault(j.nom_affiche, j)
        self.message = ZoneMessage()
        self.invite = widgets.Dropdown(options=[_AUCUNE, *self._joueurs], description="Stratégie ajoutée",
                                       style=_STYLE, layout=widgets.Layout(width="460px"))
        self.repetitions = CurseurEntier(value=repetitions, min=1, max=20, description="Répétitions",
                                         style=_STYLE, continuous_update=False)
        self.graine = ChampEntier(value=graine, description="Graine", style=_STYLE,
                                      layout=widgets.Layout(width="160px"))
        self.horizon = widgets.Checkbox(value=True, description="Durée de 200 tours annoncée aux joueurs",
                                        style=_STYLE, indent=False)
        self.bouton = widgets.Button(description="Lancer le tournoi de 1980", button_style="primary", icon="play",
                                    layout=widgets.Layout(width="auto"))
        self.bouton.add_class("strategie-dilemme-1980-lancer")
        self.classement = None
        self.figure = FigureVivante(fig_d.figure_vide(
            "Premier tournoi d'Axelrod", "Choisissez une stratégie à ajouter (ou aucune), puis lancez le tournoi.", 360))
        self.bouton.on_click(lambda _: self.lancer())
        super().__init__([
            widgets.HTML("Enregistrez d'abord votre fonction (<code>dilemme.enregistrer(ma_strategie)</code>) "
                         "puis relancez cette cellule : elle apparaît en tête de la liste."),
            widgets.HBox([self.invite, self.repetitions.boite, self.graine], layout=_LIGNE_QUI_PASSE),
            widgets.HBox([self.horizon, self.bouton], layout=_LIGNE_QUI_PASSE),
            self.message, self.figure,
        ])
        self.add_class("strategie-dilemme")
        self.add_class("strategie-dilemme-1980")

    @protege()
    def lancer(self):
        """Joue le tournoi avec la stratégie choisie en seizième participant et montre le classement."""
        invite = None if self.invite.value == _AUCUNE else self._joueurs[self.invite.value]
        self.classement = _p1980.tournoi_axelrod_1980(
            self.repetitions.value, self.graine.value, invites=[invite] if invite else (),
            horizon_connu=self.horizon.value,
        )
        c = self.classement
        nom = c.loc[c["score_article"].isna(), "strategie"].iloc[0] if invite else None
        self.figure.montrer(fig_d.figure_1980(c, invite=nom))
        tete = c.iloc[0]
        tft = c[c["nom_axelrod"] == "Tit For Tat"].iloc[0]
        if invite is None:
            suite = ("comme en 1980" if tft.name == tete.name
                     else f"donnant-donnant, vainqueur en 1980, est {_p1980.rang_en_toutes_lettres(int(tft['rang']))}")
            self.message.info(
                f"{tete['strategie']} arrive en tête avec {nombre(tete['score'], 1)} points par match ; {suite}.")
        else:
            ligne = c[c["strategie"] == nom].iloc[0]
            texte = (f"« {nom} » termine {_p1980.rang_en_toutes_lettres(int(ligne['rang']))} sur {len(c)} avec "
                     f"{nombre(ligne['score'], 1)} points par match ; donnant-donnant en a {nombre(tft['score'], 1)}.")
            (self.message.succes if int(ligne["rang"]) <= 3 else self.message.info)(texte)
        return c
