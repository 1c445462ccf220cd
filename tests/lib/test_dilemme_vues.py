"""Tests des vues du dilemme (sans navigateur) et des figures."""

import pytest

from strategie import dilemme
from strategie.figures import dilemme as figures
from strategie.widgets import dilemme as vues


# -- figures -------------------------------------------------------------------------------

def test_figure_gains_encadre_l_issue_jouee():
    fig = figures.figure_gains(dilemme.GAINS_ANNEES, ("C", "D"))
    assert fig.data[0].text[0][1].startswith("<b>5</b> ; 0")
    (forme,) = fig.layout.shapes
    assert (forme.x0 + forme.x1) / 2 == pytest.approx(1) and (forme.y0 + forme.y1) / 2 == pytest.approx(0)
    assert "années" in fig.layout.title.text


def test_figure_match_et_evolution():
    r = dilemme.jouer_match("TFT", "Alternant", tours=12)
    fig = figures.figure_match(r)
    assert len(fig.data) == 4
    assert list(fig.data[2].y)[-1] == r.scores[0] and list(fig.data[3].y)[-1] == r.scores[1]
    e = dilemme.evolution({"TFT": 3, "ALLD": 3}, remplaces=1, generations=5)
    fig = figures.figure_evolution(e)
    assert [t.name for t in fig.data] == list(e.columns)
    assert all(t.stackgroup == "population" for t in fig.data)
    total = sum(t.y[-1] for t in fig.data)
    assert total == pytest.approx(100)


def test_axes_des_tours_en_entiers_et_survols_en_francais():
    """Les axes de tours et de générations n'ont que des graduations entières ; les survols sont en français."""
    r = dilemme.jouer_match("TFT", "Alternant", tours=3)
    fig = figures.figure_match(r)
    assert fig.layout.xaxis.dtick == 1 and fig.layout.xaxis.tickformat == ",d", "pas de « tour 1,5 »"
    assert fig.layout.separators == ", ", "virgule décimale et espace des milliers"
    assert "\u00a0point" in fig.data[2].customdata[-1], "le cumul survolé se lit « 9 points »"
    assert figures.figure_match(dilemme.jouer_match("TFT", "TFT", tours=200)).layout.xaxis.dtick == 20
    e = dilemme.evolution({"TFT": 3, "ALLD": 3}, remplaces=1, generations=5)
    evolution = figures.figure_evolution(e)
    assert evolution.layout.xaxis.dtick == 1 and evolution.layout.xaxis.range == (0, 5)
    assert evolution.data[0].customdata[0].endswith("joueurs"), evolution.data[0].customdata[0]
    resume = figures.figure_coups("CCD", "DDD", ("Vous", "?")).layout.meta["resume"]
    assert resume == "En 3\u00a0tours : Vous coopère 2 fois et trahit 1 fois ; ? trahit à chaque tour.", resume


def test_couleurs_stables():
    assert figures.couleur("Donnant-donnant") == figures.couleur(dilemme.strategie("TFT"))
    assert figures.couleur("Donnant-donnant (2)") == figures.couleur("Donnant-donnant")


# -- jeu en un coup --------------------------------------------------------------------------

def test_jeu_un_coup_contre_un_traitre():
    v = vues.JeuUnCoup(graine=1)
    v.comportement.value = "Toujours trahir"
    v.jouer("C")
    assert v.historique == [("C", "D")]
    assert "5\u00a0ans de prison</b>" in v.resultat.value, "en années, « 5 ans de prison », jamais « an(s) »"
    assert "vous auriez eu 3\u00a0ans de prison" in v.resultat.value
    assert len(v.figure.layout.shapes) == 1
    assert len(v.figure.affichee["layout"]["shapes"]) == 1  # the outcome is framed in the browser too
    v.jouer("D")
    assert "6" in v.bilan.value  # 3 + 3 years if always betraying
    assert "strategie-dilemme-un-coup" in v._dom_classes


def test_jeu_un_coup_unite_et_erreur():
    v = vues.JeuUnCoup(graine=1)
    v.comportement.value = "Toujours se taire"
    v.unite.value = "points"
    v.jouer("D")
    assert "5\u00a0points</b>" in v.resultat.value and "(s)" not in v.resultat.value
    assert v.bouton_cooperer.description == "Coopérer", "en points, on ne « se tait » pas : on coopère"
    assert ("Toujours coopérer", "Toujours se taire") in v.comportement.options
    assert v.comportement.value == "Toujours se taire", "changer d'unité garde le comportement choisi"
    v.jouer("X")
    assert v.message.genre == "erreur" and "\"C\"" in v.message.texte
    v.jouer("C")  # the view keeps working
    assert len(v.historique) == 2 and v.message.genre == ""


# -- partie cachée -------------------------------------------------------------------------------

def _finir(v, coup="C"):
    while not v.terminee:
        v.jouer(coup)


def test_partie_cachee_jusqu_a_la_fin_puis_deviner_juste():
    v = vues.PartieCachee(graine=4)
    assert v.choix.disabled and not v.bouton_cooperer.disabled
    _finir(v)
    assert len(v.mes_coups) >= v.minimum
    assert v.bouton_cooperer.disabled and not v.bouton_verifier.disabled
    assert "s'arrête" in v.message.texte
    assert v.deviner(v.personnage.nom_affiche) is True
    assert v.devines == 1 and v.parties == 1
    assert v.personnage.nom_affiche in v.revelation.value
    assert "donnant-donnant aurait obtenu" in v.revelation.value
    n = len(v.mes_coups)
    assert f"{n}\u00a0tours joués." in v.etat.value and "Tour " not in v.etat.value, v.etat.value


def test_partie_cachee_erreurs_et_nouvelle_partie():
    v = vues.PartieCachee(personnages=["Toujours trahir", "Toujours coopérer"], graine=2)
    v.deviner("Toujours trahir")
    assert v.message.genre == "erreur" and "fin de la partie" in v.message.texte
    _finir(v, "D")
    faux = "Toujours coopérer" if v.personnage.nom_affiche == "Toujours trahir" else "Toujours trahir"
    assert v.deviner(faux) is False
    assert "Perdu" in v.revelation.value and v.devines == 0
    v.jouer("C")
    assert v.message.genre == "erreur"
    v.nouvelle_partie()
    assert v.mes_coups == "" and not v.terminee and v.revelation.value == ""


def test_partie_cachee_le_personnage_joue_sa_strategie():
    v = vues.PartieCachee(personnages=["Donnant-donnant", "Toujours trahir"], graine=0)
    _finir(v, "D")
    attendu = dilemme.jouer_match(v.personnage, lambda m, s: "D", tours=len(v.mes_coups)).coups[0]
    assert v.ses_coups == attendu


def test_partie_cachee_deux_personnages_indiscernables():
    """Contre quelqu'un qui coopère toujours, Donnant-donnant et Rancunier jouent pareil : les deux sont admis."""
    v = vues.PartieCachee(personnages=["Donnant-donnant", "Rancunier"], graine=1)
    _finir(v, "C")
    autre = "Rancunier" if v.personnage.nom_affiche == "Donnant-donnant" else "Donnant-donnant"
    assert v.deviner(autre) is True
    assert "exactement pareil" in v.revelation.value


# -- tournoi ---------------------------------------------------------------------------------------

def test_explorateur_tournoi_pari_et_figures():
    v = vues.ExplorateurTournoi(tours=50, repetitions=2)
    assert not v.figure_classement.data and "Pariez" in v.figure_classement.layout.annotations[0].text
    v.strategies.value = ("Donnant-donnant", "Toujours trahir", "Toujours coopérer", "Rancunier")
    assert "Rancunier" in v.pari.options
    v.pari.value = "Toujours coopérer"
    classement = v.lancer()
    barres = v.figure_classement.data[0]
    assert list(barres.y) == list(classement["strategie"])
    assert v.figure_classement.affichee["data"][0]["y"] == list(classement["strategie"])
    assert "Toujours coopérer" in v.figure_classement.affichee["layout"]["title"]["text"]  # the bet
    assert len(v.figure_matrice.data[0].z) == 4
    assert v.message.genre == "info" and "Pari perdu" in v.message.texte
    v.pari.value = classement["strategie"].iloc[0]
    v.lancer()
    assert v.message.genre == "succes"


def test_explorateur_tournoi_reagit_aux_reglages():
    v = vues.ExplorateurTournoi(tours=20, repetitions=1)
    v.strategies.value = ("Donnant-donnant", "Toujours trahir")
    v.lancer()
    avant = v.resultat.classement.copy()
    v.tours.value = 5
    v.gains.tentation.value = 10
    v.lancer()
    assert v.resultat.tours == 5 and v.resultat.gains.tentation == 10
    assert not avant["score_moyen"].equals(v.resultat.classement["score_moyen"])


def test_explorateur_tournoi_gains_qui_ne_sont_plus_un_dilemme():
    v = vues.ExplorateurTournoi(tours=10, repetitions=1)
    v.gains.tentation.value = 2  # R=3 > T: no temptation any more
    v.lancer()
    assert "ce n'est pas un dilemme du prisonnier mais une chasse au cerf" in v.message.texte, v.message.texte


def test_explorateur_tournoi_strategie_d_apprenant_qui_plante():
    def fragile(mes_coups, ses_coups):
        return ses_coups[-1]

    v = vues.ExplorateurTournoi(strategies=[fragile], tours=10, repetitions=1)
    assert "fragile" in v.strategies.value
    v.lancer()
    assert v.message.genre == "erreur"
    assert "« fragile »" in v.message.texte and "tour 1" in v.message.texte
    v.strategies.value = ("Donnant-donnant", "Toujours trahir")
    v.lancer()
    assert v.message.genre == "info" and v.resultat is not None


def test_explorateur_tournoi_trop_peu_de_strategies():
    v = vues.ExplorateurTournoi()
    v.strategies.value = ("Donnant-donnant",)
    v.lancer()
    assert v.message.genre == "erreur" and "au moins deux" in v.message.texte


# -- évolution ---------------------------------------------------------------------------------------

def test_explorateur_evolution_recalcule_quand_un_reglage_change():
    v = vues.ExplorateurEvolution(generations=30)
    assert v.effectifs.iloc[-1]["Donnant-donnant"] == 25
    v.tours.value = 3
    assert v.effectifs.iloc[-1]["Toujours trahir"] == 25
    assert "Toujours trahir" in v.bilan.value
    assert [t.name for t in v.figure.data] == list(v.effectifs.columns)
    assert [t["name"] for t in v.figure.affichee["data"]] == list(v.effectifs.columns)


def test_explorateur_evolution_scenarios_reglent_les_controles():
    v = vues.ExplorateurEvolution(generations=20)
    v.scenario.value = "Barrière 3 : un peu d'erreurs (5 %)"
    assert v.bruit.value == pytest.approx(0.05)
    assert v.effectifs_depart["Rancunier"].value == 5
    assert v.effectifs.attrs["bruit"] == pytest.approx(0.05)
    v.scenario.value = "Barrière 2 : trahir ensemble ne coûte plus rien (P = 1)"
    assert v.gains.punition.value == 1 and v.effectifs.attrs["gains"][3] == 1


def test_explorateur_evolution_erreurs():
    v = vues.ExplorateurEvolution(generations=10)
    v.remplaces.value = 12
    for curseur in v.effectifs_depart.values():
        curseur.value = 2
    assert v.message.genre == "erreur" and "Remplacés" in v.message.texte
    v.remplaces.value = 3
    assert v.message.genre == ""
    v.gains.recompense.value = 0  # R < P: not a dilemma any more
    assert v.message.genre == "info" and "plus un dilemme" in v.message.texte


# -- éditeur de gains --------------------------------------------------------------------------------

def test_editeur_gains_dit_quand_ce_n_est_plus_un_dilemme():
    v = vues.EditeurGains()
    assert v.message.genre == "succes" and v.diagnostic.est_un_dilemme
    v.champs.tentation.value = 2
    assert v.message.texte == "Ce n'est pas un dilemme du prisonnier : c'est une chasse au cerf."
    assert "❌" in v.explication.value
    assert "('" not in v.explication.value and "(C, C)" not in v.explication.value, "des issues en phrases"
    assert "Équilibres : les deux coopèrent ; les deux trahissent" in v.explication.value, v.explication.value
    v.champs.tentation.value = 7  # T > R > P > S, mais 2R ≤ T + S : dilemme en un coup seulement
    assert v.diagnostic.jeu == "Dilemme du prisonnier (en un coup seulement)"
    assert v.message.texte.startswith("C'est un dilemme du prisonnier en un coup seulement"), (
        "le verdict ne doit pas dire « ce n'est plus un dilemme : c'est « Dilemme du prisonnier… » »")
    assert "Équilibre : les deux trahissent" in v.explication.value
    v.prereglage.value = "Années de prison du billet (1 ; 5 ; 0 ; 3)"
    assert v.unite.value == "annees" and v.diagnostic.est_un_dilemme
    assert "années" in v.figure.layout.title.text
    v.prereglage.value = "Poule mouillée (3 ; 1 ; 5 ; 0)"
    assert v.diagnostic.jeu == "Poule mouillée"


# -- premier tournoi d'Axelrod (1980) ---------------------------------------------------------------

def test_figures_du_tournoi_1980():
    from strategie.figures.dilemme import figure_1980, figure_article

    c = dilemme.tournoi_axelrod_1980(repetitions=2, graine=4, invites=["Pavlov"])
    f = figure_article(c)
    points = f.data[1]
    assert len(points.x) == 15, "l'invité, sans score dans l'article, n'est pas sur la figure de comparaison"
    assert list(points.x) == list(c.dropna(subset=["score_article"])["score_article"])
    assert list(points.y) == list(c.dropna(subset=["score_article"])["score"])
    g = figure_1980(c, invite="Pavlov")
    assert list(g.data[0].y) == list(c["strategie"])
    largeurs = list(g.data[0].marker.line.width)
    assert largeurs[list(c["strategie"]).index("Pavlov")] == 4 and sum(largeurs) == 4
    assert "," in g.data[0].text[0], "les scores s'écrivent à la française"


def test_tournoi_1980_vue_avec_et_sans_invite():
    from strategie.widgets.dilemme import Tournoi1980

    def prudente(mes_coups, ses_coups):
        return ses_coups[-1] if ses_coups else "C"

    dilemme.enregistrer(prudente, nom="prudente_1980")
    try:
        vue = Tournoi1980(repetitions=2)
        assert vue.invite.options[1] == "prudente_1980", "les stratégies des apprenants viennent en tête"
        assert "Donnant-donnant" not in vue.invite.options, "les participants de 1980 sont déjà dans le champ"
        vue.lancer()
        assert len(vue.classement) == 15 and vue.message.genre == "info"
        assert vue.classement["strategie"].iloc[0] in vue.message.texte
        vue.invite.value = "prudente_1980"
        vue.lancer()
        c = vue.classement
        assert len(c) == 16
        rang = int(c.loc[c["strategie"] == "prudente_1980", "rang"].iloc[0])
        assert f"« prudente_1980 » termine {rang if rang > 1 else '1'}" in vue.message.texte
        assert list(vue.figure.affichee["data"][0]["y"]) == list(c["strategie"])
        vue.horizon.value = False
        vue.lancer()
        assert vue.message.genre in ("info", "succes")
        vue.graine.value = -1
        assert vue.lancer() is None and vue.message.genre == "erreur" and "graine" in vue.message.texte
    finally:
        dilemme.oublier("prudente_1980")
