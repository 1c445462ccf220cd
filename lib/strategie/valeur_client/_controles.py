"""Contrôles des saisies : chaque erreur nomme la colonne ou le paramètre en cause."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import numpy as np
import pandas as pd

from strategie import francais
from strategie.erreurs import SaisieInvalide
from strategie.texte import compacter


def _liste(noms: Iterable[str]) -> str:
    return ", ".join(f"« {n} »" for n in noms)


def _ligne(brut, position: int):
    """L'étiquette de ligne que l'apprenant voit (index de la table), à défaut la position."""
    return brut.index[position] if isinstance(brut, pd.Series) else position


def _nom_proche(nom: str, candidats: Iterable[str]) -> str | None:
    """Le candidat qui ressemble le plus à ``nom`` (fautes de frappe, accents, casse), s'il y en a un."""
    simples = {compacter(c): c for c in candidats}
    cle = compacter(nom)
    if cle in simples:
        return simples[cle]
    proches = difflib.get_close_matches(cle, list(simples), n=1, cutoff=0.75)
    return simples[proches[0]] if proches else None


def verifier_table(
    table,
    requises: Iterable[str],
    optionnelles: Iterable[str] = (),
    nom: str = "transactions",
) -> pd.DataFrame:
    """Vérifie qu'une table a les colonnes attendues, bien nommées, et au moins une ligne."""
    requises, optionnelles = list(requises), list(optionnelles)
    if not isinstance(table, pd.DataFrame):
        raise SaisieInvalide(
            f"« {nom} » doit être une table pandas (DataFrame), pas {type(table).__name__} : "
            f"construisez-la avec pd.DataFrame(...) avec les colonnes {_liste(requises)}."
        )
    presentes = [str(c) for c in table.columns]
    connues = requises + optionnelles
    for colonne in requises:
        if colonne in presentes:
            continue
        proche = _nom_proche(colonne, [c for c in presentes if c not in connues])
        indice = f" Vouliez-vous dire « {proche} » ? Renommez-la en « {colonne} »." if proche else ""
        raise SaisieInvalide(
            f"La colonne « {colonne} » manque dans « {nom} » (colonnes présentes : "
            f"{_liste(presentes) or 'aucune'}).{indice}"
        )
    # Une colonne facultative mal orthographiée serait ignorée sans bruit et fausserait les résultats : on la refuse.
    for colonne in presentes:
        if colonne in connues:
            continue
        proche = _nom_proche(colonne, [c for c in optionnelles if c not in presentes])
        if proche:
            raise SaisieInvalide(
                f"La colonne « {colonne} » de « {nom} » ressemble à « {proche} » mais n'est pas "
                f"bien nommée : renommez-la en « {proche} » (sinon elle serait ignorée)."
            )
    if len(table) == 0:
        raise SaisieInvalide(f"La table « {nom} » est vide : il faut au moins une ligne pour calculer.")
    return table


_CONSEIL_PRIX = "un prix ou un coût ne peut pas être négatif ; corrigez ces lignes (un remboursement s'enregistre comme un retour)."


def colonne_nombres(
    table: pd.DataFrame, colonne: str, nom: str = "transactions", minimum: float | None = 0.0, conseil: str = _CONSEIL_PRIX
) -> np.ndarray:
    """Renvoie une colonne en nombres (float64) ; refuse le texte, les vides et les valeurs sous ``minimum``."""
    serie = table[colonne]
    if pd.api.types.is_numeric_dtype(serie) and not pd.api.types.is_bool_dtype(serie):
        valeurs = serie.to_numpy(dtype="float64", na_value=np.nan)
    else:
        valeurs = pd.to_numeric(serie, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    return nombres(valeurs, f"colonne « {colonne} » de « {nom} »", minimum=minimum, brut=serie, conseil=conseil)


def nombres(valeurs, libelle: str, minimum: float | None = 0.0, brut=None, conseil: str = _CONSEIL_PRIX) -> np.ndarray:
    """Contrôle un tableau de nombres : finis, et au moins ``minimum`` s'il est donné."""
    try:
        tableau = np.asarray(valeurs, dtype="float64")
    except (TypeError, ValueError):
        tableau = pd.to_numeric(pd.Series(np.ravel(np.asarray(valeurs, dtype=object))), errors="coerce").to_numpy(
            dtype="float64", na_value=np.nan
        )
        brut = np.ravel(np.asarray(valeurs, dtype=object))
    tableau = np.atleast_1d(tableau)
    if tableau.ndim != 1:
        raise SaisieInvalide(f"La {libelle} doit être une liste de nombres (une dimension).")
    invalides = ~np.isfinite(tableau)
    if invalides.any():
        i = int(np.flatnonzero(invalides)[0])
        exemple = brut.iloc[i] if isinstance(brut, pd.Series) else (brut[i] if brut is not None else tableau[i])
        raise SaisieInvalide(
            f"La {libelle} contient {int(invalides.sum())} valeur(s) vide(s) ou non numérique(s) "
            f"(ligne {_ligne(brut, i)} : {exemple!r}) : mettez un nombre sur chaque ligne."
        )
    if minimum is not None and (tableau < minimum).any():
        i = int(np.flatnonzero(tableau < minimum)[0])
        quoi = "négative(s)" if minimum == 0 else f"inférieure(s) à {francais.nombre(minimum)}"
        raise SaisieInvalide(
            f"La {libelle} contient {int((tableau < minimum).sum())} valeur(s) {quoi} "
            f"(ligne {_ligne(brut, i)} : {tableau[i]:g}) : {conseil}"
        )
    return tableau


def colonne_dates(table: pd.DataFrame, colonne: str = "date", nom: str = "transactions") -> pd.Series:
    """Renvoie la colonne de dates lue en datetime64 ; une date illisible est nommée avec sa ligne."""
    serie = table[colonne]
    if pd.api.types.is_datetime64_any_dtype(serie):
        dates = serie
    else:
        texte = serie.astype("string")
        # Les dates compactes AAAAMMJJ (comme dans CDNOW) sont lues avec leur format ; les autres sont devinées.
        if texte.str.fullmatch(r"\d{8}").fillna(False).all():
            dates = pd.to_datetime(texte, format="%Y%m%d", errors="coerce")
        else:
            try:
                dates = pd.to_datetime(texte, errors="coerce", format="mixed", dayfirst=False)
            except (TypeError, ValueError):
                dates = pd.Series(pd.NaT, index=serie.index)
    manquantes = dates.isna().to_numpy()
    if manquantes.any():
        i = int(np.flatnonzero(manquantes)[0])
        raise SaisieInvalide(
            f"La colonne « {colonne} » de « {nom} » contient {int(manquantes.sum())} date(s) illisible(s) "
            f"ou vide(s) (ligne {_ligne(serie, i)} : {serie.iloc[i]!r}) : écrivez les dates au format AAAA-MM-JJ, "
            "par exemple 2024-03-31."
        )
    return dates


def parametre(
    nom: str,
    valeur,
    minimum: float | None = None,
    maximum: float | None = None,
    min_inclus: bool = True,
    max_inclus: bool = True,
    conseil: str = "",
):
    """Contrôle un paramètre numérique (nombre ou tableau) ; renvoie un float ou un ndarray."""
    try:
        tableau = np.asarray(valeur, dtype="float64")
    except (TypeError, ValueError):
        raise SaisieInvalide(f"Le paramètre « {nom} » doit être un nombre, pas {valeur!r}.") from None
    if not np.isfinite(tableau).all():
        raise SaisieInvalide(f"Le paramètre « {nom} » doit être un nombre fini, pas {valeur!r}.")
    trop_bas = minimum is not None and ((tableau < minimum) if min_inclus else (tableau <= minimum)).any()
    trop_haut = maximum is not None and ((tableau > maximum) if max_inclus else (tableau >= maximum)).any()
    if trop_bas or trop_haut:
        bornes = []
        if minimum is not None:
            bornes.append(f"{'au moins' if min_inclus else 'strictement plus que'} {francais.nombre(minimum)}")
        if maximum is not None:
            bornes.append(f"{'au plus' if max_inclus else 'strictement moins que'} {francais.nombre(maximum)}")
        vu = f"{float(tableau):g}" if tableau.ndim == 0 else "une valeur hors bornes"
        raise SaisieInvalide(
            f"Le paramètre « {nom} » vaut {vu} : il doit valoir {' et '.join(bornes)}."
            + (f" {conseil}" if conseil else "")
        )
    return float(tableau) if tableau.ndim == 0 else tableau
