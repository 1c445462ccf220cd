"""Ce que les plateformes exportent (import) et ce qu'elles réimportent (export).

Les exports sont fabriqués ici d'après la forme documentée par chaque plateforme :

* Moodle, « Télécharger tous les travaux remis » : mod/assign/locallib.php,
  ``download_submissions()`` (moodle/moodle) : préfixe
  ``[groupe-]Nom complet_<identifiant unique>`` (« Participant » en évaluation
  anonyme, « _ » du nom remplacés par des espaces), puis, en dossiers (réglage
  par défaut depuis Moodle 3.1), ``_assignsubmission_file_/<fichier>`` ou
  ``_assignsubmission_onlinetext_/onlinetext.html`` ; sinon ``…_file_<fichier>``
  à plat. Feuille d'évaluation hors ligne : colonnes « Identifier »
  (« Participant N »), « Full name », …, « Grade », « Maximum Grade », …,
  « Feedback comments ». Zip de feedback : mod/assign/feedback/file/importziplib.php,
  ``is_valid_filename_for_import()`` : le chemin coupé sur « _ » en 5 morceaux,
  le 2e numérique (participant), les 3e et 4e le plugin (assignfeedback, file).
* Canvas, « Download Submissions » (guide de l'enseignant Canvas, « How do I
  download all student submissions for an assignment? ») :
  ``<nom>_<id utilisateur>_<id pièce>_<fichier>``, ``<nom>_LATE_<id>_…`` pour un
  dépôt en retard. Import du carnet de notes (« How do I import grades in the
  Gradebook? ») : colonnes Student, ID, SIS User ID, SIS Login ID, Section, puis
  le devoir ; ligne « Points Possible » facultative ; UTF-8.
* Brightspace (D2L), « Download » des travaux : un ``index.html`` (tableau des
  dépôts) et ``<n°>-<n°> - <Nom> - <date>`` en dossier, ou
  ``… - <date> - <fichier>`` à plat (forme lue par cgmb/d2lmf,
  ``parse_submission_dirname``, date « Sep 29, 2015 4:17 PM »).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from conftest import RACINE
from strategie_correction import importation, lms
from strategie_correction.reparation import lire_carnet
from strategie_correction.statuts import statut_principal

DEVOIR = "00-demarrer"
PUBLIE = RACINE / "exercises" / DEVOIR / f"{DEVOIR}.ipynb"


def carnet() -> bytes:
    return PUBLIE.read_bytes()


def _zip(chemin: Path, fichiers: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(chemin, "w") as zf:
        for nom, contenu in fichiers.items():
            zf.writestr(nom, contenu)
    return chemin


def _ecrire(racine: Path, fichiers: dict[str, bytes]) -> Path:
    for relatif, contenu in fichiers.items():
        chemin = racine / relatif
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_bytes(contenu)
    return racine


def _lister(source: Path, tmp_path: Path, **kw):
    soumissions, inconnus = importation.lister(source, DEVOIR, tmp_path / "tmp", **kw)
    return {s.eleve: s for s in soumissions}, inconnus


def codes(s) -> set[str]:
    return {a.code for a in s.anomalies}


# -- Moodle ----------------------------------------------------------------------------------------------
MOODLE = {
    # File submissions and online text both enabled: two folders for one learner.
    f"Jean Dupont_123456_assignsubmission_file_/{DEVOIR}.ipynb": carnet(),
    "Jean Dupont_123456_assignsubmission_onlinetext_/onlinetext.html": b"<p>Mon texte</p>",
    # Online text only: nothing to grade, but the learner is not forgotten.
    "Zoé Roux_222_assignsubmission_onlinetext_/onlinetext.html": b"<p>Rien d'autre</p>",
    # Groups: the group name and a hyphen in front of the full name.
    f"Groupe A-Léa Martin_777_assignsubmission_file_/sous-dossier/{DEVOIR}.ipynb": carnet(),
}


@pytest.mark.parametrize("disposition", ["dossier", "zip"])
def test_moodle_fichier_et_texte_en_ligne_le_carnet_reste(tmp_path, disposition):
    source = _ecrire(tmp_path / "export", MOODLE)
    if disposition == "zip":
        source = _zip(tmp_path / "tous.zip", {f"Devoir 00-123/{k}": v for k, v in MOODLE.items()})
    par_id, inconnus = _lister(source, tmp_path)
    assert not inconnus
    assert sorted(par_id) == ["123456", "222", "777"]
    jean = par_id["123456"]
    assert sorted(jean.fichiers) == [f"{DEVOIR}.ipynb", "onlinetext.html"], "les deux dossiers sont réunis"
    assert "soumissions_multiples" not in codes(jean)
    assert jean.nom == "Jean Dupont" and jean.lms == "moodle"
    assert par_id["777"].nom == "Groupe A-Léa Martin"
    assert f"sous-dossier/{DEVOIR}.ipynb" in par_id["777"].fichiers or f"{DEVOIR}.ipynb" in par_id["777"].fichiers
    assert sorted(par_id["222"].fichiers) == ["onlinetext.html"]  # no notebook: carnet_absent at grading


def test_moodle_anonyme_et_a_plat(tmp_path):
    source = _ecrire(tmp_path / "export", {
        f"Participant_1234567_assignsubmission_file_{DEVOIR}.ipynb": carnet(),
        "Participant_1234567_assignsubmission_onlinetext_onlinetext.html": b"<p>x</p>",
        f"Participant_7654321_assignsubmission_file_{DEVOIR}.zip": _zip(tmp_path / "z.zip", {f"{DEVOIR}.ipynb": carnet()}).read_bytes(),
    })
    par_id, inconnus = _lister(source, tmp_path)
    assert not inconnus and sorted(par_id) == ["1234567", "7654321"]
    assert par_id["1234567"].nom == "Participant"
    assert sorted(par_id["1234567"].fichiers) == [f"{DEVOIR}.ipynb", "onlinetext.html"]
    # A zip the learner uploaded is opened, and the statut says so.
    assert sorted(par_id["7654321"].fichiers) == [f"{DEVOIR}.ipynb"]
    assert "archive_ouverte" in codes(par_id["7654321"])


# -- Canvas ----------------------------------------------------------------------------------------------
def test_canvas_noms_et_retard(tmp_path):
    source = _ecrire(tmp_path / "canvas", {
        f"dupontjean_1001_55501_{DEVOIR}.ipynb": carnet(),
        f"martinlea_LATE_1002_55502_{DEVOIR}.ipynb": carnet(),
        "martinlea_LATE_1002_55503_annexe.pdf": b"%PDF",
    })
    par_id, inconnus = _lister(source, tmp_path)
    assert not inconnus and sorted(par_id) == ["1001", "1002"]
    assert par_id["1001"].lms == "canvas" and par_id["1001"].nom == "dupontjean"
    assert not par_id["1001"].anomalies
    lea = par_id["1002"]
    assert sorted(lea.fichiers) == [f"{DEVOIR}.ipynb", "annexe.pdf"]
    assert "retard_signale" in codes(lea) and "LATE" in next(a.message for a in lea.anomalies)


# -- Brightspace ------------------------------------------------------------------------------------------
def test_brightspace_index_n_est_pas_un_eleve(tmp_path):
    source = _ecrire(tmp_path / "d2l", {
        "index.html": b"<html><table>...</table></html>",
        f"397063-2557369 - Dupont, Jean - Mar 1, 2026 1030 AM - {DEVOIR}.ipynb": carnet(),
        f"397063-2557370 - Léa Martin - Feb 27, 2026 900 AM/{DEVOIR}.ipynb": b"{}",
        f"397063-2557371 - Léa Martin - Mar 2, 2026 1115 PM/{DEVOIR}.ipynb": carnet(),
    })
    par_id, inconnus = _lister(source, tmp_path)
    assert not inconnus, "index.html n'est ni un élève ni un nom inconnu"
    assert sorted(par_id) == ["Jean_Dupont", "Lea_Martin"]
    assert par_id["Jean_Dupont"].nom == "Jean Dupont" and par_id["Jean_Dupont"].lms == "brightspace"
    lea = par_id["Lea_Martin"]
    assert lea.horodatage.strftime("%Y-%m-%d %H:%M") == "2026-03-02 23:15"   # the latest deposit
    assert statut_principal([a for a in lea.anomalies if a.code == "soumissions_multiples"]) == "soumissions_multiples"
    assert lea.fichiers[f"{DEVOIR}.ipynb"].read_bytes() == carnet()


# -- plain folders, zips, names ---------------------------------------------------------------------------
def test_dossiers_simples_et_plusieurs_carnets(tmp_path):
    source = _ecrire(tmp_path / "depots", {
        f"alice/{DEVOIR}.ipynb": carnet(), "alice/brouillon.ipynb": carnet(), f"bob/{DEVOIR}.ipynb": carnet(),
    })
    par_id, inconnus = _lister(source, tmp_path)
    assert not inconnus and sorted(par_id) == ["alice", "bob"]
    assert sorted(par_id["alice"].fichiers) == [f"{DEVOIR}.ipynb", "brouillon.ipynb"]
    assert par_id["alice"].lms == "dossiers" and not par_id["alice"].anomalies


def test_zip_dans_la_soumission_borne(tmp_path, monkeypatch):
    interne = _zip(tmp_path / "travail.zip", {
        f"travail/{DEVOIR}.ipynb": carnet(), "../../evade.txt": b"x", "/etc/absolu.txt": b"x",
    }).read_bytes()
    source = _ecrire(tmp_path / "depots", {"alice/travail.zip": interne})
    par_id, _ = _lister(source, tmp_path)
    alice = par_id["alice"]
    assert f"{DEVOIR}.ipynb" in {Path(r).name for r in alice.fichiers}
    assert "archive_ouverte" in codes(alice)
    assert not any(".." in r for r in alice.fichiers)
    assert not (tmp_path / "evade.txt").exists() and not (tmp_path / "tmp" / "evade.txt").exists()

    # A zip bomb: its declared size is over the limit, nothing is extracted and the statut says why.
    monkeypatch.setattr(importation, "TAILLE_MAX", 10_000)
    bombe = _zip(tmp_path / "bombe.zip", {f"{DEVOIR}.ipynb": b"0" * 50_000})
    source = _ecrire(tmp_path / "depots2", {"bob/travail.zip": bombe.read_bytes()})
    par_id, _ = _lister(source, tmp_path)
    assert statut_principal(par_id["bob"].anomalies) == "archive_invalide"
    assert "Mo" in par_id["bob"].anomalies[0].message and not par_id["bob"].fichiers


def _zip_sans_drapeau_utf8(chemin: Path, nom: str, encodage: str, contenu: bytes) -> Path:
    """Un zip comme en écrit l'explorateur de Windows : noms dans la page de code locale, sans drapeau UTF-8."""
    octets_nom = nom.encode(encodage)
    provisoire = "x" * len(octets_nom)
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as zf:
        zf.writestr(provisoire, contenu)
    donnees = tampon.getvalue().replace(provisoire.encode("ascii"), octets_nom)
    chemin.write_bytes(donnees)
    return chemin


@pytest.mark.parametrize("encodage", ["cp850", "utf-8"])
def test_noms_accentues_d_un_zip_windows(tmp_path, encodage):
    archive = _zip_sans_drapeau_utf8(
        tmp_path / "tous.zip", f"Léa Gaël_777_assignsubmission_file_/{DEVOIR}.ipynb", encodage, carnet())
    par_id, inconnus = _lister(archive, tmp_path)
    assert not inconnus
    assert par_id["777"].nom == "Léa Gaël"


def test_bom_utf8_garde_et_lu(tmp_path):
    avec_bom = b"\xef\xbb\xbf" + carnet()
    source = _ecrire(tmp_path / "depots", {f"alice/{DEVOIR}.ipynb": avec_bom})
    par_id, _ = _lister(source, tmp_path)
    octets = importation.contenu(par_id["alice"])[f"{DEVOIR}.ipynb"]
    assert octets == avec_bom, "le fichier déposé est gardé tel quel"
    assert lire_carnet(f"{DEVOIR}.ipynb", octets).erreur is None, "le BOM ne rend pas le carnet illisible"


def test_mauvaise_entree_message_en_francais(tmp_path):
    texte = tmp_path / "notes.txt"
    texte.write_text("pas un export")
    with pytest.raises(importation.ErreurImportation, match="pas un dossier ni un zip"):
        importation.lister(texte, DEVOIR, tmp_path / "tmp")
    abime = tmp_path / "export.zip"
    abime.write_bytes(b"PK\x03\x04 tronque")
    with pytest.raises(importation.ErreurImportation, match="illisible"):
        importation.lister(abime, DEVOIR, tmp_path / "tmp")


# -- exports --------------------------------------------------------------------------------------------------
def _ligne(eleve, score, nom="", lms_="moodle", message="Noté automatiquement."):
    return {"student_id": eleve, "nom": nom or eleve, "score": score, "max_score": 10.0, "statut": "ok",
            "message": message, "lms": lms_, "note_valide": True}


ENTETE_MOODLE = ["Identifier", "Full name", "Email address", "Status", "Grade", "Maximum Grade",
                 "Grade can be changed", "Last modified (submission)", "Last modified (grade)", "Feedback comments"]


def _feuille(chemin: Path, delimiteur=",", decimal=".", encodage="utf-8", bom=False, maximum="10") -> Path:
    tampon = io.StringIO(newline="")
    w = csv.writer(tampon, delimiter=delimiteur, lineterminator="\r\n")
    w.writerow(ENTETE_MOODLE)
    for ident, nom in (("123456", "Jean Dupont"), ("777", "Léa Martin"), ("999", "Hors classe")):
        w.writerow([f"Participant {ident}", nom, f"{ident}@exemple.fr", "Remis pour évaluation", "",
                    f"{maximum}{decimal}00", "Oui", "1 mars 2026, 10:30", "-", ""])
    chemin.write_bytes((b"\xef\xbb\xbf" if bom else b"") + tampon.getvalue().encode(encodage))
    return chemin


@pytest.mark.parametrize("forme", [
    {"delimiteur": ",", "decimal": ".", "encodage": "utf-8", "bom": False},
    {"delimiteur": ";", "decimal": ",", "encodage": "utf-8", "bom": True},
    {"delimiteur": ";", "decimal": ",", "encodage": "cp1252", "bom": False},
])
def test_feuille_moodle_remplie_dans_sa_forme(tmp_path, forme):
    source = _feuille(tmp_path / "Grades-STRAT-Devoir 00-42.csv", maximum="100", **forme)
    lignes = [_ligne("123456", 7.5, "Jean Dupont"), _ligne("777", 10.0, "Léa Martin"), _ligne("555", 3.0)]
    remplies, absents = lms.remplir_feuille_moodle(lignes, source, tmp_path / "feuille-moodle.csv")
    assert remplies == 2 and absents == ["555"]
    octets = (tmp_path / "feuille-moodle.csv").read_bytes()
    assert octets.startswith(b"\xef\xbb\xbf") == forme["bom"]
    texte = octets.decode(forme["encodage"] if not forme["bom"] else "utf-8-sig")
    assert "\r\n" in texte
    lues = list(csv.reader(io.StringIO(texte, newline=""), delimiter=forme["delimiteur"]))
    assert lues[0] == ENTETE_MOODLE, "les colonnes de Moodle restent, dans leur ordre"
    par_id = {l[0]: l for l in lues[1:]}
    d = forme["decimal"]
    assert par_id["Participant 123456"][4] == f"75{d}00", "note ramenée au maximum de Moodle (100)"
    assert par_id["Participant 777"][4] == f"100{d}00"
    assert par_id["Participant 777"][1] == "Léa Martin"
    assert par_id["Participant 999"][4] == "", "un élève sans soumission garde sa case vide"
    assert par_id["Participant 123456"][9] == "Noté automatiquement."


def test_feuille_qui_n_en_est_pas_une(tmp_path):
    faux = tmp_path / "faux.csv"
    faux.write_text("nom,note\nalice,3\n", encoding="utf-8")
    with pytest.raises(lms.ErreurExport, match="Identifier"):
        lms.remplir_feuille_moodle([_ligne("1", 1.0)], faux, tmp_path / "sortie.csv")


def _retours(tmp_path: Path, eleves: list[str]):
    for e in eleves:
        _ecrire(tmp_path / "feedback" / e / DEVOIR, {f"{DEVOIR}.html": f"<p>retour de {e}</p>".encode()})
    return lambda e: tmp_path / "feedback" / e / DEVOIR


def test_zip_de_feedback_moodle_au_format_reimporte(tmp_path):
    dossier_retour = _retours(tmp_path, ["123456", "777", "alice"])
    lignes = [_ligne("123456", 8, "Jean_Dupont"), _ligne("777", 5, "Groupe A-Léa Martin"),
              _ligne("alice", 5, lms_="dossiers")]
    assert lms.zip_retours_moodle(lignes, dossier_retour, tmp_path / "retours-moodle.zip") == 2
    with zipfile.ZipFile(tmp_path / "retours-moodle.zip") as zf:
        noms = sorted(zf.namelist())
        accentues = [i for i in zf.infolist() if not i.filename.isascii()]
        assert accentues and all(i.flag_bits & 0x800 for i in accentues), "noms accentués marqués UTF-8"
        assert zf.read(noms[0]).startswith(b"<p>retour de")
    assert noms == [f"Groupe A-Léa Martin_777_assignfeedback_file_/{DEVOIR}.html",
                    f"Jean Dupont_123456_assignfeedback_file_/{DEVOIR}.html"]
    for nom in noms:  # what Moodle's importer does with each path
        morceaux = nom.split("_", 4)
        assert len(morceaux) == 5 and morceaux[1].isdigit()
        assert (morceaux[2], morceaux[3]) == ("assignfeedback", "file")


def test_carnet_canvas_colonnes_documentees(tmp_path):
    lignes = [_ligne("1002", 7.25, "martinlea", "canvas"), _ligne("1001", 10, "dupontjean", "canvas"),
              _ligne("123456", 4, "Jean Dupont")]
    assert lms.carnet_canvas(lignes, tmp_path / "notes-canvas.csv", colonne=DEVOIR) == 2
    octets = (tmp_path / "notes-canvas.csv").read_bytes()
    assert not octets.startswith(b"\xef\xbb\xbf")
    lues = list(csv.reader(io.StringIO(octets.decode("utf-8"))))
    assert lues[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", DEVOIR]
    assert lues[1][0] == "Points Possible" and lues[1][5] == "10.00"
    assert lues[2:] == [["dupontjean", "1001", "", "", "", "10.00"], ["martinlea", "1002", "", "", "", "7.25"]]


def test_ecrire_exports_et_zip_des_retours_html(tmp_path):
    sortie = tmp_path / "notes"
    sortie.mkdir()
    dossier_retour = _retours(tmp_path, ["123456", "1001", "alice"])
    lignes = [_ligne("123456", 8, "Jean Dupont"), _ligne("1001", 6, "dupontjean", "canvas"),
              _ligne("alice", 5, lms_="dossiers")]
    dits = lms.ecrire_exports(lignes, sortie, devoir=DEVOIR, dossier_retour=dossier_retour)
    assert any("Pas de feuille" in d for d in dits), "la feuille manquante est signalée"
    assert {p.name for p in sortie.iterdir()} == {"retours-moodle.zip", "notes-canvas.csv", "retours-html.zip"}
    with zipfile.ZipFile(sortie / "retours-html.zip") as zf:
        assert sorted(zf.namelist()) == [f"{e}_{DEVOIR}.html" for e in ("1001", "123456", "alice")]
    premier = (sortie / "retours-html.zip").read_bytes()

    # The worksheet dropped in the output folder is found and filled; the same run gives the same bytes.
    _feuille(sortie / "Grades-STRAT-Devoir 00-42.csv")
    dits = lms.ecrire_exports(lignes, sortie, devoir=DEVOIR, dossier_retour=dossier_retour)
    assert (sortie / "feuille-moodle.csv").is_file() and any("remplie (1" in d for d in dits)
    assert (sortie / "retours-html.zip").read_bytes() == premier


def test_feuille_moodle_absente_message_clair(tmp_path):
    """--feuille-moodle vers un fichier qui n'existe pas : un message en français, aucune trace Python."""
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "strategie", "corriger", "00-demarrer", str(tmp_path),
                        "--feuille-moodle", str(tmp_path / "absente.csv")], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "feuille d'évaluation Moodle" in r.stderr and "Traceback" not in r.stderr, r.stderr
