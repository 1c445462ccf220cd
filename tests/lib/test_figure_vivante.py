"""FigureVivante : la figure d'une vue est dans l'état du widget, et aucune vue ne montre une figure vide."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from strategie.widgets._commun import FigureVivante

MIME = "application/vnd.plotly.v1+json"


def test_montrer_remplace_la_figure_envoyee_au_navigateur():
    vivante = FigureVivante(go.Figure(go.Bar(x=["a", "b"], y=[1.0, 2.0]), layout=dict(title="Avant")))
    assert "strategie-figure" in vivante._dom_classes
    assert vivante.affichee["data"][0]["y"] == [1.0, 2.0]
    assert vivante.affichee["layout"]["title"]["text"] == "Avant"
    nouvelle = go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 2, 1]), layout=dict(title="Après"))
    vivante.montrer(nouvelle)
    assert vivante.figure is nouvelle and vivante.data[0] is nouvelle.data[0] and vivante.layout is nouvelle.layout
    assert [t["type"] for t in vivante.affichee["data"]] == ["scatter"]
    assert vivante.affichee["layout"]["title"]["text"] == "Après"
    figures = [o for o in vivante.outputs if MIME in o["data"]]
    assert len(figures) == 1, "une seule figure à la fois, la précédente est remplacée"
    assert "Après" in vivante.resume, "le résumé en texte suit la figure affichée"


def test_la_figure_est_dans_l_etat_que_lit_une_vue_qui_s_ouvre_tard():
    vivante = FigureVivante(go.Figure(go.Bar(x=["a"], y=[1])))
    vivante.montrer(go.Figure(go.Bar(x=["a"], y=np.array([7.0])), layout=dict(title="Sept")))
    # What the browser receives when it draws the widget, even long after the update: JSON only.
    etat = json.loads(json.dumps(vivante.get_state()))
    sortie = etat["outputs"][0]  # the figure first, then its text summary
    assert sortie["output_type"] == "display_data"
    assert sortie["data"][MIME]["layout"]["title"]["text"] == "Sept"
    assert sortie["data"][MIME]["data"][0]["y"] == vivante.affichee["data"][0]["y"]


def test_importable_depuis_l_ancien_module():
    from strategie.widgets._vivant import FigureVivante as depuis_vivant

    assert depuis_vivant is FigureVivante


def _dessine_quelque_chose(figure: dict) -> bool:
    """Comme le test du navigateur : une trace avec des points, une annotation ou une forme."""
    def rempli(valeur) -> bool:  # plotly sends numpy arrays as {"dtype": …, "bdata": base64}
        return bool(valeur.get("bdata")) if isinstance(valeur, dict) and "bdata" in valeur else bool(np.size(valeur))

    champs = ("x", "y", "z", "values", "labels", "cells", "ids")
    traces = any(rempli(t.get(c, [])) for t in figure["data"] for c in champs)
    mise_en_page = figure["layout"]
    return traces or bool(mise_en_page.get("annotations")) or bool(mise_en_page.get("shapes"))


def _vues():
    """Chaque vue du cours dans son état de départ, y compris les états « d'attente »."""
    from strategie import smart
    from strategie.canevas import Canevas
    from strategie.widgets import (canevas, canevas_strategique, coherence, comptes_cles, demarrer, dilemme,
                                   experience, smart as vue_smart, valeur_client)

    tableau_vide = smart.TableauDeBord()
    transactions_invalides = pd.DataFrame({"client": [1], "prix": [3.0]})
    return {
        "CalculetteResultat": lambda d: demarrer.CalculetteResultat(),
        "EditeurCanevas vide": lambda d: canevas.EditeurCanevas(Canevas(), chemin=d / "c.json"),
        "VerificateurCanevas vide": lambda d: coherence.VerificateurCanevas(Canevas(), chemin=d / "c.json"),
        "MatriceExperience": lambda d: coherence.matrice_experience(chemin=d / "e.json"),
        "EditeurCanevasStrategique": lambda d: canevas_strategique.EditeurCanevasStrategique(),
        "CarteParcours": lambda d: experience.CarteParcours(),
        "GraphiqueCiblage": lambda d: experience.GraphiqueCiblage(),
        "TableauDeBordVue vide": lambda d: vue_smart.TableauDeBordVue(tableau_vide),
        "CalculateurCLV": lambda d: valeur_client.CalculateurCLV(),
        "VueMigration transactions invalides": lambda d: valeur_client.VueMigration(transactions_invalides),
        "VueBaleine": lambda d: valeur_client.VueBaleine(nb_clients=500),
        "PortefeuilleComptes vide": lambda d: comptes_cles.PortefeuilleComptes(),
        "JeuUnCoup": lambda d: dilemme.JeuUnCoup(graine=1),
        "PartieCachee avant le premier tour": lambda d: dilemme.PartieCachee(graine=1),
        "ExplorateurTournoi avant le tournoi": lambda d: dilemme.ExplorateurTournoi(),
        "ExplorateurEvolution": lambda d: dilemme.ExplorateurEvolution(generations=5),
        "ExplorateurEvolution population trop petite": lambda d: dilemme.ExplorateurEvolution(
            population={"Donnant-donnant": 1}),
        "EditeurGains": lambda d: dilemme.EditeurGains(),
    }


@pytest.mark.parametrize("nom", list(_vues()))
def test_aucune_vue_ne_montre_une_figure_vide(nom, tmp_path):
    vue = _vues()[nom](tmp_path)
    figures = [w for w in vars(vue).values() if isinstance(w, FigureVivante)]
    if hasattr(vue, "editeur"):
        figures.append(vue.editeur.figure)
    assert figures, f"{nom} : aucune FigureVivante dans la vue"
    for vivante in figures:
        assert _dessine_quelque_chose(vivante.affichee), f"{nom} : une figure vide est montrée"


def test_figures_d_attente_disent_quoi_faire():
    from strategie.widgets import dilemme, valeur_client

    tournoi = dilemme.ExplorateurTournoi()
    (consigne,) = tournoi.figure_classement.affichee["layout"]["annotations"]
    assert "Pariez puis lancez le tournoi" in consigne["text"]
    assert "Lancez le tournoi" in tournoi.figure_matrice.affichee["layout"]["annotations"][0]["text"]
    partie = dilemme.PartieCachee(graine=1)
    assert "coopérez ou trahissez" in partie.figure.affichee["layout"]["annotations"][0]["text"]
    partie.jouer("C")
    assert not partie.figure.affichee["layout"].get("annotations"), "la consigne disparaît au premier tour"
    vue = valeur_client.VueMigration(pd.DataFrame({"client": [1], "prix": [3.0]}))
    assert vue.message.genre == "erreur"
    assert "lisez le message" in vue.figure.affichee["layout"]["annotations"][0]["text"]
