"""Valeur client : données CDNOW, modèles BG/NBD et Gamma-Gamma, valeur potentielle."""

from __future__ import annotations

import math
from decimal import Decimal, getcontext
from importlib import resources

import numpy as np
import pandas as pd
import pytest
from scipy.special import beta as fonction_beta

from strategie import SaisieInvalide
from strategie import valeur_client as vc

PUBLIES = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}  # Fader, Hardie & Lee (2005), CDNOW sample


@pytest.fixture(scope="module")
def cdnow():
    return vc.charger_cdnow()


@pytest.fixture(scope="module")
def parametres(cdnow):
    return vc.ajuster_bgnbd(cdnow["frequence"], cdnow["recence"], cdnow["anciennete"])


# ---------------------------------------------------------------------------
# Données CDNOW
# ---------------------------------------------------------------------------

def test_charger_cdnow_interface_stable(cdnow):
    assert len(cdnow) == 2357
    assert list(cdnow.columns) == ["frequence", "recence", "anciennete", "montant_moyen"]
    assert cdnow.index.min() == 1 and cdnow.index.max() == 2357


def test_resume_cdnow_identique_au_resume_publie(cdnow):
    fichier = resources.files("strategie").joinpath("donnees", "cdnow", "resume_reference_fhl.csv.gz")
    with resources.as_file(fichier) as chemin:
        reference = pd.read_csv(chemin, index_col="ID")
    assert (cdnow["frequence"].to_numpy() == reference["x"].to_numpy()).all()
    # The published file is rounded to 2 decimals.
    np.testing.assert_allclose(cdnow["recence"], reference["t_x"], atol=0.0051)
    np.testing.assert_allclose(cdnow["anciennete"], reference["T"], atol=0.0051)
    np.testing.assert_allclose(cdnow["montant_moyen"], reference["zbar"], atol=0.0051)


def test_resume_cdnow_client_1_a_la_main(cdnow):
    # Customer 1: 1997-01-01 (first), 01-18 and 08-02 (repeats in calibration), 12-12 (after).
    client = cdnow.loc[1]
    assert client["frequence"] == 2
    assert client["recence"] == pytest.approx((31 + 28 + 31 + 30 + 31 + 30 + 31 + 1) / 7)
    assert client["anciennete"] == pytest.approx(272 / 7)
    assert client["montant_moyen"] == pytest.approx((29.73 + 14.96) / 2)


def test_transactions_cdnow():
    echantillon = vc.charger_cdnow_transactions()
    assert echantillon.shape == (6919, 4) and echantillon["client"].nunique() == 2357
    assert echantillon["date"].min() == pd.Timestamp("1997-01-01")
    assert echantillon["date"].max() == pd.Timestamp("1998-06-30")
    complet = vc.charger_cdnow_transactions(echantillon=False)
    assert complet.shape == (69659, 4) and complet["client"].nunique() == 23570


def test_validation_cdnow():
    resume = vc.charger_cdnow(validation=True)
    assert resume["duree_validation"].iloc[0] == pytest.approx(39.0)
    transactions = vc.charger_cdnow_transactions()
    jours = transactions.drop_duplicates(["client", "date"])
    apres = jours[(jours["date"] > "1997-09-30")]
    assert resume["frequence_validation"].sum() == len(apres)


def test_resume_rfm_memes_jours_reunis():
    t = pd.DataFrame({
        "client": ["A", "A", "A", "A", "B"],
        "date": ["2024-01-01", "2024-01-01", "2024-01-15", "2024-02-05", "2024-01-29"],
        "montant": [10.0, 5.0, 20.0, 40.0, 7.0],
    })
    resume = vc.resume_rfm(t, "2024-01-29", fin_validation="2024-03-01")
    assert resume.loc["A"].tolist()[:4] == pytest.approx([1, 2.0, 4.0, 20.0])
    assert resume.loc["B"].tolist()[:4] == pytest.approx([0, 0.0, 0.0, 0.0])
    assert resume.loc["A", "frequence_validation"] == 1


# ---------------------------------------------------------------------------
# BG/NBD
# ---------------------------------------------------------------------------

def test_ajustement_retrouve_les_parametres_publies(parametres):
    assert set(parametres) == set(PUBLIES)
    for cle, publie in PUBLIES.items():
        assert parametres[cle] == pytest.approx(publie, rel=0.01), cle


def test_log_vraisemblance_publiee(cdnow, parametres):
    total = vc.log_vraisemblance_bgnbd(parametres, cdnow["frequence"], cdnow["recence"], cdnow["anciennete"]).sum()
    assert total == pytest.approx(-9582.4, abs=0.1)


def test_gradient_analytique_egal_aux_differences_finies(cdnow):
    from strategie.valeur_client.probabiliste import _gradient_bgnbd, _log_vraisemblance_bgnbd

    x, tx, t = (cdnow[c].to_numpy(dtype=float) for c in ("frequence", "recence", "anciennete"))
    point = np.array([0.3, 5.0, 0.7, 2.0])
    analytique = _gradient_bgnbd(*point, x, tx, t, _log_vraisemblance_bgnbd(*point, x, tx, t)).sum(axis=0)
    pas = 1e-6
    numerique = [
        (_log_vraisemblance_bgnbd(*(point + pas * e), x, tx, t).sum()
         - _log_vraisemblance_bgnbd(*(point - pas * e), x, tx, t).sum()) / (2 * pas)
        for e in np.eye(4)
    ]
    np.testing.assert_allclose(analytique, numerique, rtol=1e-5)


def test_ajustement_accepte_listes_et_tableaux(cdnow, parametres):
    listes = vc.ajuster_bgnbd(cdnow["frequence"].tolist(), cdnow["recence"].tolist(), cdnow["anciennete"].to_numpy())
    for cle in PUBLIES:
        assert listes[cle] == pytest.approx(parametres[cle], rel=1e-6)


def test_log_vraisemblance_a_la_main():
    p = {"r": 1.0, "alpha": 1.0, "a": 1.0, "b": 1.0}
    # x = 0, T = 1: B(1,1)/B(1,1) × alpha^r / (alpha + T)^r = 1/2.
    # x = 1, t_x = 1, T = 2: B(1,2)/(1+2)^2 + B(2,1)/(1+1)^2 = 1/18 + 1/8.
    ll = vc.log_vraisemblance_bgnbd(p, [0, 1], [0.0, 1.0], [1.0, 2.0])
    np.testing.assert_allclose(ll, [math.log(1 / 2), math.log(fonction_beta(1, 2) / 9 + fonction_beta(2, 1) / 4)])


def test_probabilite_actif_a_la_main():
    p = {"r": 1.0, "alpha": 1.0, "a": 1.0, "b": 2.0}
    # 1 / (1 + a/(b+x-1) × ((alpha+T)/(alpha+t_x))^(r+x)) = 1 / (1 + 1/2 × 4).
    assert vc.probabilite_actif(p, [1, 0], [1.0, 0.0], [3.0, 3.0]).tolist() == pytest.approx([1 / 3, 1.0])


def _simuler_avec_suite(parametres, anciennete, duree, graine):
    """Simulation indépendante, achat par achat : achats pendant l'observation et pendant ``duree`` après."""
    rng = np.random.default_rng(graine)
    n = anciennete.size
    lam = rng.gamma(parametres["r"], 1 / parametres["alpha"], n)
    depart = rng.geometric(rng.beta(parametres["a"], parametres["b"], n))
    nombre = rng.poisson(lam * (anciennete + duree))
    client = np.repeat(np.arange(n), nombre)
    temps = rng.random(client.size) * (anciennete + duree)[client]
    ordre = np.lexsort((temps, client))
    client, temps = client[ordre], temps[ordre]
    rang = np.arange(client.size) - np.concatenate([[0], np.cumsum(nombre)[:-1]])[client]
    vivant = rang < depart[client]
    client, temps = client[vivant], temps[vivant]
    dedans = temps <= anciennete[client]
    x = np.bincount(client[dedans], minlength=n)
    tx = np.zeros(n)
    np.maximum.at(tx, client[dedans], temps[dedans])
    return x, tx, np.bincount(client[~dedans], minlength=n)


def test_achats_attendus_concordent_avec_une_simulation():
    anciennete = np.random.default_rng(0).uniform(26, 39, 60_000)
    x, tx, suite = _simuler_avec_suite(PUBLIES, anciennete, 39.0, graine=1)
    attendus = vc.achats_attendus(PUBLIES, 39.0, x, tx, anciennete)
    assert attendus.sum() == pytest.approx(suite.sum(), rel=0.03)
    for f in (0, 1, 2):
        assert attendus[x == f].mean() == pytest.approx(suite[x == f].mean(), rel=0.06), f


def test_nouveau_client_concorde_avec_la_simulation():
    anciennete = np.full(60_000, 39.0)
    x, _, _ = _simuler_avec_suite(PUBLIES, anciennete, 0.0, graine=2)
    assert vc.achats_attendus_nouveau_client(PUBLIES, 39.0) == pytest.approx(x.mean(), rel=0.04)
    # A customer observed for an instant without repeat is a new customer.
    assert vc.achats_attendus(PUBLIES, 39.0, [0], [0.0], [1e-9])[0] == pytest.approx(
        vc.achats_attendus_nouveau_client(PUBLIES, 39.0), rel=1e-6)


def test_achats_attendus_par_horizon():
    attendus = vc.achats_attendus(PUBLIES, [13.0, 26.0, 52.0], [0, 3], [0.0, 30.0], [38.0, 38.0], grille=True)
    assert attendus.shape == (2, 3)
    assert np.all(np.diff(attendus, axis=1) > 0)


def test_achats_attendus_un_horizon_par_client():
    x, tx, t = [0, 3, 3], [0.0, 30.0, 30.0], [38.0, 38.0, 38.0]
    apparies = vc.achats_attendus(PUBLIES, [13.0, 26.0, 52.0], x, tx, t)
    assert apparies.shape == (3,)
    grille = vc.achats_attendus(PUBLIES, [13.0, 26.0, 52.0], x, tx, t, grille=True)
    np.testing.assert_allclose(apparies, np.diag(grille))
    # Customer i with horizon i, the same as computed alone.
    for i, h in enumerate((13.0, 26.0, 52.0)):
        assert apparies[i] == pytest.approx(vc.achats_attendus(PUBLIES, h, [x[i]], [tx[i]], [t[i]])[0])


def test_achats_attendus_longueurs_differentes():
    with pytest.raises(SaisieInvalide, match=r"« duree » a 3 valeurs pour 2 clients.*grille=True"):
        vc.achats_attendus(PUBLIES, [13.0, 26.0, 52.0], [0, 3], [0.0, 30.0], [38.0, 38.0])


def _hyp2f1_decimal(A, B, C, z):
    """Série de Gauss sommée en décimal à 40 chiffres : aucun dépassement, même pour de très grands termes."""
    somme = terme = Decimal(1)
    n = 0
    while True:
        terme = terme * (A + n) * (B + n) / ((C + n) * (n + 1)) * z
        somme += terme
        n += 1
        if n > 50 and abs(terme) < somme * Decimal("1e-30"):
            return somme


def _attendus_direct(p, duree, x, tx, t):
    """Formule 10 telle que publiée, sans transformation, en décimal : la référence des extrêmes."""
    getcontext().prec = 40
    r, alpha, a, b, x, tx, t, duree = (Decimal(repr(float(v))) for v in
                                       (p["r"], p["alpha"], p["a"], p["b"], x, tx, t, duree))
    terme = ((alpha + t) / (alpha + t + duree)) ** (r + x) * _hyp2f1_decimal(r + x, b + x, a + b + x - 1,
                                                                            duree / (alpha + t + duree))
    numerateur = (a + b + x - 1) / (a - 1) * (1 - terme)
    rapport = a / (b + x - 1) * ((alpha + t) / (alpha + tx)) ** (r + x) if x > 0 else 0
    return float(numerateur / (1 + rapport))


@pytest.mark.parametrize(
    ("x", "tx", "t", "duree"),
    [
        (310, 52.0, 52.0, 520.0),   # the heavy buyer over 10 years
        (310, 52.0, 52.0, 5200.0),
        (2000, 10.0, 10.0, 520.0),  # very high frequency
        (50, 39.0, 39.0, 5200.0),   # 100 years, recency = T
        (5, 1.0, 39.0, 520.0),      # left long ago
        (0, 0.0, 39.0, 520.0),      # no repeat purchase
        (0, 0.0, 39.0, 1e-6),       # tiny horizon
        (1, 0.5, 0.5, 52.0),
    ],
)
def test_achats_attendus_extremes_finis_et_exacts(x, tx, t, duree):
    attendu = vc.achats_attendus(PUBLIES, duree, [x], [tx], [t])[0]
    assert np.isfinite(attendu) and attendu >= 0
    assert attendu == pytest.approx(_attendus_direct(PUBLIES, duree, x, tx, t), rel=1e-9, abs=1e-15)


def test_achats_attendus_gros_acheteur_comme_lifetimes():
    # lifetimes 0.11.3, paramètres ajustés sur CDNOW : 926,7 achats en 520 semaines.
    p = {"r": 0.242595, "alpha": 4.413603, "a": 0.792922, "b": 2.425906}
    assert vc.achats_attendus(p, 520.0, [310], [52.0], [52.0])[0] == pytest.approx(926.7, abs=0.1)


def test_achats_attendus_croissent_avec_l_horizon_sans_plafond_absurde():
    horizons = np.geomspace(1, 1e6, 40)
    for x, tx in ((0, 0.0), (3, 20.0), (310, 52.0)):
        valeurs = vc.achats_attendus(PUBLIES, horizons, [x], [tx], [52.0], grille=True)[0]
        assert np.isfinite(valeurs).all() and (np.diff(valeurs) > 0).all()
    nouveau = vc.achats_attendus_nouveau_client(PUBLIES, horizons)
    assert np.isfinite(nouveau).all() and (np.diff(nouveau) > 0).all()


def test_valeur_potentielle_meme_resultat_en_jours_et_en_semaines():
    transactions = vc.charger_cdnow_transactions()
    semaines = vc.resume_rfm(transactions, vc.FIN_CALIBRATION_CDNOW)
    jours = vc.resume_rfm(transactions, vc.FIN_CALIBRATION_CDNOW, unite="jour")
    mois = vc.resume_rfm(transactions, vc.FIN_CALIBRATION_CDNOW, unite="mois")
    assert (semaines.attrs["unite"], jours.attrs["unite"], mois.attrs["unite"]) == ("semaine", "jour", "mois")
    np.testing.assert_allclose(jours["anciennete"], 7 * semaines["anciennete"])
    gg = {"p": 6.25, "q": 3.74, "gamma": 15.44}
    # alpha is a time scale: the same customers in days have alpha × 7 (× 365.25/12/7 in months).
    en_jours = dict(PUBLIES, alpha=PUBLIES["alpha"] * 7)
    en_mois = dict(PUBLIES, alpha=PUBLIES["alpha"] * 7 / (365.25 / 12))
    ref = vc.valeur_potentielle(semaines, PUBLIES, gg, taux_actualisation=0.15)
    np.testing.assert_allclose(vc.valeur_potentielle(jours, en_jours, gg, taux_actualisation=0.15), ref, rtol=1e-9)
    np.testing.assert_allclose(vc.valeur_potentielle(mois, en_mois, gg, taux_actualisation=0.15), ref, rtol=1e-9)
    # Discounting days as if they were weeks (the old behaviour) gives something else.
    faux = vc.valeur_potentielle(jours, en_jours, gg, taux_actualisation=0.15, unite="semaine",
                                 horizon=365.25, pas=28)
    assert faux.sum() < 0.8 * ref.sum()


def test_valeur_potentielle_unite_inconnue():
    with pytest.raises(SaisieInvalide, match="« jour », « semaine », « mois »"):
        vc.valeur_potentielle(vc.charger_cdnow(), PUBLIES, {"p": 6, "q": 3, "gamma": 15}, unite="an")
    with pytest.raises(SaisieInvalide, match="unité de temps"):
        vc.resume_rfm(vc.charger_cdnow_transactions(), vc.FIN_CALIBRATION_CDNOW, unite="heures")


def test_ajustement_retrouve_une_simulation():
    vrais = {"r": 0.5, "alpha": 6.0, "a": 0.7, "b": 3.0}
    simule = vc.simuler_bgnbd(vrais, np.full(30_000, 52.0), graine=5)
    estimes = vc.ajuster_bgnbd(simule["frequence"], simule["recence"], simule["anciennete"])
    for cle in vrais:
        assert estimes[cle] == pytest.approx(vrais[cle], rel=0.12), cle


# ---------------------------------------------------------------------------
# Gamma-Gamma et valeur potentielle
# ---------------------------------------------------------------------------

def test_gamma_gamma_publie(cdnow):
    gg = vc.ajuster_gamma_gamma(cdnow["frequence"], cdnow["montant_moyen"])
    # Fader, Hardie & Lee (2005, RFM and CLV): p = 6.25, q = 3.74, gamma = 15.44.
    assert gg["p"] == pytest.approx(6.25, rel=0.01)
    assert gg["q"] == pytest.approx(3.74, rel=0.01)
    assert gg["gamma"] == pytest.approx(15.44, rel=0.01)


def test_montant_attendu_a_la_main():
    gg = {"p": 6.25, "q": 3.74, "gamma": 15.44}
    attendu = vc.montant_attendu(gg, [2, 0], [22.35, 0.0])
    assert attendu[0] == pytest.approx((15.44 + 2 * 22.35) * 6.25 / (6.25 * 2 + 3.74 - 1))
    assert attendu[1] == pytest.approx(6.25 * 15.44 / (3.74 - 1))


def test_valeur_potentielle(cdnow, parametres):
    gg = vc.ajuster_gamma_gamma(cdnow["frequence"], cdnow["montant_moyen"])
    valeur = vc.valeur_potentielle(cdnow, parametres, gg, taux_marge=0.3, horizon=52, taux_actualisation=0.0, pas=52)
    attendu = (vc.achats_attendus(parametres, 52, cdnow["frequence"], cdnow["recence"], cdnow["anciennete"])
               * vc.montant_attendu(gg, cdnow["frequence"], cdnow["montant_moyen"]) * 0.3)
    np.testing.assert_allclose(valeur, attendu)
    actualisee = vc.valeur_potentielle(cdnow, parametres, gg, taux_actualisation=0.2, pas=4)
    assert (actualisee < valeur + 1e-9).all()
    assert valeur.index.equals(cdnow.index)


# ---------------------------------------------------------------------------
# Saisies invalides
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("frequence", "recence", "anciennete", "nom"),
    [
        ([1, -1], [1.0, 0.0], [2.0, 2.0], "frequence"),
        ([1, 0], [3.0, 0.0], [2.0, 2.0], "recence"),
        ([1, 0], [1.0, 0.0], [2.0, 0.0], "anciennete"),
        ([1, 0], [1.0], [2.0, 2.0], "longueur"),
        ([1.5, 0], [1.0, 0.0], [2.0, 2.0], "entiers"),
        ([0, 0], [0.0, 0.0], [2.0, 2.0], "achat répété"),
        ([], [], [], "vide"),
        (["un", 0], [1.0, 0.0], [2.0, 2.0], "frequence"),
    ],
)
def test_bgnbd_saisies_invalides(frequence, recence, anciennete, nom):
    with pytest.raises(SaisieInvalide, match=nom):
        vc.ajuster_bgnbd(frequence, recence, anciennete)


def test_parametres_mal_formes():
    with pytest.raises(SaisieInvalide, match="alpha"):
        vc.probabilite_actif({"r": 1, "a": 1, "b": 1}, [0], [0.0], [1.0])
    with pytest.raises(SaisieInvalide, match="« b »"):
        vc.achats_attendus({"r": 1, "alpha": 1, "a": 1, "b": -1}, 10, [0], [0.0], [1.0])
    with pytest.raises(SaisieInvalide, match="duree"):
        vc.achats_attendus(PUBLIES, -1, [0], [0.0], [1.0])


def test_resume_rfm_saisies_invalides():
    bonne = pd.DataFrame({"client": [1, 1], "date": ["2024-01-01", "2024-02-01"], "montant": [1.0, 2.0]})
    with pytest.raises(SaisieInvalide, match="« date »"):
        vc.resume_rfm(bonne.assign(date=["2024-01-01", "le 3 mars"]), "2024-12-31")
    with pytest.raises(SaisieInvalide, match="« date »"):
        vc.resume_rfm(bonne.assign(date=["20240101", "20241399"]), "2024-12-31")
    with pytest.raises(SaisieInvalide, match="« date »"):
        vc.resume_rfm(bonne.drop(columns="date"), "2024-12-31")
    with pytest.raises(SaisieInvalide, match="fin_observation"):
        vc.resume_rfm(bonne, "demain")
    with pytest.raises(SaisieInvalide, match="fin_observation"):
        vc.resume_rfm(bonne, "2023-01-01")
    with pytest.raises(SaisieInvalide, match="« montant »"):
        vc.resume_rfm(bonne.assign(montant=[1.0, -2.0]), "2024-12-31")
    with pytest.raises(SaisieInvalide, match="vide"):
        vc.resume_rfm(bonne.iloc[:0], "2024-12-31")
    with pytest.raises(SaisieInvalide, match="taux_marge"):
        vc.valeur_potentielle(vc.charger_cdnow(), PUBLIES, {"p": 6, "q": 3, "gamma": 15}, taux_marge=1.5)
