"""Valeur client (module 15) : compte de résultat par client, déciles, baleine, valeur à vie.

Quatre familles d'outils, toutes vectorisées (aucune boucle sur les clients) :

- **compte de résultat par client** depuis les transactions et des inducteurs de
  coûts (``compte_resultat_clients``, ``Inducteurs``), puis déciles, matrice de
  migration entre le classement par chiffre d'affaires et par profit
  (``matrice_migration``, ``part_migration``), courbe de la baleine et mesures
  de concentration (``courbe_baleine``, ``concentration``) ;
- **valeur à vie** par la formule de rétention et délai de récupération
  (``clv``, ``courbe_recuperation``, ``delai_recuperation``) ;
- **valeur potentielle** par les modèles BG/NBD et Gamma-Gamma
  (``ajuster_bgnbd``, ``achats_attendus``, ``ajuster_gamma_gamma``,
  ``valeur_potentielle``) ;
- **données** : achats réels CDNOW (``charger_cdnow``) et clientèle synthétique
  avec coûts (``generer_transactions``).

Interface stable, utilisée hors des leçons : ``charger_cdnow()`` et
``ajuster_bgnbd(frequence, recence, anciennete)``.
"""

from strategie.valeur_client.compte import (
    COLONNES_COMPTE,
    COLONNES_FACULTATIVES,
    COLONNES_REQUISES,
    Inducteurs,
    agreger_par_client,
    appliquer_inducteurs,
    canaux,
    compte_resultat_clients,
    concentration,
    courbe_baleine,
    croiser_deciles,
    deciles,
    gini,
    matrice_migration,
    mesures_baleine,
    part_hors_diagonale,
    part_migration,
    part_profit_meilleurs,
    tableau_deciles,
)
from strategie.valeur_client.donnees import (
    FIN_CALIBRATION_CDNOW,
    FIN_VALIDATION_CDNOW,
    INDUCTEURS_EXEMPLE,
    JOURS_PAR_UNITE,
    charger_cdnow,
    charger_cdnow_transactions,
    exemple_transactions,
    generer_transactions,
    resume_rfm,
)
from strategie.valeur_client.duree_de_vie import clv, courbe_recuperation, delai_recuperation
from strategie.valeur_client.probabiliste import (
    achats_attendus,
    achats_attendus_nouveau_client,
    ajuster_bgnbd,
    ajuster_gamma_gamma,
    log_vraisemblance_bgnbd,
    montant_attendu,
    probabilite_actif,
    probabilite_nombre_achats,
    simuler_bgnbd,
    valeur_potentielle,
)
from strategie.valeur_client.verifications import (
    ajustement_par_nombre_achats,
    historique_probabilite_actif,
    matrice_achats_attendus,
    matrice_probabilite_actif,
    suivi_achats_repetes,
)

__all__ = [
    "ajustement_par_nombre_achats", "historique_probabilite_actif", "matrice_achats_attendus",
    "matrice_probabilite_actif", "suivi_achats_repetes",
    "COLONNES_COMPTE", "COLONNES_FACULTATIVES", "COLONNES_REQUISES", "FIN_CALIBRATION_CDNOW",
    "FIN_VALIDATION_CDNOW", "INDUCTEURS_EXEMPLE", "JOURS_PAR_UNITE", "Inducteurs",
    "achats_attendus", "achats_attendus_nouveau_client", "agreger_par_client", "ajuster_bgnbd",
    "ajuster_gamma_gamma", "appliquer_inducteurs", "canaux", "charger_cdnow", "charger_cdnow_transactions",
    "clv", "compte_resultat_clients", "concentration", "courbe_baleine", "courbe_recuperation", "croiser_deciles", "deciles",
    "delai_recuperation", "exemple_transactions", "generer_transactions", "gini", "log_vraisemblance_bgnbd",
    "matrice_migration", "mesures_baleine", "montant_attendu", "part_hors_diagonale", "part_migration", "part_profit_meilleurs", "probabilite_actif", "probabilite_nombre_achats",
    "resume_rfm", "simuler_bgnbd", "tableau_deciles", "valeur_potentielle",
]
