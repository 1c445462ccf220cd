"""Les leçons dans un vrai navigateur : JupyterLab + Chromium sans tête.

Pour chaque leçon : l'ouvrir (elle ne doit pas se marquer « modifiée »), tout exécuter,
vérifier qu'aucune cellule n'est en erreur, qu'aucune erreur JavaScript n'a eu lieu depuis
le premier chargement, qu'un widget ipywidgets et une figure plotly sont vraiment dessinés
dans la page, qu'aucun libellé n'est coupé à 1280 px, que chaque champ a un nom accessible et
chaque figure son résumé en texte, et garder une capture d'écran dans tests/artefacts/.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ARTEFACTS, RACINE, lecons

pytestmark = [pytest.mark.navigateur, pytest.mark.carnets]

JETON = "jeton-de-test"
DRAPEAUX_CHROMIUM = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Lessons whose widget or figure appear only after a click are listed here with the reason.
SANS_WIDGET: dict[str, str] = {}

# In every widget of the page: a label or a button whose text is cut (« Recharger le fi… »), or a
# field, a text or a figure that goes past the right edge of its output (hidden or cropped).
DEBORDEMENTS_JS = """() => {
  const r = [];
  const quoi = e => {
    const vue = e.closest('[class*="strategie-"]');
    const nom = vue ? [...vue.classList].filter(c => c.startsWith('strategie-')).join('.') : '?';
    const classes = String(e.className.baseVal ?? e.className).split(' ')
      .filter(c => c.startsWith('widget') || c.startsWith('main')).join('.');
    return `${nom} ${e.tagName.toLowerCase()}.${classes} « ${(e.textContent || e.value || '').trim().slice(0, 50)} »`;
  };
  const champs = ['.widget-label', '.widget-label-basic', 'button', 'input', 'select', 'textarea',
                  '.widget-html-content', '.main-svg'].map(c => '.jupyter-widgets ' + c).join(', ');
  for (const zone of document.querySelectorAll('.jp-OutputArea-output')) {
    const droite = zone.getBoundingClientRect().right;
    for (const e of zone.querySelectorAll(champs)) {
      if (!e.getClientRects().length || (e.offsetParent === null && e.tagName !== 'svg')) continue;
      if (e.matches('.widget-label, .widget-label-basic, button') && e.scrollWidth > e.clientWidth + 1)
        r.push(`coupé : ${quoi(e)} (${e.scrollWidth} px pour ${e.clientWidth})`);
      const b = e.getBoundingClientRect();
      if (b.width > 0 && b.right > droite + 1)
        r.push(`déborde : ${quoi(e)} (jusqu'à ${Math.round(b.right)} px, sortie jusqu'à ${Math.round(droite)})`);
    }
  }
  return r;
}"""


# Accessibility of what the lesson shows: every field of a widget has an accessible name (a label
# with text, aria-label, aria-labelledby, title, or the text of a button), and every plotly figure
# is followed by its text summary (strategie.accessibilite) in the next output of its output area.
ACCESSIBILITE_JS = """() => {
  const nom = e => {
    if (e.getAttribute('aria-label')?.trim() || e.getAttribute('title')?.trim()) return true;
    const par = e.getAttribute('aria-labelledby');
    if (par && par.split(/\\s+/).some(id => document.getElementById(id)?.textContent.trim())) return true;
    if (e.labels && [...e.labels].some(l => l.textContent.replace('\\u200b', '').trim())) return true;
    return e.tagName === 'BUTTON' && e.textContent.trim() !== '';
  };
  const decrire = e => {
    const vue = e.closest('[class*="strategie-"]');
    const classe = vue ? [...vue.classList].filter(c => c.startsWith('strategie-')).join('.') : '?';
    const genre = e.type ? `${e.tagName.toLowerCase()}[${e.type}]` : e.tagName.toLowerCase();
    return `${classe} ${genre} « ${(e.value || e.placeholder || e.innerHTML || '').trim().slice(0, 40)} »`;
  };
  const champs = [...document.querySelectorAll(
      '.jp-OutputArea-output .jupyter-widgets :is(input, select, textarea, button)')]
    .filter(e => e.type !== 'hidden' && e.getClientRects().length);
  const sans_nom = champs.filter(e => !nom(e)).map(decrire);
  const sans_resume = [...document.querySelectorAll('.jp-OutputArea-output .js-plotly-plot')]
    .filter(d => {
      const suivante = d.closest('.jp-OutputArea-child')?.nextElementSibling;
      const resume = suivante && suivante.querySelector('.strategie-figure-resume');
      return !(resume && resume.textContent.trim());
    })
    .map(d => { const t = d.querySelector('.gtitle'); return t ? t.textContent : '(sans titre)'; });
  return {champs: champs.length, sans_nom, sans_resume};
}"""


def _dessiner_toute_la_page(page) -> None:
    """Fait défiler chaque cellule à l'écran : JupyterLab ne dessine les autres qu'à leur tour."""
    nombre = page.evaluate("document.querySelectorAll('.jp-Notebook .jp-Cell').length")
    for i in range(0, nombre, 2):
        page.evaluate(f"document.querySelectorAll('.jp-Notebook .jp-Cell')[{i}].scrollIntoView()")
        page.wait_for_timeout(120)
    page.wait_for_timeout(800)


def _chromium() -> str | None:
    for nom in ("chromium", "chromium-browser", "google-chrome"):
        chemin = shutil.which(nom)
        if chemin:
            return chemin
    return None


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chromium_executable():
    chemin = _chromium()
    if chemin is None:
        message = ("Chromium est introuvable : installez-le pour le test dans le navigateur "
                   "(Debian/Ubuntu : sudo apt-get install chromium).")
        if os.environ.get("CI") == "true":
            pytest.fail(message + " Sous CI, ce test ne doit jamais être sauté.")
        pytest.skip(message)
    return chemin


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory, chromium_executable):
    """JupyterLab sur un port libre, racine = le dépôt, réglages du cours (français, sans actualités)."""
    port = _port_libre()
    # Work on a copy: a JupyterLab autosave must never write outputs into the repository.
    racine = tmp_path_factory.mktemp("racine")
    shutil.copytree(RACINE / "course", racine / "course", ignore=shutil.ignore_patterns("*.json", "*.html", ".ipynb_checkpoints"))
    reglages = tmp_path_factory.mktemp("reglages")
    docmanager = reglages / "@jupyterlab" / "docmanager-extension"
    docmanager.mkdir(parents=True)
    (docmanager / "plugin.jupyterlab-settings").write_text('{"autosave": false}', encoding="utf-8")
    environnement = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(reglages),
                     "JUPYTER_CONFIG_DIR": str(tmp_path_factory.mktemp("config"))}
    journal = open(tmp_path_factory.mktemp("journal") / "jupyterlab.log", "w")
    commande = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
        f"--IdentityProvider.token={JETON}", f"--ServerApp.root_dir={racine}",
        "--LabApp.expose_app_in_browser=True", "--ServerApp.disable_check_xsrf=True",
        # As tools/configurer_jupyterlab.py installs it: an opened lesson is not marked modified.
        "--ServerApp.contents_manager_class=strategie.serveur.GestionnaireCarnets",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        commande.append("--allow-root")
    serveur = subprocess.Popen(commande, stdout=journal, stderr=subprocess.STDOUT, env=environnement, cwd=racine)
    url = f"http://127.0.0.1:{port}"
    limite = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={JETON}", timeout=2)
            break
        except OSError:
            if serveur.poll() is not None or time.monotonic() > limite:
                serveur.kill()
                pytest.fail(f"JupyterLab n'a pas démarré ; voir {journal.name}")
            time.sleep(0.5)
    yield url
    serveur.terminate()
    try:
        serveur.wait(20)
    except subprocess.TimeoutExpired:
        serveur.kill()
    journal.close()


@pytest.fixture(scope="module")
def navigateur(chromium_executable):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_executable, args=DRAPEAUX_CHROMIUM)
        yield browser
        browser.close()


def _attendre_fin_execution(page, limite_s: float) -> None:
    """Attend que toutes les cellules aient un numéro d'exécution et que le noyau soit au repos."""
    page.wait_for_function(
        """() => {
            const app = window.jupyterapp;
            const panel = app && app.shell.currentWidget;
            if (!panel || !panel.content || !panel.sessionContext) return false;
            const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
            if (!kernel || kernel.status !== 'idle') return false;
            const cells = panel.content.widgets.filter(c => c.model.type === 'code');
            return cells.every(c => c.model.executionCount !== null);
        }""",
        timeout=limite_s * 1000,
        polling=500,
    )


def _ecouter_les_erreurs(page, erreurs_js: list) -> None:
    """Toute erreur JavaScript de la page : exception non rattrapée ou ``console.error``.

    Une vue de widget qui ne se dessine pas ne lève rien : ipywidgets l'écrit par
    ``console.error`` ; elle compte donc aussi.
    """
    page.on("pageerror", lambda e: erreurs_js.append(f"exception : {e}"))
    page.on("console", lambda m: erreurs_js.append(f"console.error : {m.text[:300]}") if m.type == "error" else None)


def _ouvrir_et_executer(jupyterlab, navigateur, relatif: str, largeur: int = 1280, erreurs_js: list | None = None):
    """Ouvre le carnet (il ne doit pas se marquer « modifié ») et exécute tout.

    ``erreurs_js`` reçoit les erreurs JavaScript dès le premier chargement de la page.
    """
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    contexte = navigateur.new_context(viewport={"width": largeur, "height": 1000}, locale="fr-FR")
    page = contexte.new_page()
    if erreurs_js is not None:
        _ecouter_les_erreurs(page, erreurs_js)  # before the first load: nothing is missed
    page.goto(f"{jupyterlab}/lab/tree/{relatif}?token={JETON}&reset", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
    page.wait_for_function(
        "() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
        " return w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel"
        " && w.sessionContext.session.kernel.status === 'idle'; }",
        timeout=90_000,
    )
    try:
        _verifier_non_modifie(page, relatif)
    except Exception:
        contexte.close()
        raise
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    _attendre_fin_execution(page, limite_s=240)
    return contexte, page


def _verifier_non_modifie(page, relatif: str) -> None:
    """Ouvrir une leçon ne la modifie pas : pas d'indicateur « modifié » (●) une fois le noyau prêt."""
    # The kernel's language_info (with its Python version) reaches the model once the kernel is up.
    page.wait_for_function(
        "() => { const i = window.jupyterapp.shell.currentWidget.context.model.getMetadata('language_info');"
        " return i && i.version; }", timeout=30_000)
    page.wait_for_timeout(500)
    modifie = page.evaluate(
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " return [w.context.model.dirty, w.title.className, JSON.stringify(w.context.model.getMetadata('language_info'))]; }"
    )
    assert not modifie[0] and "jp-mod-dirty" not in modifie[1], (
        f"{relatif} est marqué « modifié » dès l'ouverture, sans que rien n'ait été fait "
        f"(language_info du modèle : {modifie[2]})"
    )


@pytest.mark.parametrize("lecon", lecons(), ids=lambda p: p.stem)
def test_lecon_dans_le_navigateur(jupyterlab, navigateur, lecon):
    erreurs_js: list[str] = []  # listened to from the first page load: any JavaScript error fails the lesson
    contexte, page = _ouvrir_et_executer(jupyterlab, navigateur, lecon.relative_to(RACINE).as_posix(),
                                         largeur=1280, erreurs_js=erreurs_js)
    try:
        page.wait_for_timeout(1500)  # let widget views and plotly finish drawing
        erreurs = page.evaluate(
            """() => window.jupyterapp.shell.currentWidget.content.widgets
                 .filter(c => c.model.type === 'code')
                 .flatMap(c => { const o = c.model.outputs; const r = [];
                     for (let i = 0; i < o.length; i++) { const x = o.get(i).toJSON();
                        if (x.output_type === 'error') r.push(x.ename + ': ' + x.evalue); }
                     return r; })"""
        )
        page.screenshot(path=str(ARTEFACTS / f"{lecon.stem}.png"))
        assert not erreurs, f"{lecon.name} : des cellules sont en erreur dans le navigateur : {erreurs}"
        assert page.locator(".lm-MenuBar-itemLabel", has_text="Fichier").count() == 1, "l'interface devrait être en français"

        page.locator(".js-plotly-plot .main-svg").first.wait_for(state="attached", timeout=30_000)
        figures = page.locator(".jp-OutputArea-output .js-plotly-plot").count()
        assert figures >= 1, f"{lecon.name} : aucune figure plotly dessinée"
        # A figure container with nothing drawn in it (no trace, no text, no shape) is a blank figure.
        vides = page.evaluate(
            """() => [...document.querySelectorAll('.jp-OutputArea-output .js-plotly-plot')]
                 .filter(d => d.querySelector('.main-svg'))
                 .filter(d => d.querySelectorAll(
                     '.trace, .hm, .annotation, .shapelayer path, .table, .slice, .imagelayer image').length === 0)
                 .map(d => { const t = d.querySelector('.gtitle'); return t ? t.textContent : '(sans titre)'; })"""
        )
        assert not vides, f"{lecon.name} : figure(s) plotly vide(s) dans la page : {vides}"
        if lecon.stem not in SANS_WIDGET:
            vues = page.locator(".jp-OutputArea-output .jupyter-widgets").count()
            assert vues >= 1, f"{lecon.name} : aucun widget dessiné (le gestionnaire de widgets a-t-il chargé ?)"
            non_rendus = page.locator(".jp-OutputArea-output:has-text('Error displaying widget')").count()
            assert non_rendus == 0, f"{lecon.name} : un widget n'a pas pu s'afficher"
            # Bring the first widget into view for the screenshot a human looks at.
            page.locator(".jp-OutputArea-output .jupyter-widgets").first.scroll_into_view_if_needed()
            page.wait_for_timeout(500)  # cells brought into view are drawn a moment later
            page.screenshot(path=str(ARTEFACTS / f"{lecon.stem}-widget.png"))
        # Nothing cut off or overflowing at 1280 px, the file browser open (the narrowest lesson page).
        _dessiner_toute_la_page(page)
        debordements = page.evaluate(DEBORDEMENTS_JS)
        assert not debordements, f"{lecon.name} : textes coupés ou qui débordent à 1280 px : {debordements}"
        # Every field has an accessible name, every figure a text summary.
        acces = page.evaluate(ACCESSIBILITE_JS)
        (ARTEFACTS / f"{lecon.stem}-accessibilite.json").write_text(
            json.dumps(acces, ensure_ascii=False, indent=1), encoding="utf-8")
        assert not acces["sans_nom"], (f"{lecon.name} : {len(acces['sans_nom'])} champ(s) sur {acces['champs']} "
                                       f"sans nom accessible : {acces['sans_nom']}")
        assert not acces["sans_resume"], f"{lecon.name} : figure(s) sans résumé en texte : {acces['sans_resume']}"
        if lecon.stem in INTERACTIONS:
            INTERACTIONS[lecon.stem](page)
        (ARTEFACTS / f"{lecon.stem}.json").write_text(
            json.dumps({"figures": figures, "erreurs_js": erreurs_js}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        assert not erreurs_js, f"{lecon.name} : erreurs JavaScript dans la page : {erreurs_js}"
    except Exception as exc:
        if erreurs_js:  # whatever failed first, the JavaScript errors are part of the report
            exc.add_note(f"Erreurs JavaScript dans la page : {erreurs_js}")
        raise
    finally:
        try:  # free the kernel: the next lesson gets the CPU
            page.evaluate("window.jupyterapp.serviceManager.sessions.shutdownAll()")
        except Exception:
            pass
        contexte.close()


def _curseur_du_module_00_recalcule_le_resultat(page):
    vue = page.locator(".strategie-demarrer").first
    vue.scroll_into_view_if_needed()
    # Cells far from the viewport are drawn a moment after scrolling (content-visibility): wait for the text.
    page.wait_for_function(
        "() => { const m = document.querySelector('.strategie-demarrer > .strategie-message');"
        " return m && m.innerText.includes('bénéfice'); }",
        timeout=30_000,
    )
    poignee = vue.locator(".noUi-handle").first  # the price slider
    poignee.focus()
    page.keyboard.press("Home")  # price to 0: the activity now loses money
    page.wait_for_function(
        "() => document.querySelector('.strategie-demarrer > .strategie-message').innerText.includes('perte')",
        timeout=15_000,
    )
    page.screenshot(path=str(ARTEFACTS / "00-demarrer-curseur.png"))
    # The box next to the slider takes a French decimal comma: 4,5 € × 1 000 − 1 500 − 1 500 = 1 500 € of profit.
    _la_case_lit_la_virgule(page, vue.locator(".strategie-curseur-saisie input").first, ".strategie-demarrer",
                            "() => { const t = document.querySelector('.strategie-demarrer > .strategie-message')"
                            ".textContent; return t.includes('bénéfice') && t.replace(/\\s/g, '').includes('1500'); }")


def _la_case_lit_la_virgule(page, case, vue: str, calcul_avec_4_5: str) -> None:
    """« 4,5 » tapé dans ``case`` donne le calcul attendu ; « quatre » donne le message français,
    reste dans la case et ne change pas ce calcul (``calcul_avec_4_5`` : une fonction JS vraie alors)."""
    # textContent, not innerText: a cell out of the viewport is not drawn (content-visibility).
    case.fill("4,5")
    case.press("Enter")
    page.wait_for_function(calcul_avec_4_5, timeout=15_000)
    assert case.input_value() == "4,5"
    case.fill("quatre")
    case.press("Enter")
    page.wait_for_function(
        f"() => document.querySelector('{vue}').textContent.includes(\"n'est pas un nombre\")", timeout=15_000)
    assert case.input_value() == "quatre", "une saisie invalide reste dans la case"
    assert page.evaluate(calcul_avec_4_5), "une saisie invalide ne change pas le calcul"


def _editeur_de_canevas_ajoute_une_note_et_refuse_le_vide(page):
    try:
        bloc = page.locator(".strategie-bloc-segments_clients").first
        bloc.scroll_into_view_if_needed()
        bloc.locator("input[type=text]").fill("Étudiants du campus")
        bloc.get_by_role("button", name="Ajouter").click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.strategie-bloc-segments_clients select option')]"
            ".some(o => o.textContent.includes('campus'))",
            timeout=15_000,
        )
        bloc.get_by_role("button", name="Ajouter").click()  # empty field now
        message = page.locator(".strategie-canevas .strategie-message").first
        page.wait_for_function(
            "() => document.querySelector('.strategie-canevas .strategie-message').innerText.includes('vide')",
            timeout=15_000,
        )
        assert "écrivez quelques mots" in message.inner_text()
        # The plotly rendering of the canvas shows the new note.
        page.wait_for_function(
            "() => [...document.querySelectorAll('.strategie-canevas .js-plotly-plot text')]"
            ".some(t => t.textContent.includes('Étudiants du campus'))",
            timeout=15_000,
        )
        page.screenshot(path=str(ARTEFACTS / "01-editeur-apres-ajout.png"))
        # The « Fichier » box never writes over a lesson: a French message, the folder is shown.
        editeur = page.locator(".strategie-canevas").first
        fichier = editeur.locator(".strategie-fichier input")
        fichier.fill("01-business-model-canvas.ipynb")
        editeur.get_by_role("button", name="Enregistrer").click()
        page.wait_for_function(
            "() => document.querySelector('.strategie-canevas .strategie-message').innerText.includes('carnet')",
            timeout=15_000,
        )
        assert "course" in editeur.locator(".strategie-fichier-dossier").inner_text()
    except Exception:
        page.screenshot(path=str(ARTEFACTS / "01-editeur-echec.png"))
        raise


def _objectif_smart_refuse_une_date_impossible(page):
    vue = page.locator(".strategie-smart").first
    vue.scroll_into_view_if_needed()
    vue.get_by_placeholder("30/06/2027, fin juin 2027, T3 2027…").fill("31/02/2027")
    page.wait_for_function(
        "() => document.querySelector('.strategie-smart').innerText.includes('28 jours')", timeout=15_000
    )
    # The verdicts of the previous objective are gone (no stale « ✔ Temporel »).
    page.wait_for_function(
        "() => document.querySelector('.strategie-smart .strategie-smart-liste').innerText.includes('reviendra')",
        timeout=15_000,
    )
    assert vue.locator(".strategie-smart-liste .strategie-smart-rempli").count() == 0
    page.screenshot(path=str(ARTEFACTS / "14-objectif-date-impossible.png"))
    # A unit slip on the dashboard: a readable figure and a message within seconds, not a frozen tab.
    tableau = page.locator(".strategie-smart-tableau-de-bord").first
    tableau.scroll_into_view_if_needed()
    tableau.get_by_placeholder("ex. 10,5").fill("99999999999")
    tableau.get_by_role("button", name="Ajouter la mesure").click()
    page.wait_for_function(
        "() => document.querySelector('.strategie-smart-tableau-de-bord .strategie-message').innerText"
        ".includes(\"vérifiez l'unité\")", timeout=20_000,
    )
    graduations = page.evaluate(
        "() => document.querySelectorAll('.strategie-smart-tableau-de-bord .xtick').length")
    assert 0 < graduations <= 25, f"{graduations} graduations sur l'axe d'avancement"
    page.screenshot(path=str(ARTEFACTS / "14-tableau-mesure-enorme.png"))


def _prix_du_module_10_accepte_la_virgule(page):
    # The price field of the cost workshop is a French number box (ChampNombre), no longer the
    # browser's number field: « 4,5 » is read 4.5 (café: margin 4.50 − 0.70 = 3,80 € per cup).
    vue = page.locator(".strategie-couts").first
    vue.scroll_into_view_if_needed()
    _la_case_lit_la_virgule(
        page, vue.get_by_label("Prix de vente (€ par unité) :"), ".strategie-couts",
        "() => document.querySelector('.strategie-couts').textContent.includes('marge sur chaque vente : 3,80')")
    page.screenshot(path=str(ARTEFACTS / "10-prix-virgule.png"))


# What a learner does with a lesson's widget, checked in the page after "run all".
INTERACTIONS = {
    "00-demarrer": _curseur_du_module_00_recalcule_le_resultat,
    "01-business-model-canvas": _editeur_de_canevas_ajoute_une_note_et_refuse_le_vide,
    "10-structure-de-couts": _prix_du_module_10_accepte_la_virgule,
    "14-objectifs-smart": _objectif_smart_refuse_une_date_impossible,
}


def _verdict(page, question) -> str:
    retour = question.locator(".strategie-autoevaluation-verdict")
    retour.wait_for(state="attached", timeout=15_000)
    retour.scroll_into_view_if_needed()
    # Drawn a moment after scrolling (content-visibility): wait for the text itself.
    page.wait_for_function("e => e.innerText.trim().length > 0", arg=retour.element_handle(), timeout=15_000)
    return retour.inner_text()


def test_autoevaluation_au_clavier_puis_reprise(jupyterlab, navigateur):
    """Module 00 à 1280 px : répondre au clavier seul, lire la correction, relancer et la retrouver."""
    erreurs_js: list[str] = []
    contexte, page = _ouvrir_et_executer(jupyterlab, navigateur, "course/00-demarrer.ipynb", largeur=1280,
                                         erreurs_js=erreurs_js)
    try:
        quiz = page.locator(".strategie-autoevaluation-carnet")
        quiz.wait_for(state="visible", timeout=30_000)
        quiz.scroll_into_view_if_needed()
        raccourci, _, decimal, _ = (quiz.locator(".strategie-autoevaluation-question").nth(i) for i in range(4))
        # Keyboard only: focus the group, the arrow picks the 2nd choice, Tab reaches « Vérifier », Enter checks.
        raccourci.locator("input[type=radio]").first.focus()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.innerText").strip() == "Vérifier", "Tab doit mener au bouton Vérifier"
        page.keyboard.press("Enter")
        texte = _verdict(page, raccourci)
        assert "✔ Juste." in texte and "Explication" in texte and "Maj + Entrée" in texte, texte
        # A typed answer: Enter in the field checks it; the French comma in code is explained.
        decimal.locator("input[type=text]").focus()
        page.keyboard.type("prix = 4,5")
        page.keyboard.press("Enter")
        texte = _verdict(page, decimal)
        assert "✘ Pas tout à fait." in texte and "point" in texte, texte
        decimal.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTEFACTS / "00-autoevaluation-reponses.png"))
        for section in ("bibliotheque", "figure-et-widget"):  # a classification, check boxes, a number in euros
            autre = page.locator(f".strategie-autoevaluation-{section}")
            autre.scroll_into_view_if_needed()
            autre.screenshot(path=str(ARTEFACTS / f"00-autoevaluation-{section}.png"))

        # Every field has an accessible name, and nothing is cut off or overflows at 1280 px.
        sans_nom = page.evaluate(
            """() => [...document.querySelectorAll('.strategie-autoevaluation input, .strategie-autoevaluation select,'
                      + ' .strategie-autoevaluation button')]
                 .filter(e => !((e.labels && [...e.labels].some(l => l.textContent.trim())) || e.getAttribute('aria-label')
                                || (e.tagName === 'BUTTON' && e.textContent.trim())))
                 .map(e => e.outerHTML.slice(0, 80))"""
        )
        assert not sans_nom, f"champs d'autoévaluation sans nom accessible : {sans_nom}"
        debordements = page.evaluate(
            """() => [...document.querySelectorAll('.strategie-autoevaluation, .strategie-autoevaluation .widget-label,'
                      + ' .strategie-autoevaluation label, .strategie-autoevaluation button')]
                 .filter(e => e.offsetParent !== null)
                 .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > window.innerWidth)
                 .map(e => e.className + ' : ' + e.innerText.slice(0, 40))"""
        )
        assert not debordements, f"textes coupés ou qui débordent à 1280 px : {debordements}"

        fichier = json.loads(urllib.request.urlopen(
            f"{jupyterlab}/api/contents/course/mon-autoevaluation.json?token={JETON}&content=1&format=text").read())
        reponses = json.loads(fichier["content"])["reponses"]
        assert reponses["00-demarrer/carnet/executer"] == "Maj + Entrée", reponses
        assert reponses["00-demarrer/carnet/point-decimal"] == "prix = 4,5", reponses

        # Restart the kernel and run everything again: the answers come back from the file, corrected.
        page.evaluate("window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
        page.evaluate("window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()")
        page.wait_for_function(
            "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
            timeout=90_000,
        )
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        _attendre_fin_execution(page, limite_s=240)
        quiz = page.locator(".strategie-autoevaluation-carnet")
        quiz.wait_for(state="visible", timeout=30_000)
        raccourci, decimal = (quiz.locator(".strategie-autoevaluation-question").nth(i) for i in (0, 2))
        assert "✔ Juste." in _verdict(page, raccourci)
        coche = raccourci.locator("input[type=radio]:checked")
        assert coche.count() == 1 and coche.evaluate("e => e.parentElement.innerText").strip() == "Maj + Entrée"
        assert decimal.locator("input[type=text]").input_value() == "prix = 4,5"
        assert "✘ Pas tout à fait." in _verdict(page, decimal)
        page.wait_for_function(
            "() => document.querySelector('.strategie-autoevaluation-carnet .strategie-message').innerText.includes('reprises')",
            timeout=15_000,
        )
        quiz.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTEFACTS / "00-autoevaluation-reprise.png"))
        assert not erreurs_js, f"erreurs JavaScript dans la page : {erreurs_js}"
    except Exception:
        page.screenshot(path=str(ARTEFACTS / "00-autoevaluation-echec.png"))
        raise
    finally:
        try:
            page.evaluate("window.jupyterapp.serviceManager.sessions.shutdownAll()")
        except Exception:
            pass
        contexte.close()
