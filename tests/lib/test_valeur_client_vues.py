"""Valeur client : figures et vues (sans navigateur : on change .value des curseurs)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from strategie import valeur_client as vc
from strategie.figures import valeur_client as fig_vc
from strategie.widgets.valeur_client import CalculateurCLV, VueBaleine, VueMigration


@pytest.fixture(scope="module")
def transactions():
    return vc.generer_transactions(3000, 30_000, graine=7)


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------

def test_figure_recuperation_rouge_puis_vert():
    courbe = vc.courbe_recuperation(100, 0.8, 0.1, 150, horizon=6)
    fig = fig_vc.figure_recuperation(courbe, vc.clv(100, 0.8, 0.1, 150), 3, "année")
    assert isinstance(fig, go.Figure)
    assert list(fig.data[0].marker.color) == [fig_vc.ROUGE] * 3 + [fig_vc.VERT] * 4
    assert "117" in fig.layout.title.text and "3\u00a0années" in fig.layout.title.text


def test_titre_recuperation_jamais():
    assert "jamais" in fig_vc.titre_recuperation(-20.0, float("inf"))


def test_figure_migration_parts_de_ligne():
    compte = pd.DataFrame({"chiffre_affaires": np.arange(20, 0, -1.0), "profit": np.arange(1, 21.0)})
    fig = fig_vc.figure_migration(vc.matrice_migration(compte), vc.part_migration(compte))
    z = np.array(fig.data[0].z)
    assert z.shape == (10, 10)
    np.testing.assert_allclose(z.sum(axis=1), 1.0)
    assert z[0, 9] == 1.0
    assert "80\u202f%" in fig.layout.title.text


def test_figure_baleine_queue_en_rouge():
    profits = np.concatenate([np.linspace(100, 1, 700), np.linspace(-1, -60, 300)])
    courbe = vc.courbe_baleine(profits)
    fig = fig_vc.figure_baleine(courbe)
    montee, _, queue, sommet = fig.data
    assert montee.line.color == fig_vc.VERT and queue.line.color == fig_vc.ROUGE
    assert queue.fill == "tonexty"
    # The peak is drawn exactly, where the tail starts.
    assert sommet.x[0] == pytest.approx(0.7)
    assert sommet.y[0] == pytest.approx(courbe["part_profit_cumule"].max())
    assert queue.x[0] == montee.x[-1]
    assert len(montee.x) + len(queue.x) <= 602


def test_figure_deciles_et_validation():
    compte = vc.compte_resultat_clients(vc.generer_transactions(500, 3000, graine=1), vc.INDUCTEURS_EXEMPLE)
    fig = fig_vc.figure_deciles(vc.tableau_deciles(compte, par="chiffre_affaires"))
    assert len(fig.data) == 2 and len(fig.data[0].x) == 10
    resume = vc.charger_cdnow(validation=True)
    p = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    attendus = vc.achats_attendus(p, 39, resume["frequence"], resume["recence"], resume["anciennete"])
    fig = fig_vc.figure_validation(resume, attendus)
    assert [t.name for t in fig.data] == ["réel", "projeté (BG/NBD)"]
    assert list(fig.data[0].x)[-1] == "7+"


def test_formats_francais():
    assert fig_vc.euros(12345.4) == "12\u202f345\u00a0€"
    assert fig_vc.pourcent(0.756) == "76\u202f%"
    assert fig_vc.duree(1, "année") == "1\u00a0année" and fig_vc.duree(3, "année") == "3\u00a0années"


# ---------------------------------------------------------------------------
# Vues
# ---------------------------------------------------------------------------

def test_calculateur_clv_suit_les_curseurs():
    vue = CalculateurCLV()
    assert "strategie-valeur-client" in vue._dom_classes
    assert vue.clv == pytest.approx(100 * 0.8 / 0.3 - 150)
    titre_avant = vue.figure.affichee["layout"]["title"]["text"]
    vue.taux_retention.value = 0.9
    vue.cout_acquisition.value = 100
    assert vue.clv == pytest.approx(100 * 0.9 / 0.2 - 100)
    assert vue.delai == vc.delai_recuperation(100, 0.9, 0.1, 100)
    np.testing.assert_allclose(vue.figure.data[0].y, vc.courbe_recuperation(100, 0.9, 0.1, 100, 15)["valeur_cumulee"])
    # The figure sent to the browser follows the sliders, not only the model.
    assert vue.figure.affichee["layout"]["title"]["text"] == fig_vc.titre_recuperation(vue.clv, vue.delai, "année")
    assert vue.figure.affichee["layout"]["title"]["text"] != titre_avant
    assert "350" in vue.resultat.value
    assert vue.message.texte == ""


def test_calculateur_clv_jamais_recupere():
    vue = CalculateurCLV(marge=20, cout_acquisition=500)
    assert vue.delai == float("inf")
    assert "jamais" in vue.resultat.value
    assert set(vue.figure.data[0].marker.color) == {fig_vc.ROUGE}


def test_calculateur_clv_erreur_en_message():
    vue = CalculateurCLV()
    vue.taux_retention.max = 1.0
    vue.taux_retention.value = 1.0
    assert vue.message.genre == "erreur"
    assert "taux_retention" in vue.message.texte
    assert vue.taux_retention.value == 1.0  # the learner's input stays
    vue.taux_retention.value = 0.7
    assert vue.message.texte == ""


def test_vue_migration(transactions):
    vue = VueMigration(transactions)
    assert "strategie-valeur-client-migration" in vue._dom_classes
    part_avant = vue.part
    assert part_avant == pytest.approx(vc.part_migration(vc.compte_resultat_clients(transactions, vc.INDUCTEURS_EXEMPLE)))
    vue.cout_par_contact.value = 30
    attendu = vc.compte_resultat_clients(transactions, vc.INDUCTEURS_EXEMPLE.remplacer(cout_par_contact=30.0))
    assert vue.part == pytest.approx(vc.part_migration(attendu))
    assert vue.part != part_avant
    np.testing.assert_allclose(np.array(vue.figure.data[0].z), fig_vc.parts_lignes(vc.matrice_migration(attendu)))
    assert vue.figure.affichee["layout"]["title"]["text"] == fig_vc.titre_migration(vue.part)
    assert fig_vc.pourcent(vue.part) in vue.resultat.value


def test_vue_baleine(transactions):
    vue = VueBaleine(transactions)
    assert "strategie-valeur-client-baleine" in vue._dom_classes
    sommet_avant = vue.mesures["sommet_baleine"]
    vue.cout_marketing.value = 0
    assert vue.mesures["sommet_baleine"] < sommet_avant
    assert vue.figure.data[3].y[0] == pytest.approx(vue.mesures["sommet_baleine"])
    assert vue.figure.affichee["data"][3]["y"][0] == pytest.approx(vue.mesures["sommet_baleine"])
    assert fig_vc.pourcent(vue.mesures["part_profit_meilleurs"]) in vue.resultat.value


def test_vue_baleine_profit_total_negatif_en_message():
    t = pd.DataFrame({"client": [1, 2], "montant": [10.0, 10.0], "cout_produits": [9.0, 9.0], "canal": "web"})
    vue = VueBaleine(t)
    assert vue.message.genre == "erreur" and "profit total" in vue.message.texte
    assert "lisez le message" in vue.figure.affichee["layout"]["annotations"][0]["text"]
    vue.cout_par_contact.value = 3  # still no crash
    assert vue.message.genre == "erreur"


def test_vue_baleine_dessinee_des_que_le_profit_devient_positif():
    t = pd.DataFrame({"client": [1, 2], "montant": [18.0, 18.0], "cout_produits": [9.0, 9.0], "canal": "web"})
    vue = VueBaleine(t)  # 8\u00a0€ of marketing per customer: no profit
    assert vue.message.genre == "erreur" and "lisez le message" in str(vue.figure.affichee["layout"]["annotations"])
    vue.cout_marketing.value = 0  # now the customers make money: the whale is drawn
    assert vue.message.texte == "" and len(vue.figure.affichee["data"]) == 4
    assert vue.figure.affichee["layout"]["title"]["text"].startswith("Courbe de la baleine")


def test_vue_transactions_invalides_en_message():
    vue = VueMigration(pd.DataFrame({"client": [1], "prix": [3.0]}))
    assert vue.message.genre == "erreur" and "« montant »" in vue.message.texte
    vue.cout_par_retour.value = 5
    assert vue.message.genre == "erreur"


def test_survol_de_la_baleine_a_la_francaise():
    profits = pd.Series([50.0, 30.0, 10.0, -5.0, -20.0])
    fig = fig_vc.figure_baleine(vc.courbe_baleine(profits))
    survols = [str(c) for t in fig.data if t.customdata is not None for c in np.ravel(t.customdata)]
    assert survols and all(s.endswith("\u202f%") for s in survols), survols
    assert fig.layout.separators == ", "


def test_axes_de_parts_graduees_a_la_francaise():
    """Les axes en parts disent « 40 % » (espace insécable), jamais « 40% » ; l'axe couvre le sommet de la baleine."""
    from strategie.figures.valeur_client import axe_parts

    axe = axe_parts(1.64, 0.25)
    assert axe["tickvals"][-1] >= 1.64 and axe["ticktext"][:3] == ["0\u202f%", "25\u202f%", "50\u202f%"]
    assert all("\u202f%" in t for t in axe["ticktext"])
