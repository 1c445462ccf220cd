"""Le chef d'orchestre de ``strategie corriger``.

1. importe les soumissions dans ``submitted/`` (dossiers par élève ou zips) ;
2. enregistre le devoir dans le gradebook du cours si besoin ;
3. confie chaque soumission nouvelle ou modifiée à un atelier (processus
   parallèles, code des élèves confiné), recopie ses notes dans le gradebook
   et son carnet noté dans ``autograded/`` ;
4. fait produire les retours en français (``feedback/``) ;
5. écrit ``notes.csv`` et ``rapport.html`` depuis le gradebook (notes
   manuelles du formgrader comprises).

L'état de chaque élève est écrit dans ``<sortie>/.etat/`` après l'enregistrement
de ses notes : une exécution interrompue reprend là où elle s'est arrêtée, et
une deuxième exécution sur les mêmes soumissions ne refait que les retours dont
les notes ont changé (notation manuelle) et réécrit le même notes.csv.
"""

from __future__ import annotations

import sys

from strategie_correction import _nbgrader  # noqa: F401  (before nbformat: see _nbgrader)

import json  # noqa: E402
import os  # noqa: E402
import selectors  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import deque  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

from strategie_correction import isolation as _isolation  # noqa: E402
from strategie_correction import importation, rapport  # noqa: E402
from strategie_correction.carnet_de_notes import ErreurCorrection  # noqa: E402
from strategie_correction.progression import Progression  # noqa: E402
from strategie_correction.statuts import BLOQUANTS, Anomalie, statut_principal, trier  # noqa: E402

VERSION_ETAT = 2


@dataclass
class Options:
    devoir: str
    soumissions: Path | None = None
    cours: Path = field(default_factory=Path.cwd)
    sortie: Path | None = None
    lms: str = "auto"
    motif: str | None = None
    paralleles: int | None = None
    delai_cellule: int | None = None
    delai_total: int | None = None
    memoire_mo: int = 2048
    limite_sortie_ko: int = 1000
    isolation: str = "auto"          # auto, bwrap, landlock ou aucune (--sans-isolation)
    retours: bool = True
    progression: bool = True
    noyau_d_avance: bool = True      # start the next learner's kernel while one is graded (if safe)
    feuille_moodle: Path | None = None  # Moodle grading worksheet to fill (else: found in the output folder)
    crochets: object | None = None   # re-grading (recorrection._Etapes): .avant_notation(c), .avant_export(c)


@dataclass
class Bilan:
    """Ce qu'une exécution a produit."""

    lignes: list[dict]
    notes_csv: Path
    rapport_html: Path
    corrigees: int
    reprises: int
    duree: float
    isolation: str
    comptes: dict[str, int]


class _Fourche:
    """Un atelier né d'un ``fork`` du chef d'orchestre (interface réduite de ``subprocess.Popen``).

    Le chef d'orchestre a déjà importé nbgrader : un atelier né d'un fork n'a pas à le refaire
    (1 à 2 s de calcul par atelier).
    """

    def __init__(self, chemin: Path, journal, dossier: Path):
        from strategie_correction import atelier

        vers_atelier, entree = os.pipe()
        sortie, depuis_atelier = os.pipe()
        for flux in (sys.stdout, sys.stderr):
            flux.flush()
        pid = os.fork()
        if pid == 0:  # the worker
            code = 1
            try:
                # Objects inherited from the orchestrator are never collected here: a file object of
                # theirs must not close, at some random moment, a descriptor the worker reuses.
                import gc

                gc.freeze()
                _nbgrader.oublier_moteurs()
                os.setsid()
                for signal_ in (signal.SIGINT, signal.SIGTERM):
                    signal.signal(signal_, signal.SIG_DFL)
                os.dup2(vers_atelier, 0)
                os.dup2(depuis_atelier, 1)
                os.dup2(journal.fileno(), 2)
                # Other workers' pipe ends must not stay open here, or they would never see EOF.
                os.closerange(3, 4096)
                sys.stdin = open(0, "r", encoding="utf-8", closefd=False)
                sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
                sys.stderr = open(2, "w", encoding="utf-8", closefd=False, buffering=1)
                os.chdir(dossier)
                code = atelier.main([str(chemin)])
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                os._exit(code or 0)
        os.close(vers_atelier)
        os.close(depuis_atelier)
        self.pid = pid
        self.stdin = os.fdopen(entree, "wb")
        self.stdout = os.fdopen(sortie, "rb")
        self.returncode = None

    def poll(self):
        if self.returncode is None:
            try:
                fini, statut = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                fini, statut = self.pid, 0
            if fini:
                self.returncode = os.waitstatus_to_exitcode(statut)
        return self.returncode

    def wait(self, timeout=None):
        limite = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if limite is not None and time.monotonic() > limite:
                raise subprocess.TimeoutExpired("atelier", timeout)
            time.sleep(0.02)
        return self.returncode


class _Atelier:
    """Un processus atelier et la tâche qu'il traite."""

    def __init__(self, numero: int, reglages: dict, dossier: Path, journal: Path):
        self.numero = numero
        self.reglages = reglages
        chemin = dossier / f"atelier-{numero}.json"
        chemin.write_text(json.dumps(reglages), encoding="utf-8")
        self.journal = open(journal, "ab")
        if hasattr(os, "fork"):
            self.proc = _Fourche(chemin, self.journal, dossier)
        else:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "strategie_correction.atelier", str(chemin)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.journal,
                start_new_session=True, cwd=str(dossier),
            )
        self.tampon = b""
        self.pret = False
        self.tache: dict | None = None
        self.echeance: float | None = None
        self.demarre = time.monotonic()

    def envoyer(self, tache: dict, delai: float) -> None:
        self.tache = tache
        self.echeance = time.monotonic() + delai
        self.proc.stdin.write((json.dumps(tache) + "\n").encode("utf-8"))
        self.proc.stdin.flush()

    def lire(self) -> list[dict] | None:
        """Les messages complets reçus ; None si l'atelier a fermé sa sortie."""
        morceau = os.read(self.proc.stdout.fileno(), 65536)
        if not morceau:
            return None
        self.tampon += morceau
        messages = []
        while b"\n" in self.tampon:
            ligne, self.tampon = self.tampon.split(b"\n", 1)
            if ligne.strip():
                messages.append(json.loads(ligne))
        return messages

    def arreter(self, isolation: _isolation.Isolation | None) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for uid in (isolation.uids_atelier(self.numero) if isolation is not None else []):
            _isolation.nettoyer(uid)
        for flux in (self.proc.stdin, self.proc.stdout):
            try:
                flux.close()
            except OSError:
                pass
        self.journal.close()

    def finir(self) -> None:
        try:
            self.proc.stdin.write(b'{"type": "fin"}\n')
            self.proc.stdin.flush()
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
        self.proc.stdout.close()
        self.journal.close()


def _ecrire_json(chemin: Path, donnees: dict) -> None:
    provisoire = chemin.with_suffix(".tmp")
    provisoire.write_text(json.dumps(donnees, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    provisoire.replace(chemin)


def _lire_json(chemin: Path) -> dict | None:
    try:
        return json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _nettoyer_temporaires() -> None:
    """Efface les dossiers de travail laissés par une correction tuée (son processus n'existe plus)."""
    for dossier in [*Path(tempfile.gettempdir()).glob("strategie-correction-*"),
                    *_isolation.dossier_de_travail().glob("strategie-correction-*")]:
        try:
            pid = int((dossier / "pid").read_text().strip())
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(dossier, ignore_errors=True)
        except (OSError, ValueError):
            if time.time() - dossier.stat().st_mtime > 86400:
                shutil.rmtree(dossier, ignore_errors=True)


class _Verrou:
    """Une seule correction à la fois par dossier de sortie."""

    def __init__(self, chemin: Path):
        self.chemin = chemin

    def __enter__(self):
        try:
            autre = int(self.chemin.read_text().strip())
        except (OSError, ValueError):
            autre = None
        if autre and autre != os.getpid():
            try:
                os.kill(autre, 0)
            except ProcessLookupError:
                pass
            except PermissionError:
                raise ErreurCorrection(f"Une correction tourne déjà sur ce devoir (processus {autre}).") from None
            else:
                raise ErreurCorrection(
                    f"Une correction tourne déjà sur ce devoir (processus {autre}). Attendez qu'elle finisse ; "
                    f"si elle a été tuée, effacez {self.chemin}."
                )
        self.chemin.write_text(str(os.getpid()))
        return self

    def __exit__(self, *exc):
        try:
            self.chemin.unlink()
        except OSError:
            pass


class Correction:
    """Une exécution de ``strategie corriger`` ; chaque étape est une méthode (voir le module)."""

    def __init__(self, options: Options, flux=None):
        self.o = options
        self.flux = flux or sys.stderr
        self.debut = time.monotonic()
        self.isolation: _isolation.Isolation | None = None
        self.en_cours: dict[str, float] = {}         # learners being graded right now
        self.quarantaine: deque = deque()             # suspects of a violation, graded one at a time
        self.violations: dict[str, list[str]] = {}    # learner -> paths changed while they were graded

    # -- helpers ---------------------------------------------------------------------------------------
    def dire(self, texte: str) -> None:
        if self.o.progression:
            self.flux.write(texte + "\n")
            self.flux.flush()

    def _preparer_cours(self, creer: bool = True) -> None:
        from nbgrader.coursedir import CourseDirectory

        from strategie_correction.atelier import charger_config

        self.cours = Path(self.o.cours).resolve()
        if not self.cours.is_dir():
            raise ErreurCorrection(f"Le dossier du cours {self.cours} n'existe pas.")
        self.cfg = charger_config(self.cours)
        cd = CourseDirectory(config=self.cfg)
        cd.root = str(self.cours)
        self.cd = cd
        self.course_id = cd.course_id
        self.db_url = cd.db_url
        self.source = Path(cd.format_path(cd.source_directory, ".", self.o.devoir))
        if not self.source.is_dir() or not list(self.source.glob("*.ipynb")):
            racine = Path(cd.format_path(cd.source_directory, ".", "."))
            connus = sorted(p.name for p in racine.iterdir() if p.is_dir() and not p.name.startswith(".")) if racine.is_dir() else []
            raise ErreurCorrection(
                f"Le devoir « {self.o.devoir} » est introuvable dans {racine} (lancez la commande depuis le "
                f"dossier du cours, ou donnez --cours). Devoirs disponibles : {', '.join(connus) or 'aucun'}."
            )
        self.carnets = sorted(p.stem for p in self.source.glob("*.ipynb"))
        self.soumis_racine = Path(cd.format_path(cd.submitted_directory, ".", ".")).resolve()
        self.sortie = Path(self.o.sortie or self.cours / "notes" / self.o.devoir).resolve()
        self.etat = self.sortie / ".etat"
        if creer:
            (self.etat / "eleves").mkdir(parents=True, exist_ok=True)
            (self.sortie / "journaux").mkdir(parents=True, exist_ok=True)
        execution = self.cfg.get("Execute", {})
        self.delai_cellule = int(self.o.delai_cellule or execution.get("timeout", 30) or 30)
        self.delai_total = int(self.o.delai_total or max(300, 10 * self.delai_cellule))

    def _chemin(self, etape: str, eleve: str) -> Path:
        return Path(self.cd.format_path(etape, eleve, self.o.devoir))

    def _description(self) -> str:
        return self.isolation.description(
            delai_cellule=self.delai_cellule, delai_total=self.delai_total, memoire_mo=self.o.memoire_mo,
            sortie_ko=self.o.limite_sortie_ko)

    # -- main entry --------------------------------------------------------------------------------------
    def executer(self) -> Bilan:
        # nbgrader runs helpers (alembic) found on PATH: this environment's, even if it is not activated.
        binaires = str(Path(sys.executable).parent)
        if binaires not in os.environ.get("PATH", "").split(os.pathsep):
            os.environ["PATH"] = binaires + os.pathsep + os.environ.get("PATH", "")
        _nbgrader.accelerer()
        self._preparer_cours()
        with _Verrou(self.etat / "verrou"):
            _nettoyer_temporaires()
            temporaire = Path(tempfile.mkdtemp(prefix="strategie-correction-", dir=_isolation.dossier_de_travail()))
            os.chmod(temporaire, 0o711)
            (temporaire / "pid").write_text(str(os.getpid()))
            self.temporaire = temporaire
            try:
                return self._executer()
            finally:
                shutil.rmtree(temporaire, ignore_errors=True)

    def _executer(self) -> Bilan:
        import warnings

        from sqlalchemy.exc import SAWarning

        # nbgrader's own add_submission triggers these autoflush warnings; they say nothing to a trainer.
        warnings.filterwarnings("ignore", category=SAWarning)
        if self.o.crochets is not None:
            self.o.crochets.avant_notation(self)
        self.importer()
        self._memoriser_options()
        self.choisir()
        self.noter()
        if self.o.crochets is not None:
            self.o.crochets.avant_export(self)
        return self.exporter()

    def _memoriser_options(self) -> None:
        """Les options de cette correction, que ``--recorriger`` reprend (mêmes soumissions, mêmes réglages)."""
        o = self.o
        _ecrire_json(self.etat / "correction.json", {
            "soumissions": str(Path(o.soumissions).resolve()) if o.soumissions else None,
            "lms": o.lms, "motif": o.motif, "delai_cellule": o.delai_cellule, "delai_total": o.delai_total,
            "memoire_mo": o.memoire_mo, "limite_sortie_ko": o.limite_sortie_ko, "isolation": o.isolation,
            "retours": o.retours, "noyau_d_avance": o.noyau_d_avance, "paralleles": o.paralleles,
            "feuille_moodle": str(Path(o.feuille_moodle).resolve()) if o.feuille_moodle else None,
            "date": time.strftime("%Y-%m-%d %H:%M"),
        })

    # -- 1. import -----------------------------------------------------------------------------------------
    def importer(self) -> None:
        """Soumissions → submitted/ du cours, et un instantané privé haché de chacune."""
        from strategie_correction import instantanes

        extraction = self.temporaire / "extraction"
        extraction.mkdir(mode=0o700)
        dossier = Path(self.o.soumissions).resolve() if self.o.soumissions else self.soumis_racine
        en_place = dossier == self.soumis_racine
        if en_place and not dossier.is_dir():
            raise ErreurCorrection(
                f"Aucune soumission : {dossier} n'existe pas. Donnez le dossier des soumissions "
                "(strategie corriger DEVOIR DOSSIER) ou collectez-les d'abord (nbgrader collect DEVOIR)."
            )
        try:
            soumissions, inconnus = importation.lister(
                dossier, self.o.devoir, extraction, lms=self.o.lms, motif=self.o.motif, en_place=en_place,
            )
        except importation.ErreurImportation as exc:
            raise ErreurCorrection(str(exc)) from None
        if not soumissions and not inconnus:
            raise ErreurCorrection(f"Aucune soumission trouvée dans {dossier}.")
        self.soumissions, self.inconnus = soumissions, inconnus
        self.par_eleve = {s.eleve: s for s in soumissions}
        self.contenus: dict[str, dict[str, bytes]] = {}
        self.instantanes: dict[str, dict[str, str]] = {}
        racine = self.temporaire / "instantanes"
        racine.mkdir(mode=0o700)
        for s in soumissions:
            if s.fichiers or not s.anomalies:
                importation.importer(s, self._chemin(self.cd.submitted_directory, s.eleve))
            self.contenus[s.eleve] = importation.contenu(s) if s.fichiers or not s.anomalies else {}
            self.instantanes[s.eleve] = instantanes.ecrire(racine / s.eleve, self.contenus[s.eleve])
        self.empreintes = {s.eleve: importation.empreinte(s) for s in soumissions}

    # -- which ones to grade ---------------------------------------------------------------------------------
    def choisir(self) -> None:
        """Les soumissions nouvelles ou modifiées (ou notées avec d'autres réglages) ; le reste est repris."""
        from strategie_correction import carnet_de_notes as cdn

        self.source_hash = cdn.empreinte_dossier(self.source)
        self.options_hash = json.dumps({
            "source": self.source_hash, "delai": self.delai_cellule, "memoire": self.o.memoire_mo,
            "sortie": self.o.limite_sortie_ko, "isolation": self.o.isolation, "version": VERSION_ETAT,
        }, sort_keys=True)
        self.etats = {s.eleve: _lire_json(self.etat / "eleves" / f"{s.eleve}.json") for s in self.soumissions}
        self.a_corriger = []
        for s in self.soumissions:
            etat = self.etats[s.eleve]
            if any(a.code == "archive_invalide" for a in s.anomalies) and not s.fichiers:
                continue
            corrige = self._chemin(self.cd.autograded_directory, s.eleve)
            if (
                etat is None or etat.get("empreinte") != self.empreintes[s.eleve]
                or etat.get("options") != self.options_hash
                or (etat.get("succes") and not all((corrige / f"{n}.ipynb").is_file() for n in etat.get("carnets", [])))
            ):
                self.a_corriger.append(s)
        self.reprises = len(self.soumissions) - len(self.a_corriger)

    # -- 2. isolation and the assignment in the gradebook -------------------------------------------------------
    def isoler(self, paralleles: int) -> None:
        """Choisit le niveau d'isolation (refuse s'il n'y en a aucun) et l'annonce."""
        try:
            self.isolation = _isolation.detecter(self.o.isolation, paralleles, self.cours)
        except _isolation.ErreurIsolation as exc:
            raise ErreurCorrection(str(exc)) from None
        self.dire(
            f"Devoir {self.o.devoir} : {len(self.soumissions)} soumission(s), {len(self.a_corriger)} à corriger, "
            f"{self.reprises} déjà à jour. Isolation : {self.isolation.niveau}."
        )
        if not self.isolation.isolee:
            self.dire("ATTENTION : correction SANS isolation (--sans-isolation) : une soumission à la fois.")

    def enregistrer_devoir(self) -> None:
        """Le devoir dans le gradebook du cours (généré de nouveau si ses sources ont changé)."""
        from strategie_correction import carnet_de_notes as cdn
        from strategie_correction import recorrection

        etat_devoir = _lire_json(self.etat / "devoir.json") or {}
        publication = None
        if etat_devoir.get("source") != self.source_hash or not cdn.devoir_a_jour(
                self.db_url, self.course_id, self.o.devoir, self.carnets):
            cdn.generer_devoir(self.cfg, self.cours, self.o.devoir, self.temporaire)
            _ecrire_json(self.etat / "devoir.json", {"source": self.source_hash})
            publication = self.temporaire / "publication" / self.o.devoir
        # This version's cells and distributed notebooks: what a later --recorriger compares with.
        recorrection.enregistrer_version(self.etat, self.source_hash, self.source, publication)
        self.echeance, self.extensions = cdn.echeance_et_extensions(self.db_url, self.course_id, self.o.devoir)

    # -- integrity ----------------------------------------------------------------------------------------------
    def _surveiller(self) -> None:
        """Relève ce qui compte pour les notes, et en garde une copie pour le restaurer."""
        from strategie_correction import integrite

        self.gradebook = None
        if self.db_url.startswith("sqlite:///"):
            self.gradebook = Path(self.db_url[len("sqlite:///"):])
            if not self.gradebook.is_absolute():
                self.gradebook = self.cours / self.gradebook
        self.copies = self.temporaire / "copies"
        self.copies.mkdir(mode=0o700)
        publie = Path(self.cd.format_path(self.cd.release_directory, ".", self.o.devoir))
        self.surveilles = {"source": self.source, "publie": publie, "config": self.cours / "nbgrader_config.py"}
        for nom, chemin in self.surveilles.items():
            if chemin.is_dir() and not chemin.is_symlink():
                shutil.copytree(chemin, self.copies / nom, symlinks=True)
            elif chemin.is_file() and not chemin.is_symlink():
                shutil.copyfile(chemin, self.copies / nom)
        self._sauver_gradebook()
        racines = [*self.surveilles.values(), self.temporaire / "instantanes", self.etat]
        racines += [self._chemin(self.cd.submitted_directory, s.eleve) for s in self.soumissions]
        racines += [self._chemin(self.cd.autograded_directory, s.eleve) for s in self.soumissions]
        if self.gradebook is not None:
            racines += [self.gradebook, self.gradebook.with_name(self.gradebook.name + "-journal")]
        self.temoin = integrite.Temoin(racines)

    def _sauver_gradebook(self) -> None:
        from strategie_correction import integrite

        if self.gradebook is not None and self.gradebook.is_file():
            integrite.sauvegarder_base(self.gradebook, self.copies / "gradebook.db")

    def _accepter(self, *chemins: Path) -> None:
        """Le correcteur vient d'écrire ``chemins`` (et le gradebook) : c'est le nouvel état attendu."""
        self._sauver_gradebook()
        extra = [self.gradebook, self.gradebook.with_name(self.gradebook.name + "-journal")] if self.gradebook else []
        self.temoin.accepter(*chemins, *extra)

    def _verifier(self, fini: str | None) -> bool:
        """Vrai si rien n'a changé hors des écritures du correcteur ; sinon restaure et met en quarantaine."""
        changes = self.temoin.verifier()
        if not changes:
            return True
        suspects = set(self.en_cours) | ({fini} if fini else set())
        for eleve in sorted(suspects):
            self.violations.setdefault(eleve, []).extend(changes)
        self._restaurer(changes)
        self.dire(
            f"Intégrité : {len(changes)} fichier(s) modifié(s) pendant la correction de "
            f"{', '.join(sorted(suspects)) or '?'} ; fichiers restaurés, ces soumissions sont recorrigées une à une."
        )
        return False

    def _restaurer(self, changes: list[str]) -> None:
        from strategie_correction import integrite

        for nom, chemin in self.surveilles.items():
            if any(c == str(chemin) or c.startswith(str(chemin) + "/") for c in changes) and (self.copies / nom).exists():
                integrite.restaurer(self.copies / nom, chemin)
        if self.gradebook is not None and any(c.startswith(str(self.gradebook)) for c in changes):
            from nbgrader.api import Gradebook

            # The open session points at the damaged file: reopen it on the restored one.
            ouvert = getattr(self, "gb", None)
            if ouvert is not None:
                ouvert.close()
            integrite.restaurer(self.copies / "gradebook.db", self.gradebook)
            if ouvert is not None:
                self.gb = Gradebook(self.db_url, self.course_id)
            journal = self.gradebook.with_name(self.gradebook.name + "-journal")
            if journal.exists() or journal.is_symlink():
                journal.unlink()
        for s in self.soumissions:
            soumis = self._chemin(self.cd.submitted_directory, s.eleve)
            instantane = self.temporaire / "instantanes" / s.eleve
            if any(c == str(soumis) or c.startswith(str(soumis) + "/") for c in changes) and not s.en_place:
                if soumis.is_symlink() or soumis.is_file():
                    soumis.unlink()
                elif soumis.exists():
                    shutil.rmtree(soumis)
                importation.importer(s, soumis)
            if any(c == str(instantane) or c.startswith(str(instantane) + "/") for c in changes):
                from strategie_correction import instantanes

                shutil.rmtree(instantane, ignore_errors=True)
                self.instantanes[s.eleve] = instantanes.ecrire(instantane, self.contenus[s.eleve])
            corrige = self._chemin(self.cd.autograded_directory, s.eleve)
            if any(c == str(corrige) or c.startswith(str(corrige) + "/") for c in changes):
                # Its graded copy cannot be trusted: grade it again.
                shutil.rmtree(corrige, ignore_errors=True)
                if s.eleve not in self.en_cours and s not in self.quarantaine:
                    self.quarantaine.append(s)
        for eleve, etat in self.etats.items():
            if etat is not None and any(c.startswith(str(self.etat)) for c in changes):
                _ecrire_json(self.etat / "eleves" / f"{eleve}.json", etat)
        for c in changes:
            # Whatever appeared in a watched place and is not restored above was planted: remove it.
            chemin = Path(c)
            if chemin.is_symlink() or (chemin.exists() and c not in self.temoin.attendu):
                if chemin.is_dir() and not chemin.is_symlink():
                    shutil.rmtree(chemin, ignore_errors=True)
                else:
                    try:
                        chemin.unlink()
                    except OSError:
                        pass
        self.temoin = type(self.temoin)(self.temoin.racines)

    # -- 3. and 4. grading and feedback, in parallel workers -------------------------------------------------------
    def noter(self) -> None:
        """Confie chaque soumission à un atelier, enregistre ses notes, puis fait produire son retour."""
        from nbgrader.api import Gradebook

        from strategie_correction import carnet_de_notes as cdn

        # Two workers per core, plus one: a worker waits more than half of the time (kernel start-up and
        # jupyter_client's polling); measured on 2 cores, 5 workers grade 15 % faster than 3.
        paralleles = max(1, self.o.paralleles or 2 * (os.cpu_count() or 1) + 1)
        if self.o.isolation == "aucune":
            paralleles = 1  # without isolation, one learner's code at a time: a violation has one suspect
        if self.a_corriger:
            # Imported once here, inherited by every worker (forked below).
            import nbgrader.converters  # noqa: F401
            from strategie_correction import execution, reparation, retour  # noqa: F401
        self.resultats = self.temporaire / "resultats"
        self.resultats.mkdir(mode=0o700)
        self.ateliers: list[_Atelier] = []
        self.selecteur = selectors.DefaultSelector()
        self.barre = None
        self.corrigees = 0
        try:
            # The workers' private course is generated once, in a child, while the isolation is
            # probed and the course's gradebook is prepared; each worker then copies it.
            self.modele = None
            fabrique = self._fabriquer_modele() if self.a_corriger and hasattr(os, "fork") else None
            self.isoler(paralleles)
            self.enregistrer_devoir()
            self._surveiller()
            if fabrique is not None:
                self.modele = self._attendre_modele(*fabrique)
            self._lancer(min(paralleles, len(self.a_corriger)))
            self.file_corriger = deque(self.a_corriger)
            self.file_retours: deque = deque()
            self.en_cours_retour: dict[str, str] = {}
            ids_a_corriger = {s.eleve for s in self.a_corriger}
            with Gradebook(self.db_url, self.course_id) as gb:
                for s in self.soumissions:
                    if s.eleve in ids_a_corriger:
                        continue
                    etat = self.etats[s.eleve]
                    if etat is None or not etat.get("succes"):
                        cdn.retirer(gb, self.o.devoir, s.eleve, s.nom)
                        continue
                    if self.o.retours:
                        actuelle = cdn.empreinte_retour(
                            gb, self.o.devoir, s.eleve, self._chemin(self.cd.autograded_directory, s.eleve))
                        if actuelle and actuelle != etat.get("retour"):
                            self.file_retours.append(s.eleve)
            self._accepter()

            # Each correction that succeeds is followed by its feedback.
            total = len(self.file_corriger) * (2 if self.o.retours else 1) + len(self.file_retours)
            self.barre = Progression(total, actif=self.o.progression, flux=self.flux)
            if self.file_retours and not self.ateliers:
                self._lancer(min(paralleles, len(self.file_retours)))
            for a in self.ateliers:
                self.selecteur.register(a.proc.stdout, selectors.EVENT_READ, a)
            with Gradebook(self.db_url, self.course_id) as gb:
                self.gb = gb
                while (self.file_corriger or self.file_retours or self.quarantaine
                       or any(a.tache for a in self.ateliers)):
                    self._distribuer()
                    self._recevoir()
                    self._surveiller_delais()
                self._verifier(None)  # a late change (nothing of a learner should still run) is undone
                if self.gb is not gb:
                    self.gb.close()
        except BaseException:
            for a in self.ateliers:
                a.arreter(self.isolation)
            if self.barre is not None:
                self.barre.terminer()
            raise
        else:
            for a in self.ateliers:
                a.finir()
                for uid in self.isolation.uids_atelier(a.numero):
                    _isolation.nettoyer(uid)
            self.barre.terminer()
        finally:
            self.selecteur.close()

    def _fabriquer_modele(self) -> tuple[int, Path]:
        """Lance, dans un fils, la génération du cours privé modèle des ateliers ; renvoie (pid, dossier)."""
        from strategie_correction import atelier

        modele = self.temporaire / "modele"
        journal = self.sortie / "journaux" / "modele.log"
        for flux in (sys.stdout, sys.stderr):
            flux.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                _nbgrader.oublier_moteurs()
                fd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                os.dup2(fd, 1)
                os.dup2(fd, 2)
                atelier.preparer_modele(self.cours, self.o.devoir, modele)
                code = 0
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                os._exit(code)
        return pid, modele

    def _attendre_modele(self, pid: int, modele: Path) -> Path | None:
        """Le modèle s'il a été généré ; sinon None (chaque atelier génère alors le sien, comme avant)."""
        _, statut = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(statut) == 0 and (modele / "gradebook.db").is_file():
            return modele
        return None

    def _lancer(self, nombre: int) -> None:
        for numero in range(len(self.ateliers), len(self.ateliers) + nombre):
            self.ateliers.append(self._nouvel_atelier(numero, self.temporaire, self.resultats))

    def _tache_corriger(self, a: _Atelier, s) -> dict:
        return {
            "type": "corriger", "eleve": s.eleve, "instantane": str(self.temporaire / "instantanes" / s.eleve),
            "empreintes": self.instantanes[s.eleve], "extension_secondes": self.extensions.get(s.eleve),
            "uids": self.isolation.uids_atelier(a.numero), "isolation": self.isolation.niveau,
            "bwrap": self.isolation.bwrap, "d_avance": (self.isolation.noyau_d_avance and self.o.noyau_d_avance
                         and bool(self.file_corriger or self.quarantaine)),
            "echeance": self.echeance,
        }

    def _distribuer(self) -> None:
        from strategie_correction import carnet_de_notes as cdn

        for a in self.ateliers:
            if not a.pret or a.tache is not None:
                continue
            if self.quarantaine:
                # Suspects of a violation: alone, so that a new one has a single culprit.
                if self.en_cours:
                    return
                s = self.quarantaine.popleft()
            elif self.file_corriger:
                s = self.file_corriger.popleft()
            else:
                s = None
            if s is not None:
                self.en_cours[s.eleve] = time.monotonic()
                a.envoyer(self._tache_corriger(a, s), self.delai_total)
                self.barre.afficher(f"{s.eleve} …")
            elif self.file_retours:
                eleve = self.file_retours.popleft()
                self.en_cours_retour[eleve] = cdn.empreinte_retour(
                    self.gb, self.o.devoir, eleve, self._chemin(self.cd.autograded_directory, eleve)) or ""
                a.envoyer({"type": "retour", "eleve": eleve}, max(120, self.delai_total))

    def _recevoir(self) -> None:
        maintenant = time.monotonic()
        echeances = [a.echeance for a in self.ateliers if a.tache and a.echeance]
        attente = max(0.05, min([e - maintenant for e in echeances] + [1.0]))
        for cle, _ in self.selecteur.select(timeout=attente):
            a = cle.data
            messages = a.lire()
            if messages is None:
                self.selecteur.unregister(a.proc.stdout)
                self._atelier_perdu(a)
                self._remplacer_atelier(a)
                continue
            for m in messages:
                if m["type"] == "pret":
                    a.pret = True
                elif m["type"] == "echec":
                    raise ErreurCorrection("Un atelier de correction n'a pas pu démarrer :\n" + m.get("erreur", ""))
                elif m["type"] == "corriger":
                    # Isolated, the worker gets its next task before this result is checked and saved (a
                    # quarter of a second): should the check find a violation, that task is a suspect too and
                    # is graded again. Without isolation, one learner at a time: the check comes first.
                    a.tache = None
                    if self.isolation.isolee:
                        self._distribuer()
                    self._corrige(m)
                elif m["type"] == "retour":
                    a.tache = None
                    if self.isolation.isolee:
                        self._distribuer()
                    self._retour_fait(m)
                    self.barre.avancer(f"retour de {m['eleve']}")

    def _corrige(self, m: dict) -> None:
        """Une soumission corrigée : intégrité vérifiée d'abord, puis ses notes enregistrées."""
        eleve = m["eleve"]
        s = self.par_eleve[eleve]
        self.en_cours.pop(eleve, None)
        deja_suspect = eleve in self.violations
        if not self._verifier(eleve):
            if deja_suspect or not self.isolation.isolee:
                # Graded alone (quarantine, or one at a time without isolation) and still a violation: the culprit.
                m = {"type": "corriger", "eleve": eleve, "succes": False, "notes": {}, "anomalies": [Anomalie(
                    "integrite_violee",
                    "Pendant sa correction, des fichiers hors de sa copie ont été modifiés ("
                    + ", ".join(sorted(set(self.violations[eleve]))[:5]) + ") : ils ont été restaurés, la "
                    "soumission vaut 0 et les autres ont été recorrigées. Regardez le carnet avec l'élève.",
                ).en_dict()]}
            else:
                for suspect in sorted(set(self.en_cours) | {eleve}):
                    self._mettre_en_quarantaine(suspect)
                return
        self._enregistrer(self.gb, s, m, self.empreintes[eleve], self.options_hash, self.resultats, self.etats)
        self._accepter(self._chemin(self.cd.autograded_directory, eleve), self.etat)
        self.corrigees += 1
        self.barre.avancer(self._libelle(s, m))
        if m.get("succes") and self.o.retours:
            self.file_retours.append(eleve)
        elif self.o.retours:
            self.barre.total -= 1

    def _mettre_en_quarantaine(self, eleve: str) -> None:
        s = self.par_eleve[eleve]
        for a in self.ateliers:
            if a.tache and a.tache.get("type") == "corriger" and a.tache.get("eleve") == eleve:
                # Its result could be tainted by the violation: stop it and grade it again, alone.
                self.selecteur.unregister(a.proc.stdout)
                a.tache = None
                a.arreter(self.isolation)
                self._remplacer_atelier(a)
        self.en_cours.pop(eleve, None)
        if s not in self.quarantaine:
            self.quarantaine.append(s)

    def _surveiller_delais(self) -> None:
        for a in list(self.ateliers):
            if a.tache and a.echeance and time.monotonic() > a.echeance:
                self.selecteur.unregister(a.proc.stdout)
                self._atelier_perdu(a, delai=True)
                self._remplacer_atelier(a)
            elif not a.pret and time.monotonic() - a.demarre > 600:
                raise ErreurCorrection("Un atelier de correction n'a pas démarré en 10 minutes.")

    def _remplacer_atelier(self, a: _Atelier) -> None:
        nouveau = self._remplacer(a, self.ateliers, self.temporaire, self.resultats)
        self.selecteur.register(nouveau.proc.stdout, selectors.EVENT_READ, nouveau)

    # -- workers -----------------------------------------------------------------------------------------
    def _nouvel_atelier(self, numero: int, temporaire: Path, resultats: Path) -> _Atelier:
        reglages = {
            "cours": str(self.cours), "devoir": self.o.devoir, "dossier": str(temporaire / f"atelier-{numero}"),
            "resultats": str(resultats), "delai_cellule": self.delai_cellule,
            "limite_sortie": self.o.limite_sortie_ko * 1000, "memoire": self.o.memoire_mo * 2**20,
            "fichier_max": 512 * 2**20, "processus": 64,
            "modele": str(self.modele) if getattr(self, "modele", None) else None,
        }
        return _Atelier(numero, reglages, temporaire, self.sortie / "journaux" / f"atelier-{numero}.log")

    def _remplacer(self, ancien: _Atelier, ateliers: list[_Atelier], temporaire, resultats) -> _Atelier:
        if not ancien.pret:
            self.echecs_demarrage = getattr(self, "echecs_demarrage", 0) + 1
            if self.echecs_demarrage >= 3:
                journal = Path(ancien.journal.name).read_text(encoding="utf-8", errors="replace")[-3000:]
                raise ErreurCorrection("Les ateliers de correction s'arrêtent dès leur démarrage :\n" + journal)
        rang = ateliers.index(ancien)
        nouveau = self._nouvel_atelier(ancien.numero, temporaire, resultats)
        shutil.rmtree(ancien.reglages["dossier"], ignore_errors=True)
        ateliers[rang] = nouveau
        return nouveau

    def _atelier_perdu(self, a: _Atelier, delai: bool = False) -> None:
        tache = a.tache
        a.arreter(self.isolation)
        if tache is None:
            return
        eleve = tache["eleve"]
        if tache["type"] == "retour":
            self.barre.avancer(f"retour de {eleve} : échec")
            return
        self.en_cours.pop(eleve, None)
        if not self._verifier(eleve) and eleve not in self.violations:
            return
        s = self.par_eleve[eleve]
        if self.o.retours:
            self.barre.total -= 1
        if delai:
            anomalie = Anomalie(
                "delai_depasse",
                f"La correction a dépassé {self.delai_total} s et a été arrêtée (le noyau ne répondait plus aux "
                "interruptions). Note 0 : regardez le carnet avec l'élève, ou relancez avec --delai-total.",
            )
        else:
            anomalie = Anomalie(
                "erreur_correction",
                "L'atelier de correction s'est arrêté pendant cette soumission (voir journaux/). "
                "Relancez : la soumission sera corrigée de nouveau.",
            )
        message = {"type": "corriger", "eleve": eleve, "succes": False, "anomalies": [anomalie.en_dict()], "notes": {}}
        self._enregistrer(self.gb, s, message, self.empreintes[eleve], self.options_hash, None, self.etats,
                          definitif=delai)
        self._accepter(self._chemin(self.cd.autograded_directory, eleve), self.etat)
        self.corrigees += 1
        self.barre.avancer(self._libelle(s, message))

    # -- results -----------------------------------------------------------------------------------------
    def _libelle(self, s, message: dict) -> str:
        anomalies = [Anomalie.depuis_dict(a) for a in message.get("anomalies", [])]
        return f"{s.eleve} : {statut_principal(s.anomalies + anomalies)}"

    def _enregistrer(self, gb, s, m: dict, empreinte: str, options_hash: str, resultats: Path | None, etats: dict,
                     definitif: bool = True) -> None:
        from strategie_correction import carnet_de_notes as cdn

        anomalies = [Anomalie.depuis_dict(a) for a in self._anomalies_de_l_eleve(s.eleve, m.get("anomalies", []))]
        if not m.get("succes") and not any(a.code in BLOQUANTS for a in anomalies):
            anomalies.append(Anomalie(
                "erreur_correction",
                "La correction a échoué de façon inattendue (voir journaux/) ; relancez la commande.",
            ))
        journal = (m.get("journal") or "") + (m.get("exception") or "")
        if journal:
            (self.sortie / "journaux" / f"{s.eleve}.log").write_text(journal, encoding="utf-8")
        corrige = self._chemin(self.cd.autograded_directory, s.eleve)
        retour = self._chemin(self.cd.feedback_directory, s.eleve)
        if m.get("succes"):
            cdn.installer_corrige(Path(m["carnets"]), corrige)
            cdn.fusionner(gb, self.o.devoir, s.eleve, s.nom, m)
        else:
            cdn.retirer(gb, self.o.devoir, s.eleve, s.nom)
            for chemin in (corrige, retour):
                if chemin.exists():
                    shutil.rmtree(chemin, ignore_errors=True)
        etat = {
            "eleve": s.eleve, "empreinte": empreinte if definitif else None, "options": options_hash,
            "succes": bool(m.get("succes")), "anomalies": [a.en_dict() for a in anomalies],
            "carnets": sorted(m.get("notes", {})), "isolation": self.isolation.niveau,
            "description_isolation": self._description(),
            "retour": None,
        }
        etats[s.eleve] = etat
        _ecrire_json(self.etat / "eleves" / f"{s.eleve}.json", etat)

    def _anomalies_de_l_eleve(self, eleve: str, anomalies: list[dict]) -> list[dict]:
        """Une cellule de tests que le formateur a corrigée depuis la distribution n'est pas « modifiée par l'élève »."""
        from strategie_correction import recorrection

        if not any(a.get("code") in recorrection.CODES_DU_FORMATEUR for a in anomalies):
            return anomalies
        versions = [d for d in sorted(recorrection.dossier_versions(self.etat).glob("*"))
                    if d.is_dir() and d.name != self.source_hash[:16]]
        versions.append(Path(self.cd.format_path(self.cd.release_directory, ".", self.o.devoir)))
        return recorrection.revoir_anomalies(getattr(self, "contenus", {}).get(eleve, {}), anomalies, versions)

    def _retour_fait(self, m: dict) -> None:
        en_cours, etats = self.en_cours_retour, self.etats
        eleve = m["eleve"]
        if m.get("journal") and not m.get("succes"):
            (self.sortie / "journaux" / f"{eleve}-retour.log").write_text(m["journal"], encoding="utf-8")
        etat = etats.get(eleve)
        if etat is not None and m.get("succes"):
            etat["retour"] = en_cours.get(eleve)
            _ecrire_json(self.etat / "eleves" / f"{eleve}.json", etat)
            self._accepter(self.etat / "eleves" / f"{eleve}.json")

    # -- 5. export -------------------------------------------------------------------------------------------
    def exporter(self) -> Bilan:
        """notes.csv et rapport.html, depuis le gradebook (notes manuelles du formgrader comprises)."""
        soumissions, inconnus, etats = self.soumissions, self.inconnus, self.etats
        corrigees, reprises = self.corrigees, self.reprises
        description = self._description() if self.isolation else "aucune soumission à corriger"
        from nbgrader.api import Gradebook

        from strategie_correction import carnet_de_notes as cdn

        with Gradebook(self.db_url, self.course_id) as gb:
            notes, cellules, max_score = cdn.lire(gb, self.o.devoir)
        lignes = []
        modes: dict[str, int] = {}
        for s in soumissions:
            etat = etats.get(s.eleve) or {}
            anomalies = trier(s.anomalies + [Anomalie.depuis_dict(a) for a in etat.get("anomalies", [])])
            note = notes.get(s.eleve) if etat.get("succes") else None
            messages = [a.message for a in anomalies] or ["Noté automatiquement."]
            attente = 0
            if note is not None:
                supplement = cdn.message_attente(note["cellules"])
                if supplement:
                    messages.append(supplement)
                attente = sum(1 for c in note["cellules"].values() if c["attente"])
                if note["penalite"]:
                    messages.append(f"Pénalité de retard : -{rapport.nombre(note['penalite'])}.")
            if etat.get("description_isolation"):
                modes[etat["description_isolation"]] = modes.get(etat["description_isolation"], 0) + 1
            lignes.append({
                "student_id": s.eleve, "nom": s.nom, "score": note["score"] if note else 0.0,
                "max_score": max_score, "statut": statut_principal(anomalies), "message": " — ".join(messages),
                "anomalies": [a.code for a in anomalies], "a_noter_main": attente,
                "soumis_le": s.horodatage.strftime("%Y-%m-%d %H:%M:%S"), "origine": s.origine,
                "note_valide": note is not None, "cellules": note["cellules"] if note else {},
                "isolation": _libelle_isolation(etat.get("isolation")), "lms": s.lms,
            })
        for nom in inconnus:
            lignes.append({
                "student_id": importation.normaliser_identifiant(Path(nom).stem), "nom": nom, "score": 0.0,
                "max_score": max_score, "statut": "nom_non_reconnu",
                "message": (
                    f"« {nom} » ne suit pas le motif des noms de dépôt : il n'a été attribué à aucun élève. "
                    "Renommez-le (identifiant de l'élève en tête, par exemple alice.zip) ou donnez --lms / --motif, "
                    "puis relancez."
                ),
                "anomalies": ["nom_non_reconnu"], "a_noter_main": 0, "soumis_le": "", "origine": nom,
                "note_valide": False, "cellules": {}, "isolation": "",
            })

        questions = []
        valides = [l for l in lignes if l["note_valide"]]
        for c in cellules:
            cle = (c["carnet"], c["cellule"])
            valeurs = [l["cellules"][cle] for l in valides if cle in l["cellules"]]
            notees = [v for v in valeurs if not v["attente"]]
            questions.append({
                "cellule": c["cellule"] if len(self.carnets) == 1 else f"{c['carnet']} / {c['cellule']}",
                "genre": c["genre"], "points": c["points"],
                "reussite": (100 * sum(1 for v in notees if v["score"] >= v["max"]) / len(notees)) if notees else None,
                "moyenne": (sum(v["score"] for v in notees) / len(notees)) if notees else None,
                "en_attente": sum(1 for v in valeurs if v["attente"]),
            })

        chemin_csv = self.sortie / "notes.csv"
        chemin_html = self.sortie / "rapport.html"
        rapport.ecrire_csv(lignes, chemin_csv)
        # What the platforms re-import (Moodle worksheet and feedback zip, Canvas gradebook, feedback HTML).
        from strategie_correction import lms

        try:
            for phrase in lms.ecrire_exports(
                    lignes, self.sortie, devoir=self.o.devoir, feuille_moodle=self.o.feuille_moodle,
                    dossier_retour=lambda eleve: self._chemin(self.cd.feedback_directory, eleve)):
                self.dire(phrase)
        except lms.ErreurExport as exc:
            self.flux.write(f"Export vers la plateforme : {exc}\n")
        duree = time.monotonic() - self.debut
        isolations = [f"{texte} ({n} soumission(s))" for texte, n in sorted(modes.items())] or [description]
        rapport.ecrire_html(
            lignes, questions, chemin_html, devoir=self.o.devoir, isolation=isolations, duree=duree,
            max_score=max_score,
        )
        comptes: dict[str, int] = {}
        for l in lignes:
            comptes[l["statut"]] = comptes.get(l["statut"], 0) + 1
        return Bilan(lignes, chemin_csv, chemin_html, corrigees, reprises, duree, description, comptes)


def _libelle_isolation(niveau: str | None) -> str:
    """La colonne ``isolation`` de notes.csv : le niveau, et « non isolée » en toutes lettres."""
    if not niveau:
        return ""
    return "aucune (non isolée)" if niveau == "aucune" else niveau


def corriger(devoir: str, soumissions: str | Path | None = None, *, flux=None, **options) -> Bilan:
    """Corrige un devoir : import, notation parallèle confinée, retours, notes.csv et rapport.html.

    ``options`` : voir :class:`Options` (``cours``, ``sortie``, ``lms``, ``motif``, ``paralleles``,
    ``delai_cellule``, ``delai_total``, ``memoire_mo``, ``limite_sortie_ko``, ``isolation``,
    ``retours``, ``progression``).
    """
    inconnues = set(options) - set(Options.__dataclass_fields__)
    if inconnues:
        raise TypeError(f"option(s) inconnue(s) : {', '.join(sorted(inconnues))}")
    o = Options(devoir=devoir, soumissions=Path(soumissions) if soumissions else None, **options)
    if "cours" in options:
        o.cours = Path(options["cours"])
    return Correction(o, flux=flux).executer()
