# Cours « Stratégie d'entreprise » : deux commandes suffisent.
#   make lab        crée l'environnement si besoin et ouvre JupyterLab sur le cours
#   make test       crée l'environnement si besoin et lance tous les tests
# Autres cibles : make exercises [DEVOIR=NN-slug], make grade DEVOIR=… SOUMISSIONS=…,
#                 make site [SITE=dossier], make bench, make normaliser, make clean,
#                 make publier [DESTINATION=dossier]  (copie des apprenants, sans solutions : docs/jupyterhub.md)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installe
PORT   ?= 8888
# Two workers; --dist loadfile keeps each notebook's cells (nbval) and the browser session together.
PYTEST_ARGS ?= -n 2 --dist loadfile
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test exercises grade bench normaliser clean installer publier site

installer: $(STAMP)

# Re-install only when the dependencies change: a second `make lab` starts in seconds.
# The versions of binder/requirements.txt (the learners' lock) are imposed: every clone, whatever the
# package index, tests the very set the learners install.
$(STAMP): pyproject.toml lib/correction/pyproject.toml tools/configurer_jupyterlab.py binder/requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 ou plus récent est nécessaire (trouvé : " + sys.version.split()[0] + ").")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "Impossible de créer l'environnement virtuel : installez le module venv (sous Debian/Ubuntu : sudo apt-get install python3-venv)."; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[cours,test]" -e lib/correction -c binder/requirements.txt
	$(BIN)/python tools/configurer_jupyterlab.py
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) --port=$(PORT) --ServerApp.root_dir=. course/00-demarrer.ipynb

test: $(STAMP)
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  echo "NOTE : Chromium est absent, le test dans le navigateur sera sauté. Pour l'installer : sudo apt-get install chromium (Debian/Ubuntu)."
	@command -v bwrap >/dev/null 2>&1 || \
	  echo "NOTE : bubblewrap est absent, la correction isolera le code des élèves par Landlock seulement. Pour l'installer : sudo apt-get install bubblewrap (Debian/Ubuntu)."
	$(BIN)/python -m pytest $(PYTEST_ARGS)

exercises: $(STAMP)
	$(BIN)/python tools/generer_exercices.py $(DEVOIR)

grade: $(STAMP)
	$(BIN)/strategie corriger $(DEVOIR) $(SOUMISSIONS)

# The website: the site tools (extra « site ») go into the course environment once, then
# tools/construire_site.py executes the lessons and writes static HTML into $(SITE).
SITE       ?= _site
SITE_STAMP := $(VENV)/.site-installe

$(SITE_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[site]"
	@touch $@

site: $(SITE_STAMP)
	$(BIN)/python tools/construire_site.py --sortie $(SITE)

bench: $(STAMP)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# The learners' copy (lessons, exercises, library; no solutions/, no hidden tests, no grading tool),
# ready to push as the public repository. Standard library only: no environment needed.
publier:
	$(PYTHON) tools/publier.py $(DESTINATION)

normaliser:
	$(PYTHON) tools/carnets.py normaliser

clean:
	rm -rf $(VENV) .pytest_cache tests/artefacts
