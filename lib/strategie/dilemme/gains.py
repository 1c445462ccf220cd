"""Matrices de gains du dilemme du prisonnier, en points ou en années de prison.

Quatre nombres suffisent à décrire un jeu à deux joueurs et deux coups
(coopérer ``C`` ou trahir ``D``), vus par un joueur :

* ``recompense`` (R) : les deux coopèrent ;
* ``dupe`` (S, « salaire de la dupe ») : je coopère, l'autre trahit ;
* ``tentation`` (T) : je trahis, l'autre coopère ;
* ``punition`` (P) : les deux trahissent.

En **points**, plus c'est haut, mieux c'est (convention d'Axelrod : R=3, S=0,
T=5, P=1). En **années de prison** (l'exemple du billet source), plus c'est
bas, mieux c'est : 1 an chacun si les deux se taisent, 0 et 5 ans si un seul
trahit, 3 ans chacun si les deux trahissent.

:func:`diagnostic` dit, en français, si des gains forment encore un dilemme
du prisonnier, et sinon quel jeu ils forment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from strategie.erreurs import SaisieInvalide
from strategie.francais import avec_unite, nombre

__all__ = [
    "Gains", "GAINS_POINTS", "GAINS_ANNEES", "GAINS_NICKY_CASE",
    "Condition", "Diagnostic", "diagnostic", "gains",
    "strategie_dominante", "equilibres", "optimum_collectif", "continuation_minimale", "deux_gains",
]

_NOMS_COUPS = {"C": "coopérer", "D": "trahir"}


def _nombre(valeur, champ: str) -> float:
    if isinstance(valeur, bool) or not isinstance(valeur, (int, float, np.integer, np.floating)):
        raise SaisieInvalide(
            f"Le gain « {champ} » doit être un nombre (par exemple 3), pas {valeur!r}."
        )
    valeur = float(valeur)
    if not math.isfinite(valeur):
        raise SaisieInvalide(f"Le gain « {champ} » doit être un nombre fini, pas {valeur}.")
    return valeur


@dataclass(frozen=True)
class Gains:
    """Les quatre gains d'un joueur (R, S, T, P) et leur unité.

    >>> Gains(recompense=3, dupe=0, tentation=5, punition=1).matrice_joueur()
    array([[3., 0.],
           [5., 1.]])
    """

    recompense: float = 3
    dupe: float = 0
    tentation: float = 5
    punition: float = 1
    unite: str = "points"
    nom: str = field(default="", compare=False)

    def __post_init__(self):
        for champ in ("recompense", "dupe", "tentation", "punition"):
            object.__setattr__(self, champ, _nombre(getattr(self, champ), champ))
        if self.unite not in ("points", "annees"):
            raise SaisieInvalide(
                f"L'unité des gains doit être \"points\" (plus c'est haut, mieux c'est) "
                f"ou \"annees\" (années de prison, plus c'est bas, mieux c'est), pas {self.unite!r}."
            )

    # -- lecture ---------------------------------------------------------------
    @property
    def plus_haut_est_mieux(self) -> bool:
        return self.unite == "points"

    @property
    def RSTP(self) -> tuple[float, float, float, float]:
        return (self.recompense, self.dupe, self.tentation, self.punition)

    def en_points(self) -> "Gains":
        """Mêmes préférences exprimées en points (les années deviennent des points négatifs)."""
        if self.plus_haut_est_mieux:
            return self
        return Gains(-self.recompense, -self.dupe, -self.tentation, -self.punition, "points", self.nom)

    def matrice_joueur(self) -> np.ndarray:
        """Gains du joueur : ligne = son coup (C, D), colonne = le coup de l'autre (C, D)."""
        return np.array([[self.recompense, self.dupe], [self.tentation, self.punition]])

    def table(self) -> np.ndarray:
        """Gains indexés par ``2 * mon_coup + son_coup`` (0 = C, 1 = D) : CC, CD, DC, DD."""
        return np.array([self.recompense, self.dupe, self.tentation, self.punition])

    def gain(self, mon_coup: str, son_coup: str) -> float:
        """Gain d'un joueur pour un tour (coups ``"C"`` ou ``"D"``)."""
        for valeur, champ in ((mon_coup, "mon_coup"), (son_coup, "son_coup")):
            if valeur not in ("C", "D"):
                raise SaisieInvalide(f"« {champ} » doit valoir \"C\" ou \"D\", pas {valeur!r}.")
        return float(self.matrice_joueur()[int(mon_coup == "D"), int(son_coup == "D")])

    def tableau(self):
        """La matrice des deux joueurs en tableau (pandas), comme dans le billet : « moi ; l'autre »."""
        import pandas as pd

        m = self.matrice_joueur()

        def cellule(i, j):
            return deux_gains(m[i, j], m[j, i], self.plus_haut_est_mieux)

        return pd.DataFrame(
            [[cellule(0, 0), cellule(0, 1)], [cellule(1, 0), cellule(1, 1)]],
            index=pd.Index(["Je coopère", "Je trahis"], name="moi \\ l'autre"),
            columns=["L'autre coopère", "L'autre trahit"],
        )

    def __str__(self) -> str:
        u = "points" if self.plus_haut_est_mieux else "années de prison"
        return (
            f"Gains en {u} : R (coopération mutuelle) = {nombre(self.recompense)}, "
            f"S (dupe) = {nombre(self.dupe)}, T (tentation) = {nombre(self.tentation)}, "
            f"P (trahison mutuelle) = {nombre(self.punition)}"
        )


def deux_gains(moi: float, autre: float, plus_haut_est_mieux: bool, gras: bool = False) -> str:
    """Une case de la matrice, « moi ; l'autre » : « 3 ; 0 points », « 1 ; 1 an », « 0 ; 5 ans ».

    L'unité s'accorde avec le plus grand des deux nombres (singulier jusqu'à 2 exclu, comme
    « 1,5 an ») ; ``gras`` met le gain de « moi » en gras (HTML des figures).

    >>> deux_gains(1, 1, False), deux_gains(0, 5, False), deux_gains(3, 0, True, gras=True)
    ('1 ; 1\xa0an', '0 ; 5\xa0ans', '<b>3</b> ; 0\xa0points')
    """
    pluriel = max(abs(float(moi)), abs(float(autre))) >= 2
    unite = ("points" if pluriel else "point") if plus_haut_est_mieux else ("ans" if pluriel else "an")
    premier = f"<b>{nombre(moi)}</b>" if gras else nombre(moi)
    return f"{premier} ; {avec_unite(autre, unite)}"


GAINS_POINTS = Gains(3, 0, 5, 1, "points", "Points d'Axelrod")
# La matrice de la source : tous deux se taisent 1 an, trahir seul 0 (la victime 5), tous deux trahissent 3.
GAINS_ANNEES = Gains(1, 5, 0, 3, "annees", "Années de prison (billet source)")
# La machine à pièces de Nicky Case : on met une pièce, l'autre en reçoit trois.
GAINS_NICKY_CASE = Gains(2, -1, 3, 0, "points", "Pièces de « The Evolution of Trust »")


def gains(valeur=None) -> Gains:
    """Accepte ``None`` (points d'Axelrod), un :class:`Gains`, un dict ou 4 nombres (R, S, T, P)."""
    if valeur is None:
        return GAINS_POINTS
    if isinstance(valeur, Gains):
        return valeur
    if isinstance(valeur, dict):
        inconnues = set(valeur) - {"recompense", "dupe", "tentation", "punition", "unite", "nom"}
        if inconnues:
            raise SaisieInvalide(
                f"Clés inconnues dans « gains » : {sorted(inconnues)}. Utilisez recompense, dupe, "
                "tentation, punition (et éventuellement unite)."
            )
        return Gains(**valeur)
    if isinstance(valeur, (tuple, list)) and len(valeur) == 4:
        return Gains(*valeur)
    raise SaisieInvalide(
        "« gains » doit être un objet Gains, un dict (recompense, dupe, tentation, punition) "
        f"ou quatre nombres (R, S, T, P) ; reçu {valeur!r}."
    )


# -- analyse du jeu en un coup -------------------------------------------------

def strategie_dominante(g: Gains | None = None) -> str | None:
    """Le coup qui rapporte strictement plus quoi que fasse l'autre (``"C"``, ``"D"``) ou ``None``."""
    r, s, t, p = gains(g).en_points().RSTP
    if t > r and p > s:
        return "D"
    if r > t and s > p:
        return "C"
    return None


def equilibres(g: Gains | None = None) -> list[tuple[str, str]]:
    """Équilibres de Nash en coups purs : paires où aucun des deux ne gagne à changer seul."""
    r, s, t, p = gains(g).en_points().RSTP
    m = np.array([[r, s], [t, p]])
    coups = "CD"
    resultat = []
    for i in range(2):
        for j in range(2):
            # Le jeu est symétrique : le gain de l'autre en (i, j) est m[j, i].
            if m[i, j] >= m[1 - i, j] and m[j, i] >= m[1 - j, i]:
                resultat.append((coups[i], coups[j]))
    return resultat


def optimum_collectif(g: Gains | None = None) -> list[tuple[str, str]]:
    """Issues qui maximisent le total des deux joueurs (le moins d'années, ou le plus de points)."""
    r, s, t, p = gains(g).en_points().RSTP
    totaux = {("C", "C"): 2 * r, ("C", "D"): s + t, ("D", "C"): t + s, ("D", "D"): 2 * p}
    meilleur = max(totaux.values())
    return [issue for issue, total in totaux.items() if total == meilleur]


def continuation_minimale(g: Gains | None = None) -> float | None:
    """Probabilité de rejouer au-delà de laquelle la coopération réciproque tient.

    Avec une probabilité ``w`` qu'il y ait un tour de plus, trahir une fois
    rapporte ``T - R`` tout de suite mais coûte ``R - P`` à chaque tour suivant
    face à un rancunier, et ``R - S`` au tour suivant face à donnant-donnant.
    La coopération résiste aux deux si ``w >= max((T-R)/(T-P), (T-R)/(R-S))``.
    Renvoie ``None`` si aucune probabilité ne suffit (ce n'est pas un dilemme).
    """
    r, s, t, p = gains(g).en_points().RSTP
    if not (t > r > p > s):
        return None
    w = max((t - r) / (t - p), (t - r) / (r - s))
    return w if w < 1 else None


# -- diagnostic ------------------------------------------------------------------

@dataclass(frozen=True)
class Condition:
    """Une condition du dilemme, respectée ou non, avec son explication en français."""

    code: str
    texte: str
    respectee: bool
    explication: str


@dataclass(frozen=True)
class Diagnostic:
    """Ce que forment des gains : dilemme ou non, nom du jeu, conditions et explication."""

    est_un_dilemme: bool
    jeu: str
    conditions: tuple[Condition, ...]
    explication: str
    strategie_dominante: str | None
    equilibres: tuple[tuple[str, str], ...]
    optimum_collectif: tuple[tuple[str, str], ...]

    def __bool__(self) -> bool:
        return self.est_un_dilemme

    def __str__(self) -> str:
        lignes = [f"{self.jeu} : {self.explication}"]
        for c in self.conditions:
            lignes.append(f"  {'✅' if c.respectee else '❌'} {c.texte} — {c.explication}")
        return "\n".join(lignes)


def diagnostic(g: Gains | None = None) -> Diagnostic:
    """Dit si les gains forment un dilemme du prisonnier, et pourquoi, en français.

    Un dilemme du prisonnier (répété) demande T > R > P > S et 2R > T + S.
    Les jeux voisins sont nommés : poule mouillée, chasse au cerf, harmonie,
    impasse.
    """
    g = gains(g)
    r, s, t, p = g.en_points().RSTP
    conditions = (
        Condition(
            "T>R", "Tentation : trahir un coopérateur rapporte plus que coopérer avec lui (T > R)",
            t > r,
            "chacun est tenté de trahir quelqu'un qui coopère" if t > r
            else "rien ne pousse à trahir quelqu'un qui coopère : la coopération se suffit à elle-même",
        ),
        Condition(
            "P>S", "Peur : face à un traître, mieux vaut trahir aussi (P > S)",
            p > s,
            "coopérer face à un traître fait de vous la dupe" if p > s
            else "face à un traître, mieux vaut encore coopérer : la trahison ne se protège de rien",
        ),
        Condition(
            "R>P", "Coopérer ensemble vaut mieux que se trahir ensemble (R > P)",
            r > p,
            "les deux perdent à se trahir mutuellement : c'est le cœur du dilemme" if r > p
            else "se trahir mutuellement ne coûte rien : il n'y a rien à gagner à coopérer",
        ),
        Condition(
            "2R>T+S", "Coopérer à chaque tour vaut mieux que s'exploiter à tour de rôle (2R > T + S)",
            2 * r > t + s,
            "en jeu répété, la coopération mutuelle est le meilleur résultat commun" if 2 * r > t + s
            else "en jeu répété, trahir et coopérer chacun son tour rapporte plus que coopérer",
        ),
    )
    ok = {c.code: c.respectee for c in conditions}
    dominante = strategie_dominante(g)
    if ok["T>R"] and ok["P>S"] and ok["R>P"]:
        if ok["2R>T+S"]:
            jeu, explication = "Dilemme du prisonnier", (
                "trahir est la stratégie dominante, mais si les deux trahissent ils obtiennent "
                "moins que s'ils avaient coopéré : l'intérêt individuel contredit l'intérêt collectif."
            )
        else:
            jeu, explication = "Dilemme du prisonnier (en un coup seulement)", (
                "en un coup c'est un dilemme, mais en jeu répété les joueurs gagnent plus à "
                "s'exploiter à tour de rôle qu'à coopérer : la coopération n'est plus le meilleur résultat commun."
            )
    elif ok["T>R"] and ok["P>S"]:
        jeu, explication = "Impasse", (
            "trahir est dominant et la trahison mutuelle n'est pas pire que la coopération : "
            "personne ne regrette de trahir, ce n'est plus un dilemme."
        )
    elif ok["T>R"] and s > p:
        jeu, explication = "Poule mouillée", (
            "la tentation existe mais se faire trahir coûte moins que la trahison mutuelle : "
            "chacun veut faire le contraire de l'autre, il n'y a pas de stratégie dominante."
        )
    elif r > t and p > s:
        jeu, explication = "Chasse au cerf", (
            "coopérer rapporte le plus si l'autre coopère, mais on ne veut pas être la dupe : "
            "c'est un problème de confiance (deux équilibres), pas de tentation."
        )
    elif r >= t and s >= p and (r > t or s > p):
        jeu, explication = "Harmonie", (
            "coopérer est toujours au moins aussi bon que trahir : il n'y a pas de conflit "
            "entre intérêt individuel et intérêt collectif."
        )
    else:
        jeu, explication = "Jeu dégénéré", (
            "des gains égaux rendent certains choix indifférents : ce n'est pas un dilemme."
        )
    est = ok["T>R"] and ok["P>S"] and ok["R>P"] and ok["2R>T+S"]
    return Diagnostic(
        est_un_dilemme=est,
        jeu=jeu,
        conditions=conditions,
        explication=explication,
        strategie_dominante=dominante,
        equilibres=tuple(equilibres(g)),
        optimum_collectif=tuple(optimum_collectif(g)),
    )
