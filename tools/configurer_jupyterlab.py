"""Règle JupyterLab pour le cours : interface en français, pas de fenêtre « actualités ».

Écrit ``share/jupyter/lab/settings/overrides.json`` dans l'environnement
Python courant (venv local ou environnement Binder). Ce sont des valeurs par
défaut : l'apprenant peut revenir à l'anglais par Paramètres → Langue.
"""

import json
import sys
from pathlib import Path

REGLAGES = {
    "@jupyterlab/translation-extension:plugin": {"locale": "fr_FR"},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def main() -> None:
    dossier = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings"
    dossier.mkdir(parents=True, exist_ok=True)
    fichier = dossier / "overrides.json"
    actuels = json.loads(fichier.read_text(encoding="utf-8")) if fichier.exists() else {}
    for plugin, valeurs in REGLAGES.items():
        actuels.setdefault(plugin, {}).update(valeurs)
    fichier.write_text(json.dumps(actuels, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Réglages JupyterLab du cours écrits dans {fichier}")


if __name__ == "__main__":
    main()
