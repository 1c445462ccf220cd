"""Les derniers libellés anglais du thème, écrits en dur dans ses gabarits, passés en français."""

from __future__ import annotations

from pathlib import Path

TRADUCTIONS = {
    'title="Toggle primary sidebar"': 'title="Afficher ou masquer le sommaire"',
    'title="Toggle secondary sidebar"': 'title="Afficher ou masquer le plan de la page"',
    'aria-label="Main"': 'aria-label="Sommaire du cours"',
    'alt="Binder logo"': 'alt="Logo de Binder"',
    'alt="JupyterHub logo"': 'alt="Logo de JupyterHub"',
}


def traduire(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        texte = page.read_text(encoding="utf-8")
        traduit = texte
        for anglais, francais in TRADUCTIONS.items():
            traduit = traduit.replace(anglais, francais)
        if traduit != texte:
            page.write_text(traduit, encoding="utf-8")


def setup(app):
    app.connect("build-finished", traduire)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
