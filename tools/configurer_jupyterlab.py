"""Règle JupyterLab pour le cours : interface en français, pas de fenêtre « actualités »,
et une leçon qu'on ouvre n'est pas marquée « modifiée ».

Écrit, dans l'environnement Python courant (venv local ou environnement Binder) :

* ``share/jupyter/lab/settings/overrides.json`` : des valeurs par défaut (l'apprenant peut
  revenir à l'anglais par Paramètres → Langue) ;
* ``etc/jupyter/jupyter_server_config.d/strategie.json`` : le serveur sert les carnets avec
  la description du langage qu'annoncera le noyau (voir ``strategie.serveur``).
"""

import json
import sys
from pathlib import Path

REGLAGES = {
    "@jupyterlab/translation-extension:plugin": {"locale": "fr_FR"},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}

# Without it, JupyterLab writes the kernel's exact Python version into every lesson it opens (●).
SERVEUR = {"ServerApp": {"contents_manager_class": "strategie.serveur.GestionnaireCarnets"}}


def main() -> None:
    dossier = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings"
    dossier.mkdir(parents=True, exist_ok=True)
    fichier = dossier / "overrides.json"
    actuels = json.loads(fichier.read_text(encoding="utf-8")) if fichier.exists() else {}
    for plugin, valeurs in REGLAGES.items():
        actuels.setdefault(plugin, {}).update(valeurs)
    fichier.write_text(json.dumps(actuels, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Réglages JupyterLab du cours écrits dans {fichier}")
    serveur = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d" / "strategie.json"
    serveur.parent.mkdir(parents=True, exist_ok=True)
    serveur.write_text(json.dumps(SERVEUR, indent=2) + "\n", encoding="utf-8")
    print(f"Réglage du serveur Jupyter du cours écrit dans {serveur}")


if __name__ == "__main__":
    main()
