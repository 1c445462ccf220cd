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


# -- les fichiers qu'écrit une vue : un nom tapé dans une case « Fichier » -------------------------------------

MARQUE_HTML = '<meta name="generator" content="strategie">'  # chaque page HTML écrite par le cours la porte


def json_au_format(format_attendu: str):
    """Reconnaît un fichier JSON écrit par l'outil dont l'en-tête ``format`` vaut ``format_attendu``."""

    def reconnu(chemin: Path) -> bool:
        try:
            donnees = json.loads(chemin.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return False
        return isinstance(donnees, dict) and donnees.get("format") == format_attendu

    return reconnu


def html_contenant(*marques: str):
    """Reconnaît une page HTML qui contient l'une des ``marques`` (écrite par un outil du cours)."""

    def reconnu(chemin: Path) -> bool:
        try:
            page = chemin.read_text(encoding="utf-8", errors="replace")  # un rapport contient plotly : quelques Mo
        except OSError:
            return False
        return any(m in page for m in (MARQUE_HTML, *marques))

    return reconnu


def fichier_de_travail(nom: object, dossier: str | os.PathLike, extension: str, outil: str,
                       reconnu=None) -> Path:
    """Le fichier ``nom`` du dossier de travail ``dossier``, là où une vue peut écrire sans rien abîmer.

    ``nom`` est un nom seul (« mon-canevas » ou « mon-canevas.json ») : le fichier reste dans
    ``dossier``. Sont refusés, par un message qui nomme le dossier : un chemin, un nom caché, un
    carnet (.ipynb), une autre extension qu'``extension`` (ajoutée si elle manque) et, avec
    ``reconnu``, un fichier existant que ``reconnu(chemin)`` ne reconnaît pas comme écrit par
    ``outil``. Le fichier n'est jamais touché ici.
    """
    dossier = Path(dossier)
    ou = f"Vos fichiers sont dans le dossier « {dossier} »"
    texte = nom.strip() if isinstance(nom, str) else ""
    exemple = f"mon-fichier{extension}"
    if not texte:
        raise SaisieInvalide(f"Donnez un nom de fichier, par exemple « {exemple} ». {ou}.")
    if "/" in texte or "\\" in texte or texte in (".", ".."):
        raise SaisieInvalide(
            f"« {texte} » : donnez seulement un nom de fichier, sans dossier (par exemple « {exemple} »). {ou}."
        )
    if texte.startswith("."):
        raise SaisieInvalide(f"« {texte} » est un nom caché : choisissez un nom visible, par exemple « {exemple} ».")
    chemin = dossier / texte
    suffixe = chemin.suffix.lower()
    if suffixe == ".ipynb":
        raise SaisieInvalide(
            f"« {texte} » est un carnet (une leçon ou un devoir) : {outil} ne l'écrase jamais. "
            f"Choisissez un nom en {extension}, par exemple « {exemple} »."
        )
    if not suffixe:
        chemin = chemin.with_name(chemin.name + extension)
    elif suffixe != extension:
        raise SaisieInvalide(
            f"« {texte} » : {outil} écrit un fichier {extension} ; choisissez un nom qui finit par {extension}."
        )
    if reconnu is not None and chemin.exists() and not (chemin.is_file() and reconnu(chemin)):
        raise SaisieInvalide(
            f"« {chemin.name} » existe déjà dans « {dossier} » et ce n'est pas un fichier de {outil} "
            "(ou il est abîmé) : choisissez un autre nom ; ce fichier n'a pas été touché."
        )
    return chemin


def elements_enregistres(chemin: str | os.PathLike, cle: str) -> int:
    """Combien d'éléments (notes, facteurs…) la liste ``cle`` d'un fichier JSON contient ; 0 s'il est illisible."""
    try:
        donnees = json.loads(Path(chemin).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return 0
    valeur = donnees.get(cle) if isinstance(donnees, dict) else None
    return len(valeur) if isinstance(valeur, (list, dict)) else 0
