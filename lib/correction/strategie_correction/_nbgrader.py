"""Deux raccourcis pour nbgrader, sans effet sur les résultats, appliqués dès l'import de ce module.

* jsonschema (importé par nbformat) charge ``rfc3987_syntax``, qui construit une grammaire pendant
  environ 1,5 s de calcul ; les schémas de nbformat ne vérifient jamais d'IRI : le module est écarté.
* Chaque nouveau gradebook lance ``alembic heads`` dans un sous-processus pour connaître la version
  du schéma (environ 4 s de calcul, qui réimporte tout nbgrader) ; la même réponse se lit ici, dans
  le processus, dans les scripts de migration de nbgrader.
"""

from __future__ import annotations

import functools
import os
import sys

sys.modules.setdefault("rfc3987_syntax", None)


@functools.lru_cache(maxsize=1)
def version_alembic() -> str:
    import nbgrader
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", os.path.join(os.path.dirname(nbgrader.__file__), "alembic"))
    return ScriptDirectory.from_config(config).get_current_head()


def accelerer() -> None:
    import nbgrader.api

    nbgrader.api.get_alembic_version = version_alembic
