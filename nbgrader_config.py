"""Configuration nbgrader du cours « Stratégie d'entreprise ».

Les sources des devoirs sont dans solutions/, la version distribuée dans
exercises/ (générée par `make exercises`).
"""

import os
import secrets
import stat
import sys
import sysconfig
import tempfile

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

# nbgrader runs `alembic` by name (subprocess, PATH lookup) the first time it opens a
# gradebook, so `.venv/bin/nbgrader …` failed unless the venv was activated. This file is
# read by every nbgrader process (commands, Validate, formgrader) before any gradebook is
# opened: put the running interpreter's scripts directory on PATH if it is missing. Only
# the order of lookup changes, and kernels started from here find the same tools.
for _scripts in dict.fromkeys([sysconfig.get_path("scripts"), os.path.dirname(sys.executable)]):
    _chemins = os.environ.get("PATH", "").split(os.pathsep)
    if _scripts and os.path.isdir(_scripts) and _scripts not in _chemins:
        os.environ["PATH"] = os.pathsep.join([_scripts, *filter(None, _chemins)])


def _prefixe_ipc():
    """Préfixe des prises IPC des noyaux de ce processus, ou None pour garder TCP."""
    # Kernels talk over TCP by default: jupyter_client picks a free port, closes it, and the
    # kernel binds it later, so two processes starting kernels at once (parallel grading,
    # pytest -n 2) can pick the same port ("Address already in use"). Unix sockets in a
    # directory of this user alone, with a name unique to this process, cannot collide.
    # POSIX only (Windows learners keep TCP). The default IPC name is relative to the
    # current directory, which breaks as soon as the kernel runs elsewhere: give a full path.
    if os.name != "posix":
        return None
    dossier = os.path.join(tempfile.gettempdir(), f"nbgrader-noyaux-{os.getuid()}")
    try:
        os.mkdir(dossier, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    etat = os.lstat(dossier)
    # Someone else's directory (or a symlink) in a shared /tmp: keep TCP rather than trust it.
    if not stat.S_ISDIR(etat.st_mode) or etat.st_uid != os.getuid() or etat.st_mode & 0o077:
        return None
    # One prefix each time this file is read (each nbgrader command, each Validate): a process
    # runs its kernels one after the other, and jupyter_client numbers them past the sockets
    # that still exist. The grading tool gives its isolated kernels a directory of their own.
    prefixe = os.path.join(dossier, f"{os.getpid()}-{secrets.token_hex(4)}")
    # A socket path must fit in sun_path (108 bytes on Linux, 104 on macOS) with "-N" added.
    return prefixe if len(os.fsencode(prefixe)) <= 96 else None


_ipc = _prefixe_ipc()
if _ipc:
    c.KernelManager.transport = "ipc"
    c.KernelManager.ip = _ipc

c.CourseDirectory.course_id = "strategie-entreprise"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# French stubs left in place of the solutions.
c.ClearSolutions.code_stub = {"python": "# VOTRE CODE ICI\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "VOTRE RÉPONSE ICI"

# Generous enough for the slowest exercise, short enough to stop an infinite loop.
c.Execute.timeout = 60
# Once the last cell has answered, every output is in: stop the kernel at once. A polite
# shutdown_request races with ipykernel 7's own shutdown (its control handler publishes "idle"
# on an event pipe already closed: a "Socket operation on non-socket" traceback in the log).
c.Execute.shutdown_kernel = "immediate"
c.ExecutePreprocessor.timeout = 60

# Marking guides (grilles de notation): a locked markdown cell after each free-text answer holds
# its guide between "<!-- BEGIN MARK SCHEME -->" and "<!-- END MARK SCHEME -->" (written by
# tools/grilles.py). generate_assignment stores the full cell in the gradebook, then ClearMarkScheme
# empties it in exercises/; at autograde OverwriteCells puts the stored source back into the locked
# cell, so the formgrader shows the guide. nbgrader only accepts such a region in a "task" cell,
# which would carry points of its own: a read-only cell needs this check off. A region in a cell
# without a grade_id would never come back; tests/test_grilles.py checks every region has one.
c.ClearMarkScheme.enforce_metadata = False

# Feedback never shows the hidden tests' code, nor the marking guides (nbgrader's default
# feedback would: the autograded notebook has them back).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.ClearMarkScheme",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# Messages of the Validate button, in French.
c.Validator.failed_warning = (
    "ATTENTION : au moins un test échoue. Lisez le message de l'erreur ci-dessous, "
    "corrigez la réponse indiquée, puis validez de nouveau."
)
c.Validator.passed_warning = (
    "ATTENTION : ce carnet passe des tests avant même d'avoir été complété. "
    "Vérifiez que vous répondez bien aux questions."
)
c.Validator.validate_all = True
c.Validator.changed_warning = (
    "ATTENTION : le contenu de certaines cellules protégées a été modifié. "
    "Reprenez-les depuis la version d'origine du devoir."
)
c.Validator.type_changed_warning = (
    "ATTENTION : le type de certaines cellules de réponse a été changé. "
    "Remettez-les dans leur type d'origine (code ou texte)."
)
