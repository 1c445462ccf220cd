"""Deux raccourcis pour nbgrader, sans effet sur les résultats, appliqués dès l'import de ce module.

* jsonschema (importé par nbformat) charge ``rfc3987_syntax``, qui construit une grammaire pendant
  environ 1,5 s de calcul ; les schémas de nbformat ne vérifient jamais d'IRI : le module est écarté.
* Chaque nouveau gradebook lance ``alembic heads`` dans un sous-processus pour connaître la version
  du schéma (environ 4 s de calcul, qui réimporte tout nbgrader) ; la même réponse se lit ici, dans
  le processus, dans les scripts de migration de nbgrader.
* nbgrader ouvre un gradebook (donc un moteur SQLAlchemy neuf) une dizaine de fois par soumission, et
  un moteur neuf recompile chaque requête (un tiers du travail de nbgrader hors noyau) : un seul
  moteur par base sert à tous. ``Gradebook.close()`` le « dispose » toujours, ce qui ferme ses
  connexions (aucune ne reste ouverte entre deux gradebooks) mais garde ses requêtes compilées.
* nbgrader vérifie les métadonnées de chaque cellule par ``jsonschema.validate``, qui revérifie
  d'abord le schéma lui-même (le même à chaque appel : neuf dixièmes du travail) ; le validateur,
  construit une fois par schéma vérifié, fait ensuite exactement la même vérification de la cellule
  (même erreur, la plus pertinente, levée de la même façon).
"""

from __future__ import annotations

import copy
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


_MOTEURS: dict = {}


def _moteur_partage(creer):
    @functools.wraps(creer)
    def moteur(url, *args, **kwargs):
        cle = (str(url), args, tuple(sorted(kwargs.items())))
        if cle not in _MOTEURS:
            _MOTEURS[cle] = creer(url, *args, **kwargs)
        return _MOTEURS[cle]

    moteur.partage = True
    return moteur


def oublier_moteurs() -> None:
    """(dans un processus né d'un fork) Les moteurs du parent et leurs connexions ne servent pas ici."""
    _MOTEURS.clear()


_VALIDATEURS: dict = {}


def _valider(instance, schema: dict, cle) -> None:
    """``jsonschema.validate(instance, schema)``, le schéma vérifié et son validateur construit une fois.

    nbgrader relit son schéma à chaque validateur : le validateur retenu sous ``cle`` ne sert que si le
    schéma est resté le même (égalité des dictionnaires, bien moins chère que sa vérification).
    """
    import jsonschema
    from jsonschema.exceptions import best_match

    retenu = _VALIDATEURS.get(cle)
    if retenu is None or retenu[0] != schema:
        classe = jsonschema.validators.validator_for(schema)
        classe.check_schema(schema)
        retenu = _VALIDATEURS[cle] = (copy.deepcopy(schema), classe(schema))
    erreur = best_match(retenu[1].iter_errors(instance))
    if erreur is not None:
        raise erreur


def _validation_rapide(validate_cell):
    @functools.wraps(validate_cell)
    def valider_cellule(self, cell):
        if "nbgrader" not in cell.metadata:
            return None
        version = cell.metadata["nbgrader"].get("schema_version", 0)
        if version != self.schema_version:
            return validate_cell(self, cell)  # nbgrader's own errors (schema too old or too new)
        _valider(cell.metadata["nbgrader"], self.schema, (type(self).__name__, self.schema_version))
        return None

    valider_cellule.rapide = True
    return valider_cellule


def accelerer() -> None:
    import nbgrader.api
    from nbgrader.nbgraderformat.common import BaseMetadataValidator

    if not getattr(BaseMetadataValidator.validate_cell, "rapide", False):
        BaseMetadataValidator.validate_cell = _validation_rapide(BaseMetadataValidator.validate_cell)
    nbgrader.api.get_alembic_version = version_alembic
    if not getattr(nbgrader.api.create_engine, "partage", False):
        nbgrader.api.create_engine = _moteur_partage(nbgrader.api.create_engine)
