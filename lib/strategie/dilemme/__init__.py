"""Le dilemme du prisonnier : gains, stratégies, matchs, tournois et évolution.

API stable (utilisée hors des leçons) :

* ``strategie(nom)`` : un joueur neuf d'après son nom français
  (« Donnant-donnant ») ou son nom dans la littérature (« Tit For Tat ») ;
* ``jouer_match(a, b, tours=200, bruit=0.0, graine=None)`` : résultat avec
  ``.scores`` (les deux totaux en points) et ``.coups`` (deux chaînes de C/D) ;
* ``tournoi(joueurs, tours=200, repetitions=5, bruit=0.0, graine=None)`` :
  DataFrame (``strategie`` en français, ``score_moyen`` par tour), meilleur d'abord ;
* ``evolution(population, tours=10, remplaces=5, generations=100, …)`` :
  effectifs de chaque stratégie, génération par génération ;
* ``enregistrer(fonction)`` : une stratégie d'apprenant, écrite comme une
  fonction ``def ma_strategie(mes_coups, ses_coups): return "C"`` ;
* ``tournoi_axelrod_1980(repetitions=5, graine=None)`` : le premier tournoi
  d'Axelrod rejoué avec ses quinze participants (``ENTRANTS_1980``), comparé au
  tableau 1 de l'article (colonnes ``strategie``, ``nom_axelrod``, ``score``,
  ``score_article``), meilleur d'abord.

Les coups sont ``"C"`` (coopérer) et ``"D"`` (trahir).
"""

from strategie.dilemme.gains import (
    GAINS_ANNEES, GAINS_NICKY_CASE, GAINS_POINTS, Condition, Diagnostic, Gains,
    continuation_minimale, diagnostic, equilibres, optimum_collectif, strategie_dominante,
)
from strategie.dilemme.moteur import (
    ResultatMatch, ResultatTournoi, evolution, jouer_match, lecture_bruit, tirer_tours, tournoi, tournoi_complet,
)
from strategie.dilemme.premier_tournoi import (
    ENTRANTS_1980, SCORES_ARTICLE, Resultat1980, lecture_1980, rang_en_toutes_lettres, tournoi_axelrod_1980,
    tournoi_axelrod_1980_complet,
)
from strategie.dilemme.strategies import (
    CLASSES, ErreurStrategie, Strategie, StrategieFonction, catalogue, enregistrer, oublier,
    strategie, strategies_apprenants,
)

__all__ = [
    "strategie", "jouer_match", "tournoi", "tournoi_complet", "evolution", "enregistrer", "oublier",
    "catalogue", "strategies_apprenants", "tirer_tours", "lecture_bruit",
    "tournoi_axelrod_1980", "tournoi_axelrod_1980_complet", "lecture_1980", "ENTRANTS_1980", "SCORES_ARTICLE", "rang_en_toutes_lettres",
    "Resultat1980",
    "Gains", "GAINS_POINTS", "GAINS_ANNEES", "GAINS_NICKY_CASE", "diagnostic", "Diagnostic", "Condition",
    "strategie_dominante", "equilibres", "optimum_collectif", "continuation_minimale",
    "Strategie", "StrategieFonction", "ErreurStrategie", "CLASSES", "ResultatMatch", "ResultatTournoi",
]
