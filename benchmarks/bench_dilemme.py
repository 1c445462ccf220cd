"""Banc d'essai du moteur du dilemme du prisonnier (strategie.dilemme).

Mesure et imprime :

1. un tournoi de 15 stratégies, 200 tours, 5 répétitions, bruit 0,05, un seul
   processus, comparé à ``axelrod.Tournament.play(processes=None)`` dans la
   même exécution (objectif : au moins 30 fois plus rapide) ;
2. ``tournoi`` + mise à jour des figures de l'explorateur de tournoi : construire
   les deux go.Figure et le JSON envoyé au navigateur (objectif : moins de 100 ms) ;
3. une évolution de 25 joueurs, 10 tours par match, 5 remplacés par
   génération, 100 générations (objectif : moins de 200 ms) ;
4. avec axelrod : l'identité exacte des coups et des scores des matchs
   déterministes, et l'accord statistique des scores moyens du tournoi bruité ;
5. le premier tournoi d'Axelrod (1980) : ``tournoi_axelrod_1980`` (15
   participants, 200 tours, 5 répétitions) contre ``axelrod.Tournament`` sur
   ``axl.axelrod_first_strategies`` dans la même exécution (objectif : au moins
   60 fois plus rapide, en médianes), l'identité des coups des participants
   déterministes et l'accord statistique des scores, et le classement obtenu
   face au tableau 1 de l'article.

La bibliothèque axelrod n'est pas une dépendance des apprenants. Pour la
comparaison, installez-la (4.13.0 : la 4.14 tire torch ; dask a besoin de
pyarrow) :

    .venv/bin/pip install axelrod==4.13.0 pyarrow
    .venv/bin/python benchmarks/bench_dilemme.py

Sans axelrod (par exemple ``.venv/bin/python benchmarks/bench_dilemme.py``),
le script le dit et saute la comparaison.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "lib"))

from strategie import dilemme  # noqa: E402

# The 13 strategies of the issue, plus Prober and Detective.
QUINZE = [
    "Tit For Tat", "Tit For 2 Tats", "Grudger", "Cooperator", "Defector", "Random",
    "Suspicious Tit For Tat", "Win-Stay Lose-Shift", "Alternator", "Two Tits For Tat",
    "Hard Tit For Tat", "Generous Tit For Tat", "Joss", "Prober", "Detective",
]
TOURS, REPETITIONS, BRUIT = 200, 5, 0.05
POPULATION = {  # Nicky Case's eight characters, 25 players
    "Donnant-donnant": 4, "Toujours trahir": 3, "Toujours coopérer": 3, "Rancunier": 3,
    "Détective": 3, "Donnant-donnant patient": 3, "Pavlov": 3, "Au hasard": 3,
}


def chronometrer(fonction, repetitions: int) -> tuple[float, float]:
    """Médiane et minimum, en secondes, après un premier appel d'échauffement."""
    fonction()
    durees = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        fonction()
        durees.append(time.perf_counter() - debut)
    return statistics.median(durees), min(durees)


def ligne(titre: str, valeur: str, verdict: str = "") -> None:
    print(f"  {titre:<58} {valeur:>14}  {verdict}")


def verdict(ok: bool) -> str:
    return "OK" if ok else "OBJECTIF MANQUÉ"


def importer_axelrod():
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import axelrod
    except ImportError:
        return None
    return axelrod


def joueur_axelrod(axl, s):
    if s.nom_axelrod == "Soft Go By Majority":
        return axl.GoByMajority()
    for cls in axl.strategies:
        if cls.name == s.nom_axelrod:
            return cls()
    raise KeyError(s.nom_axelrod)


def bench_notre_tournoi(n: int):
    mediane, minimum = chronometrer(
        lambda: dilemme.tournoi(QUINZE, tours=TOURS, repetitions=REPETITIONS, bruit=BRUIT, graine=1), n)
    return mediane, minimum


def bench_axelrod(axl, n: int):
    joueurs = [dilemme.strategie(nom) for nom in QUINZE]
    durees, resultat = [], None
    for k in range(n):
        tournoi = axl.Tournament([joueur_axelrod(axl, s) for s in joueurs], turns=TOURS,
                                 repetitions=REPETITIONS, noise=BRUIT, seed=k + 1)
        debut = time.perf_counter()
        resultat = tournoi.play(processes=None, progress_bar=False)
        durees.append(time.perf_counter() - debut)
    return statistics.median(durees), min(durees), resultat


def verifier_exactitude(axl) -> tuple[int, int, list[str]]:
    """Matchs déterministes : mêmes coups et mêmes scores qu'axelrod, pour toutes les paires."""
    deterministes = [cls() for cls in dilemme.CLASSES if not cls.stochastique]
    identiques, differents, exemples = 0, 0, []
    for tours in (1, 2, 3, 5, 10, 200):
        for a, b in itertools.product(deterministes, deterministes):
            match = axl.Match((joueur_axelrod(axl, a), joueur_axelrod(axl, b)), turns=tours)
            interactions = match.play()
            attendu = ("".join(str(x[0]) for x in interactions), "".join(str(x[1]) for x in interactions))
            r = dilemme.jouer_match(a, b, tours=tours)
            if r.coups == attendu and r.scores == tuple(match.final_score()):
                identiques += 1
            else:
                differents += 1
                exemples.append(f"{a.nom_litterature} / {b.nom_litterature} ({tours} tours)")
    return identiques, differents, exemples


def comparer_scores_bruites(axl, repetitions: int = 20) -> tuple[float, float, str]:
    """Tournoi bruité : nos scores moyens (100 répétitions) contre ceux d'axelrod (``repetitions``).

    Le hasard ne peut pas coïncider (chaque bibliothèque a son générateur) : on compare des
    moyennes. Renvoie l'écart maximal, le plus grand écart en erreurs-types (z) et la stratégie
    concernée ; avec 15 stratégies, |z| dépasse rarement 3 si les deux moteurs jouent pareil.
    """
    import numpy as np

    joueurs = [joueur_axelrod(axl, dilemme.strategie(nom)) for nom in QUINZE]
    resultat = axl.Tournament(joueurs, turns=TOURS, repetitions=repetitions, noise=BRUIT, seed=7).play(
        processes=None, progress_bar=False)
    axel = np.asarray(resultat.normalised_scores, dtype=float)  # (n, repetitions)
    nous = dilemme.tournoi_complet(QUINZE, tours=TOURS, repetitions=100, bruit=BRUIT, graine=3).scores.values.T
    ecart = np.abs(axel.mean(axis=1) - nous.mean(axis=1))
    erreur = np.sqrt(axel.var(axis=1, ddof=1) / axel.shape[1] + nous.var(axis=1, ddof=1) / nous.shape[1])
    z = ecart / np.maximum(erreur, 1e-12)
    pire = int(np.argmax(z))
    return float(ecart.max()), float(z[pire]), QUINZE[pire]


def bench_1980(axl, n_nous: int, n_axelrod: int):
    """Le premier tournoi : nos médianes, celles d'axelrod (même tournoi, même exécution)."""
    nous = chronometrer(lambda: dilemme.tournoi_axelrod_1980(repetitions=5, graine=1), n_nous)
    if axl is None:
        return nous, None
    durees = []
    for k in range(n_axelrod):
        tournoi = axl.Tournament([cls() for cls in axl.axelrod_first_strategies], turns=200, repetitions=5,
                                 seed=k + 1)
        debut = time.perf_counter()
        tournoi.play(processes=None, progress_bar=False)
        durees.append(time.perf_counter() - debut)
    return nous, (statistics.median(durees), min(durees))


def exactitude_1980(axl) -> tuple[int, int]:
    """Participants déterministes de 1980 : mêmes coups qu'axelrod pour chaque paire, sur 200 tours."""
    classes = {cls.name: cls for cls in axl.axelrod_first_strategies}
    noms = [cls.nom_axelrod for cls in dilemme.ENTRANTS_1980 if not cls.stochastique]
    identiques = 0
    for a, b in itertools.product(noms, noms):
        interactions = axl.Match((classes[a](), classes[b]()), turns=200).play()
        attendu = ("".join(str(x[0]) for x in interactions), "".join(str(x[1]) for x in interactions))
        identiques += dilemme.jouer_match(a, b, tours=200).coups == attendu
    return identiques, len(noms) ** 2


def accord_1980(axl, repetitions: int = 20):
    """Scores moyens par match (double compris) : axelrod (``repetitions``) contre nous (200 répétitions)."""
    import numpy as np

    joueurs = [cls() for cls in axl.axelrod_first_strategies]
    resultat = axl.Tournament(joueurs, turns=200, repetitions=repetitions, seed=11).play(
        processes=None, progress_bar=False)
    # payoffs[i][j]: the per-turn payoffs of i against j, one per repetition.
    axel = np.array([[np.asarray(resultat.payoffs[i][j], dtype=float) * 200 for j in range(15)]
                     for i in range(15)]).mean(axis=1)  # (15, repetitions)
    nous = dilemme.tournoi_axelrod_1980_complet(repetitions=200, graine=5)
    ordre = [cls().nom_affiche for cls in dilemme.ENTRANTS_1980]
    n = nous.scores[ordre].values.T  # (15, 200)
    ecart = np.abs(axel.mean(axis=1) - n.mean(axis=1))
    erreur = np.sqrt(axel.var(axis=1, ddof=1) / axel.shape[1] + n.var(axis=1, ddof=1) / n.shape[1])
    z = ecart / np.maximum(erreur, 1e-12)
    pire = int(np.argmax(z))
    return float(ecart.max()), float(z[pire]), ordre[pire]


def imprimer_classement_1980() -> None:
    from strategie.francais import nombre

    c = dilemme.tournoi_axelrod_1980(repetitions=5, graine=1980)
    print(f"  {'rang':>4}  {'stratégie':<24} {'nom Axelrod':<32} {'score':>7}  {'article':>7}  {'rang art.':>9}")
    for _, l in c.iterrows():
        print(f"  {l['rang']:>4}  {l['strategie']:<24} {l['nom_axelrod']:<32} {nombre(l['score'], 1):>7}  "
              f"{nombre(l['score_article'], 1):>7}  {l['rang_article']:>9}")
    print("  " + dilemme.lecture_1980(c))


def bench_widget(n: int):
    try:
        from strategie.widgets.dilemme import ExplorateurTournoi
    except ImportError as exc:
        return None, str(exc)
    vue = ExplorateurTournoi(tours=TOURS, repetitions=REPETITIONS, bruit=BRUIT)
    vue.strategies.value = tuple(dilemme.strategie(nom).nom_affiche for nom in QUINZE)
    mediane, minimum = chronometrer(vue.lancer, n)
    if vue.message.genre == "erreur":
        return None, vue.message.texte
    if len(vue.figure_classement.affichee["data"][0]["y"]) != len(QUINZE):
        return None, "la figure montrée n'a pas le classement des 15 stratégies"
    return (mediane, minimum), ""


def bench_evolution(n: int, bruit: float):
    return chronometrer(
        lambda: dilemme.evolution(POPULATION, tours=10, remplaces=5, generations=100, bruit=bruit, graine=1), n)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sans-axelrod", action="store_true", help="ne pas comparer à axelrod")
    parser.add_argument("--repetitions-axelrod", type=int, default=3)
    args = parser.parse_args()

    print(f"Python {sys.version.split()[0]} ; strategie.dilemme ; {len(QUINZE)} stratégies, "
          f"{TOURS} tours, {REPETITIONS} répétitions, bruit {BRUIT}")
    axl = None if args.sans_axelrod else importer_axelrod()
    if axl is None:
        print("axelrod n'est pas installé dans cet environnement : comparaison et vérification sautées "
              "(voir l'en-tête de ce script pour l'installer à part).")
    else:
        print(f"axelrod {axl.__version__} trouvé : comparaison dans la même exécution.")
    print()
    ok_global = True

    print("1. Tournoi")
    mediane, minimum = bench_notre_tournoi(20)
    ligne("strategie.dilemme.tournoi (médiane / min)", f"{mediane * 1000:.1f} / {minimum * 1000:.1f} ms")
    if axl is not None:
        ax_mediane, ax_min, _ = bench_axelrod(axl, args.repetitions_axelrod)
        ligne("axelrod Tournament.play(processes=None) (médiane / min)", f"{ax_mediane:.2f} / {ax_min:.2f} s")
        rapport = ax_mediane / mediane
        ok = rapport >= 30
        ok_global &= ok
        ligne("rapport (médianes)", f"{rapport:.0f} ×", verdict(ok) + " (objectif ≥ 30 ×)")
    print()

    print("2. Explorateur de tournoi : tournoi + mise à jour des figures")
    temps, raison = bench_widget(15)
    if temps is None:
        print(f"  sauté : {raison}")
    else:
        ok = temps[0] < 0.100
        ok_global &= ok
        ligne("ExplorateurTournoi.lancer() (médiane / min)", f"{temps[0] * 1000:.1f} / {temps[1] * 1000:.1f} ms",
              verdict(ok) + " (objectif < 100 ms)")
    print()

    print("3. Évolution : 25 joueurs, 10 tours, 5 remplacés, 100 générations")
    for bruit, titre in ((0.05, "avec 5 % d'erreurs (matchs rejoués à chaque génération)"),
                         (0.0, "sans erreur (dont « Au hasard » : matchs rejoués aussi)")):
        mediane, minimum = bench_evolution(10, bruit)
        ok = mediane < 0.200
        ok_global &= ok
        ligne(titre, f"{mediane * 1000:.1f} / {minimum * 1000:.1f} ms", verdict(ok) + " (objectif < 200 ms)")
    print()

    if axl is not None:
        print("4. Exactitude par rapport à axelrod")
        identiques, differents, exemples = verifier_exactitude(axl)
        ok = differents == 0
        ok_global &= ok
        ligne("matchs déterministes identiques (coups et scores)", f"{identiques} / {identiques + differents}",
              verdict(ok))
        for e in exemples[:5]:
            print(f"    différent : {e}")
        ecart, z_max, pire = comparer_scores_bruites(axl)
        ok = z_max < 4
        ok_global &= ok
        ligne("tournoi bruité (axelrod 20 rép., nous 100) : écart max", f"{ecart:.3f}")
        ligne("  plus grand écart en erreurs-types (z)", f"{z_max:.1f}",
              verdict(ok) + f" ({pire} ; au-delà de 4 : différence réelle, pas le hasard)")
    print()

    print("5. Premier tournoi d'Axelrod (1980) : 15 participants, 200 tours, 5 répétitions")
    nous, axel = bench_1980(axl, 20, args.repetitions_axelrod)
    ligne("strategie.dilemme.tournoi_axelrod_1980 (médiane / min)", f"{nous[0] * 1000:.1f} / {nous[1] * 1000:.1f} ms")
    if axel is not None:
        ligne("axelrod Tournament.play(processes=None) (médiane / min)", f"{axel[0]:.2f} / {axel[1]:.2f} s")
        rapport = axel[0] / nous[0]
        ok = rapport >= 60
        ok_global &= ok
        ligne("rapport (médianes)", f"{rapport:.0f} ×", verdict(ok) + " (objectif ≥ 60 ×)")
        identiques, total = exactitude_1980(axl)
        ok = identiques == total
        ok_global &= ok
        ligne("paires déterministes de 1980 identiques à axelrod (200 tours)", f"{identiques} / {total}", verdict(ok))
        ecart, z_max, pire = accord_1980(axl)
        ok = z_max < 4
        ok_global &= ok
        ligne("scores (axelrod 20 rép., nous 200) : écart max en points", f"{ecart:.1f}")
        ligne("  plus grand écart en erreurs-types (z)", f"{z_max:.1f}", verdict(ok) + f" ({pire})")
    print()
    imprimer_classement_1980()
    print()
    print("Tous les objectifs sont atteints." if ok_global else "Au moins un objectif est manqué.")
    return 0 if ok_global else 1


if __name__ == "__main__":
    sys.exit(main())
