"""Les trois listes de dépendances (pyproject, environment.yml, binder/) disent la même chose."""

from __future__ import annotations

import re
import tomllib

from conftest import RACINE


def _nom(exigence: str) -> str:
    return re.split(r"[<>=!~\[ ;]", exigence.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict[str, str]:
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    tout = projet["dependencies"] + [d for groupe in projet["optional-dependencies"].values() for d in groupe]
    return {_nom(d): d.replace(" ", "") for d in tout}


def _conda(chemin) -> dict[str, str]:
    deps = {}
    section = chemin.read_text(encoding="utf-8").split("dependencies:", 1)[1]
    for ligne in section.splitlines():
        m = re.match(r"^  - ([A-Za-z0-9_.\-]+[^:]*)$", ligne)
        if m and _nom(m.group(1)) not in {"python", "pip"}:
            deps[_nom(m.group(1))] = m.group(1).replace(" ", "")
    return deps


def test_environment_yml_egale_pyproject():
    assert _conda(RACINE / "environment.yml") == _pyproject()


def test_binder_egale_pyproject():
    assert _conda(RACINE / "binder" / "environment.yml") == _pyproject()


def test_binder_installe_la_bibliotheque_et_cache_le_formateur():
    lignes = (RACINE / "binder" / "postBuild").read_text(encoding="utf-8").splitlines()
    post = "\n".join(ligne for ligne in lignes if not ligne.lstrip().startswith("#"))
    assert "pip install" in post and "-e ." in post
    assert "set -e" in post
    for panneau in ("formgrader", "create-assignment", "course-list"):
        assert f"@jupyter/nbgrader:{panneau}" in post
    assert "validate" not in post.lower(), "le bouton Validate doit rester aux apprenants"
    assert "configurer_jupyterlab.py" in post
