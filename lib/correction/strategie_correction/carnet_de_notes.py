"""Le gradebook du cours : le devoir, les notes des ateliers, ce qu'on exporte.

Seul le chef d'orchestre écrit dans le gradebook du cours (SQLite n'aime pas
les écrivains concurrents) : un atelier note dans son gradebook privé, puis
ses notes sont recopiées ici, comme ``SaveAutoGrades`` l'aurait fait. Les
notes manuelles (formgrader) ne sont jamais effacées : si une réponse déjà
notée à la main est notée de nouveau, la cellule repasse « à revoir » dans le
formgrader et la note manuelle reste celle qui compte, comme avec nbgrader.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
from pathlib import Path


class ErreurCorrection(Exception):
    """Un problème qui empêche toute la correction (message en français)."""


def empreinte_dossier(dossier: Path) -> str:
    h = hashlib.sha256()
    for chemin in sorted(dossier.rglob("*")):
        if chemin.is_file() and ".ipynb_checkpoints" not in chemin.parts and "__pycache__" not in chemin.parts:
            h.update(chemin.relative_to(dossier).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(chemin.read_bytes()).digest())
    return h.hexdigest()


def devoir_a_jour(db_url: str, course_id: str, devoir: str, carnets: list[str]) -> bool:
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url, course_id) as gb:
        try:
            assignment = gb.find_assignment(devoir)
        except MissingEntry:
            return False
        return sorted(n.name for n in assignment.notebooks) == sorted(carnets)


def generer_devoir(cfg, cours: Path, devoir: str, temporaire: Path) -> None:
    """``nbgrader generate_assignment`` dans le gradebook du cours, sans toucher à exercises/."""
    import copy

    from nbgrader.converters import GenerateAssignment
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import capture_log

    cfg = copy.deepcopy(cfg)
    cfg.CourseDirectory.root = str(cours)
    cfg.CourseDirectory.release_directory = str(temporaire / "publication")
    cd = CourseDirectory(config=cfg)
    cd.assignment_id = devoir
    generation = GenerateAssignment(coursedir=cd, config=cfg)
    generation.force = True
    generation.create_assignment = True
    resultat = capture_log(generation)
    if not resultat["success"]:
        journal = resultat.get("log", "") + resultat.get("error", "")
        if "because there are submissions associated" in journal:
            raise ErreurCorrection(
                f"solutions/{devoir} a changé (cellules ou carnets ajoutés ou retirés) alors que le gradebook "
                "contient déjà des soumissions notées de ce devoir. Remettez la version précédente du devoir, "
                f"ou retirez ces soumissions du gradebook (nbgrader db submission remove {devoir} <élève>) "
                "avant de relancer."
            )
        raise ErreurCorrection(
            f"nbgrader n'a pas pu enregistrer le devoir {devoir} dans le gradebook :\n{journal[-3000:]}"
        )


def echeance_et_extensions(db_url: str, course_id: str, devoir: str) -> tuple[str | None, dict[str, float]]:
    from nbgrader.api import Gradebook

    with Gradebook(db_url, course_id) as gb:
        assignment = gb.find_assignment(devoir)
        echeance = assignment.duedate.isoformat() if assignment.duedate else None
        extensions = {
            s.student.id: s.extension.total_seconds() for s in assignment.submissions if s.extension is not None
        }
    return echeance, extensions


@contextlib.contextmanager
def une_transaction(gb):
    """Les écritures de nbgrader faites dans ce bloc forment une seule transaction du gradebook.

    Chaque méthode ``update_or_create_*`` de nbgrader valide (``commit``) aussitôt : trois à cinq
    validations par élève, chacune attendant le disque (``fsync``), pendant que le chef d'orchestre
    ne distribue plus rien. Ici elles ne font qu'envoyer leurs écritures (``flush``, les contraintes
    sont vérifiées de même) ; la validation a lieu une fois, à la fin, et une erreur annule tout le bloc.
    """
    valider = gb.db.commit
    gb.db.commit = gb.db.flush
    try:
        yield gb
    except BaseException:
        gb.db.commit = valider
        gb.db.rollback()
        raise
    gb.db.commit = valider
    gb.db.commit()


def fusionner(gb, devoir: str, eleve: str, nom: str, resultat: dict) -> None:
    """Recopie les notes d'un atelier dans le gradebook du cours (règles de SaveAutoGrades), en une transaction."""
    from nbgrader.api import Comment, Grade

    infos = {"last_name": nom} if nom and nom != eleve else {}
    with une_transaction(gb):
        gb.update_or_create_student(eleve, **infos)
        extra = {"timestamp": resultat["horodatage"]} if resultat.get("horodatage") else {}
        gb.update_or_create_submission(devoir, eleve, **extra)
        for carnet, notes in resultat["notes"].items():
            soumis = gb.find_submission_notebook(carnet, devoir, eleve)
            soumis.late_submission_penalty = notes.get("penalite")
            notes_du_carnet = _par_cellule(gb, Grade, soumis)
            for note in notes["notes"]:
                grade = _trouver(notes_du_carnet, note["nom"], "note", carnet, eleve)
                grade.auto_score = note["auto"]
                grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
            commentaires_du_carnet = _par_cellule(gb, Comment, soumis)
            for commentaire in notes["commentaires"]:
                _trouver(commentaires_du_carnet, commentaire["nom"], "commentaire", carnet, eleve).auto_comment = \
                    commentaire["auto"]


def _par_cellule(gb, classe, soumis) -> dict:
    """Les notes (ou commentaires) d'un carnet soumis, par nom de cellule, en une requête.

    ``find_grade`` de nbgrader fait une jointure de cinq tables par cellule : la moitié du temps que
    le chef d'orchestre passait à recopier les notes d'un élève.
    """
    from nbgrader.api import BaseCell

    requete = gb.db.query(classe, BaseCell.name).join(BaseCell, classe.cell_id == BaseCell.id)
    return {nom: element for element, nom in requete.filter(classe.notebook_id == soumis.id)}


def _trouver(elements: dict, nom: str, quoi: str, carnet: str, eleve: str):
    from nbgrader.api import MissingEntry

    if nom not in elements:
        raise MissingEntry(f"pas de {quoi} « {nom} » dans le carnet {carnet} de {eleve}")
    return elements[nom]


def retirer(gb, devoir: str, eleve: str, nom: str) -> None:
    """Un élève sans carnet notable : connu du gradebook (0 à l'export), sans soumission."""
    from nbgrader.api import MissingEntry

    infos = {"last_name": nom} if nom and nom != eleve else {}
    gb.update_or_create_student(eleve, **infos)
    try:
        gb.remove_submission(devoir, eleve)
    except MissingEntry:
        pass


def lire(gb, devoir: str) -> tuple[dict, list[dict], float]:
    """Notes du gradebook : {élève: {score, max_score, cellules}}, cellules notées, note maximale."""
    assignment = gb.find_assignment(devoir)
    manuelles = set()
    cellules = []
    for carnet in sorted(assignment.notebooks, key=lambda n: n.name):
        solutions = {c.name for c in carnet.solution_cells}
        ordre = {c.name: i for i, c in enumerate(carnet.source_cells)}
        for cellule in sorted(carnet.grade_cells, key=lambda c: ordre.get(c.name, 0)):
            manuel = cellule.name in solutions or cellule.cell_type == "markdown"
            if manuel:
                manuelles.add((carnet.name, cellule.name))
            cellules.append({
                "carnet": carnet.name, "cellule": cellule.name, "points": cellule.max_score,
                "genre": "à la main" if manuel else "automatique",
            })
    notes = {}
    for soumission in assignment.submissions:
        par_cellule = {}
        for carnet in soumission.notebooks:
            for grade in carnet.grades:
                par_cellule[(carnet.name, grade.name)] = {
                    "score": grade.score, "max": grade.max_score, "auto": grade.auto_score,
                    "manuel": grade.manual_score, "attente": bool(grade.needs_manual_grade),
                    "a_la_main": (carnet.name, grade.name) in manuelles,
                }
        notes[soumission.student.id] = {
            "score": soumission.score - (soumission.late_submission_penalty or 0),
            "max_score": soumission.max_score,
            "penalite": soumission.late_submission_penalty or 0,
            "cellules": par_cellule,
        }
    return notes, cellules, assignment.max_score


def empreinte_retour(gb, devoir: str, eleve: str, corrige: Path) -> str | None:
    """Ce dont dépend le retour d'un élève : carnets notés, notes et commentaires (manuels compris)."""
    from nbgrader.api import MissingEntry

    try:
        soumission = gb.find_submission(devoir, eleve)
    except MissingEntry:
        return None
    h = hashlib.sha256()
    for carnet in sorted(soumission.notebooks, key=lambda n: n.name):
        chemin = corrige / f"{carnet.name}.ipynb"
        if not chemin.is_file():
            return None
        h.update(hashlib.sha256(chemin.read_bytes()).digest())
        h.update(repr(carnet.late_submission_penalty).encode())
        for g in sorted(carnet.grades, key=lambda g: g.name):
            h.update(repr((g.name, g.auto_score, g.manual_score, g.extra_credit)).encode())
        for c in sorted(carnet.comments, key=lambda c: c.name):
            h.update(repr((c.name, c.auto_comment, c.manual_comment)).encode())
    return h.hexdigest()


def installer_corrige(resultats: Path, cible: Path) -> None:
    """Remplace ``autograded/<élève>/<devoir>`` par les carnets notés par l'atelier."""
    provisoire = cible.parent / f".{cible.name}.corrige"
    if provisoire.exists():
        shutil.rmtree(provisoire)
    provisoire.mkdir(parents=True)
    for fichier in resultats.iterdir():
        shutil.copyfile(fichier, provisoire / fichier.name)
    if cible.exists():
        shutil.rmtree(cible)
    provisoire.rename(cible)


def message_attente(cellules: dict) -> str:
    attente = sorted(nom for (_, nom), c in cellules.items() if c["attente"])
    manuelles = sorted(nom for (_, nom), c in cellules.items() if c["a_la_main"] and c["manuel"] is not None)
    morceaux = []
    if attente:
        morceaux.append(
            f"À noter à la main dans le formgrader : {', '.join(attente)} ; la note est provisoire, "
            "relancez strategie corriger après la notation pour l'exporter."
        )
    if manuelles:
        morceaux.append(f"Notes manuelles comprises : {', '.join(manuelles)}.")
    return " ".join(morceaux)

