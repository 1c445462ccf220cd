"""La chaîne nbgrader de bout en bout : une solution vaut la note pleine, un exercice vierge 0.

Et les grilles de notation : vides dans la version distribuée, elles reviennent dans le carnet noté
(celui que le formgrader affiche) et ne sont pas dans le retour que l'élève reçoit.
"""

from __future__ import annotations

import html
import re
import warnings

import pytest

from conftest import RACINE, devoirs, lire
from outils_nbgrader import cours_temporaire, nbgrader, notes_par_cellule, soumettre

pytestmark = pytest.mark.carnets


@pytest.mark.parametrize("devoir", devoirs())
def test_solution_pleine_et_vierge_a_zero(devoir, tmp_path):
    racine = cours_temporaire(tmp_path, devoir)
    soumettre(racine, "solution", devoir, RACINE / "solutions" / devoir)
    soumettre(racine, "vierge", devoir, RACINE / "exercises" / devoir)
    resultat = nbgrader(racine, "autograde", devoir, "--force")
    journal = resultat.stdout + resultat.stderr
    assert resultat.returncode == 0, f"autograde a échoué sur {devoir} :\n{journal[-4000:]}"
    assert "Traceback" not in journal, f"autograde a levé une exception sur {devoir} :\n{journal[-4000:]}"

    solution = notes_par_cellule(racine, devoir, "solution")
    auto = {gid: n for gid, n in solution.items() if not n["manuel"]}
    assert auto, f"{devoir} n'a aucune question notée automatiquement"
    ratees = {gid: (n["score"], n["max_score"]) for gid, n in auto.items() if n["score"] != n["max_score"]}
    assert not ratees, f"{devoir} : la solution perd des points (cellule: (score, max)) : {ratees}"

    vierge = notes_par_cellule(racine, devoir, "vierge")
    gagnes = {gid: n["score"] for gid, n in vierge.items() if n["score"]}
    assert not gagnes, f"{devoir} : l'exercice vierge gagne des points (cellule: score) : {gagnes}"


def _page_du_formgrader(carnet_note, devoir: str, eleve: str) -> str:
    """Le HTML que le formgrader sert pour ce carnet noté (même exportateur et même gabarit que lui)."""
    from nbconvert.exporters import HTMLExporter
    from nbgrader.server_extensions.formgrader import handlers
    from traitlets.config import Config

    config = Config()
    config.HTMLExporter.template_name = "formgrade"
    config.HTMLExporter.extra_template_basedirs = [handlers.template_path]
    ressources = {"assignment_id": devoir, "notebook_id": devoir, "submission_id": "x", "index": 0, "total": 1,
                  "base_url": "/", "student": eleve, "last_name": None, "first_name": None, "notebook_path": "/"}
    with warnings.catch_warnings():
        # The formgrader does not render plotly outputs either (nbconvert warns about them).
        warnings.filterwarnings("ignore", message="Your element with mimetype")
        page, _ = HTMLExporter(config=config).from_filename(str(carnet_note), resources=ressources)
    return page


def _texte(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)))


AVEC_GRILLE = [d for d in devoirs()
               if any("MARK SCHEME" in c["source"] for c in lire(RACINE / "solutions" / d / f"{d}.ipynb")["cells"])]


@pytest.mark.parametrize("devoir", AVEC_GRILLE)
def test_grille_au_formgrader_pas_a_l_eleve(devoir, tmp_path):
    """Copie vierge : le carnet noté a toute la grille (le formgrader la montre), le retour de l'élève rien."""
    racine = cours_temporaire(tmp_path, devoir)
    soumettre(racine, "eleve", devoir, RACINE / "exercises" / devoir)
    for commande in (["autograde", devoir, "--force"], ["generate_feedback", devoir, "--force"]):
        resultat = nbgrader(racine, *commande)
        assert resultat.returncode == 0, f"{commande[0]} a échoué :\n{(resultat.stdout + resultat.stderr)[-3000:]}"
    source = {c["id"]: c["source"] for c in lire(RACINE / "solutions" / devoir / f"{devoir}.ipynb")["cells"]
              if "MARK SCHEME" in c["source"]}
    carnet_note = racine / "autograded" / "eleve" / devoir / f"{devoir}.ipynb"
    # nbformat writes a multi-line source as a list of lines.
    note = {c["id"]: "".join(c["source"]) for c in lire(carnet_note)["cells"]}
    perdues = [gid for gid in source if note.get(gid) != source[gid]]
    assert not perdues, f"{devoir} : le carnet noté n'a pas retrouvé les grilles {perdues} (OverwriteCells)"

    lignes = {l.strip().lstrip("> ").strip() for s in source.values() for l in s.splitlines()
              if len(l.strip()) > 20 and "MARK SCHEME" not in l}
    page = _texte(_page_du_formgrader(carnet_note, devoir, "eleve"))
    criteres = [l.split("|")[1].strip() for s in source.values() for l in s.splitlines()
                if l.startswith("| ") and not l.startswith(("| Critère", "| **Total"))]
    absents = [c for c in criteres if c not in page]
    assert criteres and not absents, f"{devoir} : le formgrader ne montre pas les critères {absents}"

    retour = (racine / "feedback" / "eleve" / devoir / f"{devoir}.html").read_text(encoding="utf-8")
    assert "MARK SCHEME" not in retour, f"{devoir} : le retour de l'élève garde un marqueur de grille"
    fuites = sorted(l for l in lignes if l in _texte(retour) or html.escape(l) in retour)
    assert not fuites, f"{devoir} : le retour de l'élève montre la grille : {fuites[:3]}"
