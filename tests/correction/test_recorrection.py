"""`strategie corriger DEVOIR --recorriger` : après une correction des tests dans solutions/, seules les notes
que la modification touche changent, et le compte rendu le dit exactement (qui, de combien, quelles questions).

Une petite classe (quatre élèves, dossier par élève) est notée une fois par la vraie commande, dans une copie
du cours ; le formateur y donne une note manuelle, puis on modifie solutions/ dans cette copie, étape par étape :
rien (aucune renotation), un autre devoir (rien), un test plus sévère, un barème corrigé, une cellule de tests
retirée. Chaque étape est lancée une fois (fixture de module) et vérifiée par les tests.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from test_correction import DEVOIR, TOUTES, carnet, corriger, cours_jetable, notes_cellules, notes_csv

pytestmark = pytest.mark.carnets

AUTRE = "01-business-model-canvas"
ELEVES = {
    "alice": carnet(TOUTES),                                   # 8 auto + 1,5 à la main (formgrader)
    "bob": carnet(["q1-prenom"]),                              # 2
    "chloe": carnet(TOUTES, {"q1-prenom": 'prenom = "camille"'}),  # 8 ; sans majuscule
    "david": carnet(()),                                       # 0
}
PLUS_SEVERE = (
    'assert prenom[:1].isupper(), "Un prénom commence par une majuscule : écrivez prenom = \\"Léa\\", pas '
    '\\"léa\\". Relisez course/00-demarrer.ipynb, « 1. Le carnet : du texte et des cellules de code »."\n'
)


def _modifier(cours: Path, devoir: str, gid: str, changer) -> None:
    chemin = cours / "solutions" / devoir / f"{devoir}.ipynb"
    nb = json.loads(chemin.read_text(encoding="utf-8"))
    for c in list(nb["cells"]):
        if c["metadata"].get("nbgrader", {}).get("grade_id") == gid:
            if changer(c) is False:
                nb["cells"].remove(c)
            break
    else:
        raise AssertionError(f"{gid} absent de {devoir}")
    chemin.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")


def _source(c: dict) -> str:
    return "".join(c["source"]) if isinstance(c["source"], list) else c["source"]


def _plus_severe(c: dict) -> None:
    c["source"] = _source(c).replace("### BEGIN HIDDEN TESTS", PLUS_SEVERE + "### BEGIN HIDDEN TESTS")


def _changements(cours: Path) -> dict[str, dict]:
    with open(cours / "notes" / DEVOIR / "recorrection.csv", encoding="utf-8") as f:
        return {l["student_id"]: l for l in csv.DictReader(f)}


def _recorriger(cours: Path, *arguments: str):
    from test_correction import STRATEGIE

    import subprocess

    return subprocess.run([*STRATEGIE, "corriger", *arguments, "--recorriger"], cwd=cours, capture_output=True,
                          text=True, timeout=900)


def _etats(cours: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (cours / "notes" / DEVOIR / ".etat" / "eleves").glob("*.json")}


def _etape(cours: Path, *arguments: str) -> dict:
    avant = _etats(cours)
    csv_avant = (cours / "notes" / DEVOIR / "notes.csv").read_bytes()
    resultat = _recorriger(cours, *arguments)
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    fichier = cours / "notes" / DEVOIR / "recorrection.csv"
    return {
        "sortie": resultat.stdout, "erreurs": resultat.stderr, "etats_touches": avant != _etats(cours),
        "notes_csv_touche": csv_avant != (cours / "notes" / DEVOIR / "notes.csv").read_bytes(),
        "notes": notes_csv(cours), "changements": _changements(cours) if fichier.is_file() else None,
        "cellules": {e: notes_cellules(cours, e) for e in ELEVES},
    }


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    base = tmp_path_factory.mktemp("recorrection")
    cours = cours_jetable(base / "cours")
    cours_jetable(cours, AUTRE)  # another assignment, never graded here
    depots = base / "depots"
    for eleve, nb in ELEVES.items():
        (depots / eleve).mkdir(parents=True)
        (depots / eleve / f"{DEVOIR}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    premiere = corriger(cours, str(depots), "--paralleles", "2")
    assert premiere.returncode == 0, premiere.stdout + premiere.stderr
    etapes = {"cours": cours, "initiales": notes_csv(cours)}

    # The trainer grades alice's written answer in the formgrader (what its API writes in the gradebook).
    with sqlite3.connect(cours / "gradebook.db") as db:
        db.execute(
            """UPDATE grade SET manual_score = 1.5, needs_manual_grade = 0 WHERE id IN (
               SELECT grade.id FROM grade JOIN submitted_notebook ON grade.notebook_id = submitted_notebook.id
               JOIN submitted_assignment ON submitted_notebook.assignment_id = submitted_assignment.id
               JOIN base_cell ON grade.cell_id = base_cell.id
               WHERE submitted_assignment.student_id = 'alice' AND base_cell.name = 'q4-objectif')""")

    etapes["rien"] = _etape(cours, DEVOIR)
    _modifier(cours, AUTRE, next(
        c["metadata"]["nbgrader"]["grade_id"]
        for c in json.loads((cours / "solutions" / AUTRE / f"{AUTRE}.ipynb").read_text(encoding="utf-8"))["cells"]
        if c["metadata"].get("nbgrader", {}).get("grade") and c["cell_type"] == "code"), _plus_severe)
    etapes["autre_devoir"] = _etape(cours, DEVOIR)
    etapes["tous_les_devoirs"] = _etape(cours)
    _modifier(cours, DEVOIR, "q1-tests", _plus_severe)
    etapes["plus_severe"] = _etape(cours, DEVOIR)
    etapes["plus_severe"]["retour_chloe"] = (cours / "feedback" / "chloe" / DEVOIR / f"{DEVOIR}.html").read_text(encoding="utf-8")
    _modifier(cours, DEVOIR, "q3-tests", lambda c: c["metadata"]["nbgrader"].update(points=3))
    etapes["bareme"] = _etape(cours, DEVOIR)
    _modifier(cours, DEVOIR, "q3-tests", lambda c: False)
    etapes["retiree"] = _etape(cours, DEVOIR)
    etapes["encore"] = _etape(cours, DEVOIR)
    return etapes


def test_classe_notee(scenario):
    assert {e: l["score"] for e, l in scenario["initiales"].items()} == {"alice": "8", "bob": "2", "chloe": "8", "david": "0"}


def test_sans_modification_rien_n_est_renote(scenario):
    etape = scenario["rien"]
    assert "rien de ce qui compte pour les notes n'a changé" in etape["sortie"], etape["sortie"]
    assert not etape["etats_touches"] and not etape["notes_csv_touche"]
    assert etape["changements"] is None


@pytest.mark.parametrize("nom", ["autre_devoir", "tous_les_devoirs"])
def test_modification_d_un_autre_devoir_rien(scenario, nom):
    etape = scenario[nom]
    assert not etape["etats_touches"] and not etape["notes_csv_touche"], etape["sortie"]
    assert etape["changements"] is None
    assert AUTRE not in etape["sortie"]  # never graded here: not even looked at
    if nom == "tous_les_devoirs":
        assert "rien de ce qui compte" in etape["sortie"] and DEVOIR in etape["sortie"]


def test_test_plus_severe_seul_l_eleve_touche_change(scenario):
    etape = scenario["plus_severe"]
    sortie = etape["sortie"]
    assert "q1-tests : tests modifiés" in sortie, sortie
    assert "4 soumission(s) renotée(s)" in sortie
    assert "Notes changées : 1 élève(s) ; 3 note(s) inchangée(s)." in sortie
    assert "  chloe : 8 → 6 (\u22122) ; q1-tests 2 → 0\n" in sortie, sortie
    assert set(etape["changements"]) == {"chloe"}
    ligne = etape["changements"]["chloe"]
    assert (ligne["ancienne_note"], ligne["nouvelle_note"], ligne["ecart"]) == ("8", "6", "-2")
    assert ligne["questions"] == "q1-tests 2 -> 0"
    notes = etape["notes"]
    assert {e: l["score"] for e, l in notes.items()} == {"alice": "9.5", "bob": "2", "chloe": "6", "david": "0"}
    # The learners have the version of the tests they were given: not « tests_modifies ».
    assert {l["statut"] for l in notes.values()} == {"ok"}, {e: l["message"] for e, l in notes.items()}
    assert "majuscule" in etape["retour_chloe"]


def test_note_manuelle_gardee_et_validee(scenario):
    for nom in ("plus_severe", "bareme", "retiree"):
        alice = scenario[nom]["notes"]["alice"]
        assert scenario[nom]["cellules"]["alice"]["q4-objectif"] == 1.5, nom
        assert alice["a_noter_main"] == "0" and "Notes manuelles comprises : q4-objectif" in alice["message"], alice


def test_bareme_corrige(scenario):
    etape = scenario["bareme"]
    sortie = etape["sortie"]
    assert "q3-tests : points modifiés : 2 → 3" in sortie, sortie
    assert "Note maximale : 10 → 11." in sortie
    assert set(etape["changements"]) == {"alice", "chloe"}, etape["changements"]
    assert etape["changements"]["alice"]["ancienne_note"] == "9.5"
    assert etape["changements"]["alice"]["nouvelle_note"] == "10.5"
    assert etape["changements"]["chloe"]["ecart"] == "1"
    assert "  alice : 9,5 → 10,5 (+1) ; q3-tests 2 → 3\n" in sortie, sortie
    assert "Notes changées : 2 élève(s) ; 2 note(s) inchangée(s)." in sortie
    assert {e: l["max_score"] for e, l in etape["notes"].items()} == dict.fromkeys(ELEVES, "11")
    assert {l["statut"] for l in etape["notes"].values()} == {"ok"}


def test_cellule_retiree(scenario):
    etape = scenario["retiree"]
    sortie = etape["sortie"]
    assert "q3-tests : cellule retirée (tests, 3 point(s))" in sortie, sortie + etape["erreurs"]
    assert "Note maximale : 11 → 8." in sortie
    assert {e: (l["ancienne_note"], l["nouvelle_note"]) for e, l in etape["changements"].items()} == {
        "alice": ("10.5", "7.5"), "chloe": ("7", "4")}
    assert "q3-tests 3 → —" in sortie
    assert "q3-tests" not in etape["cellules"]["bob"]
    assert {e: l["score"] for e, l in etape["notes"].items()} == {"alice": "7.5", "bob": "2", "chloe": "4", "david": "0"}


def test_apres_recorrection_plus_rien_a_faire(scenario):
    etape = scenario["encore"]
    assert "rien de ce qui compte" in etape["sortie"] and not etape["etats_touches"], etape["sortie"]


def test_mauvaises_entrees_messages_sans_trace(scenario, tmp_path):
    cours = scenario["cours"]
    jamais = _recorriger(cours, AUTRE)
    assert jamais.returncode == 1 and "n'a jamais été corrigé" in jamais.stderr, jamais.stderr
    assert not (cours / "notes" / AUTRE).exists()
    absent = _recorriger(cours, DEVOIR, "--sortie", str(tmp_path / "nulle-part"))
    assert absent.returncode == 1 and "Le dossier de sortie" in absent.stderr and "n'existe pas" in absent.stderr
    inconnu = _recorriger(cours, "99-inexistant")
    assert inconnu.returncode == 1 and "introuvable" in inconnu.stderr
    vide = _recorriger(tmp_path)
    assert vide.returncode == 1 and "aucun devoir déjà corrigé" in vide.stderr
    for r in (jamais, absent, inconnu, vide):
        assert "Traceback" not in r.stdout + r.stderr
