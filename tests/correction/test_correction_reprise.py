"""`strategie corriger` et le formgrader : la réponse rédigée s'y voit, la note manuelle qu'on y met est
exportée à l'exécution suivante ; deux exécutions donnent le même notes.csv ; une exécution tuée au
milieu reprend sans rien perdre ni doubler.

Une classe de six élèves (dossier par élève) est corrigée une fois dans un cours de référence ; le
même dossier de soumissions sert au cours qu'on interrompt.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from test_correction import DEVOIR, TOUTES, carnet, corriger, cours_jetable, notes_csv

pytestmark = pytest.mark.carnets

ELEVES = {
    "alice": TOUTES, "bob": ("q1-prenom",), "chloe": (), "david": ("q1-prenom", "q2-marge"),
    "emma": ("q2-marge", "q3-blocs"), "farid": TOUTES,
}


@pytest.fixture(scope="module")
def depots(tmp_path_factory) -> Path:
    dossier = tmp_path_factory.mktemp("depots") / "depots"
    for eleve, justes in ELEVES.items():
        (dossier / eleve).mkdir(parents=True)
        (dossier / eleve / f"{DEVOIR}.ipynb").write_text(json.dumps(carnet(justes)), encoding="utf-8")
    return dossier


@pytest.fixture(scope="module")
def reference(tmp_path_factory, depots):
    cours = cours_jetable(tmp_path_factory.mktemp("reference") / "cours")
    resultat = corriger(cours, str(depots), "--paralleles", "2")
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    csv_ = (cours / "notes" / DEVOIR / "notes.csv").read_bytes()
    return {"cours": cours, "csv": csv_, "sortie": resultat.stdout}


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Formgrader:
    """Un serveur Jupyter avec le formgrader de nbgrader, piloté par son API HTTP (celle de l'interface)."""

    def __init__(self, cours: Path):
        self.port, self.jeton = _port_libre(), "jeton-de-test"
        commande = [
            sys.executable, "-m", "jupyter", "server", "--no-browser", f"--port={self.port}",
            f"--ServerApp.root_dir={cours}", f"--IdentityProvider.token={self.jeton}",
            "--ServerApp.port_retries=0",
        ]
        if os.geteuid() == 0:
            commande.append("--allow-root")
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(cours / ".jupyter-test")}
        self.proc = subprocess.Popen(commande, cwd=cours, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        limite = time.monotonic() + 120
        while True:
            try:
                if self.appel("GET", "/formgrader/api/status").get("status"):
                    return
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > limite:
                self.arreter()
                raise RuntimeError("le serveur Jupyter (formgrader) n'a pas démarré : " + self.proc.stderr.read().decode()[-3000:])
            time.sleep(0.5)

    def appel(self, methode: str, chemin: str, donnees: dict | None = None, brut: bool = False):
        requete = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{chemin}", method=methode,
            data=None if donnees is None else json.dumps(donnees).encode(),
            headers={"Authorization": f"token {self.jeton}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(requete, timeout=60) as reponse:
            corps = reponse.read().decode("utf-8")
        return corps if brut else json.loads(corps)

    def arreter(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def test_aller_retour_note_manuelle_formgrader(reference):
    cours = reference["cours"]
    avant = notes_csv(cours)
    assert avant["alice"]["score"] == "8" and avant["alice"]["a_noter_main"] == "1", avant["alice"]
    assert "formgrader" in avant["alice"]["message"]

    serveur = Formgrader(cours)
    try:
        soumissions = serveur.appel("GET", f"/formgrader/api/submitted_notebooks/{DEVOIR}/{DEVOIR}")
        alice = next(s for s in soumissions if s["student"] == "alice")
        assert alice["needs_manual_grade"], alice
        page = serveur.appel("GET", f"/formgrader/submissions/{alice['id']}/", brut=True)
        assert "décrire le modèle économique de mon association" in page, "la réponse rédigée n'est pas dans le formgrader"
        notes = serveur.appel("GET", f"/formgrader/api/grades?submission_id={alice['id']}")
        redigee = next(n for n in notes if n["name"] == "q4-objectif")
        assert redigee["needs_manual_grade"] and redigee["auto_score"] is None
        serveur.appel("PUT", f"/formgrader/api/grade/{redigee['id']}", {"manual_score": 1.5, "extra_credit": 0})
        commentaires = serveur.appel("GET", f"/formgrader/api/comments?submission_id={alice['id']}")
        commentaire = next(c for c in commentaires if c["name"] == "q4-objectif")
        serveur.appel("PUT", f"/formgrader/api/comment/{commentaire['id']}", {"manual_comment": "Objectif clair, bravo."})
    finally:
        serveur.arreter()

    resultat = corriger(cours)  # the submissions are already in submitted/: no folder needed
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert "0 corrigé(s) maintenant" in resultat.stdout, resultat.stdout
    apres = notes_csv(cours)
    assert apres["alice"]["score"] == "9.5", apres["alice"]
    assert apres["alice"]["a_noter_main"] == "0"
    assert "Notes manuelles comprises : q4-objectif" in apres["alice"]["message"]
    assert {k: v for k, v in apres.items() if k != "alice"} == {k: v for k, v in avant.items() if k != "alice"}
    retour = (cours / "feedback" / "alice" / DEVOIR / f"{DEVOIR}.html").read_text(encoding="utf-8")
    assert "Objectif clair, bravo." in retour and "9.5 / 10.0" in retour

    # nbgrader's own export sees the same manual grade.
    export = subprocess.run(
        [sys.executable, "-m", "nbgrader", "export", f"--CourseDirectory.root={cours}", "--to", str(cours / "grades.csv")],
        cwd=cours, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]},
    )
    assert export.returncode == 0, export.stdout + export.stderr
    with open(cours / "grades.csv", encoding="utf-8") as f:
        lignes = {l["student_id"]: l for l in csv.DictReader(f) if l["assignment"] == DEVOIR}
    assert float(lignes["alice"]["score"]) == 9.5

    # Idempotent: once more, nothing to do and the very same notes.csv.
    premier = (cours / "notes" / DEVOIR / "notes.csv").read_bytes()
    date_retour = (cours / "feedback" / "alice" / DEVOIR / f"{DEVOIR}.html").stat().st_mtime_ns
    encore = corriger(cours)
    assert encore.returncode == 0, encore.stdout + encore.stderr
    assert "0 corrigé(s) maintenant, 6 déjà à jour" in encore.stdout, encore.stdout
    assert (cours / "notes" / DEVOIR / "notes.csv").read_bytes() == premier
    assert (cours / "feedback" / "alice" / DEVOIR / f"{DEVOIR}.html").stat().st_mtime_ns == date_retour


def test_deux_executions_meme_notes_csv(tmp_path, depots, reference):
    cours = cours_jetable(tmp_path / "cours")
    for _ in range(2):
        resultat = corriger(cours, str(depots))
        assert resultat.returncode == 0, resultat.stdout + resultat.stderr
        assert (cours / "notes" / DEVOIR / "notes.csv").read_bytes() == reference["csv"]
    assert "0 corrigé(s) maintenant, 6 déjà à jour" in resultat.stdout


def test_reprise_apres_interruption(tmp_path, depots, reference):
    cours = cours_jetable(tmp_path / "cours")
    etat = cours / "notes" / DEVOIR / ".etat" / "eleves"
    proc = subprocess.Popen(
        [sys.executable, "-m", "strategie", "corriger", DEVOIR, str(depots), "--paralleles", "2"],
        cwd=cours, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    limite = time.monotonic() + 600
    while not (etat.is_dir() and any(etat.glob("*.json"))):
        assert proc.poll() is None, "la correction a fini avant d'être interrompue : " + proc.stdout.read().decode()
        assert time.monotonic() < limite, "aucune soumission corrigée en 10 minutes"
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    faits = len(list(etat.glob("*.json")))
    assert 1 <= faits < len(ELEVES), f"{faits} élèves déjà corrigés au moment de l'arrêt"

    resultat = corriger(cours, str(depots))
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert f"{faits} déjà à jour" in resultat.stdout, resultat.stdout
    assert (cours / "notes" / DEVOIR / "notes.csv").read_bytes() == reference["csv"]
    with sqlite3.connect(cours / "gradebook.db") as db:
        soumissions = dict(db.execute("SELECT student_id, COUNT(*) FROM submitted_assignment GROUP BY student_id"))
        notes = db.execute("SELECT COUNT(*) FROM grade").fetchone()[0]
    assert soumissions == {eleve: 1 for eleve in ELEVES}
    assert notes == 4 * len(ELEVES)
    for eleve in ELEVES:
        assert (cours / "feedback" / eleve / DEVOIR / f"{DEVOIR}.html").is_file(), eleve
