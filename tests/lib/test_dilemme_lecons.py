"""Ce que les leçons du module 16 affirment en texte est vrai des résultats qu'elles affichent.

Chaque test rejoue les appels de la leçon avec les mêmes réglages (stratégies, répétitions,
graines) et vérifie l'affirmation écrite en markdown à côté de la figure.
"""

import pandas as pd
import pytest

from strategie import dilemme

DIX = ["Donnant-donnant", "Donnant-donnant patient", "Rancunier", "Toujours coopérer",
       "Toujours trahir", "Au hasard", "Pavlov", "Détective", "Sondeur", "Sournois (Joss)"]


# -- 16-1 -------------------------------------------------------------------------------------------

def test_16_1_les_deux_seuils_et_le_plus_grand():
    r, s, t, p = dilemme.GAINS_POINTS.RSTP
    assert (t - r) / (t - p) == 0.5
    assert round((t - r) / (r - s), 2) == 0.67
    assert dilemme.continuation_minimale(dilemme.GAINS_POINTS) == max(0.5, 2 / 3)
    assert dilemme.continuation_minimale(dilemme.Gains(4, 0, 5, 1)) == 0.25, "réponse de la question 1"


# -- 16-2 : le tournoi de 1980 ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def detail_1980():
    return dilemme.tournoi_axelrod_1980_complet(repetitions=5, graine=1980)


def test_16_2_la_duree_connue_ne_pese_que_quelques_points(detail_1980):
    sans = dilemme.tournoi_axelrod_1980(repetitions=5, graine=1980, horizon_connu=False).set_index("strategie")
    avec = detail_1980.classement.set_index("strategie")
    for regle in ("Tideman et Chieruzzi", "Stein et Rapoport"):
        assert abs(sans.loc[regle, "score"] - avec.loc[regle, "score"]) <= 5, regle
    assert avec["score"].idxmax() == sans["score"].idxmax() == "Stein et Rapoport"
    assert avec.loc["Donnant-donnant", "rang"] > 1, "donnant-donnant n'arrive plus en tête"


def test_16_2_l_avance_de_stein_et_rapoport_vient_des_regles_au_hasard(detail_1980):
    m = detail_1980.matrice
    ecart = m.loc["Stein et Rapoport"] - m.loc["Donnant-donnant"]
    assert ecart["Anonyme"] > 50 and ecart["Au hasard"] > 50
    assert ecart["Anonyme"] + ecart["Au hasard"] > ecart.sum(), "sans elles, plus d'avance"
    sans_hasard = [cls().nom_affiche for cls in dilemme.ENTRANTS_1980 if not cls.stochastique]
    for regle in sans_hasard:
        if regle != "Downing":
            assert abs(ecart[regle]) <= 5, regle
    assert ecart["Downing"] < -50


def test_16_2_le_bas_du_tableau_marque_plus_que_dans_l_article(detail_1980):
    c = detail_1980.classement
    bas = c[c["rang_article"] >= 9]
    assert len(bas) == 7 and ((bas["score"] - bas["score_article"]) > 30).all()
    assert (c.nsmallest(8, "rang")["rang_article"] <= 8).all(), "les huit premiers restent les huit gentils"


def test_16_2_les_rangs_selon_la_graine():
    rangs = pd.DataFrame({g: dilemme.tournoi_axelrod_1980(graine=g).set_index("strategie")["rang"]
                          for g in range(20)})
    assert (rangs.loc["Stein et Rapoport"] == 1).all()
    assert rangs.loc["Donnant-donnant"].nunique() > 1
    for regle in ("Graaskamp", "Downing", "Feld"):
        assert rangs.loc[regle].nunique() == 1, regle


# -- 16-2 : règles et bruit ----------------------------------------------------------------------------

def test_16_2_gentilles_et_genereux():
    detail = dilemme.tournoi_complet(DIX, tours=200, repetitions=5, graine=1)
    c = detail.classement
    assert c["strategie"].iloc[0] == "Donnant-donnant"
    gentilles = {"Donnant-donnant", "Donnant-donnant patient", "Rancunier", "Toujours coopérer", "Pavlov"}
    rangs = c.assign(gentille=c["strategie"].isin(gentilles)).groupby("gentille")["rang"].mean()
    assert rangs[True] < rangs[False]
    tous = dilemme.tournoi(None, tours=200, repetitions=5, graine=1).set_index("strategie")["rang"]
    assert tous["Donnant-donnant généreux"] < tous["Donnant-donnant"]


def test_16_2_le_tournoi_bruite_explique():
    sans = dilemme.tournoi(DIX, tours=200, repetitions=5, graine=1)
    avec = dilemme.tournoi(DIX, tours=200, repetitions=5, bruit=0.05, graine=1)
    assert set(avec["strategie"].iloc[:2]) == {"Détective", "Sondeur"}, "deux exploiteurs passent devant"
    assert avec["strategie"].iloc[0] != "Donnant-donnant"
    assert list(avec["strategie"].iloc[-2:]) == ["Donnant-donnant patient", "Toujours coopérer"]
    texte = dilemme.lecture_bruit(sans, avec, bruit=0.05)
    assert texte.startswith("Sans erreur, « Donnant-donnant » arrive en tête ; avec 5\u202f% d'erreurs, c'est "
                            "« Détective ».")
    rang = dict(zip(avec["strategie"], avec["rang"]))
    assert f"« Donnant-donnant patient » passe du 5e au {rang['Donnant-donnant patient']}e rang" in texte


def test_16_2_sans_proie_la_reciprocite_reprend_la_tete():
    champ = [n for n in DIX if n not in ("Toujours coopérer", "Au hasard")] + ["Donnant-donnant généreux"]
    sans = dilemme.tournoi(champ, tours=200, repetitions=20, graine=1)
    avec = dilemme.tournoi(champ, tours=200, repetitions=20, bruit=0.05, graine=1)
    assert list(avec["strategie"].iloc[:2]) == ["Donnant-donnant", "Donnant-donnant généreux"]
    r_sans = dict(zip(sans["strategie"], sans["rang"]))
    r_avec = dict(zip(avec["strategie"], avec["rang"]))
    assert r_avec["Rancunier"] > r_sans["Rancunier"], "le rancunier recule"
    assert "Sans erreur comme avec 5\u202f% d'erreurs, « Donnant-donnant » arrive en tête." in dilemme.lecture_bruit(
        sans, avec, bruit=0.05)


# -- 16-3 ----------------------------------------------------------------------------------------------

def test_16_3_avec_quelques_erreurs_les_indulgents_survivent():
    cinq = {"Donnant-donnant": 5, "Toujours trahir": 5, "Toujours coopérer": 5, "Rancunier": 5,
            "Donnant-donnant patient": 5}
    presentes = {}
    for bruit in (0.05, 0.30):
        fins = [dilemme.evolution(cinq, tours=10, generations=60, bruit=bruit, gains=dilemme.GAINS_NICKY_CASE,
                                  graine=g).iloc[-1] for g in range(1, 11)]
        presentes[bruit] = pd.DataFrame(fins).gt(0).sum()
    assert presentes[0.05]["Toujours trahir"] == 0 and presentes[0.05]["Rancunier"] == 0
    assert presentes[0.05][["Donnant-donnant", "Donnant-donnant patient", "Toujours coopérer"]].min() > 0
    assert presentes[0.30]["Toujours trahir"] == 10
    assert presentes[0.30].drop("Toujours trahir").sum() == 0
