"""Accessibilité sans navigateur : résumé en texte des figures, zones de message annoncées, champs nommés."""

from __future__ import annotations

import json
import re

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from strategie.accessibilite import CLASSE_RESUME, html_resume, installer_resume_des_figures, resume_figure
from strategie.widgets._commun import FigureVivante, ZoneMessage


def test_le_resume_dit_le_titre_les_axes_et_les_valeurs_a_la_francaise():
    fig = go.Figure(go.Bar(x=["Accueil", "Caisse"], y=[2.5, -1.25], name="Écart"),
                    layout=dict(title="Écarts <b>perçus</b>", xaxis_title="Point de contact"))
    resume = resume_figure(fig)
    assert resume.startswith("Figure « Écarts perçus ». "), "le titre, sans ses balises HTML"
    assert "horizontal « Point de contact »" in resume
    assert "Accueil 2,5" in resume and "Caisse −1,25" in resume, "virgule décimale et vrai signe moins"
    assert "<" not in resume


def test_le_resume_lit_le_json_envoye_au_navigateur_comme_la_figure():
    """Les tableaux numpy deviennent du base64 dans le JSON : le résumé les lit quand même."""
    fig = go.Figure(go.Heatmap(z=np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), y=["Familles", "Écoles"]),
                    layout_title_text="Uniformité")
    depuis_json = resume_figure(json.loads(pio.to_json(fig)))
    assert depuis_json == resume_figure(fig)
    assert "2\u00a0lignes × 3\u00a0colonnes" in depuis_json and "Familles" in depuis_json


def test_le_resume_abrege_les_longues_series_et_saute_les_traits():
    fig = go.Figure([
        go.Scatter(x=[0, 1], y=[0, 1], mode="lines", hoverinfo="skip", showlegend=False),  # a link
        go.Bar(x=[f"n{i}" for i in range(10)], y=list(range(10)), name="Dix"),
    ])
    resume = resume_figure(fig)
    assert resume.count("Série") == 0, "un trait de liaison n'est pas une série"
    assert "et 4\u00a0autres" in resume and "n9" not in resume
    assert resume.startswith("Figure sans titre.")


def test_une_figure_faite_de_textes_dit_ses_textes():
    fig = go.Figure(layout=dict(title="Mon canevas", annotations=[dict(text="<b>Segments</b>"), dict(text="Étudiants")]))
    assert resume_figure(fig) == "Figure « Mon canevas ». Textes : Segments, Étudiants."


def test_une_serie_sans_etiquettes_donne_son_etendue():
    resume = resume_figure(go.Figure(go.Scatter(x=[1, 2, 3, 4], y=[10, 30, 20, 5], name="Coopération")))
    assert "Série « Coopération » : 4\u00a0points, de 5 à 30 (premier 10, dernier 5)" in resume
    un = resume_figure(go.Figure(go.Heatmap(z=[[1.0]], y=["Seule"]), layout_title_text="Une case"))
    assert "1\u00a0ligne × 1\u00a0colonne" in un and "(s)" not in un, "le singulier à 1, sans « (s) »"


def test_le_html_du_resume_est_echappe():
    texte = html_resume(go.Figure(layout_title_text="A <script>"))
    assert f'class="{CLASSE_RESUME}"' in texte and "<script>" not in texte


def test_figure_vivante_montre_le_resume_sous_la_figure_et_le_suit():
    vivante = FigureVivante(go.Figure(go.Bar(x=["a"], y=[1]), layout_title_text="Avant"))
    assert "Avant" in vivante.resume
    vivante.montrer(go.Figure(go.Bar(x=["b"], y=[2]), layout_title_text="Après"))
    types = [next(iter(o["data"])) for o in vivante.outputs]
    assert types[0] == "application/vnd.plotly.v1+json", "la figure d'abord"
    html_sortie = vivante.outputs[1]["data"]["text/html"]
    assert CLASSE_RESUME in html_sortie and "Après" in html_sortie and "Avant" not in html_sortie
    assert vivante.outputs[1]["data"]["text/plain"] == vivante.resume
    script = vivante.outputs[2]["data"]["application/javascript"]
    assert "aria-label" in script and json.dumps(vivante.resume) in script


def test_hors_d_un_noyau_le_rendu_de_plotly_ne_change_pas():
    avant = pio.renderers.default
    assert installer_resume_des_figures() is False
    assert pio.renderers.default == avant


def _region(zone: ZoneMessage) -> tuple[str, str]:
    role = re.search(r'role="(\w+)"', zone.value).group(1)
    live = re.search(r'aria-live="(\w+)"', zone.value).group(1)
    return role, live


def test_zone_message_annonce_ses_messages_aux_lecteurs_d_ecran():
    zone = ZoneMessage()
    zone.info("Canevas chargé.")
    assert _region(zone) == ("status", "polite") and "Canevas chargé." in zone.value
    zone.succes("Enregistré.")
    assert _region(zone) == ("status", "polite")
    zone.erreur("Ce nom n'est pas valide.")
    assert _region(zone) == ("alert", "assertive"), "une erreur est lue aussitôt"
    # The updated text is inside the live region, with a symbol that carries the kind without colour.
    interieur = re.search(r'aria-atomic="true"[^>]*>(.*)</div>', zone.value).group(1)
    assert interieur == "⚠ Ce nom n&#x27;est pas valide."
    zone.effacer()
    assert zone.value == "" and zone.genre == ""
