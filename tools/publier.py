"""Écrit la copie « apprenants » du cours, prête à pousser comme dépôt public (``make publier``).

    python tools/publier.py [DESTINATION]      (par défaut : ../<dossier du cours>-apprenants)

La copie contient les leçons (course/), les devoirs distribués (exercises/), la bibliothèque
``strategie`` (lib/strategie), le Binder des apprenants (binder/), nbgrader_config.py (messages
du bouton Validate) et l'outil qui met JupyterLab en français ; plus un README, un Makefile et un
pyproject.toml à elle. Elle ne contient ni solutions/ (corrigés et tests cachés), ni l'outil de
correction (lib/correction), ni les tests, la documentation du formateur ou les outils du dépôt.

Publier de nouveau met la copie à jour : tout y est remplacé sauf son dossier .git, pour que
``git add -A && git commit`` dans la copie ne montre que ce qui a changé. Le dossier de destination
doit être vide, nouveau, ou une copie déjà publiée (fichier ``.copie-apprenants``) : rien d'autre
n'est jamais effacé. Avant d'écrire, la copie est vérifiée : aucun marqueur de solution ou de
test caché, aucun dossier interdit ; sinon rien n'est publié.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
TEMOIN = ".copie-apprenants"

# What learners get, as it is in the repository.
COPIES = ("course", "exercises", "lib/strategie", "binder", "nbgrader_config.py", "tools/configurer_jupyterlab.py")
IGNORES = shutil.ignore_patterns(
    "__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info", "mon-canevas.json", "mon-canevas.html",
    "mon-autoevaluation.json",
)
# Never in the copy, whatever a later change of COPIES brings along.
MARQUEURS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN MARK SCHEME")
INTERDITS = ("solutions", "lib/correction", "tests", "tools/generer_exercices.py")

# Lesson 00 sends self-learners to solutions/, which the public copy does not have.
PHRASE_SOLUTIONS = re.compile(r"Le dossier `solutions/` contient les corrigés[^\\\"]*?\.")
PHRASE_APPRENANTS = (
    "Les corrigés ne sont pas dans cette copie du cours : votre formateur les commente après la "
    "date de remise, avec votre retour."
)

README = """\
# Stratégie d'entreprise — un cours Jupyter interactif

[![Ouvrir dans Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/ORGANISATION/DEPOT/main?urlpath=lab/tree/course/00-demarrer.ipynb)

Un cours en français pour étudiants en gestion, managers en formation et autodidactes : le
Business Model Canvas, le canevas stratégique, les objectifs SMART, la valeur client et le
dilemme du prisonnier. Chaque module a une **leçon** interactive (`course/`) et un **devoir**
(`exercises/`) que vous vérifiez vous-même avec le bouton *Validate* de JupyterLab.

## Démarrer (deux commandes)

Il faut Python 3.11 ou plus récent et `make`.

```bash
make lab                            # crée l'environnement (.venv), installe le cours, ouvre JupyterLab sur la leçon 00
make verifier DEVOIR=00-demarrer    # passe les tests de votre devoir, comme le bouton Validate
```

La première fois, l'installation prend une à deux minutes (versions exactes de
`binder/requirements.txt`, les mêmes que sur Binder) ; ensuite `make lab` démarre en quelques
secondes. `make verifier` installe aussi l'environnement s'il manque, puis dit, en français,
quelles questions du devoir ne passent pas encore leurs tests.

**Sans rien installer :** le badge Binder ci-dessus ouvre le cours dans votre navigateur
(remplacez `ORGANISATION/DEPOT` par l'adresse de ce dépôt). Une session Binder disparaît après
une dizaine de minutes d'inactivité : téléchargez votre travail.

## Contenu

| dossier | contenu |
|---|---|
| `course/` | les leçons, une par module (`00-demarrer.ipynb` d'abord) |
| `exercises/NN-slug/` | les devoirs : répondez dans les cellules `VOTRE CODE ICI` |
| `lib/strategie/` | la bibliothèque du cours (outils, données, widgets) |
| `binder/` | l'environnement de Binder |

Les corrigés ne sont pas dans cette copie : votre formateur les commente avec votre retour.
"""

MAKEFILE = """\
# Cours « Stratégie d'entreprise » (copie des apprenants) : deux commandes.
#   make lab                          installe si besoin, puis ouvre JupyterLab sur la leçon 00
#   make verifier DEVOIR=00-demarrer  passe les tests de votre devoir (comme le bouton Validate)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installe
PORT   ?= 8888
DEVOIR ?= 00-demarrer
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab verifier installer clean

installer: $(STAMP)

$(STAMP): pyproject.toml binder/requirements.txt tools/configurer_jupyterlab.py
\t@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 ou plus récent est nécessaire (trouvé : " + sys.version.split()[0] + ").")'
\t@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "Impossible de créer l'environnement virtuel : installez le module venv (sous Debian/Ubuntu : sudo apt-get install python3-venv)."; exit 1; }
\t$(BIN)/python -m pip install --quiet --upgrade pip
\t$(BIN)/python -m pip install --quiet -r binder/requirements.txt
\t$(BIN)/python -m pip install --quiet --no-deps -e .
\t$(BIN)/python tools/configurer_jupyterlab.py
\t@touch $(STAMP)

lab: $(STAMP)
\t$(BIN)/jupyter lab $(ROOT_FLAG) --port=$(PORT) --ServerApp.root_dir=. course/00-demarrer.ipynb

verifier: $(STAMP)
\t@test -f exercises/$(DEVOIR)/$(DEVOIR).ipynb || { echo "Devoir introuvable : exercises/$(DEVOIR)/$(DEVOIR).ipynb (DEVOIR=NN-slug, voir le dossier exercises/)."; exit 1; }
\t$(BIN)/nbgrader validate exercises/$(DEVOIR)/$(DEVOIR).ipynb

clean:
\trm -rf $(VENV)
"""

GITIGNORE = """\
.venv/
__pycache__/
*.egg-info/
.ipynb_checkpoints/
course/mon-canevas.json
course/mon-canevas.html
mon-autoevaluation.json
"""


class PublicationRefusee(Exception):
    pass


def pyproject_apprenants(texte: str) -> str:
    """Le pyproject.toml du cours avec le seul extra ``cours`` et sans la configuration de pytest."""
    import tomllib

    cours = tomllib.loads(texte)["project"]["optional-dependencies"]["cours"]
    extras = "[project.optional-dependencies]\ncours = [\n" + "".join(f'    "{d}",\n' for d in cours) + "]\n\n"
    sortie = re.sub(r"(?ms)^\[project\.optional-dependencies\]\n.*?(?=^\[)", lambda _: extras, texte)
    sortie = re.sub(r"(?ms)^\[tool\.pytest\.ini_options\]\n.*?(?=^\[|\Z)", "", sortie)
    # Comments that speak of the repository's tests and tools, absent from the copy.
    sortie = re.sub(r"(?m)^# (Upper bounds|pins the learners|The trainers' grading tool).*\n", "", sortie)
    projet = tomllib.loads(sortie)
    if set(projet["project"].get("optional-dependencies", {})) != {"cours"} or "pytest" in projet.get("tool", {}):
        raise PublicationRefusee("pyproject.toml : les extras autres que « cours » ou la configuration pytest n'ont pas pu être retirés")
    return sortie.rstrip("\n") + "\n"


def _lecon_00(chemin: Path) -> None:
    texte = chemin.read_text(encoding="utf-8")
    nouveau, n = PHRASE_SOLUTIONS.subn(PHRASE_APPRENANTS, texte)
    if n:
        chemin.write_text(nouveau, encoding="utf-8")


def lignes_secretes(solutions: Path = RACINE / "solutions") -> set[str]:
    """Les assertions des tests cachés qu'on ne lit nulle part ailleurs dans le devoir source.

    Une assertion aussi présente hors des tests cachés (un test visible qui vérifie la même chose)
    n'a rien de secret ; les autres lignes d'un test caché reprennent souvent la leçon (construire
    l'exemple), et les solutions sont repérées par leurs marqueurs.
    """
    import json

    bloc = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
    lignes: set[str] = set()
    for carnet in sorted(solutions.glob("*/*.ipynb")):
        cachees, ailleurs = set(), set()
        for cellule in json.loads(carnet.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cellule["source"]) if isinstance(cellule["source"], list) else cellule["source"]
            for contenu in bloc.findall(source):
                cachees.update(l.strip() for l in contenu.splitlines() if l.strip().startswith("assert "))
            ailleurs.update(l.strip() for l in bloc.sub("", source).splitlines())
        lignes |= cachees - ailleurs
    return lignes


def verifier(copie: Path, secretes: set[str] | None = None) -> list[str]:
    """Ce qui ne doit pas être dans la copie (liste vide : rien).

    Dossiers interdits ; dans un carnet, un marqueur nbgrader de solution, de test caché ou de
    grille ; dans n'importe quel fichier texte, une ligne propre à un test caché.
    """
    secretes = lignes_secretes() if secretes is None else secretes
    problemes = [f"{i} présent" for i in INTERDITS if (copie / i).exists()]
    for fichier in sorted(copie.rglob("*")):
        if ".git" in fichier.relative_to(copie).parts or not fichier.is_file():
            continue
        try:
            texte = fichier.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        relatif = fichier.relative_to(copie)
        if fichier.suffix == ".ipynb":
            for marqueur in MARQUEURS:
                if marqueur in texte:
                    problemes.append(f"{relatif} contient « {marqueur} »")
            if "solutions/" in texte:
                problemes.append(f"{relatif} renvoie à solutions/")
        if fichier.suffix == ".ipynb":
            import json

            texte = "\n".join(
                "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                for c in json.loads(texte).get("cells", [])
            )
        lignes = {l.strip() for l in texte.splitlines()}
        for ligne in sorted(secretes & lignes):
            problemes.append(f"{relatif} contient une ligne d'un test caché : {ligne[:80]}")
    return problemes


def ecrire(copie: Path) -> None:
    for nom in COPIES:
        source = RACINE / nom
        if source.is_dir():
            shutil.copytree(source, copie / nom, ignore=IGNORES)
        else:
            (copie / nom).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copie / nom)
    _lecon_00(copie / "course" / "00-demarrer.ipynb")
    (copie / "pyproject.toml").write_text(
        pyproject_apprenants((RACINE / "pyproject.toml").read_text(encoding="utf-8")), encoding="utf-8",
    )
    (copie / "README.md").write_text(README, encoding="utf-8")
    (copie / "Makefile").write_text(MAKEFILE, encoding="utf-8")
    (copie / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (copie / TEMOIN).write_text(
        "Copie des apprenants écrite par tools/publier.py (make publier) : ne pas éditer ici, republier.\n",
        encoding="utf-8",
    )


def publier(destination: Path) -> Path:
    destination = destination.resolve()
    if destination == RACINE or RACINE in destination.parents:
        raise PublicationRefusee(f"{destination} est dans le dépôt du cours : choisissez un dossier à côté.")
    if destination.exists():
        contenu = [p.name for p in destination.iterdir() if p.name != ".git"]
        if contenu and not (destination / TEMOIN).exists():
            raise PublicationRefusee(
                f"{destination} n'est pas vide et n'est pas une copie publiée (pas de fichier {TEMOIN}) : "
                "rien n'a été effacé. Donnez un dossier vide ou nouveau."
            )
    # Build beside the destination, check, then swap: a refused copy never replaces a good one.
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".publication-", dir=destination.parent) as provisoire:
        copie = Path(provisoire) / "copie"
        copie.mkdir()
        ecrire(copie)
        problemes = verifier(copie)
        if problemes:
            raise PublicationRefusee("copie refusée, rien n'a été publié :\n  " + "\n  ".join(problemes))
        destination.mkdir(exist_ok=True)
        for ancien in destination.iterdir():
            if ancien.name == ".git":
                continue
            if ancien.is_dir() and not ancien.is_symlink():
                shutil.rmtree(ancien)
            else:
                ancien.unlink()
        for nouveau in copie.iterdir():
            shutil.move(str(nouveau), destination / nouveau.name)
    return destination


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    destination = Path(argv[0]) if argv else RACINE.parent / f"{RACINE.name}-apprenants"
    try:
        copie = publier(destination)
    except PublicationRefusee as exc:
        print(f"Publication refusée : {exc}", file=sys.stderr)
        return 1
    print(f"Copie des apprenants écrite dans {copie}")
    print("Sans solutions/, sans tests cachés, sans l'outil de correction. Pour la pousser :")
    print(f"  cd {copie} && git init -b main (la première fois) && git add -A && git commit -m \"Publication\" && git push")
    return 0


if __name__ == "__main__":
    sys.exit(main())
