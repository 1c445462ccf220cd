"""Un petit compte de résultat pour prendre en main les outils du cours (module 00)."""

from __future__ import annotations

from numbers import Real

from strategie.erreurs import SaisieInvalide


def _positif(valeur: object, nom: str) -> float:
    if isinstance(valeur, bool) or not isinstance(valeur, Real):
        raise SaisieInvalide(f"« {nom} » doit être un nombre (reçu : {valeur!r}).")
    if valeur < 0:
        raise SaisieInvalide(f"« {nom} » ne peut pas être négatif (reçu : {valeur}).")
    return float(valeur)


def compte_simple(prix: float, cout_unitaire: float, quantite: float, couts_fixes: float = 0.0) -> dict[str, float]:
    """Chiffre d'affaires, coûts et résultat d'une activité simple.

    >>> compte_simple(prix=4, cout_unitaire=1.5, quantite=1000, couts_fixes=1200)["resultat"]
    1300.0
    """
    prix = _positif(prix, "prix")
    cout_unitaire = _positif(cout_unitaire, "coût unitaire")
    quantite = _positif(quantite, "quantité")
    couts_fixes = _positif(couts_fixes, "coûts fixes")
    chiffre = prix * quantite
    variables = cout_unitaire * quantite
    return {
        "chiffre_affaires": chiffre,
        "couts_variables": variables,
        "couts_fixes": couts_fixes,
        "resultat": chiffre - variables - couts_fixes,
    }
