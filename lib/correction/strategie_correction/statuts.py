"""Statuts d'une soumission : un code court par genre d'anomalie.

La colonne ``statut`` de notes.csv vaut ``ok`` pour une soumission propre,
sinon le code de l'anomalie la plus importante ; la colonne ``message``
explique toutes les anomalies, en français, et dit ce que le formateur peut
faire.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

# Du plus grave (la note ne reflète peut-être pas le travail) au simple signalement.
LIBELLES: dict[str, str] = {
    "integrite_violee": "a modifié des fichiers hors de sa copie (notée 0)",
    "noyau_truque": "noyau modifié pour fausser les tests",
    "nom_non_reconnu": "nom de fichier non reconnu",
    "archive_invalide": "archive illisible ou trop volumineuse",
    "json_invalide": "carnet illisible (JSON invalide)",
    "carnet_invalide": "carnet au format incorrect",
    "carnet_absent": "carnet absent",
    "erreur_correction": "échec de la correction",
    "delai_depasse": "délai dépassé (boucle infinie ?)",
    "noyau_arrete": "noyau Python arrêté",
    "memoire_depassee": "mémoire épuisée",
    "tests_supprimes": "cellule de tests supprimée",
    "tests_modifies": "cellule de tests modifiée",
    "code_protege_modifie": "cellule protégée modifiée",
    "metadonnees_modifiees": "métadonnées de notation modifiées",
    "reponse_supprimee": "cellule de réponse supprimée",
    "sortie_tronquee": "sortie trop longue (tronquée)",
    "format_ancien": "ancien format de carnet (converti)",
    "carnet_renomme": "carnet renommé",
    "retard_signale": "déposé en retard selon la plateforme",
    "archive_ouverte": "zip déposé par l'élève, ouvert",
    "soumissions_multiples": "plusieurs soumissions (la plus récente est notée)",
    "fichiers_en_trop": "fichiers en trop (ignorés)",
    "identifiant_normalise": "identifiant adapté pour nbgrader",
    "ok": "notée normalement",
}
GRAVITE = {code: rang for rang, code in enumerate(LIBELLES)}

# Codes pour lesquels aucun carnet n'a pu être noté : la note est 0.
BLOQUANTS = frozenset({
    "integrite_violee", "nom_non_reconnu", "archive_invalide", "json_invalide", "carnet_invalide", "carnet_absent",
    "erreur_correction",
})


@dataclass(frozen=True)
class Anomalie:
    """Une anomalie d'une soumission : son code court et une phrase pour le formateur."""

    code: str
    message: str

    def __post_init__(self):
        if self.code not in LIBELLES:
            raise ValueError(f"code d'anomalie inconnu : {self.code!r}")

    def en_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def depuis_dict(cls, donnees: dict) -> "Anomalie":
        return cls(donnees["code"], donnees["message"])


def statut_principal(anomalies: list[Anomalie]) -> str:
    """Le code de l'anomalie la plus grave, ou ``ok``."""
    if not anomalies:
        return "ok"
    return min(anomalies, key=lambda a: GRAVITE[a.code]).code


def trier(anomalies: list[Anomalie]) -> list[Anomalie]:
    """Les anomalies de la plus grave à la moins grave, sans doublon."""
    vues: set[Anomalie] = set()
    uniques = [a for a in anomalies if not (a in vues or vues.add(a))]
    return sorted(uniques, key=lambda a: GRAVITE[a.code])
