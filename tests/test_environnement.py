"""Les dépendances : pyproject et environment.yml disent la même chose ; binder/ verrouille celles des apprenants.

Ce que repo2docker fait de binder/ (documentation de repo2docker, « Configuration Files ») :
s'il existe un dossier binder/, seuls ses fichiers comptent ; environment.yml y passe avant
requirements.txt ; runtime.txt (« python-3.11 ») choisit Python pour requirements.txt ; postBuild,
exécutable, tourne depuis la racine du dépôt après l'installation ; start, exécutable, finit par
``exec "$@"``.
"""

from __future__ import annotations

import os
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


def _verrou() -> dict[str, str]:
    lignes = (RACINE / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    paquets = {}
    for ligne in lignes:
        if not ligne.strip() or ligne.startswith("#"):
            continue
        nom, egal, version = ligne.partition("==")
        assert egal and version and not set(version) & set("<>=!~ ;,*"), f"version non exacte : {ligne!r}"
        paquets[_nom(nom)] = version
    return paquets


def _apprenants() -> list[str]:
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return projet["dependencies"] + projet["optional-dependencies"]["cours"]


def test_binder_utilise_requirements_et_python_311():
    dossier = RACINE / "binder"
    assert not (dossier / "environment.yml").exists(), "environment.yml passerait avant requirements.txt"
    assert not (dossier / "Dockerfile").exists()
    assert (dossier / "runtime.txt").read_text(encoding="utf-8").strip() == "python-3.11"
    for script in ("postBuild", "start"):
        assert os.access(dossier / script, os.X_OK), f"binder/{script} doit être exécutable"
    assert (dossier / "start").read_text(encoding="utf-8").rstrip().endswith('exec "$@"')


def test_binder_verrouille_exactement_les_dependances_des_apprenants():
    from packaging.requirements import Requirement

    verrou = _verrou()
    for texte in _apprenants():
        exigence = Requirement(texte)
        nom = _nom(exigence.name)
        assert nom in verrou, f"{nom} manque au verrou de binder/"
        assert exigence.specifier.contains(verrou[nom], prereleases=True), (
            f"{nom}=={verrou[nom]} (binder/) sort des bornes de pyproject.toml ({exigence.specifier})")


def test_binder_sans_outils_de_test_ni_outil_de_correction():
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    interdits = {_nom(d) for d in projet["optional-dependencies"]["test"]} | {"strategie-correction", "strategie"}
    interdits |= {"pytest", "playwright", "hypothesis", "nbval", "pytest-xdist", "axelrod"}
    assert not interdits & set(_verrou())


def test_verrou_binder_complet_pour_l_environnement_installe():
    """Chaque paquet qu'exige strategie[cours] dans l'environnement installé est dans le verrou, à sa version."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("verrou_binder", RACINE / "tools" / "verrou_binder.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    installes = {_nom(nom): version for nom, version in module.fermeture().items() if nom != "strategie"}
    manquants = set(installes) - set(_verrou())
    assert not manquants, f"absents de binder/requirements.txt : {sorted(manquants)} (lancez tools/verrou_binder.py)"
    # The lock is the set the tests pass with: the same versions, not merely compatible ones.
    ecarts = {nom: (_verrou()[nom], version) for nom, version in installes.items() if _verrou()[nom] != version}
    assert not ecarts, f"binder/ (verrou, installé) : {ecarts} ; lancez .venv/bin/python tools/verrou_binder.py"


def test_pyproject_borne_chaque_dependance():
    from packaging.requirements import Requirement

    for texte in _pyproject().values():
        exigence = Requirement(texte)
        assert any(s.operator in ("<", "<=", "==", "~=") for s in exigence.specifier), (
            f"{texte} : donnez une borne supérieure (version majeure suivante non testée)")


def test_binder_installe_la_bibliotheque_et_cache_le_formateur():
    lignes = (RACINE / "binder" / "postBuild").read_text(encoding="utf-8").splitlines()
    post = "\n".join(ligne for ligne in lignes if not ligne.lstrip().startswith("#"))
    assert "pip install" in post and "-e ." in post
    assert "set -e" in post
    for panneau in ("formgrader", "create-assignment", "course-list", "assignment-list", "menu"):
        assert f"@jupyter/nbgrader:{panneau}" in post
    assert "jupyter labextension disable" in post and "jupyter labextension lock" in post
    assert "validate" not in post.lower(), "le bouton Validate doit rester aux apprenants"
    assert "configurer_jupyterlab.py" in post


def _plugins_nbgrader() -> set[str]:
    """Les greffons JupyterLab de l'extension nbgrader installée (ceux que le Binder aura)."""
    import sys
    from pathlib import Path

    dossier = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter" / "nbgrader" / "static"
    return {m for js in dossier.glob("*.js")
            for m in re.findall(r'"(@jupyter/nbgrader:[a-z-]+)"', js.read_text(encoding="utf-8", errors="replace"))}


def test_binder_verrouille_tous_les_panneaux_nbgrader_sauf_validate():
    """Chaque panneau nbgrader installé (formgrader, devoirs, cours…) est coupé sur Binder, sauf Validate."""
    plugins = _plugins_nbgrader()
    assert "@jupyter/nbgrader:validate-assignment" in plugins and len(plugins) >= 5, plugins
    post = (RACINE / "binder" / "postBuild").read_text(encoding="utf-8")
    coupes = set(re.findall(r"@jupyter/nbgrader:[a-z-]+", post))
    oublies = plugins - coupes - {"@jupyter/nbgrader:validate-assignment"}
    assert not oublies, f"panneaux nbgrader laissés aux apprenants sur Binder (sans échange, ils affichent une erreur) : {oublies}"


def test_binder_en_francais():
    import runpy

    assert "jupyterlab-language-pack-fr-fr" in _verrou()
    reglages = runpy.run_path(str(RACINE / "tools" / "configurer_jupyterlab.py"))["REGLAGES"]
    assert reglages["@jupyterlab/translation-extension:plugin"]["locale"] == "fr_FR"


def test_le_badge_binder_ouvre_le_module_00_du_depot_du_site():
    """Le badge du README : même dépôt et même branche que les boutons du site, ouverture sur le module 00."""
    import runpy

    lancement = runpy.run_path(str(RACINE / "site" / "conf.py"))["strategie_lancement"]
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    badges = re.findall(r"\]\((https://mybinder\.org/v2/gh/[^)]+)\)", readme)
    assert badges, "le README n'a plus de badge Binder"
    attendu = (f"{lancement['binder']}/v2/gh/{lancement['depot']}/{lancement['branche']}"
               "?urlpath=lab/tree/course/00-demarrer.ipynb")
    assert badges == [attendu], f"badge {badges}, attendu {attendu} (site/conf.py, strategie_lancement)"
    assert (RACINE / "course" / "00-demarrer.ipynb").is_file()
    explication = readme.split("Pour pointer le badge vers votre copie", 1)
    assert len(explication) == 2 and lancement["depot"] in explication[1][:400] and "site/conf.py" in explication[1][:600], \
        "le README doit dire comment pointer le badge (et les boutons du site) vers sa propre copie du dépôt"
