"""Objectifs SMART, tableau de bord et plan d'exécution (module 14).

Interface stable (utilisée hors des leçons) :

``evaluer(texte, aujourd_hui=None)`` → ``{critere: (ok, raison)}`` pour les clés
``specifique``, ``mesurable``, ``atteignable``, ``realisable``, ``temporel`` ;
``ok`` vaut ``True``, ``False``, ou ``None`` quand le texte seul ne permet pas de
trancher (la raison dit alors quelle information manque). ``aujourd_hui``
(``datetime.date``, par défaut aujourd'hui) décide si une échéance est passée.

Le reste :

* ``Objectif`` (quoi, indicateur, depart, cible, echeance, responsable, axe,
  unite, moyens) et ``verifier(objectif, aujourd_hui=None)`` ;
* ``lire_echeance``, ``trouver_echeances`` : les échéances écrites en français ;
* ``TableauDeBord``, ``avancement``, ``statut``, ``tendance``, ``conseil_de_revue`` ;
* ``PlanExecution`` : des axes stratégiques et leurs objectifs.
"""

from strategie.smart.dates import Echeance, formater_date, lire_echeance, trouver_echeances
from strategie.smart.nombres import Quantite, lire_nombre
from strategie.smart.objectif import Objectif
from strategie.smart.plan import PlanExecution
from strategie.smart.tableau import (
    STATUTS,
    TENDANCES,
    TableauDeBord,
    avancement,
    avancement_attendu,
    calculer_statuts,
    conseil_de_revue,
    statut,
    tendance,
)
from strategie.smart.verificateur import (
    CRITERES,
    DORAN_1981,
    LIBELLES,
    QUESTIONS,
    REGLES,
    analyser,
    comparer,
    compter,
    est_smart,
    evaluer,
    resume,
    verifier,
)

__all__ = [
    "CRITERES", "DORAN_1981", "LIBELLES", "QUESTIONS", "REGLES", "STATUTS", "TENDANCES",
    "Echeance", "Objectif", "PlanExecution", "Quantite", "TableauDeBord",
    "analyser", "avancement", "comparer", "avancement_attendu", "calculer_statuts", "compter", "conseil_de_revue",
    "est_smart", "evaluer", "formater_date", "lire_echeance", "lire_nombre", "resume", "statut", "tendance",
    "trouver_echeances", "verifier",
]
