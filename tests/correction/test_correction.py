"""`strategie corriger` de bout en bout : une classe de soumissions fabriquées, dont toutes les pannes
de la liste « Robustness » de l'issue, notée une seule fois (fixture de module) par la vraie commande.

Chaque test lit le résultat : la ligne de notes.csv de l'élève (note juste, statut clair), les notes
par cellule du gradebook, le carnet noté, le retour HTML. Les références (une soumission juste, une
partielle) gardent exactement leurs notes au milieu des soumissions cassées.
"""

from __future__ import annotations

import csv
import html
import json
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import RACINE

pytestmark = pytest.mark.carnets

DEVOIR = "00-demarrer"
TOUTES = ("q1-prenom", "q2-marge", "q3-blocs", "q4-objectif")
MAX = 10.0          # 8 points automatiques + 2 notés à la main (q4-objectif)
STRATEGIE = [sys.executable, "-m", "strategie"]


# -- fabrication ---------------------------------------------------------------------------------------
def lire(chemin: Path) -> dict:
    return json.loads(Path(chemin).read_text(encoding="utf-8"))


def _sans_marqueurs(source: str) -> str:
    return "\n".join(l for l in source.split("\n") if "BEGIN SOLUTION" not in l and "END SOLUTION" not in l)


def carnet(justes=(), reponses: dict | None = None, devoir: str = DEVOIR) -> dict:
    """Le carnet distribué, avec les réponses de la solution pour ``justes`` et ``reponses`` ailleurs."""
    publie = lire(RACINE / "exercises" / devoir / f"{devoir}.ipynb")
    solution = {
        c["metadata"]["nbgrader"]["grade_id"]: c["source"]
        for c in lire(RACINE / "solutions" / devoir / f"{devoir}.ipynb")["cells"]
        if c["metadata"].get("nbgrader", {}).get("solution")
    }
    for cellule in publie["cells"]:
        gid = cellule["metadata"].get("nbgrader", {}).get("grade_id")
        if gid in justes:
            cellule["source"] = _sans_marqueurs(solution[gid])
        if reponses and gid in reponses:
            cellule["source"] = reponses[gid]
    return publie


def cellule(carnet_: dict, gid: str) -> dict:
    return next(c for c in carnet_["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == gid)


def cours_jetable(dossier: Path, devoir: str = DEVOIR) -> Path:
    import shutil

    dossier.mkdir(parents=True, exist_ok=True)
    shutil.copy(RACINE / "nbgrader_config.py", dossier)
    for racine in ("solutions", "exercises"):
        shutil.copytree(RACINE / racine / devoir, dossier / racine / devoir)
    return dossier


def zipper(chemin: Path, fichiers: dict[str, bytes | str | dict]) -> None:
    with zipfile.ZipFile(chemin, "w") as zf:
        for nom, contenu in fichiers.items():
            if isinstance(contenu, dict):
                contenu = json.dumps(contenu, ensure_ascii=False)
            zf.writestr(nom, contenu)


def corriger(cours: Path, *arguments: str, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*STRATEGIE, "corriger", DEVOIR, *arguments], cwd=cours, capture_output=True, text=True, timeout=timeout,
    )


def notes_csv(cours: Path) -> dict[str, dict]:
    with open(cours / "notes" / DEVOIR / "notes.csv", encoding="utf-8") as f:
        return {ligne["student_id"]: ligne for ligne in csv.DictReader(f)}


def notes_cellules(cours: Path, eleve: str) -> dict[str, float | None]:
    """{grade_id: score} du gradebook du cours (note manuelle prioritaire, comme nbgrader)."""
    with sqlite3.connect(cours / "gradebook.db") as db:
        lignes = db.execute(
            """SELECT base_cell.name, grade.auto_score, grade.manual_score FROM grade
               JOIN submitted_notebook ON grade.notebook_id = submitted_notebook.id
               JOIN submitted_assignment ON submitted_notebook.assignment_id = submitted_assignment.id
               JOIN grade_cells ON grade.cell_id = grade_cells.id
               JOIN base_cell ON grade_cells.id = base_cell.id
               WHERE submitted_assignment.student_id = ?""",
            (eleve,),
        ).fetchall()
    return {nom: (manuel if manuel is not None else auto) for nom, auto, manuel in lignes}


# -- the class --------------------------------------------------------------------------------------------
def _v3(carnet_: dict) -> str:
    import nbformat

    return nbformat.writes(nbformat.convert(nbformat.from_dict(carnet_), 3), version=3)


def fabriquer_classe(depots: Path, cours: Path) -> dict[str, dict]:
    """Écrit les zips ; renvoie ce que chaque élève doit obtenir (note, statut, notes par cellule)."""
    depots.mkdir(parents=True)
    juste = carnet(TOUTES)
    attendus: dict[str, dict] = {}

    def deposer(nom_zip: str, fichiers: dict, eleve: str, note: float, statut: str, cellules=None):
        zipper(depots / nom_zip, fichiers)
        attendus[eleve] = {"note": note, "statut": statut, "cellules": cellules or {}}

    n = f"{DEVOIR}.ipynb"
    deposer("reference_juste.zip", {n: juste}, "reference_juste", 8, "ok",
            {"q1-tests": 2, "q2-tests": 4, "q3-tests": 2})
    deposer("reference_partielle.zip", {n: carnet(["q1-prenom"])}, "reference_partielle", 2, "ok",
            {"q1-tests": 2, "q2-tests": 0, "q3-tests": 0})
    deposer("json_invalide.zip", {n: json.dumps(juste)[:-40]}, "json_invalide", 0, "json_invalide")
    deposer("ancien_format.zip", {n: _v3(juste)}, "ancien_format", 8, "format_ancien")
    deposer("renomme.zip", {f"Copie de {DEVOIR} (2).ipynb": juste}, "renomme", 8, "carnet_renomme")
    deposer("absent.zip", {"LISEZMOI.txt": "j'ai oublié le carnet"}, "absent", 0, "carnet_absent")
    # A module named like the course library next to the notebook: it would break every import if used.
    deposer("en_trop.zip", {n: juste, "strategie.py": "raise RuntimeError('piège')", "donnees.csv": "a,b\n1,2\n"},
            "en_trop", 8, "fichiers_en_trop")

    modifie = carnet(["q1-prenom", "q3-blocs"], {"q2-marge": "def marge(prix, cout):\n    return 0"})
    cellule(modifie, "q2-tests")["source"] = '"""Vérifie que `marge(prix, cout)` renvoie prix − coût."""\nassert True'
    deposer("tests_modifies.zip", {n: modifie}, "tests_modifies", 4, "tests_modifies",
            {"q2-tests": 0, "q1-tests": 2, "q3-tests": 2})

    supprime = carnet(["q1-prenom", "q3-blocs"], {"q2-marge": "def marge(prix, cout):\n    return 0"})
    supprime["cells"].remove(cellule(supprime, "q2-tests"))
    deposer("tests_supprimes.zip", {n: supprime}, "tests_supprimes", 4, "tests_supprimes", {"q2-tests": 0})

    meta = carnet(["q1-prenom"], {"q2-marge": "def marge(prix, cout):\n    return 0", "q3-blocs": "nombre_de_blocs = 3"})
    cellule(meta, "q2-tests")["metadata"]["nbgrader"]["points"] = 100
    cellule(meta, "q2-tests")["metadata"]["tags"] = ["skip-execution"]
    cellule(meta, "q3-tests")["metadata"]["nbgrader"]["grade"] = False
    deposer("metadonnees.zip", {n: meta}, "metadonnees", 2, "metadonnees_modifiees",
            {"q1-tests": 2, "q2-tests": 0, "q3-tests": 0})

    deposer("boucle.zip", {n: carnet(["q1-prenom", "q3-blocs"], {
        "q2-marge": "while True:\n    pass\ndef marge(prix, cout):\n    return prix - cout"})},
        "boucle", 4, "delai_depasse", {"q1-tests": 2, "q2-tests": 0, "q3-tests": 2})
    deposer("noyau.zip", {n: carnet(["q1-prenom", "q3-blocs"], {"q2-marge": "import os\nos._exit(3)"})},
            "noyau", 2, "noyau_arrete", {"q1-tests": 2, "q2-tests": 0, "q3-tests": 0})
    deposer("sortie.zip", {n: carnet(TOUTES, {
        "q2-marge": "print('x' * 30_000_000)\ndef marge(prix, cout):\n    return prix - cout"})},
        "sortie", 8, "sortie_tronquee", {"q2-tests": 4})
    deposer("memoire.zip", {n: carnet(["q1-prenom", "q3-blocs"], {
        "q2-marge": "tas = bytearray(10**10)  # 10 Go : au-delà de la limite, refusé sans rien remplir\ndef marge(prix, cout):\n    return prix - cout"})},
        "memoire", 4, "memoire_depassee", {"q2-tests": 0, "q1-tests": 2, "q3-tests": 2})
    deposer("José García.zip", {n: juste}, "Jose_Garcia", 8, "identifiant_normalise")
    zipper(depots / "dupont_2026-01-10T09-00.zip", {n: juste})
    deposer("dupont_2026-01-12T18-30.zip", {n: carnet(["q1-prenom"])}, "dupont", 2, "soumissions_multiples")
    # Hidden tests fail: the visible ones pass, then an assert and an exception inside hidden tests.
    deposer("caches.zip", {n: carnet(["q3-blocs"], {
        "q1-prenom": 'prenom = "   "',
        "q2-marge": "def marge(prix, cout):\n    if prix < cout:\n        raise ValueError('prix trop bas')\n    return prix - cout",
    })}, "caches", 2, "ok", {"q1-tests": 0, "q2-tests": 0, "q3-tests": 2})
    # A learner who copies a marking-guide delimiter (unmatched) into a free-text answer.
    deposer("grille_recopiee.zip", {n: carnet(TOUTES, {
        "q4-objectif": "<!-- BEGIN MARK SCHEME -->\nMon objectif : écrire le plan de mes comptes clés."})},
        "grille_recopiee", 8, "ok")
    (depots / "note du formateur.txt").write_text("pas une soumission", encoding="utf-8")
    attendus["note_du_formateur"] = {"note": 0, "statut": "nom_non_reconnu", "cellules": {}}
    return attendus


@pytest.fixture(scope="module")
def classe(tmp_path_factory):
    base = tmp_path_factory.mktemp("classe")
    cours = cours_jetable(base / "cours")
    attendus = fabriquer_classe(base / "depots", cours)
    resultat = corriger(cours, str(base / "depots"), "--delai-cellule", "8", "--paralleles", "2")
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    return {"cours": cours, "attendus": attendus, "sortie": resultat.stdout + resultat.stderr,
            "notes": notes_csv(cours)}


CAS = [
    "reference_juste", "reference_partielle", "json_invalide", "ancien_format", "renomme", "absent", "en_trop",
    "tests_modifies", "tests_supprimes", "metadonnees", "boucle", "noyau", "sortie", "memoire", "Jose_Garcia",
    "dupont", "caches", "grille_recopiee", "note_du_formateur",
]


@pytest.mark.parametrize("eleve", CAS)
def test_note_et_statut(classe, eleve):
    """Chaque élève a sa ligne, la note de ce qu'il a vraiment fait, un statut clair et un message."""
    attendu = classe["attendus"][eleve]
    ligne = classe["notes"].get(eleve)
    assert ligne is not None, f"{eleve} absent de notes.csv :\n{sorted(classe['notes'])}\n{classe['sortie'][-3000:]}"
    assert float(ligne["score"]) == attendu["note"], (eleve, ligne)
    assert float(ligne["max_score"]) == MAX, ligne
    assert ligne["statut"] == attendu["statut"], (eleve, ligne["statut"], ligne["message"])
    assert ligne["message"].strip(), ligne
    if attendu["cellules"]:
        obtenues = notes_cellules(classe["cours"], eleve)
        for gid, points in attendu["cellules"].items():
            assert obtenues.get(gid) == points, (eleve, gid, obtenues)


def test_une_ligne_par_eleve_et_rien_d_autre(classe):
    assert sorted(classe["notes"]) == sorted(classe["attendus"])


def test_references_intactes_dans_le_gradebook(classe):
    """Les soumissions saines gardent leurs notes exactes, cellule par cellule, au milieu des pannes."""
    assert notes_cellules(classe["cours"], "reference_juste") == {
        "q1-tests": 2, "q2-tests": 4, "q3-tests": 2, "q4-objectif": None}
    partielle = notes_cellules(classe["cours"], "reference_partielle")
    assert partielle == {"q1-tests": 2, "q2-tests": 0, "q3-tests": 0, "q4-objectif": 0}


def test_sans_carnet_pas_de_soumission_mais_connu_du_gradebook(classe):
    with sqlite3.connect(classe["cours"] / "gradebook.db") as db:
        etudiants = {r[0] for r in db.execute("SELECT id FROM student")}
        soumis = {r[0] for r in db.execute("SELECT student_id FROM submitted_assignment")}
    assert {"json_invalide", "absent"} <= etudiants
    assert not {"json_invalide", "absent"} & soumis
    assert {"reference_juste", "noyau", "boucle", "memoire"} <= soumis


def test_doublon_le_plus_recent_gagne_et_le_message_le_dit(classe):
    message = classe["notes"]["dupont"]["message"]
    assert "dupont_2026-01-12T18-30.zip" in message and "dupont_2026-01-10T09-00.zip" in message


def test_identifiant_accentue(classe):
    ligne = classe["notes"]["Jose_Garcia"]
    assert ligne["nom"] == "José García"
    assert "José García" in ligne["message"]
    assert (classe["cours"] / "autograded" / "Jose_Garcia" / DEVOIR / f"{DEVOIR}.ipynb").is_file()


def test_fichiers_en_trop_mis_de_cote(classe):
    message = classe["notes"]["en_trop"]["message"]
    assert "strategie.py" in message and "donnees.csv" in message
    assert not (classe["cours"] / "autograded" / "en_trop" / DEVOIR / "strategie.py").exists()


def test_sortie_enorme_bornee(classe):
    corrige = classe["cours"] / "autograded" / "sortie" / DEVOIR / f"{DEVOIR}.ipynb"
    assert corrige.stat().st_size < 3_000_000, corrige.stat().st_size
    assert "sortie tronquée" in corrige.read_text(encoding="utf-8")


def test_noyau_arrete_les_cellules_suivantes_marquees(classe):
    corrige = lire(classe["cours"] / "autograded" / "noyau" / DEVOIR / f"{DEVOIR}.ipynb")
    noms = [s.get("ename") for c in corrige["cells"] if c["cell_type"] == "code" for s in c["outputs"]]
    assert "NoyauArrete" in noms and "NonExecutee" in noms


def _texte_visible(chemin: Path) -> str:
    page = chemin.read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def _lignes_cachees() -> list[str]:
    lignes = []
    for c in lire(RACINE / "solutions" / DEVOIR / f"{DEVOIR}.ipynb")["cells"]:
        if "BEGIN HIDDEN TESTS" in c["source"]:
            bloc = c["source"].split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0]
            lignes += [l.strip() for l in bloc.splitlines() if len(l.strip()) > 12]
    return lignes


def test_retour_sans_tests_caches_meme_dans_une_trace(classe):
    """Le retour dit ce qui a échoué (message de l'assert) sans jamais montrer le code caché."""
    cours = classe["cours"]
    for eleve in ("caches", "reference_partielle", "tests_modifies", "boucle"):
        chemin = cours / "feedback" / eleve / DEVOIR / f"{DEVOIR}.html"
        assert chemin.is_file(), f"pas de retour pour {eleve}"
        texte = _texte_visible(chemin)
        brut = chemin.read_text(encoding="utf-8")
        for ligne in _lignes_cachees():
            assert ligne not in texte and html.escape(ligne) not in brut, (eleve, ligne)
        assert "HIDDEN TESTS" not in brut
    caches = _texte_visible(cours / "feedback" / "caches" / DEVOIR / f"{DEVOIR}.html")
    assert "À revoir" in caches and "note :" in caches
    assert "`prenom` est vide" in caches           # the hint of the failing hidden assert
    assert "ValueError : prix trop bas" in caches   # exception raised inside a hidden test: message only
    assert "Traceback" not in caches


def test_carnet_note_garde_la_trace_pour_le_formateur(classe):
    """Le formgrader (formateur) voit le carnet noté complet, avec les vraies traces."""
    corrige = (classe["cours"] / "autograded" / "caches" / DEVOIR / f"{DEVOIR}.ipynb").read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" in corrige and "ValueError" in corrige


def _grilles() -> dict[str, str]:
    return {c["id"]: c["source"] for c in lire(RACINE / "solutions" / DEVOIR / f"{DEVOIR}.ipynb")["cells"]
            if "MARK SCHEME" in c["source"]}


def test_grille_au_carnet_note_pas_au_retour(classe):
    """Le carnet noté (formgrader) a la grille de notation entière ; le retour de l'élève n'en a rien."""
    grilles = _grilles()
    assert grilles, f"{DEVOIR} n'a pas de cellule de grille"
    corrige = lire(classe["cours"] / "autograded" / "reference_juste" / DEVOIR / f"{DEVOIR}.ipynb")
    sources = {c["id"]: "".join(c["source"]) for c in corrige["cells"]}
    assert all(sources.get(gid) == source for gid, source in grilles.items()), "grille absente du carnet noté"
    lignes = [l.strip().lstrip("> ").strip() for s in grilles.values() for l in s.splitlines()
              if len(l.strip()) > 20 and "MARK SCHEME" not in l]
    for eleve in ("reference_juste", "reference_partielle", "caches"):
        chemin = classe["cours"] / "feedback" / eleve / DEVOIR / f"{DEVOIR}.html"
        brut, texte = chemin.read_text(encoding="utf-8"), _texte_visible(chemin)
        assert "MARK SCHEME" not in brut, eleve
        fuites = [l for l in lignes if l in texte or html.escape(l) in brut]
        assert not fuites, (eleve, fuites[:3])


def test_delimiteur_de_grille_recopie_par_l_eleve(classe):
    """Un délimiteur de grille recopié dans une réponse n'empêche pas le retour et n'efface pas la réponse."""
    chemin = classe["cours"] / "feedback" / "grille_recopiee" / DEVOIR / f"{DEVOIR}.html"
    assert chemin.is_file(), classe["sortie"][-3000:]
    assert "Mon objectif : écrire le plan de mes comptes clés." in _texte_visible(chemin)
    assert "MARK SCHEME" not in chemin.read_text(encoding="utf-8")


def test_isolation_annoncee_partout(classe):
    """Le niveau d'isolation est dans l'état de chaque élève, le rapport et la colonne isolation de notes.csv."""
    cours = classe["cours"]
    etat = lire(cours / "notes" / DEVOIR / ".etat" / "eleves" / "reference_juste.json")
    rapport = (cours / "notes" / DEVOIR / "rapport.html").read_text(encoding="utf-8")
    assert etat["isolation"] in ("bwrap", "landlock"), etat
    assert html.escape(etat["description_isolation"]) in rapport
    assert classe["notes"]["reference_juste"]["isolation"] == etat["isolation"]
    assert "Isolation :" in classe["sortie"]


def test_rapport_anomalies_en_premier(classe):
    rapport = (classe["cours"] / "notes" / DEVOIR / "rapport.html").read_text(encoding="utf-8")
    assert rapport.index('id="anomalies"') < rapport.index('id="distribution"') < rapport.index('id="questions"')
    assert "<svg" in rapport and "q2-tests" in rapport
    assert "Isolation en vigueur" in rapport
    for code in ("json_invalide", "delai_depasse", "noyau_arrete", "memoire_depassee", "tests_modifies"):
        assert f"<code>{code}</code>" in rapport


def test_resume_et_progression(classe):
    assert "Correction terminée" in classe["sortie"]
    assert re.search(r"\[\s*\d+/\d+\] reference_juste : ok", classe["sortie"])
