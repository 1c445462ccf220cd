"""Bouton de lancement (fusée) de chaque page : Binder et le JupyterHub de la classe.

Les adresses viennent de conf.py (``strategie_lancement``) : c'est le seul endroit où les changer.
Une leçon ou un énoncé s'ouvre lui-même ; les autres pages (accueil, glossaire, bibliographie)
ouvrent le cours sur le module 00.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlencode

PAGE_PAR_DEFAUT = "course/00-demarrer.ipynb"


def chemin_dans_le_depot(app, pagename: str) -> str | None:
    """Le carnet de la page dans le dépôt, ou None pour une page qui n'est pas un carnet."""
    source = Path(app.env.doc2path(pagename, False))
    return source.as_posix() if source.suffix == ".ipynb" else None


def liens(reglages: dict, chemin: str) -> list[dict]:
    depot, branche = reglages["depot"], reglages["branche"]
    boutons = []
    if reglages.get("binder"):
        adresse = f"{reglages['binder'].rstrip('/')}/v2/gh/{depot}/{branche}?urlpath={quote('lab/tree/' + chemin)}"
        boutons.append({"type": "link", "text": "Binder", "url": adresse, "label": "lancer-binder",
                        "tooltip": "Ouvrir dans Binder, sans rien installer (session temporaire)",
                        "icon": "_static/images/logo_binder.svg"})
    if reglages.get("jupyterhub"):
        # nbgitpuller (on the hub) copies the repository into the learner's home, then opens the page.
        nom = depot.split("/")[-1]
        parametres = urlencode({"repo": f"https://github.com/{depot}", "branch": branche,
                                "urlpath": f"lab/tree/{nom}/{chemin}"}, safe="/")
        adresse = f"{reglages['jupyterhub'].rstrip('/')}/hub/user-redirect/git-pull?{parametres}"
        boutons.append({"type": "link", "text": "JupyterHub", "url": adresse, "label": "lancer-jupyterhub",
                        "tooltip": "Ouvrir sur le JupyterHub de la classe",
                        "icon": "_static/images/logo_jupyterhub.svg"})
    return boutons


def ajouter_bouton(app, pagename, templatename, context, doctree):
    if "header_buttons" not in context:
        return
    chemin = chemin_dans_le_depot(app, pagename)
    context["header_buttons"].insert(0, {
        "type": "group", "icon": "fas fa-rocket", "label": "lancement",
        "tooltip": "Lancer cette page dans JupyterLab" if chemin else "Ouvrir le cours dans JupyterLab (module 00)",
        "buttons": liens(app.config.strategie_lancement, chemin or PAGE_PAR_DEFAUT),
    })


def setup(app):
    app.add_config_value("strategie_lancement", {}, "html")
    # After the theme's prep_header_buttons (priority 500), before it renders them (501).
    app.connect("html-page-context", ajouter_bouton, priority=501)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
