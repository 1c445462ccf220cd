"""Atelier de correction : un processus qui note les soumissions une à une, pour le chef d'orchestre.

    python -m strategie_correction.atelier <réglages.json>

Protocole : une ligne JSON par tâche sur l'entrée standard, une ligne JSON par
réponse sur la sortie standard (tout le reste part sur la sortie d'erreur, vers
le journal de l'atelier). Tâches : ``corriger`` (une soumission), ``retour``
(le retour HTML d'un élève).

L'atelier a son propre cours privé (copie du devoir, gradebook à lui, mode 711 :
un noyau ne peut rien y lister) où tourne ``nbgrader autograde`` ; le
chef d'orchestre recopie ensuite les notes dans le gradebook du cours. Les
retours, eux, sont produits directement dans le cours à partir du gradebook
du cours (notes manuelles comprises).
"""

from __future__ import annotations

import sys

from strategie_correction import _nbgrader  # noqa: F401  (before nbformat: see _nbgrader)

import copy  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from pathlib import Path  # noqa: E402


ESSAIS_DEMARRAGE = 3


def _derniere_erreur(texte: str) -> str:
    lignes = [ligne.strip() for ligne in (texte or "").splitlines() if ligne.strip()]
    for ligne in reversed(lignes):
        if "Error" in ligne or "Exception" in ligne or ligne.startswith("[ERROR]"):
            return ligne[:300]
    return (lignes[-1] if lignes else "erreur inconnue")[:300]


def charger_config(cours: Path):
    """La configuration nbgrader du cours (``nbgrader_config.py``), ou une configuration vide."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    fichier = cours / "nbgrader_config.py"
    if not fichier.is_file():
        return Config()
    return PyFileConfigLoader(fichier.name, path=str(cours)).load_config()


def configurer_prive(base, prive: Path, devoir: str):
    """La configuration d'un cours privé dans ``prive`` (dossiers créés, mode 700/711) ; renvoie (cfg, cd)."""
    from nbgrader.coursedir import CourseDirectory

    prive.mkdir(parents=True, exist_ok=True)
    os.chmod(prive, 0o711)
    cfg = copy.deepcopy(base)
    cfg.CourseDirectory.root = str(prive)
    cfg.CourseDirectory.db_url = f"sqlite:///{prive / 'gradebook.db'}"
    cfg.CourseDirectory.source_directory = "source"
    cfg.CourseDirectory.release_directory = "publie"
    cfg.CourseDirectory.submitted_directory = "soumis"
    cfg.CourseDirectory.autograded_directory = "corrige"
    cfg.CourseDirectory.feedback_directory = "retour"
    for nom in ("source", "publie", "soumis"):
        (prive / nom).mkdir(exist_ok=True)
        os.chmod(prive / nom, 0o700)
    (prive / "corrige").mkdir(exist_ok=True)
    os.chmod(prive / "corrige", 0o711)
    cd = CourseDirectory(config=cfg)
    cd.assignment_id = devoir
    return cfg, cd


def generer_prive(base, cours: Path, devoir: str, prive: Path, cfg=None, cd=None) -> None:
    """Le devoir copié des sources du cours et généré dans le gradebook privé de ``prive``."""
    from nbgrader.converters import GenerateAssignment
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import capture_log

    if cfg is None:
        cfg, cd = configurer_prive(base, prive, devoir)
    principal = CourseDirectory(config=base)
    principal.root = str(cours)
    source = Path(principal.format_path(principal.source_directory, ".", devoir))
    cible = prive / "source" / devoir
    if cible.exists():
        shutil.rmtree(cible)
    shutil.copytree(source, cible, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    generation = GenerateAssignment(coursedir=cd, config=cfg)
    generation.force = True
    generation.create_assignment = True
    resultat = capture_log(generation)
    if not resultat["success"]:
        raise RuntimeError("nbgrader generate_assignment a échoué :\n" + resultat.get("log", "") + resultat.get("error", ""))
    (prive / "gradebook.db").chmod(0o600)


def preparer_modele(cours: Path, devoir: str, modele: Path) -> None:
    """(chef d'orchestre) Le cours privé modèle que chaque atelier recopie au démarrage."""
    _nbgrader.accelerer()
    generer_prive(charger_config(cours), cours, devoir, modele)


class Atelier:
    def __init__(self, reglages: dict):
        self.r = reglages
        self.cours = Path(reglages["cours"])
        self.devoir = reglages["devoir"]
        self.prive = Path(reglages["dossier"])
        # Two working copies (with their kernel sockets), used in turn: while one learner's notebook
        # runs in one, the next learner's kernel starts in the other, under its own uid (as root).
        self.bacs = (self.prive / "bac-0", self.prive / "bac-1")
        self.rang = 0
        self.bac = self.bacs[0]
        self.resultats = Path(reglages["resultats"])
        self.uid = None
        self.uids: list[int] = []
        self.d_avance = None   # (rang, réglages JSON, gestionnaire) of the kernel started ahead

    # -- start-up -------------------------------------------------------------------------------
    def demarrer(self) -> None:
        from nbgrader.converters.autograde import Autograde
        from nbgrader.preprocessors import Execute
        import nbformat

        from strategie_correction import execution, retour

        from strategie_correction.isolation import devenir_faucheur

        _nbgrader.accelerer()
        devenir_faucheur()

        base = charger_config(self.cours)
        cfg, cd = configurer_prive(base, self.prive, self.devoir)
        modele = self.r.get("modele")
        if modele:
            # The orchestrator built this private course once; a copy costs milliseconds, a
            # generation more than a second of CPU per worker.
            for nom in ("source", "publie"):
                shutil.copytree(Path(modele) / nom / self.devoir, self.prive / nom / self.devoir, dirs_exist_ok=True)
            shutil.copyfile(Path(modele) / "gradebook.db", self.prive / "gradebook.db")
            (self.prive / "gradebook.db").chmod(0o600)
        else:
            generer_prive(base, self.cours, self.devoir, self.prive, cfg, cd)
        self.publies = {
            p.stem: nbformat.read(p, as_version=4) for p in sorted((self.prive / "publie" / self.devoir).glob("*.ipynb"))
        }
        self.echeance = None
        self.db_url = cfg.CourseDirectory.db_url
        self.course_id = cd.course_id

        # Autograde: nbgrader's preprocessors, with the confined Execute in place of the stock one.
        liste = list(cfg.get("Autograde", {}).get("autograde_preprocessors", Autograde.class_traits()["autograde_preprocessors"].default()))
        liste = [execution.ExecutionConfinee if (p is Execute or p == "nbgrader.preprocessors.Execute") else p for p in liste]
        cfg.Autograde.autograde_preprocessors = liste
        delai = int(self.r["delai_cellule"])
        cfg.Execute.timeout = delai
        cfg.ExecutePreprocessor.timeout = delai
        cfg.ExecutionConfinee.shutdown_kernel = "immediate"
        cfg.ExecutionConfinee.limite_sortie = int(self.r["limite_sortie"])
        message = f"la cellule a dépassé {delai} s et a été interrompue (boucle infinie ?)"
        cfg.ExecutionConfinee.error_on_timeout = {
            "ename": "DelaiDepasse", "evalue": message, "traceback": [f"DelaiDepasse : {message}"],
        }
        self.cfg = cfg

        # Feedback: in the course itself, from its gradebook.
        cfg_retour = copy.deepcopy(base)
        cfg_retour.CourseDirectory.root = str(self.cours)
        retour.configurer(cfg_retour, retour.installer_gabarit(self.prive / "gabarits"))
        self.cfg_retour = cfg_retour
        self.generation_retour = retour.generateur_retour()

    # -- one submission ----------------------------------------------------------------------------
    def _chemin(self, etape: str, eleve: str) -> Path:
        return self.prive / etape / eleve / self.devoir

    def _uid(self, rang: int) -> int | None:
        return self.uids[rang] if self.uids else None

    def _vider(self, eleve: str) -> None:
        """Après (et avant) une soumission : aucun processus de l'élève ne survit, rien de lui ne reste.

        Seul le noyau démarré d'avance pour l'élève suivant est épargné : il tourne sous un autre uid
        (en root), dans son propre bac et ses propres espaces de noms, et n'a encore rien exécuté.
        """
        from strategie_correction import isolation

        isolation.nettoyer(self.uid)
        epargne = set()
        if self.d_avance is not None and self.d_avance[2].provisioner is not None:
            epargne.add(self.d_avance[2].provisioner.pid)
        isolation.tuer_descendants(epargne)
        for chemin in (self.prive / "soumis" / eleve, self.prive / "corrige" / eleve, self.bac):
            # rmtree never follows a symlink planted by the learner (fd-based on Linux).
            if chemin.exists() or chemin.is_symlink():
                shutil.rmtree(chemin, ignore_errors=True)

    def _vider_bac(self, rang: int) -> None:
        from strategie_correction import isolation

        isolation.nettoyer(self._uid(rang))
        if self.bacs[rang].exists() or self.bacs[rang].is_symlink():
            shutil.rmtree(self.bacs[rang], ignore_errors=True)

    def arreter_d_avance(self) -> None:
        """Arrête le noyau démarré d'avance (fin du travail, ou plus de soumission à noter)."""
        from strategie_correction import execution

        if self.d_avance is None:
            return
        rang, _, km = self.d_avance
        self.d_avance = None
        execution.arreter_noyau(km)
        self._vider_bac(rang)

    def _preparer_bac(self, rang: int, tache: dict) -> str:
        """Crée le bac ``rang`` (copie de travail et prises du noyau) ; renvoie les réglages de son noyau."""
        from strategie_correction import isolation

        bac = self.bacs[rang]
        bac.mkdir(mode=0o711)
        for nom in ("travail", "prises"):
            (bac / nom).mkdir(mode=0o700)
        uid = self._uid(rang)
        niveau = isolation.Isolation(tache["isolation"], [uid] if uid is not None else [], bwrap=tache.get("bwrap"))
        return json.dumps(isolation.reglages_noyau(
            niveau, 0, travail=bac / "travail", prises=bac / "prises", relais=self.prive / "relais",
            memoire=self.r.get("memoire"), fichier_max=self.r.get("fichier_max"), processus=self.r.get("processus"),
        ))

    def _regler_noyau(self, tache: dict) -> None:
        """Isolation (décidée par le chef d'orchestre pendant le démarrage), noyau d'avance, échéance du devoir."""
        from strategie_correction import execution

        self.uids = list(tache.get("uids") or [])
        execution.NOYAU_D_AVANCE.clear()
        if self.d_avance is not None:
            # The kernel started ahead for this submission: its bac and uid become the current ones.
            self.rang, reglages, km = self.d_avance
            self.d_avance = None
            execution.NOYAU_D_AVANCE.append(km)
        else:
            self.rang = 1 - self.rang
            reglages = None
        self.bac, self.uid = self.bacs[self.rang], self._uid(self.rang)
        if reglages is None:
            self._vider_bac(self.rang)
            reglages = self._preparer_bac(self.rang, tache)
        self.cfg.ExecutionConfinee.reglages_json = reglages
        if tache.get("d_avance"):
            autre = 1 - self.rang
            self._vider_bac(autre)
            reglages_autre = self._preparer_bac(autre, tache)
            try:
                self.d_avance = (autre, reglages_autre, execution.demarrer_d_avance(self.cfg, reglages_autre))
            except Exception:
                traceback.print_exc()  # the next submission starts its kernel itself, as without this
        if tache.get("echeance") != self.echeance:
            from nbgrader.api import Gradebook
            from nbgrader.utils import parse_utc

            with Gradebook(self.db_url, self.course_id) as gb:
                devoir = gb.find_assignment(self.devoir)
                devoir.duedate = parse_utc(tache["echeance"]) if tache.get("echeance") else None
                gb.db.commit()
            self.echeance = tache.get("echeance")

    def corriger(self, tache: dict) -> dict:
        import nbformat
        from nbgrader.api import Gradebook, MissingEntry
        from nbgrader.converters.autograde import Autograde
        from nbgrader.coursedir import CourseDirectory
        from nbgrader.utils import capture_log

        from strategie_correction import execution, instantanes
        from strategie_correction.reparation import FICHIERS_NBGRADER, preparer
        from strategie_correction.statuts import Anomalie

        eleve = tache["eleve"]
        debut = time.monotonic()
        reponse = {"type": "corriger", "eleve": eleve, "succes": False, "anomalies": [], "notes": {}, "journal": ""}
        self._vider(eleve)
        self._regler_noyau(tache)
        execution.EVENEMENTS.clear()
        try:
            try:
                fichiers = instantanes.lire(Path(tache["instantane"]), tache["empreintes"])
            except (OSError, instantanes.InstantaneModifie) as exc:
                reponse["anomalies"] = [Anomalie(
                    "integrite_violee",
                    f"La copie privée de cette soumission a changé depuis son import ({exc}) : elle n'a pas été "
                    "notée. Relancez la correction ; si cela se reproduit, regardez les autres soumissions.",
                ).en_dict()]
                return reponse
            preparation = preparer(fichiers, self.publies)
            anomalies = list(preparation.anomalies)
            if not preparation.carnets:
                reponse["anomalies"] = [a.en_dict() for a in anomalies]
                return reponse

            travail = self._chemin("soumis", eleve)
            travail.mkdir(parents=True)
            for nom, carnet in preparation.carnets.items():
                nbformat.write(carnet, travail / f"{nom}.ipynb", version=4)
            # nbgrader's own files go along to autograded/ then feedback/: release_feedback reads the
            # date and the submission secret there (the learner's fetch_feedback finds it by that secret).
            for nom in sorted(FICHIERS_NBGRADER):
                if nom in fichiers:
                    (travail / nom).write_bytes(fichiers[nom])

            cd = CourseDirectory(config=self.cfg)
            cd.assignment_id, cd.student_id = self.devoir, eleve
            if tache.get("extension_secondes"):
                import datetime

                with Gradebook(self.cfg.CourseDirectory.db_url, cd.course_id) as gb:
                    gb.update_or_create_student(eleve)
                    gb.update_or_create_submission(self.devoir, eleve)
                    soumission = gb.find_submission(self.devoir, eleve)
                    soumission.extension = datetime.timedelta(seconds=tache["extension_secondes"])
                    gb.db.commit()
            for essai in range(1, ESSAIS_DEMARRAGE + 1):
                execution.EVENEMENTS.clear()
                notation = Autograde(coursedir=cd, config=self.cfg)
                notation.force = True
                notation.create_student = True
                resultat = capture_log(notation)
                reponse["journal"] = (resultat.get("log", "") + resultat.get("error", ""))[-20000:]
                # A kernel that dies before its first reply has run no student code: a loaded
                # machine, not the submission, is to blame, so start it again.
                if resultat["success"] or "Kernel died before replying to kernel_info" not in reponse["journal"]:
                    break
            if not resultat["success"]:
                anomalies.append(Anomalie(
                    "erreur_correction",
                    f"nbgrader n'a pas pu noter cette soumission ({_derniere_erreur(reponse['journal'])}). "
                    f"Le journal complet est dans journaux/{eleve}.log ; corrigez le carnet à la main ou "
                    "demandez un nouveau dépôt, puis relancez.",
                ))
                reponse["anomalies"] = [a.en_dict() for a in anomalies]
                return reponse

            with Gradebook(self.cfg.CourseDirectory.db_url, cd.course_id) as gb:
                soumission = gb.find_submission(self.devoir, eleve)
                reponse["horodatage"] = soumission.timestamp.isoformat() if soumission.timestamp else None
                for carnet in soumission.notebooks:
                    reponse["notes"][carnet.name] = {
                        "penalite": carnet.late_submission_penalty,
                        "notes": [
                            {"nom": g.name, "auto": g.auto_score, "max": g.max_score} for g in carnet.grades
                        ],
                        "commentaires": [{"nom": c.name, "auto": c.auto_comment} for c in carnet.comments],
                    }
                try:
                    gb.remove_submission(self.devoir, eleve)
                except MissingEntry:
                    pass

            sortie = self.resultats / eleve
            if sortie.exists():
                shutil.rmtree(sortie)
            sortie.mkdir(parents=True)
            corrige = self._chemin("corrige", eleve)
            for nom in preparation.carnets:
                shutil.copyfile(corrige / f"{nom}.ipynb", sortie / f"{nom}.ipynb")
            for nom in sorted(FICHIERS_NBGRADER):
                if (corrige / nom).is_file():
                    shutil.copyfile(corrige / nom, sortie / nom)
            reponse["carnets"] = str(sortie)

            anomalies.extend(_anomalies_execution(execution.EVENEMENTS, self.r))
            reponse["anomalies"] = [a.en_dict() for a in anomalies]
            reponse["succes"] = True
            return reponse
        finally:
            reponse["duree"] = round(time.monotonic() - debut, 3)
            self._vider(eleve)

    def retour(self, tache: dict) -> dict:
        from nbgrader.coursedir import CourseDirectory
        from nbgrader.utils import capture_log

        eleve = tache["eleve"]
        cd = CourseDirectory(config=self.cfg_retour)
        cd.assignment_id, cd.student_id = self.devoir, eleve
        generation = self.generation_retour(coursedir=cd, config=self.cfg_retour)
        generation.force = True
        resultat = capture_log(generation)
        return {
            "type": "retour", "eleve": eleve, "succes": resultat["success"],
            "journal": (resultat.get("log", "") + resultat.get("error", ""))[-5000:],
        }


def _anomalies_execution(evenements: list[dict], reglages: dict):
    from strategie_correction.statuts import Anomalie

    par_genre: dict[str, list[str]] = {}
    for e in evenements:
        cellules = par_genre.setdefault(e["genre"], [])
        if e["cellule"] not in cellules:
            cellules.append(e["cellule"])
    anomalies = []
    if "noyau_truque" in par_genre:
        raisons = sorted({e.get("raison", "") for e in evenements if e["genre"] == "noyau_truque"})
        anomalies.append(Anomalie(
            "noyau_truque",
            f"Le code de l'élève a modifié le noyau pour que les tests ne puissent plus échouer ({'; '.join(raisons)}, "
            f"repéré avant {', '.join(par_genre['noyau_truque'])}). Les tests exécutés à partir de là valent 0 ; "
            "ceux d'avant gardent leurs points. Regardez le carnet avec l'élève.",
        ))
    if "delai_bloque" in par_genre:
        anomalies.append(Anomalie(
            "delai_depasse",
            f"Cellule {', '.join(par_genre['delai_bloque'])} arrêtée après {reglages['delai_cellule']} s sans répondre "
            "à l'interruption : les questions d'avant sont notées, les cellules suivantes n'ont pas été "
            "exécutées (0). Regardez la cellule avec l'élève.",
        ))
    elif "delai" in par_genre:
        anomalies.append(Anomalie(
            "delai_depasse",
            f"Cellule(s) interrompue(s) après {reglages['delai_cellule']} s : {', '.join(par_genre['delai'])} "
            "(boucle infinie ou calcul trop long). Les autres questions sont notées normalement ; "
            "regardez la cellule avec l'élève.",
        ))
    if "noyau_arrete" in par_genre:
        anomalies.append(Anomalie(
            "noyau_arrete",
            f"Le noyau Python s'est arrêté dans {', '.join(par_genre['noyau_arrete'])} (os._exit, exit(), "
            "plantage ou mémoire). Les questions d'avant sont notées, celles d'après valent 0 ; "
            "le carnet s'arrête aussi chez l'élève avec « Redémarrer et tout exécuter ».",
        ))
    if "memoire" in par_genre:
        anomalies.append(Anomalie(
            "memoire_depassee",
            f"Mémoire épuisée (limite {int(reglages.get('memoire') or 0) // 2**20} Mo) dans "
            f"{', '.join(par_genre['memoire'])}. Cette cellule a échoué, les autres sont notées ; "
            "relancez avec --memoire si l'exercice demande vraiment plus.",
        ))
    if "sortie" in par_genre:
        anomalies.append(Anomalie(
            "sortie_tronquee",
            f"Sortie trop longue tronquée à {int(reglages['limite_sortie']) // 1000} Ko dans "
            f"{', '.join(par_genre['sortie'])} ; la note n'en dépend pas.",
        ))
    return anomalies


def main(argv: list[str] | None = None) -> int:
    import warnings

    argv = sys.argv[1:] if argv is None else argv
    reglages = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    binaires = str(Path(sys.executable).parent)  # nbgrader runs alembic from PATH
    if binaires not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = binaires + os.pathsep + os.environ.get("PATH", "")
    # nbgrader's add_submission triggers SQLAlchemy autoflush warnings that mean nothing here.
    warnings.filterwarnings("ignore", message=".*not in session.*")
    # The protocol keeps the real stdout; anything printed by nbgrader or jupyter goes to stderr.
    canal = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def envoyer(message: dict) -> None:
        canal.write(json.dumps(message, ensure_ascii=False) + "\n")
        canal.flush()

    atelier = Atelier(reglages)
    try:
        atelier.demarrer()
    except Exception:
        envoyer({"type": "echec", "erreur": traceback.format_exc()[-5000:]})
        return 1
    envoyer({"type": "pret"})
    for ligne in sys.stdin:
        if not ligne.strip():
            continue
        tache = json.loads(ligne)
        try:
            if tache["type"] == "corriger":
                envoyer(atelier.corriger(tache))
            elif tache["type"] == "retour":
                envoyer(atelier.retour(tache))
            elif tache["type"] == "fin":
                atelier.arreter_d_avance()
                break
        except Exception:
            envoyer({"type": tache.get("type"), "eleve": tache.get("eleve"), "succes": False, "anomalies": [],
                     "notes": {}, "exception": traceback.format_exc()[-5000:]})
    return 0


if __name__ == "__main__":
    sys.exit(main())
