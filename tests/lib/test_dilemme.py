"""Tests de strategie.dilemme : gains, stratégies, matchs, tournois, évolution, stratégies d'apprenants."""

import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import strategie
from strategie import dilemme
from strategie.dilemme import strategies as strats

LISTE_ISSUE = [
    "Tit For Tat", "Tit For 2 Tats", "Grudger", "Cooperator", "Defector", "Random",
    "Suspicious Tit For Tat", "Win-Stay Lose-Shift", "Alternator", "Two Tits For Tat",
    "Hard Tit For Tat", "Generous Tit For Tat", "Joss",
]
TOUTES = [cls.nom_litterature for cls in dilemme.CLASSES]
DETERMINISTES = [cls.nom_litterature for cls in dilemme.CLASSES if not cls.stochastique]


# -- gains -------------------------------------------------------------------------------

def test_gains_du_billet_en_annees_forment_un_dilemme():
    g = dilemme.GAINS_ANNEES
    assert (g.recompense, g.dupe, g.tentation, g.punition) == (1, 5, 0, 3)
    d = dilemme.diagnostic(g)
    assert d.est_un_dilemme and d.jeu == "Dilemme du prisonnier"
    assert d.strategie_dominante == "D"
    assert d.equilibres == (("D", "D"),)
    assert d.optimum_collectif == (("C", "C"),)


def test_gains_en_points_et_en_annees_ont_les_memes_preferences():
    for g in (dilemme.GAINS_POINTS, dilemme.GAINS_ANNEES, dilemme.GAINS_NICKY_CASE):
        assert dilemme.diagnostic(g).est_un_dilemme
        assert dilemme.strategie_dominante(g) == "D"
    points = dilemme.GAINS_ANNEES.en_points()
    assert points.plus_haut_est_mieux and points.RSTP == (-1, -5, 0, -3)


@pytest.mark.parametrize("rstp, jeu, dominante", [
    ((3, 1, 5, 0), "Poule mouillée", None),
    ((5, 0, 3, 1), "Chasse au cerf", None),
    ((5, 3, 4, 1), "Harmonie", "C"),
    ((1, 0, 5, 3), "Impasse", "D"),
    ((3, 0, 8, 1), "Dilemme du prisonnier (en un coup seulement)", "D"),
])
def test_diagnostic_nomme_les_jeux_qui_ne_sont_plus_des_dilemmes(rstp, jeu, dominante):
    d = dilemme.diagnostic(dilemme.Gains(*rstp))
    assert not d.est_un_dilemme
    assert d.jeu == jeu
    assert d.strategie_dominante == dominante
    assert not bool(d)
    assert any(not c.respectee for c in d.conditions)
    assert jeu in str(d)


def test_equilibres_de_la_chasse_au_cerf_et_de_la_poule_mouillee():
    assert set(dilemme.equilibres(dilemme.Gains(5, 0, 3, 1))) == {("C", "C"), ("D", "D")}
    assert set(dilemme.equilibres(dilemme.Gains(3, 1, 5, 0))) == {("C", "D"), ("D", "C")}


def test_continuation_minimale():
    # Standard payoffs: max((5-3)/(5-1), (5-3)/(3-0)) = 2/3.
    assert dilemme.continuation_minimale() == pytest.approx(2 / 3)
    assert dilemme.continuation_minimale(dilemme.Gains(5, 0, 3, 1)) is None


def test_gains_invalides_nomment_le_champ():
    with pytest.raises(strategie.SaisieInvalide, match="tentation"):
        dilemme.Gains(tentation="beaucoup")
    with pytest.raises(strategie.SaisieInvalide, match="unité"):
        dilemme.Gains(unite="euros")
    with pytest.raises(strategie.SaisieInvalide, match="gains"):
        dilemme.jouer_match("TFT", "TFT", gains="3,0,5,1")


def test_tableau_des_gains_lisible():
    t = dilemme.GAINS_ANNEES.tableau()
    assert t.loc["Je coopère", "L'autre trahit"] == "5 ; 0\u00a0ans"
    assert t.loc["Je trahis", "L'autre coopère"] == "0 ; 5\u00a0ans"


# -- catalogue -----------------------------------------------------------------------------

def test_les_strategies_de_l_issue_existent_avec_leur_nom_de_litterature():
    for nom in LISTE_ISSUE:
        j = dilemme.strategie(nom)
        assert j.nom_litterature == nom
        assert j.nom_affiche and j.nom and j.nom.isascii()
        assert isinstance(j.stochastique, bool)
        assert j.vectorisee


@pytest.mark.parametrize("nom", ["Donnant-donnant", "donnant_donnant", "DONNANT DONNANT", "Tit For Tat",
                                 "tit-for-tat", "TFT", "Copycat"])
def test_strategie_trouve_les_noms_francais_et_de_litterature(nom):
    assert isinstance(dilemme.strategie(nom), strats.DonnantDonnant)


def test_strategie_renvoie_un_joueur_neuf():
    a, b = dilemme.strategie("GTFT"), dilemme.strategie("GTFT")
    assert a is not b
    assert dilemme.strategie("Généreux").nom_axelrod == "GTFT"
    assert dilemme.strategie("Joss").nom_axelrod == "First by Joss"


def test_strategie_inconnue_suggere():
    with pytest.raises(strategie.SaisieInvalide, match="Rancunier"):
        dilemme.strategie("Rancunié")
    with pytest.raises(strategie.SaisieInvalide, match="nom d'une stratégie"):
        dilemme.strategie(42)


def test_catalogue():
    c = dilemme.catalogue()
    assert len(c) == len(dilemme.CLASSES) >= 13
    assert c["nom"].is_unique and c["nom_affiche"].is_unique


# -- matchs ------------------------------------------------------------------------------------

def test_match_donnant_donnant_contre_toujours_trahir():
    r = dilemme.jouer_match("Donnant-donnant", "Toujours trahir", tours=5)
    assert r.coups == ("CDDDD", "DDDDD")
    assert r.scores == (0 + 4 * 1, 5 + 4 * 1)
    assert r.vainqueur == "Toujours trahir"
    assert r.scores_moyens == (0.8, 1.8)


def test_match_en_annees():
    r = dilemme.jouer_match("Toujours coopérer", "Toujours trahir", tours=3, gains=dilemme.GAINS_ANNEES)
    assert r.scores == (15, 0)
    assert r.vainqueur == "Toujours trahir"  # fewer years is better


def test_tableau_du_match():
    r = dilemme.jouer_match("Alternant", "Donnant-donnant", tours=4)
    t = r.tableau()
    assert list(t["coup_a"]) == list(r.coups[0])
    assert t["cumul_a"].iloc[-1] == r.scores[0] and t["cumul_b"].iloc[-1] == r.scores[1]


def test_meme_graine_meme_resultat_autre_graine_autre_resultat():
    a = dilemme.jouer_match("Au hasard", "GTFT", tours=200, bruit=0.1, graine=7)
    b = dilemme.jouer_match("Au hasard", "GTFT", tours=200, bruit=0.1, graine=7)
    c = dilemme.jouer_match("Au hasard", "GTFT", tours=200, bruit=0.1, graine=8)
    assert a.coups == b.coups and a.scores == b.scores
    assert a.coups != c.coups


def test_bruit_inverse_les_coups():
    assert dilemme.jouer_match("Toujours coopérer", "Toujours coopérer", tours=50, bruit=1.0).coups == ("D" * 50,) * 2
    r = dilemme.jouer_match("Toujours coopérer", "Toujours trahir", tours=20000, bruit=0.1, graine=1)
    assert r.coups[0].count("D") / 20000 == pytest.approx(0.1, abs=0.01)
    assert r.coups[1].count("C") / 20000 == pytest.approx(0.1, abs=0.01)


def test_sans_bruit_les_deterministes_ne_dependent_pas_de_la_graine():
    for nom in DETERMINISTES:
        assert dilemme.jouer_match(nom, "Pavlov", graine=1).coups == dilemme.jouer_match(nom, "Pavlov", graine=2).coups


@pytest.mark.parametrize("nom, adversaire, p_trahir", [
    ("Au hasard", "Toujours coopérer", 0.5),
    ("Joss", "Toujours coopérer", 0.1),
    ("Donnant-donnant généreux", "Toujours trahir", 2 / 3),
])
def test_strategies_stochastiques_ont_la_bonne_frequence(nom, adversaire, p_trahir):
    r = dilemme.jouer_match(nom, adversaire, tours=20000, graine=3)
    assert r.coups[0][1:].count("D") / 19999 == pytest.approx(p_trahir, abs=0.015)


def test_parametres_invalides_nomment_le_parametre():
    for kwargs, mot in [({"tours": 0}, "tours"), ({"tours": 2.5}, "tours"), ({"bruit": 1.5}, "bruit"),
                        ({"bruit": "peu"}, "bruit"), ({"graine": -1}, "graine")]:
        with pytest.raises(strategie.SaisieInvalide, match=mot):
            dilemme.jouer_match("TFT", "TFT", **kwargs)
    with pytest.raises(strategie.SaisieInvalide, match="b"):
        dilemme.jouer_match("TFT", 3)


sequences = st.text(alphabet="CD", min_size=1, max_size=40)


@settings(max_examples=40, deadline=None)
@given(sequence=sequences, nom=st.sampled_from(DETERMINISTES))
def test_forme_vectorisee_egale_la_regle_tour_par_tour(sequence, nom):
    """Le moteur rapide joue exactement comme la méthode coup() appliquée tour par tour."""

    def script(mes, ses):
        return sequence[len(mes)]

    joueur = dilemme.strategie(nom)
    mes = ""
    for t in range(len(sequence)):
        mes += joueur.coup(mes, sequence[:t])
    assert dilemme.jouer_match(nom, script, tours=len(sequence)).coups[0] == mes


@settings(max_examples=40, deadline=None)
@given(a=st.sampled_from(TOUTES), b=st.sampled_from(TOUTES), bruit=st.sampled_from([0, 0.05, 0.3]),
       graine=st.integers(0, 10_000), tours=st.integers(1, 60))
def test_scores_egaux_a_la_somme_des_gains(a, b, bruit, graine, tours):
    r = dilemme.jouer_match(a, b, tours=tours, bruit=bruit, graine=graine)
    g = dilemme.GAINS_POINTS
    assert len(r.coups[0]) == len(r.coups[1]) == tours
    assert r.scores[0] == sum(g.gain(x, y) for x, y in zip(*r.coups))
    assert r.scores[1] == sum(g.gain(y, x) for x, y in zip(*r.coups))


@settings(max_examples=30, deadline=None)
@given(a=st.sampled_from(DETERMINISTES), b=st.sampled_from(DETERMINISTES), tours=st.integers(1, 50))
def test_match_symetrique(a, b, tours):
    ab = dilemme.jouer_match(a, b, tours=tours)
    ba = dilemme.jouer_match(b, a, tours=tours)
    assert ab.coups == ba.coups[::-1] and ab.scores == ba.scores[::-1]


# -- tournois -----------------------------------------------------------------------------------

def test_tournoi_colonnes_et_ordre():
    c = dilemme.tournoi(["Donnant-donnant", "Toujours trahir", "Toujours coopérer", "Rancunier"], tours=50)
    assert {"strategie", "score_moyen"} <= set(c.columns)
    assert list(c["score_moyen"]) == sorted(c["score_moyen"], reverse=True)
    assert list(c["rang"]) == [1, 2, 3, 4]
    assert set(c["strategie"]) == {"Donnant-donnant", "Toujours trahir", "Toujours coopérer", "Rancunier"}


def test_tournoi_egal_aux_matchs_un_par_un():
    noms = ["Donnant-donnant", "Toujours trahir", "Sondeur", "Pavlov"]
    c = dilemme.tournoi(noms, tours=30, repetitions=2).set_index("strategie")
    for a in noms:
        attendu = np.mean([dilemme.jouer_match(a, b, tours=30).scores[0] / 30 for b in noms if b != a])
        assert c.loc[a, "score_moyen"] == pytest.approx(attendu)


def test_tournoi_meme_graine_meme_classement():
    noms = ["Au hasard", "Joss", "GTFT", "Donnant-donnant", "Rancunier"]
    a = dilemme.tournoi(noms, bruit=0.05, graine=11)
    b = dilemme.tournoi(noms, bruit=0.05, graine=11)
    c = dilemme.tournoi(noms, bruit=0.05, graine=12)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["score_moyen"], c.set_index("strategie").loc[a["strategie"], "score_moyen"])


def test_tournoi_complet_matrice_et_repetitions():
    r = dilemme.tournoi_complet(["TFT", "ALLD", "ALLC"], tours=10, repetitions=3)
    assert r.matrice.shape == (3, 3)
    assert r.matrice.loc["Donnant-donnant", "Toujours trahir"] == pytest.approx(0.9)
    assert r.scores.shape == (3, 3)
    assert r.classement.loc[0, "strategie"] == "Toujours trahir"


def test_tournoi_doublons_numerotes_et_erreurs():
    c = dilemme.tournoi(["TFT", "TFT", "ALLD"], tours=5)
    assert {"Donnant-donnant (1)", "Donnant-donnant (2)"} <= set(c["strategie"])
    with pytest.raises(strategie.SaisieInvalide, match="au moins deux"):
        dilemme.tournoi(["TFT"])
    with pytest.raises(strategie.SaisieInvalide, match="liste"):
        dilemme.tournoi("TFT")
    with pytest.raises(strategie.SaisieInvalide, match="repetitions"):
        dilemme.tournoi(["TFT", "ALLD"], repetitions=0)


def test_donnant_donnant_patient_fait_moins_bien_sans_bruit_comme_dit_le_billet():
    """Le billet : « le tit for two tats est moins performant » (tournoi sans erreur)."""
    c = dilemme.tournoi(None, tours=200, repetitions=1).set_index("strategie")
    assert c.loc["Donnant-donnant", "score_moyen"] > c.loc["Donnant-donnant patient", "score_moyen"]


# -- stratégies d'apprenants ------------------------------------------------------------------

def donnant_donnant(mes_coups, ses_coups):
    return ses_coups[-1] if ses_coups else "C"


def test_fonction_d_apprenant_equivaut_a_la_strategie_integree_meme_avec_bruit():
    autres = ["Toujours trahir", "Au hasard", "Rancunier", "Pavlov", "Joss"]
    a = dilemme.tournoi([donnant_donnant, *autres], tours=100, repetitions=3, bruit=0.05, graine=5)
    b = dilemme.tournoi(["Donnant-donnant", *autres], tours=100, repetitions=3, bruit=0.05, graine=5)
    np.testing.assert_allclose(a["score_moyen"], b["score_moyen"])
    assert a["strategie"].replace("donnant_donnant", "Donnant-donnant").tolist() == b["strategie"].tolist()


def test_fonction_recoit_des_chaines():
    vus = []

    def espion(mes_coups, ses_coups):
        vus.append((mes_coups, ses_coups))
        return "D"

    dilemme.jouer_match(espion, "Donnant-donnant", tours=3)
    assert vus == [("", ""), ("D", "C"), ("DD", "CD")]


def test_enregistrer_et_retrouver():
    def ma_gentille(mes_coups, ses_coups):
        return "C"

    try:
        j = dilemme.enregistrer(ma_gentille, nom_affiche="Ma gentille")
        assert j.nom_affiche == "Ma gentille"
        assert dilemme.strategie("ma_gentille").nom_affiche == "Ma gentille"
        assert dilemme.strategie("Ma gentille").coup("", "") == "C"
        assert any(x.nom == "ma_gentille" for x in dilemme.strategies_apprenants())
        with pytest.raises(strategie.SaisieInvalide, match="déjà"):
            dilemme.enregistrer(ma_gentille, nom="Rancunier")
    finally:
        dilemme.oublier("ma_gentille")
    with pytest.raises(strategie.SaisieInvalide):
        dilemme.strategie("ma_gentille")


def test_fonction_a_un_seul_parametre_refusee():
    with pytest.raises(strategie.SaisieInvalide, match="deux"):
        dilemme.jouer_match(lambda coups: "C", "TFT")


def test_erreur_exception_dit_quelle_strategie_quel_tour_pourquoi():
    def naive(mes_coups, ses_coups):
        return ses_coups[-1]

    with pytest.raises(dilemme.ErreurStrategie) as info:
        dilemme.jouer_match("Toujours trahir", naive)
    message = str(info.value)
    assert "« naive »" in message and "tour 1" in message and "IndexError" in message
    assert "vides" in message and "Toujours trahir" in message
    assert info.value.tour == 1 and info.value.raison == "exception"
    assert isinstance(info.value, strategie.SaisieInvalide)


def test_erreur_plus_tard_dans_le_match():
    def casse_au_tour_4(mes_coups, ses_coups):
        if len(mes_coups) == 3:
            raise ValueError("je ne sais pas")
        return "C"

    with pytest.raises(dilemme.ErreurStrategie, match="tour 4.*ValueError.*je ne sais pas"):
        dilemme.tournoi([casse_au_tour_4, "TFT"])


@pytest.mark.parametrize("valeur, indice", [(None, "return"), ("c", "\"C\""), (" D", "\"D\""),
                                            (True, "au lieu de"), ("coopérer", "au lieu de")])
def test_erreur_valeur_invalide(valeur, indice):
    def mauvaise(mes_coups, ses_coups):
        return valeur

    with pytest.raises(dilemme.ErreurStrategie) as info:
        dilemme.jouer_match(mauvaise, "TFT")
    assert info.value.raison == "valeur invalide"
    assert indice in str(info.value) and "tour 1" in str(info.value)


def test_erreur_trop_longue_interrompt_une_boucle_infinie(monkeypatch):
    monkeypatch.setattr(strats, "LIMITE_PAR_COUP", 0.05)

    def boucle(mes_coups, ses_coups):
        if len(mes_coups) == 2:
            while True:
                pass
        return "C"

    debut = time.perf_counter()
    with pytest.raises(dilemme.ErreurStrategie, match="tour 3.*plus de 0.05 s") as info:
        dilemme.jouer_match("TFT", boucle)
    assert info.value.raison == "trop longue"
    assert time.perf_counter() - debut < 5


def test_erreur_trop_longue_au_total(monkeypatch):
    monkeypatch.setattr(strats, "LIMITE_TOTALE", 0.02)

    def lente(mes_coups, ses_coups):
        time.sleep(0.002)
        return "C"

    with pytest.raises(dilemme.ErreurStrategie, match="au total"):
        dilemme.jouer_match(lente, "TFT", tours=200)


def test_minuteur_rend_le_signal():
    import signal

    avant = signal.getsignal(signal.SIGALRM)
    dilemme.jouer_match(donnant_donnant, "TFT", tours=5)
    assert signal.getsignal(signal.SIGALRM) == avant


# -- évolution --------------------------------------------------------------------------------------

POPULATION = {"Donnant-donnant": 5, "Toujours trahir": 5, "Toujours coopérer": 15}


def test_evolution_forme_du_resultat():
    e = dilemme.evolution(POPULATION, generations=30, gains=dilemme.GAINS_NICKY_CASE, graine=1)
    assert e.shape == (31, 3)
    assert e.index.name == "generation"
    assert list(e.columns) == ["Donnant-donnant", "Toujours trahir", "Toujours coopérer"]
    assert (e.sum(axis=1) == 25).all()
    assert e.iloc[0].tolist() == [5, 5, 15]


@pytest.mark.parametrize("graine", range(4))
def test_evolution_la_confiance_gagne_avec_assez_de_tours_et_s_effondre_sinon(graine):
    nc = dilemme.GAINS_NICKY_CASE
    assert dilemme.evolution(POPULATION, tours=10, gains=nc, graine=graine).iloc[-1]["Donnant-donnant"] == 25
    assert dilemme.evolution(POPULATION, tours=3, gains=nc, graine=graine).iloc[-1]["Toujours trahir"] == 25


def test_evolution_meme_graine_meme_histoire_avec_bruit():
    pop = {"Donnant-donnant": 5, "Toujours trahir": 5, "Rancunier": 5, "Au hasard": 5, "Pavlov": 5}
    a = dilemme.evolution(pop, generations=40, bruit=0.05, graine=3)
    b = dilemme.evolution(pop, generations=40, bruit=0.05, graine=3)
    pd.testing.assert_frame_equal(a, b)
    assert (a.sum(axis=1) == 25).all()


def test_evolution_chemin_rapide_et_chemin_general_concordent():
    """Sans hasard, l'évolution précalcule les matchs ; une copie « fonction » passe par le chemin lent."""

    def tft(mes_coups, ses_coups):
        return ses_coups[-1] if ses_coups else "C"

    def alld(mes_coups, ses_coups):
        return "D"

    rapide = dilemme.evolution({"TFT": 6, "ALLD": 6, "ALLC": 8}, tours=6, generations=15, graine=2)
    lent = dilemme.evolution({tft: 6, alld: 6, "ALLC": 8}, tours=6, generations=15, graine=2)
    np.testing.assert_array_equal(rapide.values, lent.values)


def test_evolution_sans_remplacement_ne_change_rien_et_erreurs():
    e = dilemme.evolution(POPULATION, remplaces=0, generations=5)
    assert (e.values == e.values[0]).all()
    with pytest.raises(strategie.SaisieInvalide, match="remplaces"):
        dilemme.evolution(POPULATION, remplaces=13)
    with pytest.raises(strategie.SaisieInvalide, match="population"):
        dilemme.evolution(["TFT", "ALLD"])
    with pytest.raises(strategie.SaisieInvalide, match="au moins deux"):
        dilemme.evolution({"TFT": 1})


def test_tirer_tours():
    tirages = [dilemme.tirer_tours(0.9, graine=g) for g in range(2000)]
    assert np.mean(tirages) == pytest.approx(10, rel=0.1)
    assert min(dilemme.tirer_tours(0.5, graine=g, minimum=4) for g in range(50)) == 4
    with pytest.raises(strategie.SaisieInvalide, match="continuation"):
        dilemme.tirer_tours(1.0)
