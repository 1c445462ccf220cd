"""Le site web du cours (``make site``) : construit une fois par session, vérifié dans ses fichiers et dans Chromium.

La construction (tools/construire_site.py) exécute toutes les leçons puis lance Sphinx avec les
avertissements comme erreurs. Elle dure quelques minutes : la fixture de session la fait une seule
fois, dans un dossier temporaire, et tous les tests de ce fichier (dont celui du navigateur)
reprennent sa sortie. Avec ``--dist loadfile``, ce fichier entier tourne sur un seul processus.
"""

from __future__ import annotations

import html
import importlib.util
import json
import os
import re
import runpy
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ARTEFACTS, RACINE, carnets
from test_lecons_lisibles import manques_de_lecture
from test_navigateur import DRAPEAUX_CHROMIUM, chromium_executable  # noqa: F401 (fixture)

pytestmark = pytest.mark.carnets

OUTILS = ("sphinx", "myst_nb", "sphinx_book_theme")
REGLAGES = runpy.run_path(str(RACINE / "site" / "conf.py"))["strategie_lancement"]


@dataclass
class Construction:
    sortie: Path
    code: int
    journal: str
    duree_s: float
    travail: Path  # source/course/*.ipynb : les leçons exécutées, sorties figées


@pytest.fixture(scope="session")
def construction(tmp_path_factory) -> Construction:
    manquants = [m for m in OUTILS if importlib.util.find_spec(m) is None]
    if manquants:
        message = (f"Les outils du site web ne sont pas installés ({', '.join(manquants)}) : "
                   "`make site` les installe (extra « site » de pyproject.toml).")
        if os.environ.get("CI") == "true":
            pytest.fail(message + " Sous CI, ce test ne doit jamais être sauté (.ci/run les installe).")
        pytest.skip(message)
    dossier = tmp_path_factory.mktemp("site")
    debut = time.monotonic()
    resultat = subprocess.run(
        [sys.executable, str(RACINE / "tools" / "construire_site.py"),
         "--sortie", str(dossier / "html"), "--travail", str(dossier / "travail")],
        cwd=RACINE, capture_output=True, text=True, timeout=3600,
    )
    construite = Construction(dossier / "html", resultat.returncode, resultat.stdout + resultat.stderr,
                              time.monotonic() - debut, dossier / "travail")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "site-construction.log").write_text(
        f"code de sortie : {construite.code}, durée : {construite.duree_s:.0f} s\n\n{construite.journal}", encoding="utf-8")
    return construite


@pytest.fixture(scope="session")
def site(construction) -> Path:
    if construction.code != 0:
        pytest.fail("la construction du site a échoué (voir test_le_site_se_construit_sans_avertissement) :\n"
                    + construction.journal[-3000:])
    return construction.sortie


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not p.relative_to(site).parts[0].startswith("_"))


def _attendues() -> dict[str, str]:
    """Page du site → fichier du dépôt qu'elle montre."""
    pages = {"index.html": "", "search.html": "", "genindex.html": ""}
    for carnet in sorted((RACINE / "course").glob("*.ipynb")) + sorted((RACINE / "course").glob("*.md")):
        pages[f"course/{carnet.stem}.html"] = f"course/{carnet.name}"
    for carnet in carnets("exercises"):
        relatif = carnet.relative_to(RACINE)
        pages[relatif.with_suffix(".html").as_posix()] = relatif.as_posix()
    return pages


def test_le_site_se_construit_sans_avertissement(construction):
    assert construction.code == 0, f"la construction du site a échoué :\n{construction.journal[-5000:]}"
    avertissements = [ligne for ligne in construction.journal.splitlines()
                      if re.search(r"warning|avertissement|error|erreur", ligne, re.IGNORECASE)]
    assert not avertissements, "la construction du site a écrit des avertissements :\n" + "\n".join(avertissements)


def test_une_page_par_lecon_enonce_glossaire_et_bibliographie(site):
    pages = {p.relative_to(site).as_posix() for p in _pages(site)}
    manquantes = sorted(set(_attendues()) - pages)
    assert not manquantes, f"pages absentes du site : {manquantes}"
    assert (site / "searchindex.js").is_file(), "l'index de la recherche manque"
    sans_francais = [p for p in pages if '<html lang="fr"' not in (site / p).read_text(encoding="utf-8")]
    assert not sans_francais, f"pages qui ne se déclarent pas en français : {sans_francais}"
    assert not any(p.startswith("solutions/") for p in pages), "le site ne doit rien publier de solutions/"


def _lignes_de_solution(carnet: Path) -> list[str]:
    """Les lignes de code des corrigés (entre BEGIN/END SOLUTION), assez longues pour être uniques."""
    lignes, dedans = [], False
    for cellule in json.loads(carnet.read_text(encoding="utf-8"))["cells"]:
        for ligne in "".join(cellule["source"]).splitlines():
            if "BEGIN SOLUTION" in ligne or "BEGIN HIDDEN TESTS" in ligne:
                dedans = True
            elif "END SOLUTION" in ligne or "END HIDDEN TESTS" in ligne:
                dedans = False
            elif dedans and len(ligne.strip()) >= 30:
                lignes.append(ligne.strip())
    return lignes


def test_les_enonces_ne_montrent_ni_corrige_ni_test_cache(site):
    publies = {p: p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
               if p.is_file() and p.suffix in {".html", ".ipynb", ".js", ".txt"} and "_static" not in p.parts}
    balises = [f"{p.relative_to(site)} : {b}" for p, texte in publies.items()
               for b in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS") if b in texte]
    assert not balises, f"balises nbgrader de corrigé ou de tests cachés publiées : {balises}"
    fuites = []
    for solution in carnets("solutions"):
        page = site / "exercises" / solution.parent.name / f"{solution.stem}.html"
        assert page.is_file(), f"énoncé absent du site : {page.relative_to(site)}"
        texte = html.unescape(re.sub(r"<[^>]+>", "", publies[page]))
        # Only what the released notebook does not show itself (a prompt may quote a line of the answer).
        enonce = (RACINE / "exercises" / solution.parent.name / solution.name).read_text(encoding="utf-8")
        distribue = "\n".join("".join(c["source"]) for c in json.loads(enonce)["cells"])
        fuites += [f"{page.relative_to(site)} : {ligne}" for ligne in _lignes_de_solution(solution)
                   if ligne not in distribue and ligne in texte]
    assert not fuites, "des lignes de corrigé ou de tests cachés sont visibles sur le site :\n" + "\n".join(fuites[:20])


def test_aucune_ressource_chargee_hors_du_site(site):
    """Le site se publie tel quel, même sans internet : scripts, styles et images viennent du site."""
    externes = []
    motif = re.compile(r'<(?:script|img|iframe)[^>]*\ssrc="(https?:)?//|<link[^>]*rel="(?:stylesheet|preload)"[^>]*href="(https?:)?//')
    for page in _pages(site):
        if motif.search(page.read_text(encoding="utf-8")):
            externes.append(page.relative_to(site).as_posix())
    assert not externes, f"pages qui chargent une ressource d'un autre site (CDN ?) : {externes}"


def _liens_de_lancement(texte: str) -> dict[str, str]:
    """{"binder": adresse, "jupyterhub": adresse} des entrées du menu de lancement d'une page."""
    return {m.group(2): html.unescape(m.group(1)) for m in
            re.finditer(r'<a href="([^"]+)"[^>]*class="[^"]*btn-lancer-(binder|jupyterhub)', texte)}


def test_chaque_page_a_un_bouton_de_lancement_binder_et_jupyterhub(site):
    binder = f"{REGLAGES['binder']}/v2/gh/{REGLAGES['depot']}/{REGLAGES['branche']}?urlpath=lab/tree/"
    problemes = []
    for page, fichier in _attendues().items():
        liens = _liens_de_lancement((site / page).read_text(encoding="utf-8"))
        cible = fichier if fichier.endswith(".ipynb") else "course/00-demarrer.ipynb"
        if liens.get("binder") != binder + cible:
            problemes.append(f"{page} : Binder → {liens.get('binder')!r}, attendu {binder + cible!r}")
        hub = liens.get("jupyterhub", "")
        if not (hub.startswith(REGLAGES["jupyterhub"] + "/hub/user-redirect/git-pull?") and hub.endswith("/" + cible)):
            problemes.append(f"{page} : JupyterHub → {hub!r}")
    assert not problemes, "boutons de lancement absents ou faux :\n" + "\n".join(problemes)


def test_l_adresse_du_jupyterhub_est_fixee_en_un_seul_endroit():
    endroits = [p.relative_to(RACINE).as_posix() for dossier in ("site", "tools", "docs")
                for p in (RACINE / dossier).rglob("*") if p.is_file() and p.suffix in {".py", ".md", ".yml", ".toml"}
                and REGLAGES["jupyterhub"] in p.read_text(encoding="utf-8")]
    assert endroits == ["site/conf.py"], f"l'adresse du JupyterHub doit n'être écrite que dans site/conf.py : {endroits}"


_ID = re.compile(r'\sid="([^"]+)"')
_LIEN = re.compile(r'\s(?:href|src)="([^"]+)"')


def test_les_liens_internes_aboutissent(site):
    """Chaque lien relatif de chaque page mène à un fichier du site, et son ancre (#…) existe."""
    ids: dict[Path, set[str]] = {}

    def ancres(fichier: Path) -> set[str]:
        if fichier not in ids:
            ids[fichier] = {html.unescape(i) for i in _ID.findall(fichier.read_text(encoding="utf-8"))}
        return ids[fichier]

    casses, vus = [], 0
    for page in _pages(site):
        for lien in set(_LIEN.findall(page.read_text(encoding="utf-8"))):
            lien = html.unescape(lien)
            morceaux = urlsplit(lien)
            if morceaux.scheme or lien.startswith("//") or lien.startswith("javascript:"):
                continue
            vus += 1
            cible = (page.parent / unquote(morceaux.path)).resolve() if morceaux.path else page
            if cible.is_dir():
                cible = cible / "index.html"
            if not cible.is_file() or site.resolve() not in cible.parents:
                casses.append(f"{page.relative_to(site)} → {lien} (fichier absent)")
            elif morceaux.fragment and cible.suffix == ".html" and unquote(morceaux.fragment) not in ancres(cible):
                casses.append(f"{page.relative_to(site)} → {lien} (ancre absente)")
    assert vus > 1000, f"seulement {vus} liens internes trouvés : le site a-t-il été construit en entier ?"
    assert not casses, f"{len(casses)} lien(s) interne(s) cassé(s) :\n" + "\n".join(sorted(casses)[:40])


def test_aucune_page_ne_montre_d_erreur_python(site):
    motifs = ("Traceback (most recent call last)", 'class="output traceback"', "output stderr",
              "Error displaying widget")
    fautives = [f"{p.relative_to(site)} : {m}" for p in _pages(site) for m in motifs
                if m in p.read_text(encoding="utf-8")]
    assert not fautives, f"pages qui montrent une erreur : {fautives}"


def _lecons_executees(construction) -> dict[str, dict]:
    dossier = construction.travail / "source" / "course"
    return {c.name: json.loads(c.read_text(encoding="utf-8")) for c in sorted(dossier.glob("*.ipynb"))}


def test_chaque_lecon_se_lit_sans_l_executer(site, construction):
    """Ce que le site montre d'une leçon (tableaux, figures), son markdown le dit aussi (tests/test_lecons_lisibles.py)."""
    lecons = _lecons_executees(construction)
    assert len(lecons) == len(list((RACINE / "course").glob("*.ipynb")))
    manques = [m for nom, carnet in lecons.items() for m in manques_de_lecture(carnet, nom)]
    assert not manques, ("des tableaux ou figures ne se voient qu'après exécution : dites-en l'essentiel dans "
                         "le markdown voisin (lecture, valeurs clés) ou recopiez le tableau en markdown :\n"
                         + "\n".join(manques))


def test_chaque_figure_d_une_lecon_est_sur_sa_page(site, construction):
    """Autant de figures plotly sur la page d'une leçon que de figures dans la leçon exécutée (outils compris)."""
    ecarts, total = [], 0
    for nom, carnet in _lecons_executees(construction).items():
        sorties = "".join(str(s.get("data", {}).get("text/html", "")) for c in carnet["cells"]
                          for s in c.get("outputs", []))
        dans_la_lecon = sorties.count('class="strategie-plotly"')
        sur_la_page = (site / "course" / nom.replace(".ipynb", ".html")).read_text(encoding="utf-8").count(
            'class="strategie-plotly"')
        total += dans_la_lecon
        if dans_la_lecon == 0 or sur_la_page != dans_la_lecon:
            ecarts.append(f"{nom} : {dans_la_lecon} figure(s) dans la leçon, {sur_la_page} sur sa page")
    assert not ecarts, "figures des leçons absentes du site :\n" + "\n".join(ecarts)
    assert total >= 2 * len(_lecons_executees(construction))


def test_les_tableaux_des_lecons_ecrivent_les_nombres_a_la_francaise(site):
    """Aucune cellule de tableau d'une leçon n'affiche un nombre à point décimal (2.490556 au lieu de 2,491)."""
    anglais = []
    for page in sorted((site / "course").glob("*.html")):
        for tableau in re.findall(r"<table.*?</table>", page.read_text(encoding="utf-8"), re.S):
            anglais += [f"{page.name} : {v}" for v in re.findall(r"<td[^>]*>\s*(−?-?\d+\.\d+)\s*</td>", tableau)]
    assert not anglais, ("nombres écrits à l'anglaise dans les tableaux (formatez-les avec strategie.francais) :\n"
                         + "\n".join(anglais[:20]))


# --- Sorties figées (sans noyau) -------------------------------------------------------------

def _outil():
    spec = importlib.util.spec_from_file_location("construire_site", RACINE / "tools" / "construire_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _carnet(sorties: list[dict], etat: dict | None = None) -> dict:
    metadonnees = {"widgets": {"application/vnd.jupyter.widget-state+json": {"state": etat or {}}}}
    return {"metadata": metadonnees, "cells": [{"cell_type": "code", "source": "", "outputs": sorties}]}


def _vue(identifiant: str) -> dict:
    return {"output_type": "display_data", "metadata": {},
            "data": {"application/vnd.jupyter.widget-view+json": {"model_id": identifiant, "version_major": 2},
                     "text/plain": "VBox()"}}


def test_figures_et_widgets_deviennent_du_html_autonome():
    outil = _outil()
    etat = {
        "b": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_h", "IPY_MODEL_c"], "layout": "IPY_MODEL_l"}},
        "h": {"model_name": "HTMLModel", "state": {"value": "<b>Votre canevas</b>", "layout": "IPY_MODEL_l"}},
        "c": {"model_name": "DropdownModel", "state": {"_options_labels": ["Niche", "Masse"], "index": 1,
                                                       "description": "Marché", "layout": "IPY_MODEL_l"}},
        "l": {"model_name": "LayoutModel", "state": {}},
    }
    figure = {"data": [{"type": "bar", "x": [1], "y": [2]}], "layout": {"title": {"text": "</script>"}}}
    carnet = _carnet([{"output_type": "display_data", "metadata": {},
                       "data": {"application/vnd.plotly.v1+json": figure, "text/plain": "Figure"}}, _vue("b")], etat)
    outil.figer_sorties(carnet, "essai.ipynb")
    fig, widget = (s["data"] for s in carnet["cells"][0]["outputs"])
    assert list(fig) == ["text/html"] and 'class="strategie-plotly"' in fig["text/html"]
    assert "</script>" not in fig["text/html"].split("strategie-plotly-donnees\">", 1)[1][:-len("</script>")], \
        "un </script> dans les données de la figure fermerait la balise avant la fin du JSON"
    rendu = widget["text/html"]
    assert "<b>Votre canevas</b>" in rendu and "<option selected>Masse</option>" in rendu and "disabled" in rendu
    assert "figé ici dans son état de départ" in rendu, "la note du widget figé manque"
    assert "widgets" not in carnet["metadata"], "l'état des widgets ferait charger le gestionnaire de widgets d'un CDN"


@pytest.mark.parametrize("sortie, attendu", [
    ({"output_type": "stream", "name": "stderr", "text": "DeprecationWarning: …"}, "stderr"),
    ({"output_type": "error", "ename": "NameError", "evalue": "name 'x' is not defined", "traceback": []}, "NameError"),
    (_vue("x"), "TrucModel"),
], ids=["stderr", "erreur", "widget-inconnu"])
def test_la_construction_s_arrete_sur_ce_qu_une_page_ne_doit_pas_montrer(sortie, attendu):
    outil = _outil()
    carnet = _carnet([sortie], {"x": {"model_name": "TrucModel", "state": {}}})
    with pytest.raises(outil.ErreurConstruction, match=attendu) as erreur:
        outil.figer_sorties(carnet, "essai.ipynb")
    assert "essai.ipynb, cellule 1" in str(erreur.value), "le message doit nommer la leçon et la cellule"


# --- Dans le navigateur ------------------------------------------------------------------------

# Lessons with several figures and widgets, the references, an exercise statement.
PAGES_NAVIGATEUR = [
    "index.html",
    "course/00-demarrer.html",
    "course/01-business-model-canvas.html",
    "course/12-canevas-strategique.html",
    "course/15-valeur-client.html",
    "course/16-dilemme-du-prisonnier-3-evolution.html",
    "course/18-projet-final.html",
    "course/glossaire.html",
    "course/bibliographie.html",
    "exercises/02-segments-clients/02-segments-clients.html",
]


@pytest.fixture(scope="module")
def serveur_du_site(site):
    """Le site servi tel quel par un serveur HTTP statique, comme sur n'importe quel hébergeur."""
    class Gestionnaire(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, *args):  # quiet: the test reports failed requests itself
            pass

    serveur = ThreadingHTTPServer(("127.0.0.1", 0), Gestionnaire)
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    yield f"http://127.0.0.1:{serveur.server_address[1]}"
    serveur.shutdown()
    serveur.server_close()


@pytest.mark.navigateur
def test_le_site_dans_le_navigateur(serveur_du_site, chromium_executable):
    from playwright.sync_api import sync_playwright

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    rapport = {}
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=chromium_executable, args=DRAPEAUX_CHROMIUM)
        try:
            contexte = navigateur.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
            for relatif in PAGES_NAVIGATEUR:
                rapport[relatif] = _verifier_page(contexte, serveur_du_site, relatif)
            rapport["search.html?q=canevas"] = _verifier_recherche(contexte, serveur_du_site)
            rapport["navigation"] = _verifier_navigation(contexte, serveur_du_site)
        finally:
            (ARTEFACTS / "site-navigateur.json").write_text(json.dumps(rapport, ensure_ascii=False, indent=1),
                                                            encoding="utf-8")
            navigateur.close()


def _ecouter(page) -> list[str]:
    """Toute erreur de la page, enregistrée avant son chargement : exception, console, requête."""
    erreurs: list[str] = []
    page.on("pageerror", lambda e: erreurs.append(f"exception JavaScript : {e}"))
    page.on("console", lambda m: erreurs.append(f"console : {m.text}") if m.type == "error" else None)
    page.on("requestfailed", lambda r: erreurs.append(f"requête échouée : {r.url} ({r.failure})"))
    page.on("response", lambda r: erreurs.append(f"HTTP {r.status} : {r.url}") if r.status >= 400 else None)
    return erreurs


@contextmanager
def _page_ouverte(contexte, adresse: str):
    """(page, erreurs) : une page neuve, écoutée avant son chargement, ouverte sur ``adresse`` puis refermée."""
    page = contexte.new_page()
    erreurs = _ecouter(page)
    try:
        page.goto(adresse, wait_until="load")
        yield page, erreurs
    finally:
        page.close()


def _verifier_page(contexte, base: str, relatif: str) -> dict:
    with _page_ouverte(contexte, f"{base}/{relatif}") as (page, erreurs):
        attendues = page.locator(".strategie-plotly").count()
        if relatif.startswith("course/") and relatif[7].isdigit():
            assert attendues >= 1, f"{relatif} : aucune figure plotly dans la leçon"
            assert page.locator(".strategie-widget-fige").count() >= 1, f"{relatif} : aucun widget figé"
            assert "figé ici dans son état de départ" in page.locator(".strategie-note-widget").first.inner_text()
        if attendues:
            # Every figure container gets its drawing (plotly.js loads once, then draws them all).
            page.wait_for_function(
                "n => document.querySelectorAll('.strategie-plotly .main-svg').length >= n && window.Plotly",
                arg=attendues, timeout=60_000)
            page.wait_for_timeout(500)
        dessinees = page.locator(".strategie-plotly:has(.main-svg)").count()
        vides = page.evaluate(
            """() => [...document.querySelectorAll('.strategie-plotly')]
                 .filter(d => d.querySelectorAll(
                     '.trace, .hm, .annotation, .shapelayer path, .table, .slice, .imagelayer image').length === 0)
                 .map(d => { const t = d.querySelector('.gtitle'); return t ? t.textContent : '(sans titre)'; })""")
        # What the cells show (outputs and frozen widgets), not the prose that may name an error.
        sorties = page.evaluate("() => [...document.querySelectorAll('.cell_output')].map(e => e.innerText).join('\\n')")
        nom = Path(relatif).stem
        page.screenshot(path=str(ARTEFACTS / f"site-{nom}.png"))
        if attendues:
            page.locator(".strategie-plotly").first.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            page.screenshot(path=str(ARTEFACTS / f"site-{nom}-figure.png"))
        # The launch button: a rocket menu whose Binder entry opens this very page.
        page.locator(".dropdown-lancement button").click()
        binder = page.locator(".dropdown-lancement a.btn-lancer-binder")
        binder.wait_for(state="visible", timeout=5000)
        assert binder.get_attribute("href").startswith(REGLAGES["binder"])
        page.wait_for_timeout(300)
        assert not erreurs, f"{relatif} : erreurs dans la page : {erreurs}"
        assert dessinees == attendues, f"{relatif} : {attendues - dessinees} figure(s) plotly non dessinée(s)"
        assert not vides, f"{relatif} : figure(s) plotly vide(s) : {vides}"
        assert page.locator(".cell_output .output.traceback, .cell_output .output.stderr").count() == 0, \
            f"{relatif} : une sortie d'erreur est affichée"
        lignes = [ligne for ligne in sorties.splitlines()
                  if re.match(r"\s*(Traceback \(most recent call last\)|[A-Z]\w*(Error|Exception|Invalide)\b: )", ligne)]
        assert not lignes, f"{relatif} : la page montre une erreur Python : {lignes[:3]}"
        return {"figures": attendues, "dessinees": dessinees, "erreurs": erreurs}


def _verifier_recherche(contexte, base: str) -> dict:
    with _page_ouverte(contexte, f"{base}/search.html?q=canevas") as (page, erreurs):
        resultats = page.locator("#search-results ul.search li")
        resultats.first.wait_for(state="visible", timeout=30_000)
        page.wait_for_timeout(1000)  # the results come in batches
        nombre = resultats.count()
        page.screenshot(path=str(ARTEFACTS / "site-recherche.png"))
        resume = page.locator("#search-results p.search-summary")
        resume.wait_for(state="visible", timeout=30_000)
        page.wait_for_function("() => document.querySelector('#search-results p.search-summary').innerText.trim() !== ''")
        texte = resume.inner_text()
        assert nombre >= 10, f"la recherche de « canevas » ne trouve que {nombre} page(s)"
        assert "page" in texte and "Search" not in texte, f"le résumé de la recherche n'est pas en français : {texte!r}"
        assert not erreurs, f"recherche : erreurs dans la page : {erreurs}"
        return {"resultats": nombre, "erreurs": erreurs}


def _verifier_navigation(contexte, base: str) -> dict:
    """De l'accueil, le sommaire mène au glossaire, et un lien du glossaire à une leçon et sa section."""
    with _page_ouverte(contexte, f"{base}/index.html") as (page, erreurs):
        page.locator(".bd-sidenav a", has_text="Glossaire").first.click()
        page.wait_for_url("**/course/glossaire.html", timeout=10_000)
        assert page.locator("h1").first.inner_text().startswith("Glossaire")
        page.locator("main a[href$='06-flux-de-revenus.html']").first.click()
        page.wait_for_url("**/course/06-flux-de-revenus.html", timeout=10_000)
        assert "Flux de revenus" in page.locator("h1").first.inner_text()
        assert not erreurs, f"navigation : erreurs dans la page : {erreurs}"
        return {"arrivee": page.url, "erreurs": erreurs}
