"""Bibliothèque du cours « Stratégie d'entreprise ».

Chaque outil est un sous-module importé à la demande (``strategie.canevas``,
``strategie.dilemme``, ``strategie.valeur_client``…), pour que
``import strategie`` reste instantané : pandas, plotly et ipywidgets ne sont
chargés que lorsqu'un outil en a besoin.
"""

from importlib import import_module as _import_module

from strategie.erreurs import FichierInvalide, SaisieInvalide

__version__ = "0.1.0"

__all__ = ["SaisieInvalide", "FichierInvalide", "__version__"]


def __getattr__(nom: str):
    # Lazy access to sub-modules: `strategie.canevas` works without an explicit import.
    if nom.startswith("_"):
        raise AttributeError(nom)
    try:
        module = _import_module(f"strategie.{nom}")
    except ModuleNotFoundError as exc:
        if exc.name == f"strategie.{nom}":
            raise AttributeError(f"le module 'strategie' n'a pas d'outil nommé {nom!r}") from None
        raise
    globals()[nom] = module
    return module


def _installer_affichage_des_erreurs() -> None:
    """Dans un carnet, montre les erreurs de saisie en une phrase, sans trace technique."""
    import sys

    ipython = sys.modules.get("IPython")  # already loaded inside a kernel; never import it here
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return

    def _afficher(shell, etype, valeur, tb, tb_offset=None):
        # A short French error instead of a long traceback; it is still an error output,
        # so the cell fails (nbgrader and "run all" see it) and stops the run.
        shell._showtraceback(etype, valeur, [f"\x1b[31m⚠ {valeur}\x1b[0m"])
        return None

    shell.set_custom_exc((SaisieInvalide,), _afficher)


_installer_affichage_des_erreurs()
