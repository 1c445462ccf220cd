"""Vérifications de l'article BG/NBD (Fader, Hardie et Lee, 2005) : tableaux et figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from strategie import SaisieInvalide
from strategie import valeur_client as vc
from strategie.figures import valeur_client as fv

PUBLIES = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}


@pytest.fixture(scope="module")
def transactions():
    return vc.charger_cdnow_transactions()


@pytest.fixture(scope="module")
def resume():
    return vc.charger_cdnow(validation=True)


@pytest.fixture(scope="module")
def lifetimes_bg(resume):
    lifetimes = pytest.importorskip("lifetimes", reason="lifetimes n'est pas installé : comparaison impossible")
    bg = lifetimes.BetaGeoFitter()
    bg.fit(resume["frequence"], resume["recence"], resume["anciennete"])
    return bg, dict(bg.params_)


def test_suivi_achats_repetes_compte_les_achats_et_le_modele(transactions, resume):
    suivi = vc.suivi_achats_repetes(transactions, PUBLIES)
    assert len(suivi) == 78 and (suivi["phase"] == "calibration").sum() == 39
    assert suivi["debut"].iloc[0] == pd.Timestamp("1997-01-01")
    # Actual repeats: those of the summaries, at the end of the calibration and of the holdout.
    assert suivi["reel_cumule"].iloc[38] == resume["frequence"].sum()
    assert suivi["reel_cumule"].iloc[-1] == (resume["frequence"] + resume["frequence_validation"]).sum()
    # Model at the end of calibration: each customer's expectation over his own T.
    attendu = vc.achats_attendus_nouveau_client(PUBLIES, resume["anciennete"].to_numpy()).sum()
    assert suivi["modele_cumule"].iloc[38] == pytest.approx(attendu, rel=1e-9)
    np.testing.assert_allclose(suivi["modele"].cumsum(), suivi["modele_cumule"])
    assert (suivi["modele"] >= 0).all() and (np.diff(suivi["reel_cumule"]) >= 0).all()


def test_suivi_achats_repetes_en_jours(transactions):
    semaines = vc.suivi_achats_repetes(transactions, PUBLIES)
    jours = vc.suivi_achats_repetes(transactions, dict(PUBLIES, alpha=PUBLIES["alpha"] * 7), unite="jour")
    assert len(jours) == 546
    assert jours["reel_cumule"].iloc[-1] == semaines["reel_cumule"].iloc[-1]
    assert jours["modele_cumule"].iloc[-1] == pytest.approx(semaines["modele_cumule"].iloc[-1], rel=1e-9)


def test_suivi_achats_repetes_comme_lifetimes(transactions, resume, lifetimes_bg):
    bg, p = lifetimes_bg
    suivi = vc.suivi_achats_repetes(transactions, p)
    premiers = transactions.groupby("client")["date"].min()
    ages = ((pd.Timestamp("1998-06-30") - premiers).dt.days.to_numpy()) / 7
    assert suivi["modele_cumule"].iloc[-1] == pytest.approx(bg.expected_number_of_purchases_up_to_time(ages).sum(),
                                                            rel=1e-9)


def test_ajustement_par_nombre_achats(resume):
    table = vc.ajustement_par_nombre_achats(resume, PUBLIES, nombre_max=7)
    assert table["libelle"].tolist()[-1] == "7+" and table["reel"].sum() == len(resume)
    assert table["modele"].sum() == pytest.approx(len(resume))
    assert table.loc[0, "reel"] == (resume["frequence"] == 0).sum()
    # The paper's figure: the model is close to the actual counts for every bar.
    assert np.abs(table["modele"] - table["reel"]).max() < 0.03 * len(resume)


def test_probabilite_nombre_achats_somme_et_simulation():
    table = vc.probabilite_nombre_achats(PUBLIES, [10.0, 39.0, 78.0], nombre_max=12)
    np.testing.assert_allclose(table.sum(), 1.0)
    simule = vc.simuler_bgnbd(PUBLIES, np.full(80_000, 39.0), graine=3)
    part = np.bincount(np.minimum(simule["frequence"], 12), minlength=13) / len(simule)
    np.testing.assert_allclose(table[39.0].to_numpy(), part, atol=0.006)
    moyenne = (table[39.0].iloc[:-1] * np.arange(12)).sum()
    assert moyenne < vc.achats_attendus_nouveau_client(PUBLIES, 39.0)


def test_probabilite_nombre_achats_comme_lifetimes(lifetimes_bg):
    bg, p = lifetimes_bg
    table = vc.probabilite_nombre_achats(p, 39.0, nombre_max=10)
    for n in range(10):
        assert table[n] == pytest.approx(float(bg.probability_of_n_purchases_up_to_time(39.0, n)), rel=1e-9, abs=1e-15)


def test_matrices_frequence_recence():
    actif = vc.matrice_probabilite_actif(PUBLIES, 39.0, frequence_max=10)
    assert actif.shape == (11, 40) and actif.columns[-1] == 39.0
    assert actif.loc[0, 0.0] == 1 and actif.loc[0].iloc[1:].isna().all()
    lignes = actif.iloc[1:].to_numpy()
    # More recent last purchase: more likely alive; at recency = T, more purchases: more likely alive.
    assert (np.diff(lignes, axis=1) > 0).all() and (np.diff(lignes[:, -1]) > 0).all()
    attendus = vc.matrice_achats_attendus(PUBLIES, 1.0, 39.0, frequence_max=10, pas_recence=13)
    assert list(attendus.columns) == [0.0, 13.0, 26.0, 39.0]
    assert attendus.loc[10, 39.0] == pytest.approx(vc.achats_attendus(PUBLIES, 1.0, [10], [39.0], [39.0])[0])


def test_matrices_comme_lifetimes(lifetimes_bg):
    bg, p = lifetimes_bg
    actif = vc.matrice_probabilite_actif(p, 39.0, frequence_max=8, pas_recence=3)
    x, tx = np.meshgrid(actif.index, actif.columns, indexing="ij")
    reference = bg.conditional_probability_alive(x.ravel(), tx.ravel(), 39.0).reshape(x.shape)
    garde = ~np.isnan(actif.to_numpy())
    np.testing.assert_allclose(actif.to_numpy()[garde], reference[garde], rtol=1e-9)
    attendus = vc.matrice_achats_attendus(p, 4.0, 39.0, frequence_max=8, pas_recence=3)
    reference = bg.conditional_expected_number_of_purchases_up_to_time(4.0, x.ravel(), tx.ravel(), 39.0).reshape(x.shape)
    np.testing.assert_allclose(attendus.to_numpy()[garde], reference[garde], rtol=1e-6)


def test_historique_probabilite_actif_client_1(transactions):
    # Customer 1: purchases on 1997-01-01, 01-18, 08-02 and 12-12.
    h = vc.historique_probabilite_actif(PUBLIES, transactions, 1)
    assert h.index[0] == pd.Timestamp("1997-01-01") and h.index[-1] == pd.Timestamp("1998-06-30")
    assert h.index[h["achat"]].strftime("%m-%d").tolist() == ["01-01", "01-18", "08-02", "12-12"]
    assert h["frequence"].iloc[-1] == 3
    jour = h.loc["1997-09-30"]
    assert jour["probabilite_actif"] == pytest.approx(
        vc.probabilite_actif(PUBLIES, [2], [jour["recence"]], [jour["anciennete"]])[0])
    assert jour["anciennete"] == pytest.approx(272 / 7)
    # Between two purchases the probability only falls; a purchase lifts it.
    silence = h.loc["1997-01-19":"1997-08-01", "probabilite_actif"].to_numpy()
    assert (np.diff(silence) < 0).all()
    assert h.loc["1997-08-02", "probabilite_actif"] > h.loc["1997-08-01", "probabilite_actif"]


def test_historique_probabilite_actif_comme_lifetimes(transactions, lifetimes_bg):
    bg, p = lifetimes_bg
    h = vc.historique_probabilite_actif(p, transactions, 7)
    h = h[h["anciennete"] > 0]
    reference = bg.conditional_probability_alive(h["frequence"], h["recence"], h["anciennete"])
    np.testing.assert_allclose(h["probabilite_actif"], reference, rtol=1e-9)


def test_verifications_saisies_invalides(transactions, resume):
    with pytest.raises(SaisieInvalide, match="n'a aucun achat"):
        vc.historique_probabilite_actif(PUBLIES, transactions, 99_999)
    with pytest.raises(SaisieInvalide, match="fin_validation"):
        vc.suivi_achats_repetes(transactions, PUBLIES, fin_validation="1997-01-01")
    with pytest.raises(SaisieInvalide, match="unité"):
        vc.suivi_achats_repetes(transactions, PUBLIES, unite="an")
    with pytest.raises(SaisieInvalide, match="anciennete"):
        vc.matrice_probabilite_actif(PUBLIES, -1.0)


def test_figures_de_l_article(transactions, resume):
    suivi = vc.suivi_achats_repetes(transactions, PUBLIES)
    for cumule in (False, True):
        fig = fv.figure_suivi_achats(suivi, cumule=cumule)
        assert isinstance(fig, go.Figure) and len(fig.data) == 2
        np.testing.assert_allclose(fig.data[1].y, suivi["modele_cumule" if cumule else "modele"])
        assert fig.layout.shapes[0].x0 == 39.5
    barres = fv.figure_nombre_achats(vc.ajustement_par_nombre_achats(resume, PUBLIES))
    assert list(barres.data[0].x)[-1] == "7+" and barres.data[0].customdata[0] == "1\u202f411"
    carte = fv.figure_matrice(vc.matrice_probabilite_actif(PUBLIES, 39.0, 5, 13), "P(actif)", "probabilité", parts=True)
    assert carte.data[0].customdata[1][1].endswith("%") and carte.data[0].customdata[0][1] == ""
    historique = fv.figure_historique_actif(vc.historique_probabilite_actif(PUBLIES, transactions, 1), client=1)
    assert len(historique.data[1].x) == 4 and "Client 1" in historique.layout.title.text
