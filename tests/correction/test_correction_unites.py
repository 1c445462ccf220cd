"""Les briques de `strategie corriger` sans noyau : import des dépôts (motifs, zips, doublons),
copie de travail (réparation), retours (traces masquées), notes.csv et rapport, isolation (liste blanche, lanceur), instantanés, témoin d'intégrité."""

from __future__ import annotations

import copy
import csv
import json
import os
import sys
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import nbformat
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import RACINE
from strategie_correction import importation, instantanes, integrite, isolation, lanceur, rapport
from strategie_correction.reparation import preparer
from strategie_correction.statuts import Anomalie, statut_principal

DEVOIR = "00-demarrer"
PUBLIE = RACINE / "exercises" / DEVOIR / f"{DEVOIR}.ipynb"


def publies() -> dict:
    return {DEVOIR: nbformat.read(PUBLIE, as_version=4)}


def octets(carnet) -> bytes:
    return json.dumps(carnet, ensure_ascii=False).encode("utf-8")


def brut() -> dict:
    return json.loads(PUBLIE.read_text(encoding="utf-8"))


def gid(cellule) -> str | None:
    return cellule.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def codes(preparation) -> set[str]:
    return {a.code for a in preparation.anomalies}


# -- identifiers and patterns ----------------------------------------------------------------------------
def test_identifiant_normalise():
    assert importation.normaliser_identifiant("José García") == "Jose_Garcia"
    assert importation.normaliser_identifiant("alice") == "alice"
    assert importation.normaliser_identifiant("Zoë.M-12") == "Zoe.M-12"
    assert importation.normaliser_identifiant("中文").startswith("eleve_")


@given(st.text(min_size=1, max_size=40))
def test_identifiant_toujours_sur_et_stable(texte):
    propre = importation.normaliser_identifiant(texte)
    assert re.fullmatch(r"[A-Za-z0-9._-]+", propre)
    assert propre not in (".", "..")
    assert importation.normaliser_identifiant(propre) == propre


def test_motif_sans_groupe_eleve_refuse():
    with pytest.raises(importation.ErreurImportation, match="eleve"):
        importation.compiler_motif(motif=r"^(?P<etudiant>.+)\.zip$")
    with pytest.raises(importation.ErreurImportation, match="expression"):
        importation.compiler_motif(motif="(")
    with pytest.raises(importation.ErreurImportation, match="moodle"):
        importation.compiler_motif(lms="toto")


def _zip(chemin: Path, fichiers: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(chemin, "w") as zf:
        for nom, contenu in fichiers.items():
            zf.writestr(nom, contenu)
    return chemin


def test_moodle_dossiers_fichiers_et_zip_global(tmp_path):
    depots = tmp_path / "export"
    (depots / "Jean Dupont_123456_assignsubmission_file_").mkdir(parents=True)
    (depots / "Jean Dupont_123456_assignsubmission_file_" / f"{DEVOIR}.ipynb").write_bytes(octets(brut()))
    (depots / f"Léa Martin_777_assignsubmission_file_{DEVOIR}.ipynb").write_bytes(octets(brut()))
    (depots / "Léa Martin_777_assignsubmission_file_annexe.pdf").write_bytes(b"%PDF")
    soumissions, inconnus = importation.lister(depots, DEVOIR, tmp_path / "tmp")
    assert not inconnus
    par_id = {s.eleve: s for s in soumissions}
    assert sorted(par_id) == ["123456", "777"]
    assert par_id["123456"].nom == "Jean Dupont"
    assert sorted(par_id["777"].fichiers) == [f"{DEVOIR}.ipynb", "annexe.pdf"]   # loose files of one student
    assert not par_id["777"].anomalies

    # The single zip of "download all submissions" is accepted as is.
    archive = _zip(tmp_path / "tous.zip", {
        f"Jean Dupont_123456_assignsubmission_file_/{DEVOIR}.ipynb": octets(brut()),
    })
    soumissions, _ = importation.lister(archive, DEVOIR, tmp_path / "tmp2")
    assert [s.eleve for s in soumissions] == ["123456"]


def test_zip_ne_sort_pas_de_son_dossier(tmp_path):
    archive = tmp_path / "malin.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../evade.txt", b"x")
        zf.writestr("/etc/absolu.txt", b"x")
        zf.writestr(f"dossier/{DEVOIR}.ipynb", octets(brut()))
        zf.writestr("__MACOSX/._truc", b"x")
    cible = tmp_path / "extrait"
    cible.mkdir()
    importation.extraire_zip(archive, cible)
    assert not (tmp_path / "evade.txt").exists()
    fichiers = sorted(p.relative_to(cible).as_posix() for p in cible.rglob("*") if p.is_file())
    assert fichiers == [f"dossier/{DEVOIR}.ipynb", "etc/absolu.txt"]


def test_zip_abime(tmp_path):
    depots = tmp_path / "depots"
    depots.mkdir()
    (depots / "alice.zip").write_bytes(b"PK pas vraiment un zip")
    soumissions, _ = importation.lister(depots, DEVOIR, tmp_path / "tmp")
    assert statut_principal(soumissions[0].anomalies) == "archive_invalide"
    assert not soumissions[0].fichiers


def test_doublons_le_plus_recent(tmp_path):
    depots = tmp_path / "depots"
    depots.mkdir()
    ancien = _zip(depots / "bob.zip", {f"{DEVOIR}.ipynb": b"{}"})
    recent = _zip(depots / "bob (1).zip", {f"{DEVOIR}.ipynb": b"[]"})
    os.utime(ancien, (1_700_000_000, 1_700_000_000))
    os.utime(recent, (1_600_000_000, 1_600_000_000))  # the "(1)" copy is older here: dates decide
    soumissions, inconnus = importation.lister(depots, DEVOIR, tmp_path / "tmp", motif=r"^(?P<eleve>[a-z]+)")
    assert not inconnus and len(soumissions) == 1
    choisi = soumissions[0]
    assert choisi.origine == "bob.zip"
    assert statut_principal(choisi.anomalies) == "soumissions_multiples"
    assert "bob (1).zip" in choisi.anomalies[0].message


def test_disposition_nbgrader_et_horodatage(tmp_path):
    depots = tmp_path / "submitted"
    dossier = depots / "alice" / DEVOIR
    dossier.mkdir(parents=True)
    (dossier / f"{DEVOIR}.ipynb").write_bytes(octets(brut()))
    (dossier / "timestamp.txt").write_text("2026-03-01 10:30:00.000000 UTC")
    (depots / "alice" / "autre-devoir").mkdir()
    soumissions, _ = importation.lister(depots, DEVOIR, tmp_path / "tmp")
    assert soumissions[0].horodatage == datetime(2026, 3, 1, 10, 30, tzinfo=timezone.utc)
    assert sorted(soumissions[0].fichiers) == [f"{DEVOIR}.ipynb", "timestamp.txt"]


def test_importer_ne_recopie_pas_ce_qui_n_a_pas_change(tmp_path):
    depots = tmp_path / "depots"
    (depots / "alice").mkdir(parents=True)
    (depots / "alice" / f"{DEVOIR}.ipynb").write_bytes(octets(brut()))
    soumission = importation.lister(depots, DEVOIR, tmp_path / "tmp")[0][0]
    cible = tmp_path / "cours" / "submitted" / "alice" / DEVOIR
    importation.importer(soumission, cible)
    date = (cible / f"{DEVOIR}.ipynb").stat().st_mtime_ns
    assert (cible / "timestamp.txt").read_text().endswith("UTC\n")
    importation.importer(soumission, cible)
    assert (cible / f"{DEVOIR}.ipynb").stat().st_mtime_ns == date
    empreinte = importation.empreinte(soumission)
    (depots / "alice" / f"{DEVOIR}.ipynb").write_bytes(octets(brut()) + b" ")
    assert importation.empreinte(importation.lister(depots, DEVOIR, tmp_path / "tmp")[0][0]) != empreinte


# -- working copy ------------------------------------------------------------------------------------------
def test_carnet_propre_rien_a_signaler():
    preparation = preparer({f"{DEVOIR}.ipynb": octets(brut())}, publies())
    assert not preparation.anomalies
    assert [gid(c) for c in preparation.carnets[DEVOIR].cells] == [gid(c) for c in brut()["cells"]]


def test_json_et_structure_invalides():
    assert codes(preparer({f"{DEVOIR}.ipynb": b'{"cells": ['}, publies())) == {"json_invalide"}
    assert codes(preparer({f"{DEVOIR}.ipynb": b'{"bonjour": 1}'}, publies())) == {"carnet_invalide"}
    assert codes(preparer({"notes.txt": b"rien"}, publies())) == {"carnet_absent", "fichiers_en_trop"}


def test_ancien_format_converti():
    v3 = nbformat.writes(nbformat.convert(nbformat.from_dict(brut()), 3), version=3).encode()
    preparation = preparer({f"{DEVOIR}.ipynb": v3}, publies())
    assert codes(preparation) == {"format_ancien"}
    assert preparation.carnets[DEVOIR].nbformat == 4


def test_cellules_deplacees_dupliquees_supprimees():
    carnet = brut()
    cellules = carnet["cells"]
    reponse_q2 = next(c for c in cellules if gid(c) == "q2-marge")
    reponse_q2["source"] = "def marge(prix, cout):\n    return prix - cout"
    copie = copy.deepcopy(reponse_q2)                      # a copied answer cell: kept, grades nothing
    cellules.insert(cellules.index(reponse_q2) + 1, copie)
    cellules.remove(next(c for c in cellules if gid(c) == "q3-blocs"))      # deleted answer
    cellules.remove(next(c for c in cellules if gid(c) == "q2-tests"))      # deleted tests
    preparation = preparer({f"{DEVOIR}.ipynb": octets(carnet)}, publies())
    assert codes(preparation) == {"tests_supprimes", "reponse_supprimee"}
    resultat = preparation.carnets[DEVOIR].cells
    ordre = [gid(c) for c in resultat if gid(c)]
    assert ordre == [gid(c) for c in brut()["cells"] if gid(c)]
    # The restored tests come right after the answer (and after the learner's copy of it).
    rang_tests = next(i for i, c in enumerate(resultat) if gid(c) == "q2-tests")
    assert resultat[rang_tests - 1].source == copie["source"] and gid(resultat[rang_tests - 1]) is None
    assert next(c for c in resultat if gid(c) == "q2-marge").source == reponse_q2["source"]
    ids = [c.get("id") for c in resultat]
    assert len(ids) == len(set(ids))


def test_metadonnees_et_etiquettes_remises():
    carnet = brut()
    tests = next(c for c in carnet["cells"] if gid(c) == "q1-tests")
    tests["metadata"]["nbgrader"]["points"] = 50
    tests["metadata"]["tags"] = ["skip-execution"]
    reponse = next(c for c in carnet["cells"] if gid(c) == "q2-marge")
    reponse["cell_type"] = "markdown"
    reponse.pop("outputs", None)
    reponse.pop("execution_count", None)
    preparation = preparer({f"{DEVOIR}.ipynb": octets(carnet)}, publies())
    assert codes(preparation) == {"metadonnees_modifiees"}
    message = preparation.anomalies[0].message
    assert "q1-tests" in message and "q2-marge" in message
    resultat = {gid(c): c for c in preparation.carnets[DEVOIR].cells if gid(c)}
    assert resultat["q1-tests"].metadata.nbgrader.points == 2
    assert "tags" not in resultat["q1-tests"].metadata
    assert resultat["q2-marge"].cell_type == "code"


def test_renomme_et_fichiers_en_trop():
    preparation = preparer({
        "brouillon.ipynb": octets({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
        "sous/Copie.ipynb": octets(brut()), "strategie.py": b"raise SystemExit",
    }, publies())
    assert codes(preparation) == {"carnet_renomme", "fichiers_en_trop"}
    assert "sous/Copie.ipynb" in next(a.message for a in preparation.anomalies if a.code == "carnet_renomme")
    assert preparation.ignores == ["brouillon.ipynb", "strategie.py"]


# -- feedback ------------------------------------------------------------------------------------------------
def test_retour_masque_les_tests_caches():
    from strategie_correction.retour import MASQUE, PreparerRetour

    source = (
        '"""Vérifie marge."""\nassert marge(10, 6) == 4, "visible"\n### BEGIN HIDDEN TESTS\n'
        'assert marge(3, 5) == -2, "Une marge peut être négative"\n### END HIDDEN TESTS'
    )
    tests = nbformat.v4.new_code_cell(source, metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "points": 2, "grade_id": "q-tests"}})
    tests.outputs = [nbformat.v4.new_output(
        "error", ename="ValueError", evalue="prix trop bas",
        traceback=["\x1b[31mValueError\x1b[0m", 'assert marge(3, 5) == -2, "Une marge peut être négative"'])]
    autre = nbformat.v4.new_code_cell("print(1)")
    autre.outputs = [nbformat.v4.new_output(
        "stream", name="stdout", text='ok\nassert marge(3, 5) == -2, "Une marge peut être négative"\n')]
    carnet = nbformat.v4.new_notebook(cells=[autre, tests])
    carnet, ressources = PreparerRetour().preprocess(carnet, {})
    assert carnet.cells[1].outputs[0].traceback == ["Test non réussi : ValueError : prix trop bas"]
    assert MASQUE in carnet.cells[0].outputs[0].text and "marge(3, 5)" not in carnet.cells[0].outputs[0].text
    assert ressources["retour"]["echecs"] == [
        {"cellule": "q-tests", "message": "ValueError : prix trop bas", "points": 2, "score": None}]


# -- notes.csv and report --------------------------------------------------------------------------------------
def _ligne(eleve, score, statut="ok", **autres):
    return {"student_id": eleve, "nom": autres.pop("nom", eleve), "score": score, "max_score": 10.0,
            "statut": statut, "message": "m", "anomalies": [] if statut == "ok" else [statut], "a_noter_main": 0,
            "soumis_le": "", "origine": "", "note_valide": statut == "ok", "cellules": {}, **autres}


def test_notes_csv_trie_et_stable(tmp_path):
    lignes = [_ligne("zoe", 7.25), _ligne("adam", 10.0), _ligne("bea", 0, "json_invalide")]
    rapport.ecrire_csv(lignes, tmp_path / "a.csv")
    rapport.ecrire_csv(list(reversed(lignes)), tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    with open(tmp_path / "a.csv", encoding="utf-8") as f:
        rangs = list(csv.DictReader(f))
    assert [r["student_id"] for r in rangs] == ["adam", "bea", "zoe"]
    assert [r["score"] for r in rangs] == ["10", "0", "7.25"]
    assert rangs[1]["statut"] == "json_invalide"


def test_rapport_echappe_et_range(tmp_path):
    lignes = [_ligne("adam", 10.0), _ligne("bea", 0, "noyau_arrete", nom="<script>alert(1)</script>")]
    questions = [{"cellule": "q1-tests", "genre": "automatique", "points": 2, "reussite": 50.0, "moyenne": 1.0, "en_attente": 0}]
    rapport.ecrire_html(lignes, questions, tmp_path / "r.html", devoir=DEVOIR, isolation=["bwrap"], max_score=10)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert page.index("Anomalies (1)") < page.index("Distribution") < page.index("Réussite par question")


def test_statut_principal_le_plus_grave():
    assert statut_principal([]) == "ok"
    assert statut_principal([Anomalie("fichiers_en_trop", "x"), Anomalie("noyau_arrete", "y")]) == "noyau_arrete"
    with pytest.raises(ValueError):
        Anomalie("inconnu", "z")


# -- isolation, snapshots, integrity --------------------------------------------------------------------------
def test_environnement_noyau_liste_blanche(monkeypatch):
    """Le noyau ne reçoit ni JPY_*, ni jeton, ni variable du formateur ; une valeur douteuse est écartée."""
    monkeypatch.setenv("JPY_API_TOKEN", "secret")
    monkeypatch.setenv("GITHUB_TOKEN", "secret")
    monkeypatch.setenv("TZ", "Europe/Paris")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8; rm -rf /")
    env = isolation.environnement_noyau()
    assert "secret" not in env.values() and not any(k.startswith("JPY_") for k in env)
    assert env["TZ"] == "Europe/Paris" and env["LANG"] == "C.UTF-8"
    assert env["NBGRADER_EXECUTION"] == "autograde"


def test_lecture_necessaire_sans_le_cours():
    """Le noyau lit Python et le paquet strategie, jamais lib/ entier, le cours ou l'outil de correction."""
    chemins = isolation.lecture_necessaire()
    assert str(RACINE / "lib" / "strategie") in chemins or not str(RACINE) in " ".join(chemins)
    assert not any(c in (str(RACINE), str(RACINE / "lib")) for c in chemins), chemins
    assert not any(c.startswith(str(RACINE / "solutions")) or "strategie_correction" in c for c in chemins)


def test_commande_bwrap_ne_monte_rien_du_cours(tmp_path):
    """La commande bubblewrap : tout se partage sauf rien, système en lecture seule, seule /travail inscriptible."""
    reglages = {"niveau": "bwrap", "travail": str(tmp_path / "t"), "prises": str(tmp_path / "p"),
                "lecture": isolation.lecture_necessaire()}
    args = lanceur.commande_bwrap(reglages, ["python"], {})
    assert args[1:4] == ["--unshare-all", "--die-with-parent", "--new-session"]
    inscriptibles = [args[i + 1] for i, a in enumerate(args) if a == "--bind"]
    assert inscriptibles == [str(tmp_path / "t"), str(tmp_path / "p")]
    assert str(RACINE / "solutions") not in args and str(RACINE) not in args


def test_instantane_refuse_lien_et_modification(tmp_path):
    """Un instantané modifié ou remplacé par un lien après l'import est refusé, jamais suivi."""
    empreintes = instantanes.ecrire(tmp_path / "i", {"a.ipynb": b"{}", "d/b.txt": b"x"})
    assert instantanes.lire(tmp_path / "i", empreintes) == {"a.ipynb": b"{}", "d/b.txt": b"x"}
    (tmp_path / "i" / "a.ipynb").write_bytes(b"[]")
    with pytest.raises(instantanes.InstantaneModifie):
        instantanes.lire(tmp_path / "i", empreintes)
    (tmp_path / "i" / "a.ipynb").unlink()
    (tmp_path / "secret").write_bytes(b"{}")
    (tmp_path / "i" / "a.ipynb").symlink_to(tmp_path / "secret")
    with pytest.raises(OSError):
        instantanes.lire(tmp_path / "i", empreintes)
    with pytest.raises(instantanes.InstantaneModifie):
        instantanes.ecrire(tmp_path / "j", {"../evasion": b""})


def test_temoin_voit_ecriture_lien_et_ajout(tmp_path):
    """Le témoin repère une écriture (même à date remise), un lien planté, un fichier ajouté ; il accepte les siennes."""
    import os

    (tmp_path / "d").mkdir()
    f = tmp_path / "d" / "f"
    f.write_text("a")
    temoin = integrite.Temoin([tmp_path / "d"])
    assert temoin.verifier() == []
    avant = f.stat()
    f.write_text("b")
    os.utime(f, ns=(avant.st_atime_ns, avant.st_mtime_ns))
    assert str(f) in temoin.verifier()
    temoin.accepter(f)
    assert temoin.verifier() == []
    (tmp_path / "d" / "lien").symlink_to("/etc/passwd")
    assert str(tmp_path / "d" / "lien") in temoin.verifier()


# -- command line ------------------------------------------------------------------------------------------------
def test_commande_devoir_inconnu(tmp_path, capsys):
    from strategie.__main__ import main

    import shutil

    shutil.copy(RACINE / "nbgrader_config.py", tmp_path)
    (tmp_path / "solutions" / DEVOIR).mkdir(parents=True)
    (tmp_path / "solutions" / DEVOIR / f"{DEVOIR}.ipynb").write_text("{}")
    assert main(["corriger", "99-inconnu", "--cours", str(tmp_path), "--silencieux"]) == 1
    erreur = capsys.readouterr().err
    assert "99-inconnu" in erreur and DEVOIR in erreur and "Traceback" not in erreur


def test_commande_options_en_francais(capsys):
    from strategie.__main__ import main

    with pytest.raises(SystemExit):
        main(["corriger", DEVOIR, "--paralleles", "0"])
    assert "strictement positif" in capsys.readouterr().err


# -- isolation: choice and refusal --------------------------------------------------------------------------------
def test_sans_aucune_isolation_refus_en_francais(monkeypatch):
    """Sans bubblewrap ni Landlock, la correction refuse : message français qui dit quoi installer et --sans-isolation."""
    monkeypatch.setattr(isolation, "_bwrap_indisponible", lambda: (None, "bubblewrap (bwrap) n'est pas installé"))
    monkeypatch.setattr(isolation, "_landlock_indisponible", lambda: "noyau trop ancien")
    with pytest.raises(isolation.ErreurIsolation) as erreur:
        isolation.detecter("auto", 1)
    message = str(erreur.value)
    assert "refusée" in message and "apt-get install bubblewrap" in message and "--sans-isolation" in message
    assert "bwrap : bubblewrap (bwrap) n'est pas installé" in message and "landlock : noyau trop ancien" in message


def test_sans_bubblewrap_landlock_prend_le_relais(monkeypatch):
    """Quand bubblewrap manque, auto choisit Landlock (si le noyau le permet) et dit pourquoi pas bwrap."""
    from strategie_correction import landlock

    if landlock.indisponible() is not None:
        pytest.skip(f"Landlock indisponible ici : {landlock.indisponible()}")
    if isolation._injoignable_sans_privileges():
        pytest.skip("en root, l'environnement Python doit être joignable par un uid sans privilèges (ici sous un dossier 700)")
    monkeypatch.setattr(isolation, "_bwrap_indisponible", lambda: (None, "bubblewrap (bwrap) n'est pas installé"))
    choix = isolation.detecter("auto", 1)
    assert choix.niveau == "landlock" and "bwrap" in choix.raison
    assert "landlock" in choix.description(delai_cellule=1, delai_total=2, memoire_mo=3, sortie_ko=4)


def test_commande_refuse_sans_isolation_sans_trace(tmp_path, capsys, monkeypatch):
    """La commande refuse proprement (code 1, une phrase, pas de trace Python) quand rien n'isole."""
    import shutil

    from strategie.__main__ import main

    monkeypatch.setattr(isolation, "_bwrap_indisponible", lambda: (None, "bubblewrap (bwrap) n'est pas installé"))
    monkeypatch.setattr(isolation, "_landlock_indisponible", lambda: "noyau trop ancien")
    shutil.copy(RACINE / "nbgrader_config.py", tmp_path)
    shutil.copytree(RACINE / "solutions" / DEVOIR, tmp_path / "solutions" / DEVOIR)
    depots = tmp_path / "depots" / "alice"
    depots.mkdir(parents=True)
    shutil.copy(RACINE / "exercises" / DEVOIR / f"{DEVOIR}.ipynb", depots)
    assert main(["corriger", DEVOIR, str(tmp_path / "depots"), "--cours", str(tmp_path), "--silencieux"]) == 1
    erreur = capsys.readouterr().err
    assert "Aucune isolation" in erreur and "Traceback" not in erreur


def test_fichiers_de_nbgrader_pas_en_trop():
    """timestamp.txt et submission_secret.txt (ajoutés par nbgrader submit/collect) ne sont pas « en trop »."""
    publie = json.loads((RACINE / "exercises" / DEVOIR / f"{DEVOIR}.ipynb").read_text(encoding="utf-8"))
    import nbformat

    fichiers = {f"{DEVOIR}.ipynb": json.dumps(publie).encode(), "timestamp.txt": b"2026-01-01 00:00:00 UTC",
                "submission_secret.txt": b"abc"}
    preparation = preparer(fichiers, {DEVOIR: nbformat.from_dict(publie)})
    assert not preparation.ignores and not any(a.code == "fichiers_en_trop" for a in preparation.anomalies)


_FORMATEUR_CHARGE = r'''
import json, os, subprocess, sys, tempfile
# The trainer already runs more processes than a learner may (their editor, a browser…).
attente = [subprocess.Popen(["sleep", "60"]) for _ in range(80)]
try:
    base = tempfile.mkdtemp()
    reglages = {"niveau": "bwrap", "uid": None, "travail": os.path.join(base, "t"), "prises": os.path.join(base, "p"),
                "lecture": json.loads(sys.argv[1]), "relais": os.path.join(base, "r"), "processus": 64,
                "environnement": {"PATH": "/usr/bin:/bin"}}
    for d in (reglages["travail"], reglages["prises"]):
        os.makedirs(d)
    noyau = [sys.executable, "-c", "import subprocess; subprocess.run(['true'], check=True); print('FILS OK')"]
    r = subprocess.run([sys.executable, sys.argv[2], json.dumps(reglages), "--", *noyau],
                       capture_output=True, text=True, timeout=60)
    print(r.returncode, r.stdout, r.stderr[-500:])
finally:
    for p in attente:
        p.kill()
'''


@pytest.mark.skipif(isolation._bwrap_indisponible()[1] is not None, reason="bubblewrap absent")
def test_bwrap_sous_le_formateur_qui_a_deja_beaucoup_de_processus(tmp_path):
    """Formateur sans privilèges qui a déjà plus de 64 processus : le noyau démarre et peut créer un fils.

    La limite de 64 processus vaut pour l'élève seul : fixée avant bubblewrap, elle plafonnait tous
    les processus du formateur (Linux compte par utilisateur à chaque niveau d'espace de noms).
    """
    from outils_utilisateur import processus_en_utilisateur
    import subprocess

    script = tmp_path / "charge.py"
    script.write_text(_FORMATEUR_CHARGE, encoding="utf-8")
    os.chmod(tmp_path, 0o755)
    lecture = json.dumps(isolation.lecture_necessaire())
    with processus_en_utilisateur([sys.executable, str(script), lecture, lanceur.__file__], cwd=tmp_path,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as proc:
        sortie, _ = proc.communicate(timeout=120)
    assert sortie.startswith("0 FILS OK"), sortie


def test_dossiers_fermes_au_dessus_des_chemins_lus(tmp_path):
    """Les dossiers qu'un utilisateur quelconque ne peut pas traverser, et ce qu'il faut y garder."""
    ferme = tmp_path / "ferme"
    (ferme / "python" / "lib").mkdir(parents=True)
    (ferme / "secret").mkdir()
    os.chmod(tmp_path, 0o755)
    os.chmod(ferme, 0o700)
    def sous_tmp(fermes):  # pytest's own base directories are 700 too
        return [(d, e) for d, e in fermes if d.startswith(str(tmp_path))]

    assert sous_tmp(lanceur.dossiers_fermes([str(ferme / "python" / "lib")])) == [(str(ferme), ["python"])]
    os.chmod(ferme, 0o711)
    assert sous_tmp(lanceur.dossiers_fermes([str(ferme / "python" / "lib")])) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="recouvrir un dossier fermé demande root")
def test_ouvrir_rend_python_joignable_et_cache_le_reste(tmp_path):
    """(root) Sous un dossier 700, le noyau lit ce qu'il doit lire et ne voit plus rien d'autre."""
    import subprocess
    import textwrap

    from outils_utilisateur import uid_sans_privileges

    ferme = tmp_path / "ferme"
    (ferme / "python").mkdir(parents=True)
    (ferme / "python" / "module.py").write_text("LU = True\n")
    (ferme / "secret.txt").write_text("SECRET DU FORMATEUR")
    for chemin in (tmp_path, ferme / "python"):
        os.chmod(chemin, 0o755)
    os.chmod(ferme / "python" / "module.py", 0o644)
    os.chmod(ferme, 0o700)
    uid = uid_sans_privileges()
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(Path(lanceur.__file__).parent)!r})
        import lanceur
        lanceur.ouvrir([{str(ferme / "python")!r}])
        os.setgroups([]); os.setgid({uid}); os.setuid({uid})
        print(open({str(ferme / "python" / "module.py")!r}).read().strip())
        print(os.path.exists({str(ferme / "secret.txt")!r}))
    """)
    sortie = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert sortie.stdout.split() == ["LU", "=", "True", "False"], sortie.stdout + sortie.stderr
    assert (ferme / "secret.txt").read_text() == "SECRET DU FORMATEUR"  # nothing changed outside


def test_nombres_pour_le_lecteur_et_pour_les_lms():
    """notes.csv garde le point décimal que relisent les LMS ; le résumé et le rapport écrivent « 3,87 »."""
    assert rapport.nombre(3.8666) == "3.87" and rapport.nombre(8.0) == "8"
    assert rapport.nombre_fr(3.8666) == "3,87" and rapport.nombre_fr(8.0) == "8" and rapport.nombre_fr(None) == ""


def test_progression_dit_le_temps_restant_hors_terminal(monkeypatch):
    """Hors d'un terminal (journal, CI), chaque ligne dit aussi le temps restant estimé, en français."""
    import io

    from strategie_correction import progression

    horloge = iter([0.0, 10.0, 20.0])
    monkeypatch.setattr(progression.time, "monotonic", lambda: next(horloge))
    flux = io.StringIO()
    barre = progression.Progression(4, flux=flux)
    barre.avancer("eleve01 : ok")   # 10 s for 1 of 4: about 30 s left
    barre.avancer("eleve02 : ok")   # 20 s for 2 of 4: about 20 s left
    lignes = flux.getvalue().splitlines()
    assert lignes == ["[1/4] eleve01 : ok · reste environ 0 min 30 s", "[2/4] eleve02 : ok · reste environ 0 min 20 s"]


def test_uids_par_atelier_distincts():
    """En root, chaque atelier a deux uids à lui (l'un note, l'autre démarre le noyau suivant), jamais partagés."""
    niveau = isolation.Isolation("bwrap", [64200, 64201, 64202, 64203, 64204, 64205])
    assert [niveau.uids_atelier(a) for a in range(3)] == [[64200, 64201], [64202, 64203], [64204, 64205]]
    assert niveau.uid(1) == 64202 and niveau.uid(1, 1) == 64203
    assert isolation.Isolation("bwrap").uids_atelier(0) == [] and isolation.Isolation("bwrap").uid(0) is None


def test_noyau_d_avance_seulement_si_le_code_en_cours_ne_peut_l_atteindre():
    """Noyau d'avance : avec bwrap (espaces de noms propres), avec Landlock sous un autre uid ; jamais sous
    Landlock avec l'uid du formateur (l'élève en cours pourrait le signaler), ni sans isolation."""
    assert isolation.Isolation("bwrap").noyau_d_avance
    assert isolation.Isolation("landlock", [64200, 64201]).noyau_d_avance
    assert not isolation.Isolation("landlock").noyau_d_avance
    assert not isolation.Isolation("aucune", [64200, 64201]).noyau_d_avance


def test_noyau_d_avance_pris_s_il_convient_arrete_sinon():
    """Un noyau démarré d'avance sert au carnet qui a ses réglages ; avec d'autres réglages, il est arrêté
    et le carnet en démarre un neuf (jamais le noyau d'un autre bac)."""
    import nbformat
    from traitlets.config import Config

    from strategie_correction import execution

    carnet = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                               "language": "python"}})
    carnet.cells = [nbformat.v4.new_code_cell("import os\nprint(os.getpid())")]
    cfg = Config()
    cfg.ExecutionConfinee.shutdown_kernel = "immediate"

    km = execution.demarrer_d_avance(cfg, "")
    pid_d_avance = km.provisioner.pid
    execution.NOYAU_D_AVANCE[:] = [km]
    sortie, _ = execution.ExecutionConfinee(config=cfg).preprocess(nbformat.from_dict(carnet), {})
    assert sortie.cells[0].outputs[0]["text"].strip() == str(pid_d_avance)
    assert not execution.NOYAU_D_AVANCE and not km.has_kernel, "le noyau d'avance doit être arrêté après usage"

    autre = execution.demarrer_d_avance(cfg, "")
    autre.reglages_json = '{"prises": "/ailleurs"}'  # another bac's kernel
    execution.NOYAU_D_AVANCE[:] = [autre]
    sortie, _ = execution.ExecutionConfinee(config=cfg).preprocess(nbformat.from_dict(carnet), {})
    assert sortie.cells[0].outputs[0]["text"].strip() != str(autre.provisioner.pid if autre.provisioner else -1)
    assert not autre.has_kernel, "un noyau d'avance qui ne convient pas doit être arrêté"


def test_noyau_de_correction_sans_debogueur_et_erreurs_en_une_ligne():
    """Le noyau d'une correction : même noyau IPython, sans debugpy, traces simples (Plain), rien d'autre de changé."""
    from strategie_correction import execution

    stock = [sys.executable, "-m", "ipykernel_launcher", "-f", "/prises/noyau.json"]
    commande = execution.noyau_de_correction(stock)
    assert commande[:len(stock)] == stock and commande[len(stock):] == ["--InteractiveShell.xmode=Plain"]
    for sans_tuyau in (False, True):
        lancee = lanceur.noyau_de_correction(commande, sans_tuyau=sans_tuyau)
        assert lancee[0] == sys.executable and lancee[1] == "-c"
        assert lancee[3:] == ["-f", "/prises/noyau.json", "--InteractiveShell.xmode=Plain"], "arguments perdus"
        code = lancee[2]
        compile(code, "<noyau>", "exec")
        assert "sys.modules['debugpy'] = None" in code
        assert ("IOPubThread" in code) is sans_tuyau, "le tuyau TCP n'est retiré que sous Landlock (seccomp)"
        assert code.index("debugpy") < code.index("ipykernel"), "debugpy doit être écarté avant d'importer ipykernel"
    autre = ["/opt/julia/bin/julia", "noyau.jl", "{connection_file}"]
    assert execution.noyau_de_correction(autre) == autre and lanceur.noyau_de_correction(autre) == autre


def test_fusion_des_notes_en_une_seule_transaction(tmp_path):
    """Les écritures de nbgrader d'un bloc ``une_transaction`` : une seule validation, et tout est annulé sur erreur."""
    from nbgrader.api import Gradebook

    from strategie_correction import carnet_de_notes as cdn

    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gb:
        validations = []
        vraie = gb.db.commit
        gb.db.commit = lambda: (validations.append(1), vraie())[1]
        with cdn.une_transaction(gb):
            gb.update_or_create_student("alice", last_name="Martin")
            gb.update_or_create_student("bruno")
        assert len(validations) == 1, "nbgrader valide à chaque élève : le bloc doit n'en faire qu'une"
        with pytest.raises(RuntimeError):
            with cdn.une_transaction(gb):
                gb.update_or_create_student("chloe")
                raise RuntimeError("panne au milieu")
        assert sorted(e.id for e in gb.students) == ["alice", "bruno"], "une erreur annule tout le bloc"
        gb.db.commit = vraie


def test_la_validation_rapide_des_metadonnees_rend_le_meme_verdict_que_nbgrader():
    """La vérification accélérée des métadonnées nbgrader accepte et refuse les mêmes cellules que
    nbgrader seul, avec le même message (celui que le formateur lira)."""
    from nbgrader.nbgraderformat.common import BaseMetadataValidator, ValidationError
    from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

    from strategie_correction import _nbgrader

    juste = {"grade": True, "solution": False, "locked": True, "points": 2, "grade_id": "q1",
             "schema_version": 3, "cell_type": "code"}
    cellules = [nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": juste}),
                nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {**juste, "points": "dix"}}),
                nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {**juste, "grade_id": 12}}),
                nbformat.v4.new_code_cell("x = 1")]

    def verdicts():
        resultats = []
        for cellule in cellules:
            try:
                MetadataValidatorV3().validate_cell(copy.deepcopy(cellule))
                resultats.append("acceptée")
            except ValidationError as erreur:
                resultats.append(str(erreur))
        return resultats

    attendus = verdicts()
    assert attendus[0] == attendus[3] == "acceptée"
    assert "'dix' is not of type 'number'" in attendus[1] and "12 is not of type 'string'" in attendus[2]
    try:
        _nbgrader.accelerer()
        assert getattr(BaseMetadataValidator.validate_cell, "rapide", False), "accelerer() remplace la validation"
        assert verdicts() == attendus, "la validation accélérée ne rend pas les mêmes verdicts"
        assert _nbgrader._VALIDATEURS, "le validateur construit est retenu"
        assert verdicts() == attendus, "ni au second passage, validateur retenu"
    finally:
        BaseMetadataValidator.validate_cell = getattr(BaseMetadataValidator.validate_cell, "__wrapped__",
                                                      BaseMetadataValidator.validate_cell)


def test_l_outil_ne_charge_pas_la_grammaire_iri_de_jsonschema_et_valide_toujours_les_carnets():
    """Importer l'outil de correction écarte rfc3987_syntax (1,2 s de calcul à chaque import, pour le
    seul format « iri » de jsonschema) ; nbformat refuse toujours un carnet mal formé."""
    import subprocess

    code = (
        "import sys, strategie_correction, nbformat\n"
        "assert sys.modules['rfc3987_syntax'] is None, 'la grammaire iri a été chargée'\n"
        "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('x = 1')])\n"
        "nbformat.validate(nb)\n"
        "nb.cells[0]['execution_count'] = 'un'\n"
        "try:\n"
        "    nbformat.validate(nb)\n"
        "except nbformat.ValidationError:\n"
        "    print('refusé')\n"
    )
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert sortie.returncode == 0, sortie.stderr
    assert sortie.stdout.strip() == "refusé", "nbformat ne valide plus les carnets sans rfc3987_syntax"
