"""deploiement/z2jh/values.yaml : ce qu'on peut vérifier sans Kubernetes ni helm (docs/jupyterhub.md).

La structure attendue par le chart (clés et types des réglages utilisés), le code Python que le hub
et les pods exécuteront (il compile), et la cohérence avec la classe testée par
tests/test_jupyterhub.py (mêmes extensions désactivées chez les apprenants, même course_id).
`helm template` et le déploiement ne sont pas vérifiés ici.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import RACINE

yaml = pytest.importorskip("yaml")

VALEURS = RACINE / "deploiement" / "z2jh" / "values.yaml"


@pytest.fixture(scope="module")
def valeurs() -> dict:
    return yaml.safe_load(VALEURS.read_text(encoding="utf-8"))


def test_seules_les_sections_du_chart(valeurs):
    """Les sections de premier niveau sont celles du chart jupyterhub (une faute de frappe serait ignorée par helm sans schéma)."""
    sections = {"hub", "proxy", "singleuser", "cull", "scheduling", "prePuller", "ingress", "rbac", "debug", "global", "custom"}
    assert set(valeurs) <= sections, set(valeurs) - sections


def test_image_du_cours_a_etiquette_fixe_et_ressources_bornees(valeurs):
    """Image du cours avec une étiquette fixe ; garanties et limites de mémoire et de CPU pour chaque apprenant."""
    image = valeurs["singleuser"]["image"]
    assert image["name"] and image["tag"] not in ("", "latest")
    memoire, cpu = valeurs["singleuser"]["memory"], valeurs["singleuser"]["cpu"]
    assert memoire["guarantee"] and memoire["limit"] and cpu["guarantee"] < cpu["limit"]


def test_les_serveurs_inactifs_sont_arretes(valeurs):
    """Culling : serveurs inactifs arrêtés après une heure, comptes gardés."""
    cull = valeurs["cull"]
    assert cull["enabled"] is True and cull["users"] is False
    assert 0 < cull["every"] < cull["timeout"] <= 4 * 3600


def test_le_code_python_du_hub_et_des_pods_compile(valeurs):
    """hub.extraConfig et le nbgrader_config.py monté dans les pods sont du Python valide."""
    for nom, code in valeurs["hub"]["extraConfig"].items():
        compile(code, nom, "exec")
    config = valeurs["singleuser"]["extraFiles"]["nbgrader-config"]
    assert config["mountPath"] == "/etc/jupyter/nbgrader_config.py"
    compile(config["stringData"], "nbgrader_config.py", "exec")
    assert 'course_id = "strategie-entreprise"' in config["stringData"]
    assert re.search(r'c\.CourseDirectory\.course_id = "strategie-entreprise"', (RACINE / "nbgrader_config.py").read_text(encoding="utf-8"))


def test_apprenants_sans_formgrader_comme_dans_le_test_du_hub(valeurs):
    """Les apprenants ont les mêmes extensions désactivées que dans tests/test_jupyterhub.py (serveur et JupyterLab)."""
    fichiers = valeurs["singleuser"]["extraFiles"]
    serveur = fichiers["apprenants-serveur"]["data"]["ServerApp"]["jpserver_extensions"]
    assert serveur == {"nbgrader.server_extensions.formgrader": False, "nbgrader.server_extensions.course_list": False}
    lab = fichiers["apprenants-jupyterlab"]["data"]["disabledExtensions"]
    assert set(lab) == {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:course-list"}
    texte_test = (RACINE / "tests" / "test_jupyterhub.py").read_text(encoding="utf-8")
    for extension in [*serveur, *lab]:
        assert f'"{extension}"' in texte_test, extension
    # The hook points learners' servers at the folder where these files are mounted.
    dossier = fichiers["apprenants-serveur"]["mountPath"].rsplit("/", 1)[0]
    assert f'"{dossier}"' in valeurs["hub"]["extraConfig"]["20-profils.py"]
    assert fichiers["apprenants-jupyterlab"]["mountPath"] == f"{dossier}/labconfig/page_config.json"
    json.dumps(fichiers["apprenants-serveur"]["data"])


def test_aucun_secret_dans_le_fichier(valeurs):
    """Les jetons et mots de passe vont dans un fichier à part (secrets.yaml), jamais dans values.yaml."""
    texte = VALEURS.read_text(encoding="utf-8")
    assert not re.search(r"(?i)^\s*(apiToken|api_token|password|secretToken|client_secret)\s*:", texte, re.M)
    assert "apiToken" not in valeurs["hub"]["services"]["ngshare"]
