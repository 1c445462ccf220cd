"""Outils partagés des tests : chemins du dépôt, liste des carnets et des devoirs."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
ARTEFACTS = RACINE / "tests" / "artefacts"

# The nbgrader commands find alembic through nbgrader_config.py (tests/test_commandes_formateur.py
# runs them with a PATH without the venv); nbgrader's API used in-process here reads no config file.
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")


def _noyaux_en_ipc() -> str | None:
    """Noyaux de nbval et des NotebookClient des tests en IPC, chacun sous un nom unique ; renvoie le dossier.

    Same cause as in nbgrader_config.py: with TCP, jupyter_client picks a free port and
    closes it before the kernel binds it, so the kernels of two pytest workers can get the
    same port ("Address already in use"). nbval builds a bare KernelManager (no config) and
    nbclient defaults to jupyter_client.AsyncKernelManager: both get a subclass whose default
    transport is IPC, with an absolute path (the default IPC name is relative to the current
    directory, and nbval starts the kernel in the notebook's directory).
    """
    if os.name != "posix":
        return None
    import atexit
    import shutil
    import tempfile
    import uuid

    import jupyter_client
    from jupyter_client.manager import AsyncKernelManager, KernelManager
    from traitlets import default

    dossier = tempfile.mkdtemp(prefix="noyaux-")  # mode 0700: this worker's sockets only
    atexit.register(shutil.rmtree, dossier, True)

    def en_ipc(base):
        # traitlets reads @default handlers from the HasTraits classes themselves, not from a mixin.
        class Noyau(base):
            @default("transport")
            def _transport_ipc(self):
                return "ipc"

            @default("ip")
            def _ip_ipc(self):
                if self.transport != "ipc":
                    from jupyter_client.localinterfaces import localhost

                    return localhost()
                prefixe = os.path.join(dossier, uuid.uuid4().hex[:12])
                assert len(os.fsencode(prefixe)) <= 96, f"chemin de prise IPC trop long : {prefixe}"
                return prefixe

        Noyau.__name__ = Noyau.__qualname__ = f"{base.__name__}IPC"
        return Noyau

    NoyauIPC, NoyauIPCAsynchrone = en_ipc(KernelManager), en_ipc(AsyncKernelManager)

    jupyter_client.KernelManager = NoyauIPC
    jupyter_client.AsyncKernelManager = NoyauIPCAsynchrone  # nbclient's default kernel_manager_class
    try:
        import nbval.kernel
    except ImportError:
        pass
    else:
        nbval.kernel.KernelManager = NoyauIPC
    return dossier


DOSSIER_IPC = _noyaux_en_ipc()


def devoirs() -> list[str]:
    return sorted(p.name for p in (RACINE / "solutions").iterdir() if p.is_dir() and not p.name.startswith("."))


def lecons() -> list[Path]:
    return sorted((RACINE / "course").glob("*.ipynb"))


def carnets(dossier: str) -> list[Path]:
    return sorted(p for p in (RACINE / dossier).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def lire(chemin: Path) -> dict:
    return json.loads(chemin.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def racine() -> Path:
    return RACINE


# Tests de propriétés. Profil « cours » (par défaut, celui de la CI) : les mêmes exemples à chaque
# exécution, pour qu'un échec se reproduise, et pas de délai par exemple sur une machine chargée.
# Profil « explorer » (HYPOTHESIS_PROFILE=explorer ou --hypothesis-profile=explorer) : de nouveaux
# exemples à chaque exécution, dix fois plus nombreux ; un contre-exemple trouvé est rejoué ensuite
# depuis .hypothesis/ (voir docs/CONTRIBUER.md).
PROFIL_PAR_DEFAUT = "cours"
FACTEUR_EXPLORER = 10
try:
    from hypothesis import settings as _reglages

    _reglages.register_profile("cours", derandomize=True, deadline=None, print_blob=True)
    _reglages.register_profile("explorer", derandomize=False, deadline=None, print_blob=True,
                               max_examples=100 * FACTEUR_EXPLORER)
    _reglages.load_profile(os.environ.get("HYPOTHESIS_PROFILE", PROFIL_PAR_DEFAUT))
except ImportError:  # hypothesis est une dépendance de test ; sans lui, les tests de propriétés ne sont pas collectés
    _reglages = None


def pytest_collection_modifyitems(config, items):
    """Profil « explorer » : multiplie aussi les ``max_examples`` écrits dans les tests eux-mêmes."""
    if _reglages is None or _reglages.get_current_profile_name() != "explorer":
        return
    for item in items:
        test = getattr(item, "obj", None)
        propres = getattr(test, "_hypothesis_internal_use_settings", None)
        if propres is None or not getattr(test, "is_hypothesis_test", False):
            continue
        # Au plus le nombre du profil : un test déjà long (max_examples=400) ne devient pas interminable.
        plus = max(propres.max_examples, min(propres.max_examples * FACTEUR_EXPLORER, _reglages.default.max_examples))
        test._hypothesis_internal_use_settings = _reglages(propres, max_examples=plus)
