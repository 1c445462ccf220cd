"""Configuration du site web du cours (Sphinx, MyST-NB, sphinx-book-theme), construit par ``make site``.

tools/construire_site.py copie ce dossier à côté des leçons exécutées et des énoncés, puis lance Sphinx.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# --- Le seul endroit à changer pour une copie du cours -----------------------------------------
# Le dépôt GitHub et la branche (les mêmes que dans le badge Binder du README), le service Binder,
# et l'adresse du JupyterHub de la classe (il lui faut nbgitpuller, qui y copie le dépôt).
strategie_lancement = {
    "depot": "ORGANISATION/cours-strategie",
    "branche": "main",
    "binder": "https://mybinder.org",
    "jupyterhub": "https://jupyterhub.exemple.fr",
}

project = "Stratégie d’entreprise"
copyright = "les auteurs du cours « Stratégie d’entreprise » (licence MIT)"
language = "fr"
html_title = "Stratégie d’entreprise"

extensions = ["myst_nb", "lancement", "francais"]
exclude_patterns = ["_ext", "**/.ipynb_checkpoints"]
# A lesson may show a code sketch with « … » placeholders in a ```python block: Pygments then
# highlights it in relaxed mode, which is what we want; every other warning stays an error.
suppress_warnings = ["misc.highlighting_failure"]

# tools/construire_site.py has executed the lessons already (and turned figures and widgets into plain HTML).
nb_execution_mode = "off"
nb_ipywidgets_js = {}  # no widget manager loaded from a CDN: the widgets are frozen HTML
nb_code_prompt_show = "Afficher le code"
nb_code_prompt_hide = "Masquer le code"
nb_merge_streams = True

myst_heading_anchors = 4
myst_heading_slug_func = "ancres.ancre_jupyterlab"

html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
html_css_files = ["strategie-site.css"]
html_js_files = [("strategie-figures.js", {"defer": "defer"})]
html_last_updated_fmt = None
html_show_sourcelink = False
html_context = {"default_mode": "light"}  # pydata-sphinx-theme: the frozen widgets are drawn for a light page
# The theme's header has a search field already: the sidebar keeps the title and the table of contents.
html_sidebars = {"**": ["navbar-logo.html", "sbt-sidebar-nav.html"]}
html_theme_options = {
    "repository_url": f"https://github.com/{strategie_lancement['depot']}",
    "repository_branch": strategie_lancement["branche"],
    "use_repository_button": True,
    "use_download_button": True,
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "search_bar_text": "Rechercher dans le cours…",
}
