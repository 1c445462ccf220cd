"""Moteur rapide : matchs, tournois et évolution de populations.

Le moteur joue **tous les matchs à la fois** : chaque match est une colonne
de tableaux numpy (une par joueur, appelée « siège »), et la boucle Python ne
tourne que sur les tours. Les sièges d'une même stratégie sont contigus ;
les stratégies à mémoire d'un tour sont décidées ensemble par une seule
lecture de table. Seules les fonctions d'apprenants (et les stratégies sans
forme vectorisée) paient un appel Python par coup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from numbers import Integral, Real

import numpy as np
import pandas as pd

from strategie.dilemme.gains import Gains, gains as _gains
from strategie.dilemme.strategies import (
    Minuteur, Strategie, StrategieFonction, Vue, CLASSES, strategie as _strategie,
)
from strategie.erreurs import SaisieInvalide

__all__ = [
    "ResultatMatch", "ResultatTournoi", "jouer_match", "tournoi", "tournoi_complet",
    "evolution", "joueur", "tirer_tours", "lecture_bruit",
]

TOURS_MAX = 100_000


class _Genre(IntEnum):
    """Comment le moteur fait jouer un groupe de sièges ; l'ordre des valeurs est celui des sièges."""

    MEMOIRE_UN = 0  # décidée par une lecture de table (vecteur de mémoire un)
    VECTORISEE = 1  # decider() joue tous les sièges du groupe d'un coup
    PAR_COUP = 2  # un appel Python par siège et par coup (fonctions des apprenants)


# -- validation --------------------------------------------------------------------

def joueur(x, parametre: str = "joueur") -> Strategie:
    """Un joueur depuis un nom, une classe, une instance ou une fonction d'apprenant."""
    if isinstance(x, Strategie):
        return x
    if isinstance(x, (str, type)):
        return _strategie(x)
    if callable(x):
        return StrategieFonction(x)
    raise SaisieInvalide(
        f"« {parametre} » doit être un nom de stratégie (\"Donnant-donnant\"), une stratégie "
        f"ou une fonction (mes_coups, ses_coups) ; reçu {x!r}."
    )


def _entier(valeur, parametre: str, minimum: int, maximum: int) -> int:
    if isinstance(valeur, bool) or not isinstance(valeur, Integral):
        if isinstance(valeur, Real) and float(valeur).is_integer():
            valeur = int(valeur)
        else:
            raise SaisieInvalide(f"« {parametre} » doit être un nombre entier, pas {valeur!r}.")
    valeur = int(valeur)
    if not minimum <= valeur <= maximum:
        raise SaisieInvalide(
            f"« {parametre} » doit être entre {minimum} et {maximum} ; vous avez donné {valeur}."
        )
    return valeur


def _bruit(valeur) -> float:
    if isinstance(valeur, bool) or not isinstance(valeur, Real) or not 0 <= float(valeur) <= 1:
        raise SaisieInvalide(
            f"« bruit » est la probabilité qu'un coup soit inversé par erreur : un nombre entre 0 et 1 "
            f"(0.05 = 5 % d'erreurs), pas {valeur!r}."
        )
    return float(valeur)


def _generateur(graine) -> np.random.Generator:
    if isinstance(graine, np.random.Generator):
        return graine
    if graine is not None and (isinstance(graine, bool) or not isinstance(graine, Integral) or graine < 0):
        raise SaisieInvalide(f"« graine » doit être un entier positif ou None, pas {graine!r}.")
    return np.random.default_rng(graine)


def tirer_tours(continuation: float, graine=None, minimum: int = 1) -> int:
    """Nombre de tours d'une partie dont on ne connaît pas la fin.

    Après chaque tour, il y a un tour de plus avec la probabilité ``continuation``
    (0.9 : 10 tours en moyenne).
    """
    if isinstance(continuation, bool) or not isinstance(continuation, Real) or not 0 <= continuation < 1:
        raise SaisieInvalide(
            f"« continuation » est la probabilité de jouer un tour de plus : entre 0 et 1 (exclu), "
            f"pas {continuation!r}."
        )
    rng = _generateur(graine)
    return max(int(minimum), int(rng.geometric(1 - float(continuation))))


# -- cœur du moteur ------------------------------------------------------------------

class _Plan:
    """Ce qui ne dépend que des joueurs et des gains : groupes, ordre des groupes, tables de mémoire un."""

    def __init__(self, joueurs, g: Gains):
        self.joueurs, self.gains = list(joueurs), g
        # Les joueurs qui jouent pareil partagent un groupe (leurs sièges sont contigus).
        cles: dict = {}
        representants: list[Strategie] = []
        groupe_du_joueur = np.empty(len(self.joueurs), dtype=np.intp)
        for i, j in enumerate(self.joueurs):
            k = j.cle()
            if k not in cles:
                cles[k] = len(representants)
                representants.append(j)
            groupe_du_joueur[i] = cles[k]
        vecteurs = [r.vecteur_memoire_un(g) for r in representants]
        genre = [_Genre.MEMOIRE_UN if v is not None else (_Genre.VECTORISEE if r.vectorisee else _Genre.PAR_COUP)
                 for r, v in zip(representants, vecteurs)]
        rang = np.argsort(np.array(genre, dtype=np.intp), kind="stable")
        rang_du_groupe = np.empty_like(rang)
        rang_du_groupe[rang] = np.arange(len(rang))
        self.groupe_du_joueur = rang_du_groupe[groupe_du_joueur]
        self.groupes = [representants[r] for r in rang]
        self.genre = [genre[r] for r in rang]
        self.n_m1 = self.genre.count(_Genre.MEMOIRE_UN)
        m1 = [vecteurs[r] for r in rang[: self.n_m1]]
        self.p0 = np.array([v[0] for v in m1], dtype=float)
        self.table = np.array([v[1] for v in m1], dtype=float).reshape(self.n_m1, 4)
        fractionnaire = lambda x: (x > 0) & (x < 1)  # noqa: E731
        self.aleatoire = np.array(
            [bool(fractionnaire(self.p0[i]) or fractionnaire(self.table[i]).any()) for i in range(self.n_m1)]
            + [bool(grp.stochastique) for grp in self.groupes[self.n_m1:]],
            dtype=bool,
        )
        self.noms = [j.nom_affiche for j in self.joueurs]


def _simuler(joueurs, cote_a, cote_b, tours, bruit, g: Gains, rng, minuteur=None, horizon_connu: bool = True):
    """Joue en parallèle les matchs ``joueurs[cote_a[l]]`` contre ``joueurs[cote_b[l]]``.

    ``joueurs`` : liste de stratégies, ou un :class:`_Plan` déjà préparé (évolution).
    ``horizon_connu`` : les stratégies qui lisent la durée du match la connaissent
    (sinon elles reçoivent -1, « durée inconnue »).
    Renvoie deux tableaux (tours, L) de booléens : les coups des côtés A et B
    (vrai = trahit), bruit compris.
    """
    plan = joueurs if isinstance(joueurs, _Plan) else _Plan(joueurs, g)
    cote_a = np.asarray(cote_a, dtype=np.intp)
    cote_b = np.asarray(cote_b, dtype=np.intp)
    L = len(cote_a)
    S = 2 * L
    groupes, genre = plan.groupes, plan.genre

    siege_joueur = np.concatenate([cote_a, cote_b])
    groupe_siege = plan.groupe_du_joueur[siege_joueur]
    ordre = np.argsort(groupe_siege, kind="stable")
    inverse = np.empty(S, dtype=np.intp)
    inverse[ordre] = np.arange(S)
    partenaire = inverse[(ordre + L) % S]
    effectifs = np.bincount(groupe_siege, minlength=len(groupes))
    bornes = np.concatenate([[0], np.cumsum(effectifs)])
    presents = effectifs > 0

    mes = np.zeros((tours, S), dtype=bool)
    ses = np.zeros((tours, S), dtype=bool)
    nd_mes = np.zeros(S, dtype=np.int32)
    nd_ses = np.zeros(S, dtype=np.int32)
    d = np.zeros(S, dtype=bool)

    # Bloc à mémoire un : sièges [0, m), décidés par une lecture de table par tour.
    m = int(bornes[plan.n_m1])
    if m:
        compte = effectifs[: plan.n_m1]
        p0 = np.repeat(plan.p0, compte)
        table = np.repeat(plan.table, compte, axis=0).T.copy()
        colonnes = np.arange(m)
        aleatoire_m1 = bool((plan.aleatoire[: plan.n_m1] & presents[: plan.n_m1]).any())
        trahit0, trahit_table = p0 < 0.5, table < 0.5
    vectorises = []
    lents = []
    for gi, (grp, gen) in enumerate(zip(groupes, genre)):
        a, b = int(bornes[gi]), int(bornes[gi + 1])
        if a == b:
            continue
        if gen is _Genre.VECTORISEE:
            vue = Vue(mes[:, a:b], ses[:, a:b], nd_mes[a:b], nd_ses[a:b], grp.etat_initial(b - a), g,
                      tours if horizon_connu else -1)
            vectorises.append((grp, a, b, vue))
        elif gen is _Genre.PAR_COUP:
            lents.append((grp, a, b))
    besoin_u = bool((plan.aleatoire & presents).any())

    if lents:
        noms = plan.noms
        sieges_lents = []
        for grp, a, b in lents:
            for s in range(a, b):
                adversaire = noms[siege_joueur[ordre[partenaire[s]]]]
                sieges_lents.append((grp, s, f"contre « {adversaire} »"))
        hist_mes = {s: "" for _, s, _ in sieges_lents}
        hist_ses = {s: "" for _, s, _ in sieges_lents}
        if minuteur is None:
            minuteur = Minuteur()
        minuteur.__enter__()
    try:
        for t in range(tours):
            # Les nombres aléatoires sont tirés dans l'ordre des sièges de l'appelant : les résultats ne
            # dépendent pas du regroupement (la copie d'une stratégie du cours reçoit les mêmes tirages).
            u = rng.random(S)[ordre] if besoin_u else None
            if m:
                if t == 0:
                    d[:m] = (u[:m] >= p0) if aleatoire_m1 else trahit0
                else:
                    etat = mes[t - 1, :m].view(np.uint8) * 2 + ses[t - 1, :m].view(np.uint8)
                    if aleatoire_m1:
                        d[:m] = u[:m] >= table[etat, colonnes]
                    else:
                        d[:m] = trahit_table[etat, colonnes]
            for grp, a, b, vue in vectorises:
                vue.t = t
                if u is not None:
                    vue.u = u[a:b]
                d[a:b] = grp.decider(vue)
            if lents:
                for grp, s, contexte in sieges_lents:
                    if isinstance(grp, StrategieFonction):
                        c = grp.coup(hist_mes[s], hist_ses[s], rng, g, minuteur, contexte)
                    else:
                        c = grp.coup(hist_mes[s], hist_ses[s], rng, g)
                    d[s] = c == "D"
            if bruit > 0:
                d ^= rng.random(S)[ordre] < bruit
            mes[t] = d
            ses[t] = d[partenaire]
            nd_mes += d
            nd_ses += ses[t]
            if lents:
                for _, s, _ in sieges_lents:
                    hist_mes[s] += "D" if mes[t, s] else "C"
                    hist_ses[s] += "D" if ses[t, s] else "C"
    finally:
        if lents:
            minuteur.__exit__(None, None, None)
    return mes[:, inverse[:L]], mes[:, inverse[L:]]


def _scores(coups_a, coups_b, g: Gains):
    """Gains par tour des deux côtés, tableaux (tours, L)."""
    table = g.table()
    ia = coups_a.view(np.uint8)
    ib = coups_b.view(np.uint8)
    return table[2 * ia + ib], table[2 * ib + ia]


def _nombre_propre(x):
    x = float(x)
    return int(x) if x.is_integer() else x


def _noms_uniques(joueurs) -> list[str]:
    """Noms affichés, numérotés quand une stratégie est présente plusieurs fois."""
    noms = [j.nom_affiche for j in joueurs]
    vus: dict[str, int] = {}
    resultat = []
    for nom in noms:
        vus[nom] = vus.get(nom, 0) + 1
        resultat.append(nom if noms.count(nom) == 1 else f"{nom} ({vus[nom]})")
    return resultat


# -- match -----------------------------------------------------------------------------

@dataclass
class ResultatMatch:
    """Résultat d'un match : ``scores`` (totaux en points ou en années) et ``coups`` (chaînes de C/D)."""

    joueurs: tuple[str, str]
    coups: tuple[str, str]
    scores: tuple[float, float]
    tours: int
    gains: Gains = field(repr=False)

    @property
    def scores_moyens(self) -> tuple[float, float]:
        """Score moyen par tour de chaque joueur."""
        return (self.scores[0] / self.tours, self.scores[1] / self.tours)

    @property
    def cooperation(self) -> tuple[float, float]:
        """Part des tours où chaque joueur a coopéré (entre 0 et 1)."""
        return tuple(c.count("C") / self.tours for c in self.coups)

    @property
    def vainqueur(self) -> str | None:
        """Le joueur qui a le meilleur score dans ce match (``None`` en cas d'égalité)."""
        a, b = self.scores
        if a == b:
            return None
        meilleur_a = a > b if self.gains.plus_haut_est_mieux else a < b
        return self.joueurs[0] if meilleur_a else self.joueurs[1]

    def tableau(self) -> pd.DataFrame:
        """Un tour par ligne : coups, gains du tour et cumuls des deux joueurs."""
        a = np.frombuffer(self.coups[0].encode(), dtype=np.uint8) == ord("D")
        b = np.frombuffer(self.coups[1].encode(), dtype=np.uint8) == ord("D")
        ga, gb = _scores(a[:, None], b[:, None], self.gains)
        return pd.DataFrame({
            "tour": np.arange(1, self.tours + 1),
            "coup_a": list(self.coups[0]),
            "coup_b": list(self.coups[1]),
            "gain_a": ga[:, 0],
            "gain_b": gb[:, 0],
            "cumul_a": np.cumsum(ga[:, 0]),
            "cumul_b": np.cumsum(gb[:, 0]),
        }).set_index("tour")

    def __str__(self) -> str:
        unite = "points" if self.gains.plus_haut_est_mieux else "années"
        return (
            f"{self.joueurs[0]} contre {self.joueurs[1]}, {self.tours} tours : "
            f"{_fmt(self.scores[0])} – {_fmt(self.scores[1])} {unite}"
        )


def _fmt(x) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def _en_chaine(coups: np.ndarray) -> str:
    return np.where(coups, ord("D"), ord("C")).astype(np.uint8).tobytes().decode("ascii")


def jouer_match(a, b, tours: int = 200, bruit: float = 0.0, graine=None, gains=None) -> ResultatMatch:
    """Joue un match de ``tours`` tours entre deux stratégies.

    ``a`` et ``b`` : noms (français ou de la littérature), stratégies ou
    fonctions ``f(mes_coups, ses_coups) -> "C" | "D"``. ``bruit`` : probabilité
    qu'un coup soit inversé par erreur. Même ``graine``, même résultat.

    >>> jouer_match("Donnant-donnant", "Toujours trahir", tours=5).coups
    ('CDDDD', 'DDDDD')
    """
    ja, jb = joueur(a, "a"), joueur(b, "b")
    tours = _entier(tours, "tours", 1, TOURS_MAX)
    bruit = _bruit(bruit)
    g = _gains(gains)
    rng = _generateur(graine)
    ca, cb = _simuler([ja, jb], [0], [1], tours, bruit, g, rng)
    sa, sb = _scores(ca, cb, g)
    noms = _noms_uniques([ja, jb])
    return ResultatMatch(
        joueurs=(noms[0], noms[1]),
        coups=(_en_chaine(ca[:, 0]), _en_chaine(cb[:, 0])),
        scores=(_nombre_propre(sa.sum()), _nombre_propre(sb.sum())),
        tours=tours,
        gains=g,
    )


# -- tournoi ----------------------------------------------------------------------------

@dataclass
class ResultatTournoi:
    """Tout le détail d'un tournoi : classement, matrice des matchs, scores par répétition."""

    classement: pd.DataFrame
    matrice: pd.DataFrame
    scores: pd.DataFrame
    tours: int
    repetitions: int
    bruit: float
    gains: Gains = field(repr=False)


def _liste_joueurs(joueurs) -> list[Strategie]:
    if joueurs is None:
        return [cls() for cls in CLASSES]
    if isinstance(joueurs, (str, Strategie)) or callable(joueurs) and not isinstance(joueurs, type):
        raise SaisieInvalide(
            "« joueurs » doit être une liste de stratégies, par exemple "
            "[\"Donnant-donnant\", \"Toujours trahir\", ma_strategie]."
        )
    try:
        liste = list(joueurs)
    except TypeError:
        raise SaisieInvalide(f"« joueurs » doit être une liste de stratégies, pas {joueurs!r}.") from None
    resultat = [joueur(x, f"joueurs[{i}]") for i, x in enumerate(liste)]
    if len(resultat) < 2:
        raise SaisieInvalide("Un tournoi demande au moins deux stratégies dans « joueurs ».")
    return resultat


def tournoi_complet(joueurs=None, tours: int = 200, repetitions: int = 5, bruit: float = 0.0,
                    graine=None, gains=None) -> ResultatTournoi:
    """Tournoi d'Axelrod : chaque stratégie rencontre chacune des autres (et son double), ``repetitions`` fois.

    Le score d'une stratégie est son gain moyen par tour contre les autres
    (le match contre son double figure dans la matrice mais pas dans le score,
    comme dans la bibliothèque Axelrod).
    """
    liste = _liste_joueurs(joueurs)
    tours = _entier(tours, "tours", 1, TOURS_MAX)
    repetitions = _entier(repetitions, "repetitions", 1, 10_000)
    bruit = _bruit(bruit)
    g = _gains(gains)
    rng = _generateur(graine)
    n = len(liste)
    i, j = np.triu_indices(n)  # chaque paire, y compris contre soi-même
    paires = len(i)
    cote_a = np.tile(i, repetitions)
    cote_b = np.tile(j, repetitions)
    ca, cb = _simuler(liste, cote_a, cote_b, tours, bruit, g, rng)
    sa, sb = _scores(ca, cb, g)
    moy_a = (sa.sum(axis=0) / tours).reshape(repetitions, paires)
    moy_b = (sb.sum(axis=0) / tours).reshape(repetitions, paires)
    # par_rep[r, x, y] : score moyen par tour de x contre y à la répétition r.
    par_rep = np.zeros((repetitions, n, n))
    par_rep[:, i, j] = moy_a
    par_rep[:, j, i] = moy_b
    diag = i == j
    par_rep[:, i[diag], i[diag]] = (moy_a[:, diag] + moy_b[:, diag]) / 2
    hors_diag = ~np.eye(n, dtype=bool)
    score_rep = (par_rep * hors_diag).sum(axis=2) / (n - 1)  # (reps, n)
    noms = _noms_uniques(liste)
    score_moyen = score_rep.mean(axis=0)
    cle_tri = -score_moyen if g.plus_haut_est_mieux else score_moyen
    tri = np.argsort(cle_tri, kind="stable")
    classement = pd.DataFrame({
        "rang": np.arange(1, n + 1),
        "strategie": [noms[k] for k in tri],
        "score_moyen": score_moyen[tri],
        "score_min": score_rep.min(axis=0)[tri],
        "score_max": score_rep.max(axis=0)[tri],
        "nom_litterature": [liste[k].nom_litterature for k in tri],
    })
    matrice = pd.DataFrame(par_rep.mean(axis=0), index=pd.Index(noms, name="strategie"), columns=noms)
    scores = pd.DataFrame(score_rep, columns=noms).rename_axis("repetition")
    return ResultatTournoi(classement, matrice, scores, tours, repetitions, bruit, g)


def tournoi(joueurs=None, tours: int = 200, repetitions: int = 5, bruit: float = 0.0, graine=None,
            gains=None) -> pd.DataFrame:
    """Classement d'un tournoi d'Axelrod, meilleur d'abord.

    Colonnes : ``rang``, ``strategie`` (nom français), ``score_moyen`` (points
    moyens par tour contre les autres), ``score_min`` et ``score_max`` (sur les
    répétitions), ``nom_litterature``.

    >>> tournoi(["Donnant-donnant", "Toujours trahir", "Toujours coopérer"], tours=10).strategie.tolist()
    ['Toujours trahir', 'Donnant-donnant', 'Toujours coopérer']
    """
    return tournoi_complet(joueurs, tours, repetitions, bruit, graine, gains).classement


def _rang(n: int) -> str:
    return "1er" if n == 1 else f"{n}e"


def lecture_bruit(sans_bruit: pd.DataFrame, avec_bruit: pd.DataFrame, bruit: float,
                  suivies=("Donnant-donnant", "Donnant-donnant généreux", "Donnant-donnant patient", "Rancunier")) -> str:
    """Ce que change le bruit entre deux classements de :func:`tournoi`, en phrases écrites d'après les chiffres.

    ``suivies`` : les stratégies dont on donne le rang dans les deux classements (si elles y sont).
    """
    from strategie.francais import nombre, pourcent

    a, b = sans_bruit.reset_index(drop=True), avec_bruit.reset_index(drop=True)
    n = len(b)
    rang_a = dict(zip(a["strategie"], a["rang"]))
    rang_b = dict(zip(b["strategie"], b["rang"]))
    g_a, g_b = a["strategie"].iloc[0], b["strategie"].iloc[0]
    erreurs = pourcent(bruit, part=True)
    if g_a == g_b:
        phrases = [f"Sans erreur comme avec {erreurs} d'erreurs, « {g_a} » arrive en tête."]
    else:
        phrases = [f"Sans erreur, « {g_a} » arrive en tête ; avec {erreurs} d'erreurs, c'est « {g_b} »."]
    podium = [f"« {x} »" for x in b["strategie"].iloc[:3]]
    phrases.append(f"Le podium avec erreurs : {', '.join(podium[:-1])} et {podium[-1]}.")
    details = [f"« {x} » passe du {_rang(int(rang_a[x]))} au {_rang(int(rang_b[x]))} rang"
               if rang_a[x] != rang_b[x] else f"« {x} » reste {_rang(int(rang_b[x]))}"
               for x in suivies if x in rang_a and x in rang_b]
    if details:
        phrases.append(f"Sur {n} : " + " ; ".join(details) + ".")
    etendue = lambda c: (nombre(c["score_moyen"].min(), 2), nombre(c["score_moyen"].max(), 2))  # noqa: E731
    (a_min, a_max), (b_min, b_max) = etendue(a), etendue(b)
    phrases.append(f"Les scores vont de {b_min} à {b_max} points par tour avec erreurs, "
                   f"de {a_min} à {a_max} sans.")
    return " ".join(phrases)


# -- évolution ---------------------------------------------------------------------------------------

def _population(population) -> tuple[list[Strategie], np.ndarray]:
    if isinstance(population, dict):
        paires = list(population.items())
    else:
        try:
            paires = [tuple(x) for x in population]
        except TypeError:
            paires = None
        if paires is None or any(len(p) != 2 for p in paires):
            raise SaisieInvalide(
                "« population » doit être un dict {stratégie: effectif}, par exemple "
                "{\"Donnant-donnant\": 15, \"Toujours trahir\": 10}."
            )
    joueurs, effectifs = [], []
    for nom, effectif in paires:
        joueurs.append(joueur(nom, "population"))
        effectifs.append(_entier(effectif, f"population[{nom!r}]", 0, 10_000))
    effectifs = np.array(effectifs, dtype=np.intp)
    if effectifs.sum() < 2:
        raise SaisieInvalide("La « population » doit compter au moins deux joueurs au total.")
    return joueurs, effectifs


def evolution(population, tours: int = 10, remplaces: int = 5, generations: int = 100,
              bruit: float = 0.0, gains=None, graine=None) -> pd.DataFrame:
    """Évolution d'une population, à la façon de « The Evolution of Trust » (Nicky Case).

    À chaque génération, chaque joueur rencontre chacun des autres une fois
    (``tours`` tours par match) ; les ``remplaces`` moins bons disparaissent et
    les ``remplaces`` meilleurs se reproduisent (égalités départagées au hasard).

    Renvoie un DataFrame : une ligne par génération (0 = départ), une colonne
    par stratégie (nom français), l'effectif de chacune.
    """
    joueurs, effectifs = _population(population)
    tours = _entier(tours, "tours", 1, TOURS_MAX)
    n = int(effectifs.sum())
    remplaces = _entier(remplaces, "remplaces", 0, 100_000)
    if remplaces > n // 2:
        raise SaisieInvalide(
            f"« remplaces » : avec {n} joueurs, on ne peut pas remplacer plus de {n // 2} joueurs par "
            f"génération (les meilleurs ne peuvent pas être aussi les moins bons) ; vous avez donné {remplaces}."
        )
    generations = _entier(generations, "generations", 0, 100_000)
    bruit = _bruit(bruit)
    g = _gains(gains)
    rng = _generateur(graine)
    k = len(joueurs)
    historique = np.zeros((generations + 1, k), dtype=np.int64)
    historique[0] = effectifs
    i, j = np.triu_indices(n, 1)
    hasard = bruit > 0 or any(jr.stochastique for jr in joueurs)
    signe = 1.0 if g.plus_haut_est_mieux else -1.0
    if not hasard:
        # Déterministe : un match ne dépend que des deux stratégies ; chaque paire est jouée une fois.
        a, b = np.triu_indices(k)
        ca, cb = _simuler(joueurs, a, b, tours, 0.0, g, rng)
        sa, sb = _scores(ca, cb, g)
        gain = np.zeros((k, k))
        gain[a, b] = sa.sum(axis=0)
        gain[b, a] = sb.sum(axis=0)
    plan = _Plan(joueurs, g)
    individus = np.repeat(np.arange(k), effectifs)
    for gen in range(1, generations + 1):
        if np.count_nonzero(effectifs) <= 1 or remplaces == 0:
            historique[gen:] = effectifs
            break
        if hasard:
            ca, cb = _simuler(plan, individus[i], individus[j], tours, bruit, g, rng)
            sa, sb = _scores(ca, cb, g)
            totaux = np.bincount(i, sa.sum(axis=0), n) + np.bincount(j, sb.sum(axis=0), n)
        else:
            totaux = gain[individus] @ effectifs - gain[individus, individus]
        ordre = np.lexsort((rng.random(n), -signe * totaux))  # meilleur d'abord, égalités départagées au hasard
        classes = individus[ordre]
        individus = np.sort(np.concatenate([classes[: n - remplaces], classes[:remplaces]]))
        effectifs = np.bincount(individus, minlength=k)
        historique[gen] = effectifs
    noms = _noms_uniques(joueurs)
    resultat = pd.DataFrame(historique, columns=noms)
    resultat.index.name = "generation"
    resultat.attrs.update(
        tours=tours, remplaces=remplaces, generations=generations, bruit=bruit,
        gains=g.RSTP, unite=g.unite,
    )
    return resultat
