"""Configuration nbgrader du cours « Stratégie d'entreprise ».

Les sources des devoirs sont dans solutions/, la version distribuée dans
exercises/ (générée par `make exercises`).
"""

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "strategie-entreprise"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# French stubs left in place of the solutions.
c.ClearSolutions.code_stub = {"python": "# VOTRE CODE ICI\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "VOTRE RÉPONSE ICI"

# Generous enough for the slowest exercise, short enough to stop an infinite loop.
c.Execute.timeout = 60
c.ExecutePreprocessor.timeout = 60

# Feedback never shows the hidden tests' code.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# Messages of the Validate button, in French.
c.Validator.failed_warning = (
    "ATTENTION : au moins un test échoue. Lisez le message de l'erreur ci-dessous, "
    "corrigez la réponse indiquée, puis validez de nouveau."
)
c.Validator.passed_warning = (
    "ATTENTION : ce carnet passe des tests avant même d'avoir été complété. "
    "Vérifiez que vous répondez bien aux questions."
)
c.Validator.validate_all = True
c.Validator.changed_warning = (
    "ATTENTION : le contenu de certaines cellules protégées a été modifié. "
    "Reprenez-les depuis la version d'origine du devoir."
)
c.Validator.type_changed_warning = (
    "ATTENTION : le type de certaines cellules de réponse a été changé. "
    "Remettez-les dans leur type d'origine (code ou texte)."
)
