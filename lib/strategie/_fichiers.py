"""Fichiers de l'apprenant : écriture atomique et lecture JSON avec des messages clairs.

Partagé par tous les outils qui enregistrent un travail (canevas, canevas
stratégique, plan, cas…) : un enregistrement interrompu ne laisse jamais un
fichier à moitié écrit, et une lecture ratée ne modifie jamais le fichier.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from strategie.erreurs import FichierInvalide, SaisieInvalide


def _chemin_d_ecriture(chemin: object, exemple: str) -> Path:
    if not isinstance(chemin, (str, os.PathLike)) or not str(chemin).strip():
        raise SaisieInvalide(f"Donnez un nom de fichier, par exemple « {exemple} » (reçu : {chemin!r}).")
    chemin = Path(chemin)
    if chemin.is_dir():
        raise SaisieInvalide(f"« {chemin} » est un dossier : donnez un nom de fichier, par exemple « {exemple} ».")
    if not chemin.parent.is_dir():
        raise SaisieInvalide(f"Le dossier « {chemin.parent} » n'existe pas : créez-le ou choisissez un autre chemin.")
    return chemin


def ecrire_texte_atomique(chemin: str | os.PathLike, texte: str, exemple: str = "mon-fichier.json") -> Path:
    """Écrit dans un fichier temporaire du même dossier, puis le met en place d'un seul coup."""
    chemin = _chemin_d_ecriture(chemin, exemple)
    descripteur, temporaire = tempfile.mkstemp(prefix=f".{chemin.name}.", suffix=".tmp", dir=chemin.parent)
    try:
        with os.fdopen(descripteur, "w", encoding="utf-8") as f:
            f.write(texte)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporaire, chemin)
    except BaseException:
        Path(temporaire).unlink(missing_ok=True)
        raise
    return chemin


def ecrire_json_atomique(donnees: object, chemin: str | os.PathLike, exemple: str = "mon-fichier.json") -> Path:
    return ecrire_texte_atomique(chemin, json.dumps(donnees, ensure_ascii=False, indent=2) + "\n", exemple)


def lire_json(chemin: str | os.PathLike, quoi: str = "ce fichier") -> object:
    """Lit un JSON ; ``FichierInvalide`` si le fichier manque, n'est pas du texte ou pas du JSON."""
    chemin = Path(chemin)
    if not chemin.is_file():
        raise FichierInvalide(f"Le fichier « {chemin} » n'existe pas : enregistrez d'abord {quoi}.")
    try:
        texte = chemin.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise FichierInvalide(f"« {chemin} » n'est pas un fichier texte : ce n'est pas {quoi}.") from None
    try:
        return json.loads(texte)
    except json.JSONDecodeError as exc:
        raise FichierInvalide(
            f"« {chemin} » n'est pas du JSON valide (ligne {exc.lineno}, colonne {exc.colno}). "
            "Le fichier n'a pas été modifié ; ouvrez une sauvegarde plus ancienne ou recommencez."
        ) from None


def verifier_format(donnees: object, format_attendu: str, version_max: int, quoi: str, outil: str) -> int:
    """Contrôle l'en-tête ``format`` / ``version`` ; renvoie la version lue."""
    if not isinstance(donnees, dict) or donnees.get("format") != format_attendu:
        raise FichierInvalide(
            f"Ces données ne sont pas {quoi} (le champ « format » doit valoir « {format_attendu} »). "
            f"Choisissez un fichier enregistré par {outil}."
        )
    version = donnees.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise FichierInvalide(f"Le numéro de version de {quoi} est absent ou illisible.")
    if version > version_max:
        raise FichierInvalide(
            f"Ce fichier a été enregistré par une version plus récente du cours (format {version}, "
            f"cette bibliothèque lit jusqu'au format {version_max}). Mettez le cours à jour "
            "(git pull puis make lab) pour l'ouvrir."
        )
    return version
