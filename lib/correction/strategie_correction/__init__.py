"""Correction des devoirs par le formateur : ``strategie corriger <devoir> <soumissions>``.

Une commande, depuis le dossier du cours, va d'un dossier de soumissions
(un dossier par élève, ou les zips exportés d'une plateforme comme Moodle)
aux notes, aux retours et au rapport de la classe :

    from strategie_correction import corriger
    bilan = corriger("01-business-model-canvas", "depots/")
    bilan.notes_csv, bilan.rapport_html

Modules : ``importation`` (dossiers, zips, motif des noms), ``reparation``
(copie de travail fidèle au devoir distribué), ``execution`` et ``lanceur``
(exécution confinée du noyau), ``isolation`` et ``landlock`` (ce que le système
permet : bubblewrap, Landlock, uids), ``integrite`` et ``instantanes`` (rien
d'autre n'a changé), ``atelier`` (processus de correction parallèles),
``carnet_de_notes`` (gradebook), ``retour`` (retours en français sans tests
cachés), ``rapport`` et ``lms`` (notes.csv, rapport.html, exports des
plateformes), ``recorrection`` (après une correction des tests), ``moteur``
(l'enchaînement). Le guide du formateur est ``docs/formateur.md``.

Importer ce paquet est léger : nbgrader n'est chargé qu'à la correction.
"""

from __future__ import annotations

import sys

# jsonschema vérifie le format « iri » avec rfc3987_syntax, qui construit une grammaire Lark à chaque
# import : 1,2 s de calcul par processus, pour un format que ni nbformat ni nbgrader n'emploient. Marqué
# absent (None dans sys.modules : l'import lève ImportError), jsonschema se passe de ce seul format.
if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)

__all__ = ["corriger", "ErreurCorrection"]


def corriger(devoir, soumissions=None, **options):
    """Corrige ``devoir`` ; voir :func:`strategie_correction.moteur.corriger`."""
    from strategie_correction.moteur import corriger as _corriger

    return _corriger(devoir, soumissions, **options)


def __getattr__(nom):
    if nom == "ErreurCorrection":
        from strategie_correction.carnet_de_notes import ErreurCorrection

        return ErreurCorrection
    raise AttributeError(nom)
