"""Ce que les plateformes réimportent, écrit à côté de notes.csv.

* ``feuille-moodle.csv`` : la feuille d'évaluation Moodle que le formateur a
  téléchargée (« Télécharger la feuille d'évaluation »), remplie : les lignes
  sont reconnues par la colonne « Identifier » (« Participant 123456 ») ; les
  colonnes, l'encodage, le séparateur et le séparateur décimal restent ceux du
  fichier reçu ;
* ``retours-moodle.zip`` : un dossier par élève nommé comme Moodle l'attend
  pour « Déposer plusieurs fichiers de feedback dans un zip »
  (``Nom complet_123456_assignfeedback_file_/carnet.html``) ;
* ``notes-canvas.csv`` : les colonnes d'import du carnet de notes Canvas
  (Student, ID, SIS User ID, SIS Login ID, Section, puis le devoir) ;
* ``retours-html.zip`` : le retour HTML de chaque élève (``<identifiant>_<carnet>.html``).

Les deux exports Moodle ne concernent que les élèves importés d'un export
Moodle, l'export Canvas ceux d'un export Canvas.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

# Moodle's worksheet headers, in English and in French (Moodle's own French language pack).
_IDENTIFIANT = ("identifier", "identifiant")
_NOTE = ("grade", "note")
_MAXIMUM = ("maximum grade", "note maximale")
_COMMENTAIRES = ("feedback comments", "feedback par commentaires", "commentaires de feedback")
COLONNES_CANVAS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
_DATE_ZIP = (2026, 1, 1, 0, 0, 0)   # fixed: the same grades give the same bytes


class ErreurExport(Exception):
    """Un fichier fourni pour l'export ne convient pas (message en français)."""


def _nombre(valeur: float, decimal: str, decimales: int = 2) -> str:
    return f"{valeur:.{decimales}f}".replace(".", decimal)


def _lire_nombre(texte: str) -> float | None:
    texte = (texte or "").strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not texte or texte == "-":
        return None
    try:
        return float(texte.replace(",", "."))
    except ValueError:
        return None


def _colonne(entetes: list[str], noms: tuple[str, ...]) -> int | None:
    for i, entete in enumerate(entetes):
        if entete.strip().lower() in noms:
            return i
    return None


def lire_feuille(chemin: Path) -> dict:
    """La feuille Moodle : en-têtes, lignes et sa forme (encodage, BOM, séparateurs, fin de ligne)."""
    try:
        octets = Path(chemin).read_bytes()
    except OSError as exc:
        raise ErreurExport(f"La feuille d'évaluation Moodle {chemin} est illisible ({exc.strerror}).") from None
    bom = octets.startswith(b"\xef\xbb\xbf")
    for encodage in ("utf-8-sig", "cp1252"):
        try:
            texte = octets.decode(encodage)
            break
        except UnicodeDecodeError:
            continue
    encodage = "utf-8" if encodage == "utf-8-sig" else encodage
    premiere = texte.split("\n", 1)[0]
    delimiteur = max(",;\t", key=premiere.count)
    lignes = list(csv.reader(io.StringIO(texte, newline=""), delimiter=delimiteur))
    if not lignes or _colonne(lignes[0], _IDENTIFIANT) is None or _colonne(lignes[0], _NOTE) is None:
        raise ErreurExport(
            f"{chemin} n'est pas une feuille d'évaluation Moodle : il lui faut les colonnes « Identifier » et "
            "« Grade » (ou « Identifiant » et « Note »). Téléchargez-la depuis la page d'évaluation du devoir "
            "(action « Télécharger la feuille d'évaluation », avec « Feuille d'évaluation hors ligne » activée)."
        )
    entetes, corps = lignes[0], [l for l in lignes[1:] if any(c.strip() for c in l)]
    valeurs = [l[i] for l in corps for i in (_colonne(entetes, _NOTE), _colonne(entetes, _MAXIMUM)) if i is not None and i < len(l)]
    if any(re.fullmatch(r"\s*\d+,\d+\s*", v) for v in valeurs):
        decimal = ","
    elif any(re.fullmatch(r"\s*\d+\.\d+\s*", v) for v in valeurs):
        decimal = "."
    else:
        decimal = "," if delimiteur == ";" else "."
    return {
        "entetes": entetes, "lignes": corps, "encodage": encodage, "bom": bom, "delimiteur": delimiteur,
        "decimal": decimal, "fin": "\r\n" if "\r\n" in texte else "\n",
    }


def remplir_feuille_moodle(lignes: list[dict], source: Path, cible: Path) -> tuple[int, list[str]]:
    """Écrit ``cible`` : la feuille ``source`` avec les notes ; renvoie (lignes remplies, élèves absents de la feuille).

    Une note est ramenée au maximum de la feuille (colonne « Maximum Grade ») s'il diffère de celui du devoir.
    """
    feuille = lire_feuille(source)
    entetes = feuille["entetes"]
    i_id, i_note = _colonne(entetes, _IDENTIFIANT), _colonne(entetes, _NOTE)
    i_max, i_com = _colonne(entetes, _MAXIMUM), _colonne(entetes, _COMMENTAIRES)
    par_id = {l["student_id"]: l for l in lignes if l.get("lms") == "moodle"}
    remplies, vus = 0, set()
    for rang in feuille["lignes"]:
        rang.extend([""] * (len(entetes) - len(rang)))
        trouve = re.search(r"(\d+)\s*$", rang[i_id])
        ligne = par_id.get(trouve.group(1)) if trouve else None
        if ligne is None:
            continue
        vus.add(ligne["student_id"])
        score = float(ligne["score"])
        maximum = _lire_nombre(rang[i_max]) if i_max is not None else None
        if maximum and ligne.get("max_score") and abs(maximum - float(ligne["max_score"])) > 1e-9:
            score = score * maximum / float(ligne["max_score"])
        rang[i_note] = _nombre(score, feuille["decimal"])
        if i_com is not None and not rang[i_com].strip():
            rang[i_com] = ligne.get("message", "")
        remplies += 1
    tampon = io.StringIO(newline="")
    ecrivain = csv.writer(tampon, delimiter=feuille["delimiteur"], lineterminator=feuille["fin"])
    ecrivain.writerow(entetes)
    ecrivain.writerows(feuille["lignes"])
    octets = tampon.getvalue().encode(feuille["encodage"], errors="replace")
    _ecrire(cible, (b"\xef\xbb\xbf" if feuille["bom"] else b"") + octets)
    absents = sorted(set(par_id) - vus)
    return remplies, absents


def _nom_moodle(nom: str) -> str:
    """Le nom complet tel que Moodle le met dans un nom de dossier : sans « _ » (il sépare les champs)."""
    propre = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "", nom.replace("_", " ")).strip()
    return propre or "Participant"


def _retours(dossier: Path) -> list[Path]:
    return sorted(p for p in dossier.glob("*.html") if p.is_file() and not p.is_symlink()) if dossier.is_dir() else []


def _zip(cible: Path, membres: dict[str, bytes]) -> None:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as zf:
        for nom in sorted(membres):
            info = zipfile.ZipInfo(nom, _DATE_ZIP)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, membres[nom])
    _ecrire(cible, tampon.getvalue())


def _zip_retours(lignes: list[dict], dossier_retour: Callable[[str], Path], cible: Path,
                 chemin_membre: Callable[[dict, Path], str], garder: Callable[[dict], bool] = lambda l: True) -> int:
    """Écrit dans ``cible`` les retours des élèves gardés, chacun sous ``chemin_membre`` ; renvoie leur nombre."""
    membres, eleves = {}, 0
    for l in lignes:
        if not garder(l):
            continue
        fichiers = _retours(dossier_retour(l["student_id"]))
        for f in fichiers:
            membres[chemin_membre(l, f)] = f.read_bytes()
        eleves += bool(fichiers)
    if membres:
        _zip(cible, membres)
    return eleves


def zip_retours_moodle(lignes: list[dict], dossier_retour: Callable[[str], Path], cible: Path) -> int:
    """Le zip des fichiers de feedback pour Moodle ; renvoie le nombre d'élèves qui y figurent."""
    return _zip_retours(
        lignes, dossier_retour, cible,
        lambda l, f: f"{_nom_moodle(l['nom'])}_{l['student_id']}_assignfeedback_file_/{f.name}",
        garder=lambda l: l.get("lms") == "moodle" and l["student_id"].isdigit(),
    )


def zip_retours_html(lignes: list[dict], dossier_retour: Callable[[str], Path], cible: Path) -> int:
    """Le zip des retours HTML de tous les élèves (``<identifiant>_<carnet>.html``)."""
    return _zip_retours(lignes, dossier_retour, cible, lambda l, f: f"{l['student_id']}_{f.name}")


def carnet_canvas(lignes: list[dict], cible: Path, *, colonne: str) -> int:
    """Le CSV d'import du carnet de notes Canvas (UTF-8, virgule, point décimal) ; renvoie le nombre d'élèves."""
    canvas = sorted((l for l in lignes if l.get("lms") == "canvas"), key=lambda l: l["student_id"])
    if not canvas:
        return 0
    tampon = io.StringIO(newline="")
    ecrivain = csv.writer(tampon, lineterminator="\n")
    ecrivain.writerow([*COLONNES_CANVAS, colonne])
    ecrivain.writerow(["Points Possible", "", "", "", "", _nombre(float(canvas[0]["max_score"]), ".")])
    for l in canvas:
        ecrivain.writerow([l["nom"], l["student_id"], "", "", "", _nombre(float(l["score"]), ".")])
    _ecrire(cible, tampon.getvalue().encode("utf-8"))
    return len(canvas)


def _ecrire(cible: Path, octets: bytes) -> None:
    provisoire = cible.with_name(cible.name + ".tmp")
    provisoire.write_bytes(octets)
    provisoire.replace(cible)


def trouver_feuille(sortie: Path) -> Path | None:
    """Une feuille Moodle déposée par le formateur dans le dossier de sortie (pas l'une des nôtres)."""
    nos_fichiers = {"notes.csv", "feuille-moodle.csv", "notes-canvas.csv"}
    for chemin in sorted(Path(sortie).glob("*.csv")):
        if chemin.name in nos_fichiers:
            continue
        try:
            entete = chemin.read_bytes()[:4096].decode("utf-8-sig", errors="replace").split("\n", 1)[0].lower()
        except OSError:
            continue
        if any(n in entete for n in _IDENTIFIANT):
            return chemin
    return None


def ecrire_exports(
    lignes: list[dict], sortie: Path, *, devoir: str, dossier_retour: Callable[[str], Path],
    feuille_moodle: Path | None = None,
) -> list[str]:
    """Écrit les exports qui ont lieu d'être ; renvoie une phrase par fichier écrit (ou par problème)."""
    sortie = Path(sortie)
    dits = []
    if any(l.get("lms") == "moodle" for l in lignes):
        feuille = Path(feuille_moodle) if feuille_moodle else trouver_feuille(sortie)
        if feuille is not None:
            remplies, absents = remplir_feuille_moodle(lignes, feuille, sortie / "feuille-moodle.csv")
            dits.append(f"Feuille d'évaluation Moodle remplie ({remplies} élève(s)) : {sortie / 'feuille-moodle.csv'}")
            if absents:
                dits.append(
                    f"Absents de la feuille Moodle {feuille.name} : {', '.join(absents)} (téléchargez-la de nouveau, "
                    "ou vérifiez le groupe choisi au téléchargement)."
                )
        else:
            dits.append(
                "Pas de feuille d'évaluation Moodle : déposez celle que vous avez téléchargée dans "
                f"{sortie}, puis relancez la commande, pour qu'elle soit remplie."
            )
        if zip_retours_moodle(lignes, dossier_retour, sortie / "retours-moodle.zip"):
            dits.append(f"Retours pour Moodle : {sortie / 'retours-moodle.zip'}")
    if carnet_canvas(lignes, sortie / "notes-canvas.csv", colonne=devoir):
        dits.append(f"Carnet de notes Canvas : {sortie / 'notes-canvas.csv'}")
    if zip_retours_html(lignes, dossier_retour, sortie / "retours-html.zip"):
        dits.append(f"Retours HTML : {sortie / 'retours-html.zip'}")
    return dits
