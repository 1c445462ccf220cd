"""Ouvrir une leçon ne la marque pas « modifiée » : le serveur sert la language_info du noyau (sans navigateur).

Le test dans le navigateur (tests/test_navigateur.py) vérifie l'indicateur « modifié » lui-même.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import sys
from pathlib import Path

from ipykernel.ipkernel import IPythonKernel

from strategie.serveur import GestionnaireCarnets, completer_language_info, language_info_du_noyau

RACINE = Path(__file__).resolve().parents[2]
LECON = RACINE / "course" / "00-demarrer.ipynb"


def test_la_language_info_servie_est_celle_que_le_noyau_annoncera():
    assert language_info_du_noyau() == IPythonKernel.language_info
    carnet = json.loads(LECON.read_text(encoding="utf-8"))
    # What tools/carnets.py normaliser writes: the name only (the learner's Python version is unknown).
    assert carnet["metadata"]["language_info"] == {"name": "python"}
    assert completer_language_info(carnet) is True
    assert carnet["metadata"]["language_info"] == IPythonKernel.language_info
    assert completer_language_info(carnet) is False, "déjà à jour : rien ne change"


def test_un_carnet_d_un_autre_langage_reste_tel_quel():
    r = {"metadata": {"kernelspec": {"name": "ir"}, "language_info": {"name": "R"}}}
    assert completer_language_info(r) is False and r["metadata"]["language_info"] == {"name": "R"}
    assert completer_language_info({"cells": []}) is False


def test_le_gestionnaire_sert_le_carnet_complete_sans_toucher_au_fichier(tmp_path):
    (tmp_path / "lecon.ipynb").write_bytes(LECON.read_bytes())
    gestionnaire = GestionnaireCarnets(root_dir=str(tmp_path))
    modele = asyncio.run(gestionnaire.get("lecon.ipynb"))
    assert modele["type"] == "notebook"
    assert modele["content"]["metadata"]["language_info"] == IPythonKernel.language_info
    assert (tmp_path / "lecon.ipynb").read_bytes() == LECON.read_bytes(), "le fichier n'est pas modifié"
    dossier = asyncio.run(gestionnaire.get(""))
    assert [f["name"] for f in dossier["content"]] == ["lecon.ipynb"]


def test_configurer_jupyterlab_installe_le_gestionnaire(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("configurer_jupyterlab", RACINE / "tools" / "configurer_jupyterlab.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    module.main()
    reglage = json.loads((tmp_path / "etc" / "jupyter" / "jupyter_server_config.d" / "strategie.json").read_text())
    classe = reglage["ServerApp"]["contents_manager_class"]
    assert classe == f"{GestionnaireCarnets.__module__}.{GestionnaireCarnets.__name__}"
    assert (tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json").exists()
