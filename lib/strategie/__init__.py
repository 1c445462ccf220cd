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
    # Sous-modules chargés à la demande : `strategie.canevas` marche sans import explicite.
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

    ipython = sys.modules.get("IPython")  # déjà chargé dans un noyau ; ne jamais l'importer ici
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return

    def _afficher(shell, etype, valeur, tb, tb_offset=None):
        # Une courte erreur en français au lieu d'une longue trace ; cela reste une sortie d'erreur,
        # donc la cellule échoue (nbgrader et « tout exécuter » le voient) et l'exécution s'arrête.
        shell._showtraceback(etype, valeur, [f"\x1b[31m⚠ {valeur}\x1b[0m"])
        return None

    shell.set_custom_exc((SaisieInvalide,), _afficher)


_installer_affichage_des_erreurs()
