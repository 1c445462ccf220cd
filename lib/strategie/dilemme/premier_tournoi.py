"""Le premier tournoi d'Axelrod (1980), tel qu'il s'est joué : les quinze participants et leur tournoi.

Robert Axelrod a invité des spécialistes de la théorie des jeux à envoyer un
programme ; quatorze règles, plus une règle au hasard, se sont rencontrées deux
à deux (chacune aussi contre son double) en matchs de 200 tours, le tout joué
cinq fois. Source : Robert Axelrod, « Effective Choice in the Prisoner's
Dilemma », *Journal of Conflict Resolution*, vol. 24, n° 1, mars 1980,
p. 3-25 (tableau 1 pour les scores, annexe pour la description des règles).

Les règles ne sont connues que par leur description dans l'article : elles
sont reconstruites ici exactement comme la bibliothèque Python Axelrod
(module ``axelrod/strategies/axelrod_first.py``, version 4.13) les
reconstruit ; les règles déterministes jouent les mêmes coups qu'elle.

* ``ENTRANTS_1980`` : les quinze classes, dans l'ordre du classement de l'article ;
* ``SCORES_ARTICLE`` : le tableau 1 de l'article (score moyen par match de 200 tours) ;
* :func:`tournoi_axelrod_1980` : le tournoi rejoué, comparé à l'article.
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral

import numpy as np
import pandas as pd

from strategie.dilemme.gains import GAINS_POINTS, Gains
from strategie.dilemme.strategies import (
    DonnantDonnant, Hasard, Joss, MemoireUn, Rancunier, Strategie, StrategieFonction, Vue, _indexer,
)
from strategie.erreurs import SaisieInvalide

__all__ = [
    "ENTRANTS_1980", "SCORES_ARTICLE", "TOURS_1980", "Resultat1980",
    "tournoi_axelrod_1980", "tournoi_axelrod_1980_complet", "lecture_1980", "rang_en_toutes_lettres",
    "TidemanChieruzzi", "Nydegger", "Grofman", "Shubik", "SteinRapoport", "Davis", "Graaskamp",
    "Downing", "Feld", "Tullock", "Anonyme",
]

TOURS_1980 = 200
_SEUIL_KHI2 = 0.05  # seuil de signification des tests d'aléa (Stein et Rapoport, Graaskamp)


def _hasard_khi2(cooperations: np.ndarray, trahisons: np.ndarray) -> np.ndarray:
    """Vrai si l'adversaire semble jouer à pile ou face : p du khi-deux (50/50) ≥ 5 %.

    Même calcul que ``scipy.stats.chisquare([c, d]).pvalue`` (les deux termes sont
    égaux, leur somme est exacte), mais pour des centaines de joueurs à la fois.
    """
    from scipy.special import chdtrc

    attendu = (cooperations + trahisons) / 2.0
    terme = (cooperations - attendu) ** 2 / attendu
    return chdtrc(1, 2.0 * terme) >= _SEUIL_KHI2


def _derniers_coups(vue: Vue, d: np.ndarray) -> np.ndarray:
    """Trahir sur les deux derniers tours quand la durée du match est connue."""
    if vue.tours >= 0 and vue.tours - vue.t <= 2:
        return np.ones(vue.k, dtype=bool)
    return d


class _Entrant(Strategie):
    """Un participant de 1980 : la règle vectorisée sert aussi au chemin lent (rejouée sur l'historique)."""

    def coup(self, mes_coups, ses_coups, alea=None, gains: Gains = GAINS_POINTS) -> str:
        """Le coup joué, en rejouant la règle sur l'historique (durée du match inconnue)."""
        t = len(mes_coups)
        mes = np.zeros((t + 1, 1), dtype=bool)
        ses = np.zeros((t + 1, 1), dtype=bool)
        mes[:t, 0] = [c == "D" for c in mes_coups]
        ses[:t, 0] = [c == "D" for c in ses_coups]
        vue = Vue(mes, ses, np.zeros(1, dtype=np.int32), np.zeros(1, dtype=np.int32), self.etat_initial(1),
                  gains, -1)
        if self.stochastique and alea is None:
            alea = np.random.default_rng()
        d = np.zeros(1, dtype=bool)
        for s in range(t + 1):
            vue.t = s
            vue.nd_mes[:] = mes[:s, 0].sum()
            vue.nd_ses[:] = ses[:s, 0].sum()
            vue.u = np.array([alea.random()]) if self.stochastique else None
            d = self.decider(vue)
        return "D" if d[0] else "C"


class _Riposte:
    """Compteurs de représailles de Shubik et de Tideman et Chieruzzi."""

    @staticmethod
    def etat(k: int) -> dict:
        return dict(riposte=np.zeros(k, dtype=bool), longueur=np.zeros(k, dtype=np.int64),
                    reste=np.zeros(k, dtype=np.int64))

    @staticmethod
    def jouer(e: dict, libres: np.ndarray, declencheur: np.ndarray) -> np.ndarray:
        """Continue les représailles en cours ; en ouvre de plus longues d'un tour sur ``declencheur``."""
        en_cours = libres & e["riposte"]
        nouvelles = libres & ~e["riposte"] & declencheur
        e["longueur"][nouvelles] += 1
        e["reste"][nouvelles] = e["longueur"][nouvelles]
        e["riposte"][nouvelles] = True
        trahit = en_cours | nouvelles
        e["reste"][trahit] -= 1
        e["riposte"][trahit & (e["reste"] == 0)] = False
        return trahit


# -- les onze règles qui ne sont pas déjà dans le cours ------------------------------------------

class TidemanChieruzzi(_Entrant):
    """Tideman et Chieruzzi, 2e en 1980 (T. Nicolaus Tideman et Paula Chieruzzi).

    Règle décrite par Axelrod (1980) : donnant-donnant, mais chaque nouvelle
    série de trahisons de l'autre est punie par une trahison de plus que la
    précédente ; l'autre reçoit un « nouveau départ » (deux coopérations, puis
    tout est oublié) s'il a au moins 10 points de retard, s'il ne vient pas de
    trahir, si le dernier nouveau départ date d'au moins 20 tours, s'il reste au
    moins 10 tours et si son nombre de trahisons s'écarte d'au moins trois
    écarts-types de ce que donnerait le pile ou face. Trahit aux deux derniers
    tours (la durée de 200 tours était annoncée).
    """

    nom = "tideman_chieruzzi"
    nom_affiche = "Tideman et Chieruzzi"
    nom_litterature = nom_axelrod = "First by Tideman and Chieruzzi"
    alias = ("Tideman and Chieruzzi", "TidemanAndChieruzzi", "FirstByTidemanAndChieruzzi")
    description = (
        "Donnant-donnant qui punit chaque nouvelle série de trahisons un tour de plus que la précédente, "
        "offre un nouveau départ à un adversaire distancé, et trahit aux deux derniers tours."
    )

    def etat_initial(self, k):
        return dict(_Riposte.etat(k), score=np.zeros(k), score_adv=np.zeros(k), depart=np.zeros(k, dtype=np.int64),
                    second=np.zeros(k, dtype=bool), trahisons=np.zeros(k, dtype=np.int64))

    def decider(self, vue):
        t, e = vue.t, vue.etat
        d = np.zeros(vue.k, dtype=bool)
        if t > 0:
            mon, son = vue.mes[t - 1], vue.ses[t - 1]
            e["trahisons"] += son
            table = vue.gains.table()
            m, s = mon.view(np.uint8), son.view(np.uint8)
            e["score"] += table[2 * m + s]
            e["score_adv"] += table[2 * s + m]
            fait = e["second"].copy()  # deuxième coopération d'un nouveau départ
            e["second"][:] = False
            tour = t + 1
            possible = (~fait & ~son & ((e["depart"] == 0) | (tour - e["depart"] >= 20))
                        & (e["score"] - e["score_adv"] >= 10))
            if vue.tours - tour >= 10 and possible.any():
                ecart = t ** (1 / 2) / 2
                bas, haut = t / 2 - 3 * ecart, t / 2 + 3 * ecart
                neuf = possible & ((e["trahisons"] <= bas) | (e["trahisons"] >= haut))
                if neuf.any():
                    e["depart"][neuf] = tour
                    for cle in ("riposte", "longueur", "reste", "trahisons"):
                        e[cle][neuf] = 0
                    e["second"][neuf] = True
                    fait |= neuf
            d = _Riposte.jouer(e, ~fait, son)
        return _derniers_coups(vue, d)


class Nydegger(_Entrant):
    """Nydegger, 3e en 1980 (Rudy Nydegger).

    Règle décrite par Axelrod (1980) : donnant-donnant pendant trois tours
    (avec une exception au troisième), puis un calcul sur les trois derniers
    tours : chaque tour vaut 2 si l'autre a trahi, plus 1 si soi-même a trahi,
    pondéré par 16, 4 et 1 ; la règle trahit seulement si la somme A vaut 1, 6,
    7, 17, 22, 23, 26, 29, 30, 31, 33, 38, 39, 45, 49, 54, 55, 58 ou 61. Comme la
    bibliothèque Axelrod, le poids 16 va au dernier tour joué.
    """

    nom = "nydegger"
    nom_affiche = "Nydegger"
    nom_litterature = nom_axelrod = "First by Nydegger"
    alias = ("FirstByNydegger",)
    description = (
        "Donnant-donnant les trois premiers tours, puis décide d'après un code des trois derniers tours "
        "(trahit pour 19 des 64 combinaisons)."
    )
    _TRAHIT = np.zeros(64, dtype=bool)
    _TRAHIT[[1, 6, 7, 17, 22, 23, 26, 29, 30, 31, 33, 38, 39, 45, 49, 54, 55, 58, 61]] = True

    def decider(self, vue):
        t, mes, ses = vue.t, vue.mes, vue.ses
        if t == 0:
            return np.zeros(vue.k, dtype=bool)
        if t == 1:
            return ses[0].copy()
        if t == 2:
            return (ses[0] & ~ses[1]) | ses[1]
        a = [2 * ses[t - i].view(np.uint8) + mes[t - i].view(np.uint8) for i in (1, 2, 3)]
        return self._TRAHIT[16 * a[0] + 4 * a[1] + a[2]]


class Grofman(_Entrant, MemoireUn):
    """Grofman, 4e en 1980 (Bernard Grofman).

    Règle décrite par Axelrod (1980) : si les deux joueurs ont fait des choses
    différentes au tour précédent, coopère avec la probabilité 2/7 ; sinon
    coopère toujours.
    """

    nom = "grofman"
    nom_affiche = "Grofman"
    nom_litterature = nom_axelrod = "First by Grofman"
    alias = ("FirstByGrofman",)
    stochastique = True
    description = "Coopère si les deux ont joué pareil au tour précédent ; sinon coopère deux fois sur sept."
    memoire_un = (1.0, (1.0, 2 / 7, 2 / 7, 1.0))
    coup = Strategie.coup


class Shubik(_Entrant):
    """Shubik, 5e en 1980 (Martin Shubik).

    Règle décrite par Axelrod (1980) : coopère jusqu'à ce que l'autre trahisse,
    puis trahit une fois ; si l'autre trahit à nouveau après le retour à la
    coopération, trahit deux fois, et ainsi de suite : les représailles
    s'allongent d'un tour à chaque écart.
    """

    nom = "shubik"
    nom_affiche = "Shubik"
    nom_litterature = nom_axelrod = "First by Shubik"
    alias = ("FirstByShubik",)
    description = "Punit chaque trahison qui suit sa coopération par des représailles d'un tour plus longues que les précédentes."

    def etat_initial(self, k):
        return _Riposte.etat(k)

    def decider(self, vue):
        t = vue.t
        if t == 0:
            return np.zeros(vue.k, dtype=bool)
        return _Riposte.jouer(vue.etat, np.ones(vue.k, dtype=bool), vue.ses[t - 1] & ~vue.mes[t - 1])


class SteinRapoport(_Entrant):
    """Stein et Rapoport, 6e en 1980 (William Stein et Amnon Rapoport).

    Règle décrite par Axelrod (1980) : donnant-donnant, sauf qu'elle coopère
    aux quatre premiers tours, trahit aux deux derniers, et tous les quinze
    tours vérifie par un test du khi-deux si l'autre semble jouer au hasard
    (elle trahit alors jusqu'au test suivant).
    """

    nom = "stein_rapoport"
    nom_affiche = "Stein et Rapoport"
    nom_litterature = nom_axelrod = "First by Stein and Rapoport"
    alias = ("Stein and Rapoport", "SteinAndRapoport", "FirstBySteinAndRapoport")
    description = (
        "Donnant-donnant qui coopère les quatre premiers tours, trahit les deux derniers et, tous les "
        "quinze tours, trahit si l'autre semble jouer au hasard."
    )

    def etat_initial(self, k):
        return np.zeros(k, dtype=bool)

    def decider(self, vue):
        t = vue.t
        if t < 4:
            d = np.zeros(vue.k, dtype=bool)
        elif t < 14:
            d = vue.ses[t - 1].copy()
        else:
            if (t + 1) % 15 == 0:
                vue.etat[:] = _hasard_khi2(t - vue.nd_ses, vue.nd_ses)
            d = vue.etat | vue.ses[t - 1]
        return _derniers_coups(vue, d)


class Davis(_Entrant):
    """Davis, 8e en 1980 (Morton Davis).

    Règle décrite par Axelrod (1980) : coopère pendant les dix premiers tours,
    puis joue comme le rancunier : trahit pour toujours dès que l'autre a trahi
    une fois.
    """

    nom = "davis"
    nom_affiche = "Davis"
    nom_litterature = nom_axelrod = "First by Davis"
    alias = ("FirstByDavis",)
    description = "Coopère dix tours, puis trahit pour toujours si l'autre a trahi une seule fois."

    def decider(self, vue):
        if vue.t < 10:
            return np.zeros(vue.k, dtype=bool)
        return vue.nd_ses > 0


class Graaskamp(_Entrant):
    """Graaskamp, 9e en 1980 (James Graaskamp).

    Règle décrite par Axelrod (1980) : donnant-donnant pendant 50 tours, trahit
    au 51e, puis encore 5 tours de donnant-donnant ; ensuite, si l'autre semble
    jouer au hasard (khi-deux), trahit jusqu'au bout ; s'il semble être
    donnant-donnant ou son double, joue donnant-donnant ; sinon coopère en
    glissant une trahison tous les 5 à 14 tours, tirés au hasard.

    Le chemin lent (:meth:`coup`) retire ce calendrier à chaque appel ; le moteur
    le suit d'un tour à l'autre, comme la bibliothèque Axelrod.
    """

    nom = "graaskamp"
    nom_affiche = "Graaskamp"
    nom_litterature = nom_axelrod = "First by Graaskamp"
    alias = ("FirstByGraaskamp",)
    stochastique = True
    description = (
        "Donnant-donnant avec une trahison au 51e tour ; ensuite trahit un joueur au hasard, imite "
        "donnant-donnant ou son double, et glisse une trahison tous les 5 à 14 tours contre les autres."
    )

    def etat_initial(self, k):
        return dict(hasard=np.zeros(k, dtype=bool), copie=np.ones(k, dtype=bool),
                    jumeau=np.ones(k, dtype=bool), prochain=np.full(k, -1, dtype=np.int64))

    def decider(self, vue):
        t, e, mes, ses = vue.t, vue.etat, vue.mes, vue.ses
        if t == 0:
            return np.zeros(vue.k, dtype=bool)
        # L'autre copie-t-il mon coup précédent (donnant-donnant) ou chacun de mes coups (mon jumeau) ?
        e["jumeau"] &= ses[t - 1] == mes[t - 1]
        if t >= 2:
            e["copie"] &= ses[t - 1] == mes[t - 2]
        if t < 56:
            return ses[t - 1] | (t == 50)
        e["hasard"] |= _hasard_khi2(t - vue.nd_ses, vue.nd_ses)
        d = e["hasard"].copy()
        imite = ~e["hasard"] & (e["copie"] | e["jumeau"])
        d[imite] = ses[t - 1][imite]
        autres = ~e["hasard"] & ~imite
        if autres.any():
            u = vue.u if vue.u is not None else np.random.default_rng().random(vue.k)
            ecart = 5 + np.floor(u * 10).astype(np.int64)  # 5 à 14 tours, comme randint(5, 15)
            sans = autres & (e["prochain"] < 0)
            frappe = autres & (e["prochain"] == t)
            e["prochain"][sans | frappe] = (ecart + t)[sans | frappe]
            d |= frappe
        return d


class Downing(_Entrant):
    """Downing, 10e en 1980 (Leslie Downing).

    Règle décrite par Axelrod (1980) : suppose que l'autre coopère avec une
    probabilité qui ne dépend que de son propre coup précédent, estime ces deux
    probabilités au fil du match (au départ 1/2 chacune) et choisit le coup qui
    maximise son gain attendu à long terme. Comme la bibliothèque Axelrod :
    trahit aux deux premiers tours, coopère si le gain attendu en coopérant
    dépasse celui en trahissant, trahit dans le cas inverse, et change de coup
    en cas d'égalité.
    """

    nom = "downing"
    nom_affiche = "Downing"
    nom_litterature = nom_axelrod = "First by Downing"
    alias = ("FirstByDowning",)
    description = (
        "Estime si l'autre répond à ses coopérations et à ses trahisons, et joue le coup qui rapporte "
        "le plus selon cette estimation (trahit d'abord deux fois)."
    )

    def etat_initial(self, k):
        return dict(apres_c=np.zeros(k, dtype=np.int64), apres_d=np.zeros(k, dtype=np.int64))

    def decider(self, vue):
        t, e, mes, ses = vue.t, vue.etat, vue.mes, vue.ses
        if t == 0:
            return np.ones(vue.k, dtype=bool)
        if t == 1:
            e["apres_c"] += ~ses[0]
            return np.ones(vue.k, dtype=bool)
        cooperation = ~ses[t - 1]
        e["apres_c"] += ~mes[t - 2] & cooperation
        e["apres_d"] += mes[t - 2] & cooperation
        alpha = e["apres_c"] / ((t - vue.nd_mes) + 1)
        beta = e["apres_d"] / np.maximum(vue.nd_mes, 2)
        r, s, tt, p = vue.gains.RSTP
        cooperer = alpha * r + (1 - alpha) * s
        trahir = beta * tt + (1 - beta) * p
        return np.where(cooperer == trahir, ~mes[t - 1], cooperer < trahir)


class Feld(_Entrant):
    """Feld, 11e en 1980 (Scott Feld).

    Règle décrite par Axelrod (1980) : part de donnant-donnant et abaisse peu à
    peu sa probabilité de coopérer après une coopération de l'autre, jusqu'à
    1/2 au 200e tour ; trahit toujours après une trahison de l'autre. Comme la
    bibliothèque Axelrod, la baisse est linéaire : 1 - t/400 au tour t.
    """

    nom = "feld"
    nom_affiche = "Feld"
    nom_litterature = nom_axelrod = "First by Feld"
    alias = ("FirstByFeld",)
    stochastique = True
    description = (
        "Riposte toujours à une trahison ; après une coopération, coopère de moins en moins souvent "
        "(d'une fois sur une au départ à une fois sur deux au 200e tour)."
    )

    def decider(self, vue):
        t = vue.t
        if t == 0:
            return np.zeros(vue.k, dtype=bool)
        p = max(1.0 + (-0.5 / 200) * t, 0.5)
        return vue.ses[t - 1] | (vue.u >= p)


class Tullock(_Entrant):
    """Tullock, 13e en 1980 (Gordon Tullock).

    Règle décrite par Axelrod (1980) : coopère aux onze premiers tours, puis
    coopère 10 % moins souvent que l'autre ne l'a fait sur ses dix derniers
    coups (au hasard, avec cette probabilité).
    """

    nom = "tullock"
    nom_affiche = "Tullock"
    nom_litterature = nom_axelrod = "First by Tullock"
    alias = ("FirstByTullock",)
    stochastique = True
    description = "Coopère onze tours, puis un peu moins souvent que l'autre sur ses dix derniers coups."

    def decider(self, vue):
        t = vue.t
        if t < 11:
            return np.zeros(vue.k, dtype=bool)
        cooperations = 10 - vue.ses[t - 10:t].sum(axis=0)
        p = np.maximum(0, cooperations / 10 - 0.10)
        return ~(vue.u < p)


class Anonyme(_Entrant, MemoireUn):
    """Anonyme, 14e en 1980 (un étudiant dont le nom n'a pas été publié).

    Règle décrite par Axelrod (1980) : une probabilité de coopérer, d'abord
    30 %, réajustée tous les dix tours selon que l'autre semble aléatoire, très
    coopératif ou très peu coopératif ; en pratique elle restait entre 30 % et
    70 %. La bibliothèque Axelrod tire donc, à chaque tour, une probabilité
    uniforme entre 0,3 et 0,7, puis le coup avec cette probabilité : cela
    revient à coopérer une fois sur deux, à chaque tour, indépendamment du reste.
    """

    nom = "anonyme"
    nom_affiche = "Anonyme"
    nom_litterature = nom_axelrod = "First by Anonymous"
    alias = ("Anonymous", "Name withheld", "FirstByAnonymous", "Unnamed Strategy")
    stochastique = True
    description = "Coopère avec une probabilité tirée chaque tour entre 30 % et 70 % : une fois sur deux en moyenne."
    memoire_un = (0.5, (0.5, 0.5, 0.5, 0.5))
    coup = Strategie.coup


ENTRANTS_1980: tuple[type[Strategie], ...] = (
    DonnantDonnant, TidemanChieruzzi, Nydegger, Grofman, Shubik, SteinRapoport, Rancunier, Davis,
    Graaskamp, Downing, Feld, Joss, Tullock, Anonyme, Hasard,
)

# Tableau 1 d'Axelrod (1980) : score moyen par match de 200 coups, et l'auteur (ou les auteurs) de chaque règle.
SCORES_ARTICLE: dict[str, tuple[int, float, str]] = {
    "Tit For Tat": (1, 504.5, "Anatol Rapoport"),
    "First by Tideman and Chieruzzi": (2, 500.4, "T. Nicolaus Tideman et Paula Chieruzzi"),
    "First by Nydegger": (3, 485.5, "Rudy Nydegger"),
    "First by Grofman": (4, 481.9, "Bernard Grofman"),
    "First by Shubik": (5, 480.7, "Martin Shubik"),
    "First by Stein and Rapoport": (6, 477.8, "William Stein et Amnon Rapoport"),
    "Grudger": (7, 473.4, "James W. Friedman"),
    "First by Davis": (8, 471.8, "Morton Davis"),
    "First by Graaskamp": (9, 400.7, "James Graaskamp"),
    "First by Downing": (10, 390.6, "Leslie Downing"),
    "First by Feld": (11, 327.6, "Scott Feld"),
    "First by Joss": (12, 304.4, "Johann Joss"),
    "First by Tullock": (13, 300.5, "Gordon Tullock"),
    "First by Anonymous": (14, 282.2, "(nom non publié)"),
    "Random": (15, 276.3, "(règle au hasard ajoutée par Axelrod)"),
}

for _cls in ENTRANTS_1980:
    _indexer(_cls)


# -- le tournoi ---------------------------------------------------------------------------------

@dataclass
class Resultat1980:
    """Le tournoi rejoué : ``classement`` (comme :func:`tournoi_axelrod_1980`), ``matrice`` (points par
    match de la ligne contre la colonne, moyenne des répétitions) et ``scores`` (score de chaque
    participant à chaque répétition)."""

    classement: pd.DataFrame
    matrice: pd.DataFrame
    scores: pd.DataFrame
    repetitions: int
    horizon_connu: bool


def _repetitions(valeur) -> int:
    if isinstance(valeur, bool) or not isinstance(valeur, Integral) or not 1 <= valeur <= 1000:
        raise SaisieInvalide(
            f"« repetitions » est le nombre de fois que le tournoi est joué : un entier entre 1 et 1000 "
            f"(5 dans l'article), pas {valeur!r}."
        )
    return int(valeur)


def tournoi_axelrod_1980_complet(repetitions: int = 5, graine=None, *, invites=(),
                                 horizon_connu: bool = True) -> Resultat1980:
    """Le premier tournoi d'Axelrod rejoué, avec tout le détail (voir :func:`tournoi_axelrod_1980`)."""
    from strategie.dilemme import moteur

    repetitions = _repetitions(repetitions)
    rng = moteur._generateur(graine)
    liste = [cls() for cls in ENTRANTS_1980]
    if isinstance(invites, (str, Strategie)) or callable(invites):
        invites = [invites]
    liste += [moteur.joueur(x, f"invites[{i}]") for i, x in enumerate(invites)]
    n = len(liste)
    i, j = np.triu_indices(n)  # chaque paire, y compris chaque règle contre son jumeau
    # Sans hasard, un match entre deux règles fixes est toujours le même : on le joue une fois.
    fixe = np.array([not (x.stochastique or isinstance(x, StrategieFonction)) for x in liste])
    une_fois = fixe[i] & fixe[j]
    cote_a = np.concatenate([i[une_fois], np.tile(i[~une_fois], repetitions)])
    cote_b = np.concatenate([j[une_fois], np.tile(j[~une_fois], repetitions)])
    ca, cb = moteur._simuler(liste, cote_a, cote_b, TOURS_1980, 0.0, GAINS_POINTS, rng,
                             horizon_connu=horizon_connu)
    sa, sb = moteur._scores(ca, cb, GAINS_POINTS)
    total_a, total_b = sa.sum(axis=0), sb.sum(axis=0)
    k = int(une_fois.sum())
    paires = len(i)
    par_match_a = np.empty((repetitions, paires))
    par_match_b = np.empty((repetitions, paires))
    par_match_a[:, une_fois], par_match_b[:, une_fois] = total_a[:k], total_b[:k]
    par_match_a[:, ~une_fois] = total_a[k:].reshape(repetitions, -1)
    par_match_b[:, ~une_fois] = total_b[k:].reshape(repetitions, -1)
    # points[r, x, y] : points de x contre y à la répétition r ; contre son jumeau, la moyenne des deux copies.
    points = np.zeros((repetitions, n, n))
    points[:, i, j] = par_match_a
    points[:, j, i] = par_match_b
    diag = i == j
    points[:, i[diag], i[diag]] = (par_match_a[:, diag] + par_match_b[:, diag]) / 2
    score_rep = points.mean(axis=2)  # sur les n adversaires, jumeau compris (la base de l'article)
    score = score_rep.mean(axis=0)
    tri = np.argsort(-score, kind="stable")
    noms = moteur._noms_uniques(liste)
    article = [SCORES_ARTICLE.get(x.nom_axelrod) if not isinstance(x, StrategieFonction) and k_ < 15 else None
               for k_, x in enumerate(liste)]
    classement = pd.DataFrame({
        "rang": np.arange(1, n + 1),
        "strategie": [noms[x] for x in tri],
        "nom_axelrod": [liste[x].nom_axelrod for x in tri],
        "score": score[tri],
        "score_min": score_rep.min(axis=0)[tri],
        "score_max": score_rep.max(axis=0)[tri],
        "score_article": [article[x][1] if article[x] else np.nan for x in tri],
        "rang_article": pd.array([article[x][0] if article[x] else None for x in tri], dtype="Int64"),
    })
    matrice = pd.DataFrame(points.mean(axis=0), index=pd.Index(noms, name="strategie"), columns=noms)
    scores = pd.DataFrame(score_rep, columns=noms).rename_axis("repetition")
    return Resultat1980(classement, matrice, scores, repetitions, bool(horizon_connu))


def tournoi_axelrod_1980(repetitions: int = 5, graine=None, *, invites=(), horizon_connu: bool = True) -> pd.DataFrame:
    """Le premier tournoi d'Axelrod (1980) rejoué : quinze règles, matchs de 200 tours, tout contre tout.

    Renvoie un DataFrame, une ligne par participant, le meilleur d'abord :

    * ``rang``, ``strategie`` (nom français), ``nom_axelrod`` (nom dans la bibliothèque Axelrod) ;
    * ``score`` : points moyens par match de 200 tours contre les 15 adversaires, son double
      compris (la base de l'article), moyenne des ``repetitions`` ;
    * ``score_min``, ``score_max`` : le plus bas et le plus haut sur les répétitions ;
    * ``score_article``, ``rang_article`` : le tableau 1 d'Axelrod (1980), de 504,5 pour
      donnant-donnant à 276,3 pour la règle au hasard.

    ``invites`` : stratégies ajoutées au champ (noms ou fonctions d'apprenant) ; elles
    n'ont pas de score dans l'article. ``horizon_connu=False`` joue les mêmes matchs
    sans dire leur durée aux règles qui la lisent (Tideman et Chieruzzi, Stein et
    Rapoport).
    """
    return tournoi_axelrod_1980_complet(repetitions, graine, invites=invites, horizon_connu=horizon_connu).classement


def rang_en_toutes_lettres(rang: int) -> str:
    """« 1er », « 2e », « 15e »."""
    return "1er" if rang == 1 else f"{rang}e"


def lecture_1980(classement: pd.DataFrame) -> str:
    """Ce que montre un classement de :func:`tournoi_axelrod_1980`, en phrases écrites d'après les chiffres."""
    from strategie.francais import nombre

    c = classement.reset_index(drop=True)
    article = c.dropna(subset=["score_article"])
    premier = c.iloc[0]
    phrase = f"« {premier['strategie']} » arrive en tête avec {nombre(premier['score'], 1)} points par match"
    if not pd.isna(premier["rang_article"]) and int(premier["rang_article"]) != 1:
        phrase += f" ({rang_en_toutes_lettres(int(premier['rang_article']))} dans l'article)"
    tft = c[c["nom_axelrod"] == "Tit For Tat"].iloc[0]
    if tft.name != 0:
        phrase += (f" ; donnant-donnant, vainqueur en 1980 avec 504,5 points, est "
                   f"{rang_en_toutes_lettres(int(tft['rang']))} ici avec {nombre(tft['score'], 1)} points")
    else:
        phrase += ", comme en 1980"
    phrases = [phrase + "."]
    huit_article = set(article.nsmallest(8, "rang_article")["nom_axelrod"])
    huit_ici = set(article.nsmallest(8, "rang")["nom_axelrod"])
    if huit_article == huit_ici:
        phrases.append("Les huit premières règles de l'article, qui ne trahissent jamais les premières (sauf aux "
                       "deux derniers tours pour deux d'entre elles), occupent ici aussi les huit premières places"
                       + (", dans le même ordre." if list(article.nsmallest(8, "rang")["nom_axelrod"])
                          == list(article.nsmallest(8, "rang_article")["nom_axelrod"]) else ", dans un autre ordre."))
    ecarts = (article["score"] - article["score_article"]).abs()
    pire = article.loc[ecarts.idxmax()]
    if ecarts.max() >= 0.05:
        phrases.append(
            f"Le plus grand écart avec l'article concerne « {pire['strategie']} » : {nombre(pire['score'], 1)} "
            f"points contre {nombre(pire['score_article'], 1)}.")
    else:
        phrases.append("Les scores sont ceux de l'article.")
    haut = article.nsmallest(8, "rang")
    phrases.append(
        f"Entre le 1er et le 8e, il n'y a que {nombre(haut['score'].max() - haut['score'].min(), 1)} points "
        "d'écart : quelques coups changent le classement.")
    return " ".join(phrases)
