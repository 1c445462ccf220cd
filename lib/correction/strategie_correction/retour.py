"""Retours aux élèves, en français, sans le code des tests cachés.

nbgrader produit le retour (``feedback/<élève>/<devoir>/<carnet>.html``,
que ``nbgrader release_feedback`` sait distribuer) avec deux ajouts :

* ``PreparerRetour`` passe avant ``ClearHiddenTests`` et ``ClearMarkScheme`` :
  dans une cellule de tests, la trace d'une erreur devient une phrase (« Test
  non réussi : » et le message de l'assertion, qui dit quoi corriger) ;
  partout ailleurs, toute ligne de sortie qui recopie une ligne de test caché
  ou de grille de notation est masquée. Une trace ne peut donc plus montrer le
  code d'un test caché ; ``ClearMarkScheme`` retire ensuite les grilles de
  notation, que le carnet noté a retrouvées pour le formgrader ;
* un gabarit HTML en français, qui commence par la liste de ce qui n'a pas
  marché, question par question.
"""

from __future__ import annotations

import re
from pathlib import Path

from nbformat import NotebookNode
from traitlets import Unicode

from nbgrader.preprocessors import NbGraderPreprocessor

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
MASQUE = "[ligne d'un test caché masquée]"
# A failing test's message is shown up to this length: enough to teach, too short to carry a test.
LONGUEUR_MESSAGE = 300


def _est_test(cellule) -> bool:
    meta = cellule.get("metadata", {}).get("nbgrader", {}) or {}
    return bool(meta.get("grade")) and not meta.get("solution") and cellule.get("cell_type") == "code"


def _est_verrouillee(cellule) -> bool:
    """Une cellule du devoir que l'élève ne peut pas écrire : OverwriteCells y a remis la source."""
    meta = cellule.get("metadata", {}).get("nbgrader", {}) or {}
    # A grade_id unknown to the gradebook was deleted by OverwriteCells: a learner's own cell.
    return bool(meta.get("locked") or meta.get("grade")) and not meta.get("solution") and bool(meta.get("grade_id"))


_COMMENTAIRES = {"No response.": "Pas de réponse."}


def _expliquer(nom: str, message: str) -> str:
    """Une phrase pour l'élève à partir de l'erreur d'une cellule de tests."""
    if nom == "AssertionError":
        return message or "un test caché n'est pas passé (pas de message)"
    if nom in ("NonExecutee", "NoyauArrete", "DelaiDepasse"):
        return message
    if nom == "NotImplementedError":
        return "la réponse n'est pas encore écrite : la cellule de réponse lève encore NotImplementedError"
    trouve = re.match(r"name '(.+)' is not defined", message)
    if nom == "NameError" and trouve:
        return (
            f"le nom « {trouve.group(1)} » n'est pas défini : écrivez la réponse (en respectant ce nom) "
            "et exécutez sa cellule"
        )
    return f"{nom} : {message}" if message else nom


class PreparerRetour(NbGraderPreprocessor):
    """Remplace les traces des cellules de tests par leur message et masque les lignes de tests cachés."""

    debut = Unicode("BEGIN HIDDEN TESTS").tag(config=True)
    fin = Unicode("END HIDDEN TESTS").tag(config=True)
    debut_grille = Unicode("BEGIN MARK SCHEME").tag(config=True)
    fin_grille = Unicode("END MARK SCHEME").tag(config=True)

    def _lignes_cachees(self, nb) -> set[str]:
        cachees: set[str] = set()
        for cellule in nb.cells:
            dedans = False
            for ligne in cellule.get("source", "").splitlines():
                if self.debut in ligne or self.debut_grille in ligne:
                    dedans = True
                elif self.fin in ligne or self.fin_grille in ligne:
                    dedans = False
                elif dedans and len(ligne.strip()) >= 6:
                    cachees.add(ligne.strip())
        return cachees

    def _filtrer(self, texte: str) -> str:
        if not self._cachees or not texte:
            return texte
        lignes = texte.split("\n")
        propres = []
        for ligne in lignes:
            nue = _ANSI.sub("", ligne)
            propres.append(MASQUE if any(c in nue for c in self._cachees) else ligne)
        return "\n".join(propres)

    def preprocess(self, nb, resources):
        self._cachees = self._lignes_cachees(nb)
        echecs = []
        for cellule in nb.cells:
            meta = cellule.get("metadata", {}).get("nbgrader", {}) or {}
            if meta.get("comment") in _COMMENTAIRES:
                meta["comment"] = _COMMENTAIRES[meta["comment"]]
            if not _est_test(cellule) and (self.debut in cellule.get("source", "") or self.fin in cellule.get("source", "")):
                # A learner's cell that copied the delimiters: ClearHiddenTests would refuse it.
                cellule.source = cellule.source.replace(self.debut, "").replace(self.fin, "")
            if not _est_verrouillee(cellule):
                # Only the course's locked cells hold marking guides: in a learner's cell, an unmatched
                # delimiter would stop ClearMarkScheme, a matched pair would delete the learner's text.
                cellule.source = cellule.source.replace(self.debut_grille, "").replace(self.fin_grille, "")
            if cellule.get("cell_type") != "code":
                continue
            if _est_test(cellule):
                # What a test cell printed (a learner's hook can print the cell itself) never reaches
                # the learner: only its error, turned into a sentence below.
                cellule.outputs = [s for s in cellule.get("outputs", []) if s.get("output_type") == "error"]
            for sortie in cellule.get("outputs", []):
                genre = sortie.get("output_type")
                if genre == "error":
                    if _est_test(cellule):
                        message = _ANSI.sub("", str(sortie.get("evalue", ""))).strip()
                        nom = sortie.get("ename", "Erreur")
                        texte = self._filtrer(_expliquer(nom, message))[:LONGUEUR_MESSAGE]
                        sortie["evalue"] = texte
                        sortie["traceback"] = [f"Test non réussi : {texte}"]
                        echecs.append({
                            "cellule": meta.get("grade_id", ""),
                            "message": texte,
                            "points": meta.get("points"),
                            "score": meta.get("score"),
                        })
                    else:
                        sortie["evalue"] = self._filtrer(str(sortie.get("evalue", "")))
                        sortie["traceback"] = [self._filtrer(t) for t in sortie.get("traceback", [])]
                elif genre == "stream":
                    sortie["text"] = self._filtrer(sortie.get("text", ""))
                elif genre in ("display_data", "execute_result"):
                    donnees = sortie.get("data", {})
                    for mime in ("text/plain", "text/html", "text/markdown", "text/latex"):
                        if isinstance(donnees.get(mime), str):
                            donnees[mime] = self._filtrer(donnees[mime])
        resources.setdefault("retour", {})["echecs"] = echecs
        return nb, resources

    def preprocess_cell(self, cell: NotebookNode, resources, index):
        return cell, resources


GABARIT_CONF = '{"base_template": "classic", "mimetypes": {"text/html": true}}\n'

# Adapted from nbgrader's feedback template (BSD-3-Clause), translated and with a summary of failures.
GABARIT = r"""{%- extends 'nbconvert/templates/classic/index.html.j2' -%}
{%- block header -%}
<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8" />
<title>Retour — {{ resources.nbgrader.notebook }}</title>
{{ resources.include_css('bootstrap.min.css') }}
{% for css in resources.inlining.css -%}<style type="text/css">{{ css }}</style>{% endfor %}
{{ mathjax() }}
<style>
body { overflow: visible; font-size: 14px; padding-top: 1em; }
div#notebook { overflow: visible; border-top: none; }
div#notebook-container { width: 100%; }
div.prompt { min-width: 21ex; }
div.nbgrader_cell { width: 100%; }
div.nbgrader_cell .panel-heading { padding: 0.4em 0.6em; height: 37px; }
div.nbgrader_cell .panel-heading a { color: #BBBBBB; }
div.nbgrader_cell .panel-footer { padding: 0.4em 0.6em; }
div.nbgrader_cell .panel-body { padding: 0.4em; }
div.nbgrader_cell .input_area { background: white; border: none; }
li.late-penalty { color: #d2413a; }
ul.a-revoir li { margin-bottom: 0.4em; }
</style>
</head>
{%- endblock header -%}

{% block body %}
<body>
  <a name="top"></a>
  <div class="container">
    <div class="panel panel-default">
      <div class="panel-heading">
        <h4>{{ resources.nbgrader.notebook }} — note : {{ resources.nbgrader.score | float | round(2) }} / {{ resources.nbgrader.max_score | float | round(2) }}</h4>
        {% if resources.retour and resources.retour.echecs %}
        <p><strong>À revoir</strong> (le message de chaque test dit quoi corriger) :</p>
        <ul class="a-revoir">
        {% for e in resources.retour.echecs %}
          <li><a href="#{{ e.cellule }}"><code>{{ e.cellule }}</code></a> : {{ e.message | e }}</li>
        {% endfor %}
        </ul>
        {% endif %}
        <div id="toc">
          <ol>
          {% for cell in nb.cells %}
            {% if cell.metadata.nbgrader and cell.metadata.nbgrader.grade and not cell.metadata.nbgrader.solution %}
            <li><a href="#{{ cell.metadata.nbgrader.grade_id }}">Tests <code>{{ cell.metadata.nbgrader.grade_id }}</code></a> (note : {{ cell.metadata.nbgrader.score | float | round(2) }} / {{ cell.metadata.nbgrader.points | float | round(2) }})</li>
            {% elif cell.cell_type == "code" and cell.metadata.nbgrader and cell.metadata.nbgrader.grade %}
            <li><a href="#{{ cell.metadata.nbgrader.grade_id }}">Réponse en code</a> (note : {{ cell.metadata.nbgrader.score | float | round(2) }} / {{ cell.metadata.nbgrader.points | float | round(2) }})</li>
            {% elif cell.cell_type == "markdown" and cell.metadata.nbgrader and cell.metadata.nbgrader.grade %}
            <li><a href="#{{ cell.metadata.nbgrader.grade_id }}">Réponse rédigée</a> (note : {% if cell.metadata.nbgrader.score is none %}à venir{% else %}{{ cell.metadata.nbgrader.score | float | round(2) }}{% endif %} / {{ cell.metadata.nbgrader.points | float | round(2) }})</li>
            {% elif cell.metadata.nbgrader and cell.metadata.nbgrader.task %}
            <li><a href="#{{ cell.metadata.nbgrader.grade_id }}">Tâche</a> (note : {{ cell.metadata.nbgrader.score | float | round(2) }} / {{ cell.metadata.nbgrader.points | float | round(2) }})</li>
            {% endif %}
            {% if cell.metadata.nbgrader and cell.metadata.nbgrader.comment %}
            <li><a href="#comment-{{ cell.metadata.nbgrader.grade_id }}">Commentaire sur <code>{{ cell.metadata.nbgrader.grade_id }}</code></a></li>
            {% endif %}
          {% endfor %}
          {% if resources.nbgrader.late_penalty > 0 %}
            <li class="late-penalty">Pénalité de retard : -{{ resources.nbgrader.late_penalty | float | round(2) }}</li>
          {% endif %}
          </ol>
        </div>
      </div>
      <div class="panel-body">
        <div id="notebook" class="border-box-sizing">
          <div class="container" id="notebook-container">
            {{ super() }}
          </div>
        </div>
      </div>
    </div>
  </div>
</body>
{%- endblock body %}

{% block footer %}
</html>
{% endblock footer %}

{% macro score(cell) -%}
  <span class="pull-right">
      Note : {% if cell.metadata.nbgrader.score is none %}à venir{% else %}{{ cell.metadata.nbgrader.score | float | round(2) }}{% endif %} / {{ cell.metadata.nbgrader.points | float | round(2) }} <a href="#top">(haut)</a>
  </span>
{%- endmacro %}

{% macro nbgrader_heading(cell) -%}
{%- if cell.metadata.nbgrader.solution or cell.metadata.nbgrader.task -%}
<a name="comment-{{ cell.metadata.nbgrader.grade_id }}"></a>
{%- endif -%}
{%- if cell.metadata.nbgrader.grade -%}
<a name="{{ cell.metadata.nbgrader.grade_id }}"></a>
{%- endif -%}
<div class="panel-heading">
{%- if cell.metadata.nbgrader.solution -%}
  <span class="nbgrader-label">Votre réponse</span>
  {%- if cell.metadata.nbgrader.grade -%}{{ score(cell) }}{%- else -%}<span class="pull-right"><a href="#top">(haut)</a></span>{%- endif -%}
{%- elif cell.metadata.nbgrader.task -%}
  <span class="nbgrader-label">Votre tâche</span>{{ score(cell) }}
{%- elif cell.metadata.nbgrader.grade -%}
  <span class="nbgrader-label">Tests <code>{{ cell.metadata.nbgrader.grade_id }}</code></span>{{ score(cell) }}
{%- endif -%}
</div>
{%- endmacro %}

{% macro nbgrader_footer(cell) -%}
{%- if (cell.metadata.nbgrader.solution or cell.metadata.nbgrader.task) and cell.metadata.nbgrader.comment -%}
<div class="panel-footer"><div><b>Commentaire :</b> {{ cell.metadata.nbgrader.comment | markdown2html | strip_files_prefix }}</div></div>
{%- endif -%}
{%- endmacro %}

{% block markdowncell scoped %}
<div class="cell border-box-sizing text_cell rendered">
  {{ self.empty_in_prompt() }}
  {%- if 'nbgrader' in cell.metadata and (cell.metadata.nbgrader.solution or cell.metadata.nbgrader.grade or cell.metadata.nbgrader.task) -%}
  <div class="panel panel-primary nbgrader_cell">
    {{ nbgrader_heading(cell) }}
    <div class="panel-body"><div class="text_cell_render border-box-sizing rendered_html">{{ cell.source | markdown2html | strip_files_prefix }}</div></div>
    {{ nbgrader_footer(cell) }}
  </div>
  {%- else -%}
  <div class="inner_cell"><div class="text_cell_render border-box-sizing rendered_html">{{ cell.source | markdown2html | strip_files_prefix }}</div></div>
  {%- endif -%}
</div>
{% endblock markdowncell %}

{% block input %}
  {%- if 'nbgrader' in cell.metadata and (cell.metadata.nbgrader.solution or cell.metadata.nbgrader.grade) -%}
  <div class="panel panel-primary nbgrader_cell">
    {{ nbgrader_heading(cell) }}
    <div class="panel-body"><div class="input_area">{{ cell.source | highlight_code(metadata=cell.metadata) }}</div></div>
    {{ nbgrader_footer(cell) }}
  </div>
  {%- else -%}
  <div class="inner_cell"><div class="input_area">{{ cell.source | highlight_code(metadata=cell.metadata) }}</div></div>
  {%- endif -%}
{% endblock input %}
"""

NOM_GABARIT = "retour_fr"


def generateur_retour():
    """``GenerateFeedback`` qui garde son exportateur HTML d'un élève à l'autre.

    Un nouvel exportateur recompile tous les gabarits Jinja à chaque retour (plus de la moitié du
    temps d'un retour) ; la configuration étant la même pour tous les élèves, on le réutilise.
    """
    import os

    from nbconvert.writers import FilesWriter
    from nbgrader.converters import GenerateFeedback

    class GenerationRetour(GenerateFeedback):
        _exportateur = None

        def start(self):
            self.init_notebooks()
            self.writer = FilesWriter(parent=self, config=self.config)
            classe = type(self)
            if classe._exportateur is None:
                exportateur = self.exporter_class(parent=self, config=self.config)
                for preprocesseur in self.preprocessors:
                    exportateur.register_preprocessor(preprocesseur)
                classe._exportateur = exportateur
            self.exporter = classe._exportateur
            ici = os.getcwd()
            os.chdir(self.coursedir.root)
            try:
                self.convert_notebooks()
            finally:
                os.chdir(ici)

    return GenerationRetour


def installer_gabarit(dossier: Path) -> Path:
    """Écrit le gabarit français dans ``dossier/retour_fr`` ; renvoie ``dossier``."""
    cible = dossier / NOM_GABARIT
    cible.mkdir(parents=True, exist_ok=True)
    (cible / "conf.json").write_text(GABARIT_CONF, encoding="utf-8")
    (cible / "index.html.j2").write_text(GABARIT, encoding="utf-8")
    return dossier


def configurer(cfg, dossier_gabarits: Path) -> None:
    """Règle GenerateFeedback : préprocesseurs (tests cachés retirés) et gabarit français."""
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, GetGrades

    cfg.GenerateFeedback.preprocessors = [
        GetGrades, PreparerRetour, ClearHiddenTests, ClearMarkScheme, CSSHTMLHeaderPreprocessor,
    ]
    cfg.HTMLExporter.template_name = NOM_GABARIT
    cfg.HTMLExporter.extra_template_basedirs = [str(dossier_gabarits)]
    cachees = cfg.get("ClearHiddenTests", {})
    if "begin_test_delimeter" in cachees:
        cfg.PreparerRetour.debut = cachees["begin_test_delimeter"]
    if "end_test_delimeter" in cachees:
        cfg.PreparerRetour.fin = cachees["end_test_delimeter"]
    grilles = cfg.get("ClearMarkScheme", {})
    if "begin_mark_scheme_delimeter" in grilles:
        cfg.PreparerRetour.debut_grille = grilles["begin_mark_scheme_delimeter"]
    if "end_mark_scheme_delimeter" in grilles:
        cfg.PreparerRetour.fin_grille = grilles["end_mark_scheme_delimeter"]
