"""Erreurs du cours : des messages en français qui disent quoi corriger."""


class SaisieInvalide(ValueError):
    """Une valeur saisie par l'apprenant ne convient pas.

    Le message dit ce qui ne va pas et comment corriger, en français.
    Hérite de ``ValueError`` pour rester attrapable par du code générique.
    """


class FichierInvalide(SaisieInvalide):
    """Un fichier (JSON d'un canevas, données…) est illisible, étranger ou trop récent.

    Le fichier n'est jamais modifié quand cette erreur est levée.
    """
