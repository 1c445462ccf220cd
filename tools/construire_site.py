"""Construit le site web du cours (``make site``) : leçons exécutées, énoncés, glossaire, bibliographie.

    python tools/construire_site.py [--sortie DOSSIER] [--travail DOSSIER] [--processus N]

1. Copie dans un dossier de travail la configuration (site/), les leçons et les pages de
   course/, et les énoncés d'exercices de exercises/ (jamais solutions/).
2. Exécute chaque leçon dans un noyau neuf (N à la fois) ; une cellule en erreur ou un message
   sur stderr arrête la construction.
3. Rend les sorties lisibles sans Python ni internet : chaque figure plotly devient un
   ``<div>`` dessiné par le plotly.js du site, chaque widget une copie figée de son état de
   départ, avec une note qui dit comment l'utiliser pour de vrai.
4. Lance Sphinx (MyST-NB, sphinx-book-theme) avec les avertissements comme erreurs.

La sortie est du HTML statique, à liens relatifs : elle se publie telle quelle.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
MIME_PLOTLY = "application/vnd.plotly.v1+json"
MIME_WIDGET = "application/vnd.jupyter.widget-view+json"
MIME_ETAT = "application/vnd.jupyter.widget-state+json"
NOTE_WIDGET = (
    "Outil interactif, figé ici dans son état de départ. Pour vous en servir, ouvrez la leçon "
    "dans JupyterLab : bouton de lancement (fusée) en haut de la page, Binder ou JupyterHub."
)
NOTE_EXERCICE = """```{note}
Énoncé du devoir tel qu'il est distribué aux apprenants, sans corrigé ni tests cachés. Pour y
répondre et vérifier vos réponses (tests visibles, bouton *Validate*), ouvrez-le dans JupyterLab :
bouton de lancement (fusée) en haut de la page, Binder ou JupyterHub.
```"""


class ErreurConstruction(Exception):
    """La construction s'arrête : le message dit quelle page et quoi corriger."""


# --- Figures et widgets figés ---------------------------------------------------------------

def html_figure(figure: dict) -> str:
    """Un ``<div>`` que strategie-figures.js dessine avec plotly.js (données en JSON à côté)."""
    donnees = json.dumps(figure, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return (
        '<div class="strategie-plotly"></div>'
        f'<script type="application/json" class="strategie-plotly-donnees">{donnees}</script>'
    )


def html_sorties(sorties: list[dict], etat: dict) -> str:
    """Les sorties d'une cellule (ou d'un widget Output) en HTML autonome."""
    morceaux = []
    for sortie in sorties:
        genre = sortie.get("output_type")
        if genre == "stream":
            morceaux.append(f"<pre>{html.escape(''.join(sortie.get('text', '')))}</pre>")
        elif genre == "error":
            raise ErreurConstruction(f"erreur dans un widget : {sortie.get('ename')}: {sortie.get('evalue')}")
        else:
            donnees = sortie.get("data", {})
            if MIME_PLOTLY in donnees:
                morceaux.append(html_figure(donnees[MIME_PLOTLY]))
            elif MIME_WIDGET in donnees:
                morceaux.append(WidgetFige(etat).rendre(donnees[MIME_WIDGET]["model_id"]))
            elif "text/html" in donnees:
                morceaux.append(_texte(donnees["text/html"]))
            elif "image/png" in donnees:
                morceaux.append(f'<img alt="" src="data:image/png;base64,{_texte(donnees["image/png"]).strip()}">')
            elif "text/plain" in donnees:
                morceaux.append(f"<pre>{html.escape(_texte(donnees['text/plain']))}</pre>")
    return "".join(morceaux)


def _texte(valeur) -> str:
    return "".join(valeur) if isinstance(valeur, list) else str(valeur)


class WidgetFige:
    """Rend l'arbre d'un widget ipywidgets (état enregistré par nbclient) en HTML désactivé."""

    BOITES = {"VBoxModel": "colonne", "BoxModel": "colonne", "HBoxModel": "ligne", "GridBoxModel": "grille"}
    INVISIBLES = {"AnyModel"}  # helpers with no view of their own (GardeRaccourcis)

    def __init__(self, etat: dict):
        self.etat = etat

    def rendre(self, identifiant: str) -> str:
        return self._modele(identifiant)

    def _ref(self, valeur: str) -> str:
        return valeur.removeprefix("IPY_MODEL_")

    def _modele(self, identifiant: str) -> str:
        modele = self.etat.get(self._ref(identifiant))
        if modele is None:
            raise ErreurConstruction(f"widget {identifiant} absent de l'état enregistré")
        nom, s = modele["model_name"], modele["state"]
        if nom in self.INVISIBLES:
            return ""
        disposition = self.etat.get(self._ref(s.get("layout", "")), {}).get("state", {})
        if disposition.get("display") == "none" or disposition.get("visibility") == "hidden":
            return ""
        classes = " ".join(["strategie-w", *s.get("_dom_classes", [])])
        style = ""
        if disposition.get("width"):
            style += f"width:{disposition['width']};"
        if nom in self.BOITES:
            if nom == "GridBoxModel" and disposition.get("grid_template_columns"):
                style += f"grid-template-columns:{disposition['grid_template_columns']};"
            enfants = "".join(self._modele(e) for e in s.get("children", []))
            return f'<div class="{classes} strategie-w-{self.BOITES[nom]}" style="{style}">{enfants}</div>'
        if nom in {"TabModel", "AccordionModel", "StackModel"}:
            titres = s.get("titles") or s.get("_titles") or []
            parties = []
            for i, enfant in enumerate(s.get("children", [])):
                titre = titres[i] if isinstance(titres, list) and i < len(titres) else ""
                parties.append(f'<div class="strategie-w-titre">{html.escape(titre or "")}</div>{self._modele(enfant)}')
            return f'<div class="{classes} strategie-w-colonne">{"".join(parties)}</div>'
        if nom in {"HTMLModel", "HTMLMathModel"}:
            return f'<div class="{classes}">{s.get("value", "")}</div>'
        if nom == "LabelModel":
            return f'<div class="{classes}">{html.escape(str(s.get("value", "")))}</div>'
        if nom == "OutputModel":
            return f'<div class="{classes}">{html_sorties(s.get("outputs", []), self.etat)}</div>'
        etiquette = self._etiquette(s)
        if nom == "ButtonModel":
            return f'<button class="{classes} strategie-w-bouton" disabled>{html.escape(s.get("description", ""))}</button>'
        if nom in {"TextModel", "FloatTextModel", "IntTextModel", "BoundedFloatTextModel", "BoundedIntTextModel",
                   "PasswordModel", "ComboboxModel", "DatePickerModel", "ColorPickerModel"}:
            valeur = html.escape(str(s.get("value", "") if s.get("value") is not None else ""))
            indice = html.escape(str(s.get("placeholder", "") or ""))
            return f'<label class="{classes}">{etiquette}<input disabled value="{valeur}" placeholder="{indice}"></label>'
        if nom == "TextareaModel":
            return (f'<label class="{classes}">{etiquette}<textarea disabled rows="{s.get("rows") or 3}">'
                    f'{html.escape(str(s.get("value", "")))}</textarea></label>')
        if nom == "ToggleButtonModel":
            choisi = " strategie-w-choisi" if s.get("value") else ""
            return f'<button class="{classes} strategie-w-bouton{choisi}" disabled>{html.escape(s.get("description", ""))}</button>'
        if nom == "TagsInputModel":
            etiquettes = "".join(f'<span class="strategie-w-mot">{html.escape(str(v))}</span>' for v in s.get("value", []))
            return f'<div class="{classes} strategie-w-ligne">{etiquette}{etiquettes}</div>'
        if nom == "CheckboxModel":
            coche = " checked" if s.get("value") else ""
            return (f'<label class="{classes}"><input type="checkbox" disabled{coche}> '
                    f'{html.escape(s.get("description", ""))}</label>')
        if nom in {"DropdownModel", "SelectModel", "RadioButtonsModel", "ToggleButtonsModel",
                   "SelectionSliderModel", "SelectMultipleModel"}:
            return self._choix(nom, s, classes, etiquette)
        if nom in {"IntSliderModel", "FloatSliderModel", "FloatLogSliderModel"}:
            return (f'<label class="{classes}">{etiquette}<input type="range" disabled min="{s.get("min", 0)}" '
                    f'max="{s.get("max", 100)}" step="{s.get("step", 1)}" value="{s.get("value", 0)}"> '
                    f'<span>{html.escape(str(s.get("value", "")))}</span></label>')
        if nom in {"IntRangeSliderModel", "FloatRangeSliderModel"}:
            bas, haut = s.get("value", [0, 0])
            return f'<div class="{classes}">{etiquette}<span>{bas} – {haut}</span></div>'
        if nom in {"IntProgressModel", "FloatProgressModel"}:
            return f'<label class="{classes}">{etiquette}<progress max="{s.get("max", 100)}" value="{s.get("value", 0)}"></progress></label>'
        raise ErreurConstruction(
            f"widget {nom} : pas de rendu figé prévu ; ajoutez-le à WidgetFige (tools/construire_site.py)"
        )

    def _etiquette(self, s: dict) -> str:
        texte = s.get("description", "")
        if not texte:
            return ""
        return f'<span class="strategie-w-etiquette">{texte if s.get("description_allow_html") else html.escape(texte)}</span>'

    def _choix(self, nom: str, s: dict, classes: str, etiquette: str) -> str:
        options = s.get("_options_labels", [])
        index = s.get("index")
        choisis = set(index) if isinstance(index, list) else {index}
        if nom in {"DropdownModel", "SelectModel", "SelectMultipleModel"}:
            multiple = " multiple" if nom != "DropdownModel" else ""
            taille = f' size="{s.get("rows") or min(len(options), 5)}"' if nom != "DropdownModel" else ""
            items = "".join(
                f'<option{" selected" if i in choisis else ""}>{html.escape(str(o))}</option>' for i, o in enumerate(options)
            )
            return f'<label class="{classes}">{etiquette}<select disabled{multiple}{taille}>{items}</select></label>'
        if nom == "SelectionSliderModel":
            valeur = options[index] if isinstance(index, int) and index < len(options) else ""
            return f'<div class="{classes}">{etiquette}<span>{html.escape(str(valeur))}</span></div>'
        if nom == "ToggleButtonsModel":
            items = "".join(
                f'<button disabled class="strategie-w-bouton{" strategie-w-choisi" if i in choisis else ""}">'
                f"{html.escape(str(o))}</button>" for i, o in enumerate(options)
            )
            return f'<div class="{classes} strategie-w-ligne">{etiquette}{items}</div>'
        groupe = uuid.uuid4().hex[:8]
        items = "".join(
            f'<label><input type="radio" disabled name="r{groupe}"{" checked" if i in choisis else ""}> '
            f"{html.escape(str(o))}</label>" for i, o in enumerate(options)
        )
        return f'<div class="{classes} strategie-w-radios">{etiquette}{items}</div>'


def figer_sorties(carnet: dict, nom: str) -> None:
    """Remplace figures plotly et widgets par leur HTML autonome ; échoue sur erreur ou stderr."""
    etat = carnet.get("metadata", {}).get("widgets", {}).get(MIME_ETAT, {}).get("state", {})
    for numero, cellule in enumerate(carnet["cells"], start=1):
        if cellule["cell_type"] != "code":
            continue
        for sortie in cellule.get("outputs", []):
            if sortie["output_type"] == "error":
                raise ErreurConstruction(
                    f"{nom}, cellule {numero} : {sortie['ename']}: {sortie['evalue']} "
                    "(la leçon doit s'exécuter de haut en bas sans erreur)"
                )
            if sortie["output_type"] == "stream" and sortie.get("name") == "stderr":
                raise ErreurConstruction(
                    f"{nom}, cellule {numero} : message sur stderr, qui s'afficherait dans la page : "
                    f"{_texte(sortie['text'])[:300]!r}"
                )
            donnees = sortie.get("data")
            if not donnees:
                continue
            if MIME_PLOTLY in donnees:
                sortie["data"] = {"text/html": html_figure(donnees[MIME_PLOTLY])}
            elif MIME_WIDGET in donnees:
                try:
                    rendu = WidgetFige(etat).rendre(donnees[MIME_WIDGET]["model_id"])
                except ErreurConstruction as exc:
                    raise ErreurConstruction(f"{nom}, cellule {numero} : {exc}") from None
                sortie["data"] = {"text/html": (
                    f'<div class="strategie-widget-fige">{rendu}'
                    f'<p class="strategie-note-widget">{html.escape(NOTE_WIDGET)}</p></div>'
                )}
    # No widget state left: MyST-NB would otherwise load the widget manager from a CDN.
    carnet.get("metadata", {}).pop("widgets", None)


# --- Exécution ------------------------------------------------------------------------------

def executer_lecon(chemin: str, delai: int) -> tuple[str, str | None, float]:
    """Exécute une leçon en place (noyau neuf, IPC) et fige ses sorties ; renvoie (nom, erreur, durée)."""
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    debut = time.monotonic()
    chemin_p = Path(chemin)
    carnet = nbformat.read(chemin_p, as_version=4)
    # IPC sockets: a TCP port picked then released can be taken by another kernel of the tests.
    with tempfile.TemporaryDirectory(prefix="site-noyau-") as dossier:
        noyau = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(dossier, "k"))
        client = NotebookClient(carnet, km=noyau, timeout=delai, store_widget_state=True,
                                resources={"metadata": {"path": str(chemin_p.parent)}})
        try:
            client.execute()
        except CellExecutionError as exc:
            premiere = str(exc).strip().splitlines()
            return chemin_p.name, f"{chemin_p.name} : une cellule est en erreur : {premiere[-1] if premiere else exc}", 0.0
        except Exception as exc:  # timeout, dead kernel…
            return chemin_p.name, f"{chemin_p.name} : exécution interrompue ({exc.__class__.__name__} : {exc})", 0.0
        finally:  # nbclient stops only the kernels it created itself
            if noyau.has_kernel:
                noyau.shutdown_kernel(now=True)
    donnees = json.loads(nbformat.writes(carnet))
    try:
        figer_sorties(donnees, chemin_p.name)
    except ErreurConstruction as exc:
        return chemin_p.name, str(exc), 0.0
    chemin_p.write_text(json.dumps(donnees, ensure_ascii=False, indent=1), encoding="utf-8")
    return chemin_p.name, None, time.monotonic() - debut


# --- Préparation du dossier source ------------------------------------------------------------

def preparer(source: Path) -> tuple[list[Path], list[Path]]:
    """Copie site/, course/ et les énoncés de exercises/ dans ``source`` ; renvoie (leçons, énoncés)."""
    if source.exists():
        shutil.rmtree(source)
    shutil.copytree(RACINE / "site", source, ignore=shutil.ignore_patterns("__pycache__", "_build"))
    import plotly

    # The plotly.js of the plotly that computed the figures: same version, no CDN.
    shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", source / "_static" / "plotly.min.js")
    (source / "course").mkdir()
    lecons = []
    for chemin in sorted((RACINE / "course").iterdir()):
        if chemin.suffix == ".ipynb":
            lecons.append(Path(shutil.copy(chemin, source / "course" / chemin.name)))
        elif chemin.suffix == ".md":
            shutil.copy(chemin, source / "course" / chemin.name)
    enonces = []
    for chemin in sorted((RACINE / "exercises").glob("*/*.ipynb")):
        if ".ipynb_checkpoints" in chemin.parts:
            continue
        cible = source / "exercises" / chemin.parent.name / chemin.name
        cible.parent.mkdir(parents=True, exist_ok=True)
        carnet = json.loads(chemin.read_text(encoding="utf-8"))
        annoter_enonce(carnet)
        cible.write_text(json.dumps(carnet, ensure_ascii=False, indent=1), encoding="utf-8")
        enonces.append(cible)
    return lecons, enonces


def annoter_enonce(carnet: dict) -> None:
    """Un énoncé : note après le titre, cellules de tests repliées, rien d'exécuté."""
    for cellule in carnet["cells"]:
        nbgrader = cellule.get("metadata", {}).get("nbgrader", {})
        if cellule["cell_type"] == "code" and nbgrader.get("grade") and not nbgrader.get("solution"):
            cellule["metadata"].setdefault("tags", []).append("hide-input")
        if cellule["cell_type"] == "code":
            cellule["outputs"], cellule["execution_count"] = [], None
    note = {"cell_type": "markdown", "id": "note-site-enonce", "metadata": {}, "source": NOTE_EXERCICE}
    carnet["cells"].insert(1, note)


# --- Construction ----------------------------------------------------------------------------

def construire(sortie: Path, travail: Path, processus: int = 2, delai: int = 600) -> dict:
    """Construit le site dans ``sortie`` ; renvoie un résumé (durées, nombre de pages)."""
    debut = time.monotonic()
    source = travail / "source"
    lecons, enonces = preparer(source)
    durees, erreurs = {}, []
    with ProcessPoolExecutor(max_workers=processus) as groupe:
        for nom, erreur, duree in groupe.map(executer_lecon, [str(p) for p in lecons], [delai] * len(lecons)):
            if erreur:
                erreurs.append(erreur)
            else:
                durees[nom] = duree
                print(f"  exécutée : {nom} ({duree:.0f} s)", flush=True)
    if erreurs:
        raise ErreurConstruction("des leçons ne s'exécutent pas :\n  " + "\n  ".join(erreurs))
    execution = time.monotonic() - debut
    # From scratch: Sphinx does not repeat the warnings of pages it does not read again.
    for dossier in (sortie, travail / "doctrees"):
        if dossier.exists():
            shutil.rmtree(dossier)
    commande = [
        sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q",
        "-d", str(travail / "doctrees"), str(source), str(sortie),
    ]
    resultat = subprocess.run(commande, cwd=source, capture_output=True, text=True)
    journal = (resultat.stdout + resultat.stderr).strip()
    if resultat.returncode != 0 or "WARNING" in journal or "ERROR" in journal:
        raise ErreurConstruction("Sphinx a signalé des avertissements (traités comme des erreurs) :\n" + journal)
    pages = sorted(p.relative_to(sortie).as_posix() for p in sortie.rglob("*.html")
                   if not p.relative_to(sortie).parts[0].startswith("_"))
    return {"lecons": len(lecons), "enonces": len(enonces), "pages": pages,
            "duree_execution_s": round(execution, 1), "duree_totale_s": round(time.monotonic() - debut, 1),
            "durees_lecons_s": {k: round(v, 1) for k, v in durees.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sortie", type=Path, default=RACINE / "_site", help="dossier du site (défaut : _site/)")
    parser.add_argument("--travail", type=Path, default=RACINE / "build" / "site",
                        help="dossier de travail : sources préparées, cache de Sphinx (défaut : build/site/)")
    parser.add_argument("--processus", type=int, default=2, help="leçons exécutées en même temps (défaut : 2)")
    args = parser.parse_args(argv)
    print("Construction du site : exécution des leçons…", flush=True)
    try:
        resume = construire(args.sortie.resolve(), args.travail.resolve(), args.processus)
    except ErreurConstruction as exc:
        print(f"ÉCHEC de la construction du site : {exc}", file=sys.stderr)
        return 1
    print(f"Site construit : {len(resume['pages'])} pages dans {args.sortie} en {resume['duree_totale_s']:.0f} s "
          f"(dont {resume['duree_execution_s']:.0f} s d'exécution des leçons). "
          f"Pour le regarder : python -m http.server -d {args.sortie}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
