"""Tests de strategie.smart : échéances en français, nombres, objectifs, tableau de bord, plan."""

import datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategie import SaisieInvalide, smart

J = datetime.date(2026, 1, 15)  # a Thursday
D = datetime.date


# --- échéances ---

@pytest.mark.parametrize("texte, attendu", [
    ("d'ici fin juin 2027", D(2027, 6, 30)),
    ("en 6 mois", D(2026, 7, 15)),
    ("en six mois", D(2026, 7, 15)),
    ("avant le 31/12/2027", D(2027, 12, 31)),
    ("au T3 2027", D(2027, 9, 30)),
    ("Q1 2028", D(2028, 3, 31)),
    ("au troisième trimestre 2027", D(2027, 9, 30)),
    ("S1 2027", D(2027, 6, 30)),
    ("second semestre 2027", D(2027, 12, 31)),
    ("d'ici la fin de l'année", D(2026, 12, 31)),
    ("d'ici la fin de l'année prochaine", D(2027, 12, 31)),
    ("d'ici la fin de l'année 2028", D(2028, 12, 31)),
    ("le 1er mars 2027", D(2027, 3, 1)),
    ("le 15 MARS 2027", D(2027, 3, 15)),
    ("31.12.27", D(2027, 12, 31)),
    ("2027-12-31", D(2027, 12, 31)),
    ("06/2027", D(2027, 6, 30)),
    ("mi-mars 2027", D(2027, 3, 15)),
    ("début 2027", D(2027, 1, 1)),
    ("fin 2027", D(2027, 12, 31)),
    ("d'ici 2027", D(2027, 12, 31)),
    ("avant 2028", D(2027, 12, 31)),
    ("à l'horizon 2030", D(2030, 12, 31)),
    ("fin du trimestre", D(2026, 3, 31)),
    ("fin du mois", D(2026, 1, 31)),
    ("le mois prochain", D(2026, 2, 28)),
    ("l'an prochain", D(2027, 12, 31)),
    ("la semaine prochaine", D(2026, 1, 25)),
    ("dans deux ans", D(2028, 1, 15)),
    ("d'ici 18 mois", D(2027, 7, 15)),
    ("en un an et demi", D(2027, 7, 15)),
    ("sous 3 semaines", D(2026, 2, 5)),
    ("sur les 12 prochains mois", D(2027, 1, 15)),
    ("en 90 jours", D(2026, 4, 15)),
    ("d'ici fin juin", D(2026, 6, 30)),
    ("avant juin", D(2026, 5, 31)),
    ("au T3", D(2026, 9, 30)),
    ("D’ICI FIN JUIN 2027", D(2027, 6, 30)),  # typographic apostrophe, capitals
    ("d'ici l'été 2027", D(2027, 6, 21)),
    ("avant l'été 2027", D(2027, 6, 20)),
    ("fin de l'hiver 2026", D(2027, 3, 19)),
])
def test_echeances_ecrites_en_francais(texte, attendu):
    assert smart.lire_echeance(texte, aujourd_hui=J) == attendu


def test_date_sans_annee_deja_passee_cette_annee_prend_l_annee_suivante():
    assert smart.lire_echeance("15 janvier", aujourd_hui=D(2026, 3, 1)) == D(2027, 1, 15)
    echeance = smart.trouver_echeances("avant le 15 mars", aujourd_hui=J)[0]
    assert "année non précisée" in echeance.remarque


@pytest.mark.parametrize("texte", ["en 3 jours", "sous 48 h", "en moins de 24 h", "sous 10 jours"])
def test_les_delais_courts_sont_des_performances_pas_des_echeances(texte):
    assert smart.trouver_echeances(texte, aujourd_hui=J) == []


@pytest.mark.parametrize("texte, morceau", [
    ("31 février 2027", "février 2027 n'a que 28 jours"),
    ("29/02/2027", "n'a que 28 jours"),
    ("31 juin 2027", "juin 2027 n'a que 30 jours"),
    ("13/13/2027", "pas de mois n° 13"),
    ("T5 2027", "4 trimestres"),
    ("S3 2027", "2 semestres"),
    ("le 0 mars 2027", "jour 0"),
    ("31/12/0000", "année 0"),
    ("en 0 mois", "pas le temps d'agir"),
    ("dans 500 ans", "trop lointain"),
])
def test_dates_impossibles_expliquees(texte, morceau):
    echeance = smart.trouver_echeances(texte, aujourd_hui=J)[0]
    assert echeance.date is None and morceau in echeance.erreur
    with pytest.raises(SaisieInvalide, match="impossible"):
        smart.lire_echeance(texte, aujourd_hui=J)


def test_29_fevrier_bissextile_accepte():
    assert smart.lire_echeance("29/02/2028") == D(2028, 2, 29)


def test_lire_echeance_sans_date_ou_vide_donne_un_message_clair():
    with pytest.raises(SaisieInvalide, match="je ne trouve pas de date dans « bientôt »"):
        smart.lire_echeance("bientôt")
    with pytest.raises(SaisieInvalide, match="vide"):
        smart.lire_echeance("   ")
    with pytest.raises(SaisieInvalide, match="attendu une date"):
        smart.lire_echeance(2027)


def test_plusieurs_echeances_la_plus_tardive_compte():
    assert smart.lire_echeance("jalon au 31/03/2027 puis fin juin 2027", aujourd_hui=J) == D(2027, 6, 30)


def test_date_calculee_au_dela_de_l_an_9999_ne_plante_pas():
    verdicts = smart.evaluer("Réduire les coûts de 5 % en 6 mois", aujourd_hui=D(9999, 12, 20))
    assert verdicts["temporel"][0] is False and "calendrier" in verdicts["temporel"][1]


def test_formater_date():
    assert smart.formater_date(D(2027, 3, 1)) == "1er mars 2027"
    assert smart.formater_date(D(2027, 8, 15)) == "15 août 2027"


# --- nombres ---

@pytest.mark.parametrize("valeur, attendu", [
    ("12,5", 12.5), ("1 000", 1000.0), ("1\u202f000,5", 1000.5), ("8 %", 8.0), ("-3", -3.0), ("+4", 4.0),
    (7, 7.0), (2.5, 2.5), (np.float64(3), 3.0), ("40 €", 40.0),
])
def test_lire_nombre(valeur, attendu):
    assert smart.lire_nombre(valeur, "cible") == attendu


@pytest.mark.parametrize("valeur, morceau", [
    ("abc", "« abc » n'est pas un nombre"), ("", "vide"), (None, "vide"), (True, "vrai/faux"),
    (float("nan"), "fini"), (float("inf"), "fini"), ([1], "attendu un nombre"), ("12,5,3", "n'est pas un nombre"),
])
def test_lire_nombre_refuse_en_nommant_le_champ(valeur, morceau):
    with pytest.raises(SaisieInvalide, match="^cible") as erreur:
        smart.lire_nombre(valeur, "cible")
    assert morceau in str(erreur.value)


@pytest.mark.parametrize("texte, valeur, unite", [
    ("Signer 5 contrats", 5, "contrats"),
    ("vendre pour 2 M€ de matériel", 2e6, "€"),
    ("atteindre 500 k€", 5e5, "€"),
    ("3 millions de visiteurs", 3e6, "visiteurs"),
    ("une note de 4,5/5", 4.5, "/5"),
    ("recruter trois nouveaux vendeurs", 3, "vendeurs"),
    ("gagner 12 points", 12, "points"),
    ("10 000 abonnés", 10000, "abonnés"),
])
def test_quantites_et_unites(texte, valeur, unite):
    analyse = smart.analyser(texte, aujourd_hui=J)
    quantite = analyse.quantites[0]
    assert quantite.valeur == pytest.approx(valeur) and quantite.unite == unite


def test_une_annee_seule_n_est_pas_une_cible():
    assert smart.analyser("Plan 2027 : ouvrir une boutique à Lyon", aujourd_hui=J).quantites == []
    assert smart.analyser("Atteindre 2027 abonnés", aujourd_hui=J).quantites[0].valeur == 2027


def test_les_nombres_des_dates_ne_sont_pas_des_cibles():
    analyse = smart.analyser("Augmenter les ventes d'ici le 31/12/2027", aujourd_hui=J)
    assert analyse.quantites == [] and analyse.nombres_dans_dates
    verdict = smart.evaluer("Augmenter les ventes d'ici le 31/12/2027", aujourd_hui=J)["mesurable"]
    assert verdict[0] is False and "échéance" in verdict[1]


def test_depart_et_cible_lus_dans_de_x_a_y_et_contre():
    a = smart.analyser("Passer le taux de churn de 12 à 8 % en 2027", aujourd_hui=J)
    assert (a.depart.valeur, a.depart.unite, a.cible.valeur, a.cible.unite) == (12, "%", 8, "%")
    a = smart.analyser("Atteindre 1 500 clients actifs (contre 1 200 aujourd'hui)", aujourd_hui=J)
    assert (a.depart.valeur, a.cible.valeur) == (1200, 1500)


# --- evaluer : interface stable ---

def test_evaluer_renvoie_cinq_criteres_avec_paire_ok_raison():
    verdicts = smart.evaluer("Réduire le taux de retard de 12 % à 8 % d'ici fin juin 2027", aujourd_hui=J)
    assert list(verdicts) == ["specifique", "mesurable", "atteignable", "realisable", "temporel"]
    for ok, raison in verdicts.values():
        assert ok in (True, False, None) and isinstance(raison, str) and raison


def test_aujourd_hui_decide_si_l_echeance_est_passee():
    texte = "Réduire le taux de retard de 12 % à 8 % d'ici fin juin 2027"
    assert smart.evaluer(texte, aujourd_hui=D(2027, 6, 29))["temporel"][0] is True
    passe = smart.evaluer(texte, aujourd_hui=D(2027, 7, 1))["temporel"]
    assert passe[0] is False and "déjà passée" in passe[1] and "1er juillet 2027" in passe[1]
    jour_meme = smart.evaluer(texte, aujourd_hui=D(2027, 6, 30))["temporel"]
    assert jour_meme[0] is False and "aujourd'hui" in jour_meme[1]


def test_aujourd_hui_par_defaut_est_la_date_du_jour():
    demain = datetime.date.today() + datetime.timedelta(days=1)
    hier = datetime.date.today() - datetime.timedelta(days=1)
    assert smart.evaluer(f"Ouvrir une boutique avant le {demain:%d/%m/%Y}")["temporel"][0] is True
    assert smart.evaluer(f"Ouvrir une boutique avant le {hier:%d/%m/%Y}")["temporel"][0] is False


def test_aujourd_hui_accepte_datetime_et_refuse_le_reste():
    a = smart.evaluer("Ouvrir une boutique avant fin 2027", aujourd_hui=datetime.datetime(2026, 1, 15, 10, 0))
    assert a["temporel"][0] is True
    with pytest.raises(SaisieInvalide, match="aujourd_hui"):
        smart.evaluer("Ouvrir une boutique avant fin 2027", aujourd_hui="2026-01-15")


def test_evaluer_refuse_ce_qui_n_est_pas_du_texte():
    with pytest.raises(SaisieInvalide, match="attendu un objectif écrit"):
        smart.evaluer(42)


@pytest.mark.parametrize("texte, critere, morceau", [
    ("Vendre plus", "mesurable", "« plus » ne dit pas de combien"),
    ("Réduire les délais rapidement", "temporel", "« rapidement » n'est pas une échéance"),
    ("Atteindre 500 d'ici fin 2027", "mesurable", "500 quoi ?"),
    ("Passer le taux de churn de 12 % à 12 % d'ici fin 2027", "mesurable", "égale à la valeur de départ"),
    ("Réduire de 8 % à 12 % le taux de réclamations en 2027", "specifique", "contradiction"),
    ("Augmenter les ventes de 5 % d'ici le 31/04/2027", "temporel", "avril 2027 n'a que 30 jours"),
    ("Améliorer la satisfaction client", "specifique", "verbe vague « Améliorer »"),
    ("Augmenter les ventes", "atteignable", "il manque"),
    ("Ouvrir une boutique à Lyon en 2027", "realisable", "il manque qui s'en charge"),
    ("Doubler le nombre d'abonnés en 3 mois", "atteignable", "par an"),
])
def test_les_raisons_disent_quoi_corriger(texte, critere, morceau):
    assert morceau in smart.evaluer(texte, aujourd_hui=J)[critere][1]


def test_maintenir_autorise_une_cible_egale_au_depart():
    verdicts = smart.evaluer("Maintenir le taux de service de 98 % à 98 % jusqu'à fin 2027", aujourd_hui=J)
    assert verdicts["mesurable"][0] is True


def test_resume_compter_est_smart():
    texte = ("Réduire le taux de retard de livraison de 12 % à 8 % d'ici fin juin 2027, responsable : Julie, "
             "avec un second transporteur")
    verdicts = smart.evaluer(texte, aujourd_hui=J)
    assert smart.est_smart(verdicts)
    assert smart.compter(verdicts) == {"remplis": 5, "non_remplis": 0, "a_preciser": 0}
    assert smart.resume(verdicts).count("\n") == 4 and "✅ Spécifique" in smart.resume(verdicts)
    vague = smart.evaluer("Vendre plus", aujourd_hui=J)
    assert not smart.est_smart(vague) and smart.compter(vague)["non_remplis"] == 3


# --- propriétés ---

_MORCEAUX = ["réduire", "augmenter", "de", "à", "%", "€", "k€", "fin", "juin", "2027", "T3", "31/02/2027", "en", "6",
             "mois", "d'ici", "la", "l'année", "responsable :", "avec", "budget", "0", "100", "12,5", "1 000", "/5",
             "doubler", "moitié", "sans", "rapidement", "clients", "taux", "avant", "le", "S3", "Q9", "99999", "-5",
             "+", "0000", "31.12.0000", "en 99999999 mois", "dans", "ans", "/", "9999-99-99", "par", "deux", "\n",
             "’", "ÉTÉ", "\u202f", "İ", "ß", "ﬁ"]
_TEXTES = st.one_of(st.text(), st.lists(st.sampled_from(_MORCEAUX), max_size=20).map(" ".join))


@settings(max_examples=400, deadline=None)
@given(_TEXTES, st.dates())
def test_evaluer_ne_plante_jamais_sur_du_texte(texte, aujourd_hui):
    verdicts = smart.evaluer(texte, aujourd_hui=aujourd_hui)
    assert list(verdicts) == list(smart.CRITERES)
    for ok, raison in verdicts.values():
        assert ok in (True, False, None) and isinstance(raison, str) and raison.strip()


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)), st.dates(min_value=D(2000, 1, 1),
                                                                            max_value=D(2100, 12, 31)))
def test_une_echeance_ecrite_en_chiffres_est_relue_et_jugee_selon_aujourd_hui(echeance, aujourd_hui):
    texte = f"Réduire le taux de retard de 12 % à 8 % avant le {echeance:%d/%m/%Y}"
    assert smart.lire_echeance(texte, aujourd_hui) == echeance
    assert smart.evaluer(texte, aujourd_hui)["temporel"][0] is (echeance > aujourd_hui)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 60), st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 1, 1)))
def test_en_n_mois_tombe_n_mois_plus_tard(n, aujourd_hui):
    date = smart.lire_echeance(f"en {n} mois", aujourd_hui)
    mois = (date.year - aujourd_hui.year) * 12 + date.month - aujourd_hui.month
    assert mois == n and date.day <= aujourd_hui.day


# --- Objectif structuré et verifier ---

def _objectif(**changements):
    champs = dict(quoi="Réduire les retards de livraison des commandes en ligne",
                  indicateur="taux de commandes livrées en retard", depart=12, cible=8, unite="%",
                  echeance="30/06/2027", responsable="Julie Martin", moyens="un second transporteur",
                  axe="Excellence opérationnelle")
    champs.update(changements)
    return smart.Objectif(**champs)


def test_objectif_complet_est_smart_et_sa_phrase_aussi():
    objectif = _objectif()
    assert objectif.echeance == D(2027, 6, 30) and objectif.sens == -1
    assert smart.est_smart(smart.verifier(objectif, J))
    relu = smart.evaluer(objectif.phrase(), J)
    assert smart.est_smart(relu), smart.resume(relu)
    assert smart.evaluer(objectif, J) == smart.verifier(objectif, J)


def test_objectif_aller_retour_dict():
    objectif = _objectif()
    assert smart.Objectif.depuis_dict(objectif.vers_dict()) == objectif
    with pytest.raises(SaisieInvalide, match="champ\\(s\\) inconnu\\(s\\) couleur"):
        smart.Objectif.depuis_dict({**objectif.vers_dict(), "couleur": "bleu"})


def test_objectif_en_dict_ancien_nom_deprecie():
    """``en_dict`` (ancien nom, dans les copies de la leçon 14) avertit et rend le même dictionnaire que ``vers_dict``."""
    objectif = _objectif()
    with pytest.warns(DeprecationWarning, match="vers_dict"):
        assert objectif.en_dict() == objectif.vers_dict()


@pytest.mark.parametrize("changements, morceau", [
    ({"quoi": "  "}, "champ « quoi » vide"),
    ({"indicateur": ""}, "champ « indicateur » vide"),
    ({"cible": None}, "champ « cible » vide"),
    ({"cible": "huit"}, "« huit » n'est pas un nombre"),
    ({"depart": "douze"}, "valeur de départ"),
    ({"cible": 12}, "égale à la valeur de départ"),
    ({"echeance": "31/02/2027"}, "février 2027 n'a que 28 jours"),
    ({"echeance": ""}, "« echeance » vide"),
    ({"echeance": "un jour"}, "je ne trouve pas de date"),
    ({"responsable": 3}, "« responsable » : attendu du texte"),
])
def test_objectif_mauvaise_saisie(changements, morceau):
    with pytest.raises(SaisieInvalide) as erreur:
        _objectif(**changements)
    assert morceau in str(erreur.value)


def test_objectif_de_maintien_peut_avoir_cible_egale_au_depart():
    objectif = _objectif(quoi="Maintenir le taux de disponibilité du site", indicateur="taux de disponibilité",
                         depart=99.5, cible=99.5)
    assert objectif.sens == 0


@pytest.mark.parametrize("changements, critere, ok, morceau", [
    ({"quoi": "Améliorer les choses"}, "specifique", False, "verbe vague"),
    ({"quoi": "Augmenter les retards de livraison"}, "specifique", False, "contradiction"),
    ({"indicateur": "résultats"}, "mesurable", False, "n'est pas un indicateur"),
    ({"unite": ""}, "mesurable", True, "précisez l'unité"),
    ({"depart": None}, "atteignable", None, "valeur de départ"),
    ({"depart": 0, "cible": 5}, "atteignable", True, "départ à zéro (indicateur à créer)"),
    ({"depart": 0, "cible": 5, "echeance": "30/01/2026"}, "atteignable", False, "trop court"),
    ({"depart": 12, "cible": 1}, "atteignable", True, "63"),
    ({"depart": 12, "cible": 1, "echeance": "30/04/2026"}, "atteignable", False, "par an"),
    ({"depart": 80, "cible": 120, "indicateur": "taux de satisfaction"}, "atteignable", False, "100\u202f%"),
    ({"depart": 3.5, "cible": 6, "unite": "/5", "indicateur": "note des avis"}, "atteignable", False, "maximum"),
    ({"depart": 3.5, "cible": 6, "unite": "/abc", "indicateur": "note des avis"}, "atteignable", True, "par an"),
    ({"responsable": ""}, "realisable", None, "qui s'en charge"),
    ({"moyens": ""}, "realisable", None, "moyens"),
    ({"echeance": D(2025, 12, 31)}, "temporel", False, "déjà passée"),
    ({"echeance": "30/06/2045"}, "temporel", True, "jalons"),
])
def test_verifier_critere_par_critere(changements, critere, ok, morceau):
    verdict = smart.verifier(_objectif(**changements), J)[critere]
    assert verdict[0] is ok and morceau in verdict[1], verdict


def test_verifier_refuse_un_texte():
    with pytest.raises(SaisieInvalide, match="smart.evaluer"):
        smart.verifier("Réduire les retards")


# --- tableau de bord ---

def test_avancement_dans_les_deux_sens():
    assert smart.avancement(12, 8, 10) == pytest.approx(0.5)   # a decrease
    assert smart.avancement(100, 150, 125) == pytest.approx(0.5)  # an increase
    assert smart.avancement(12, 8, 13) == pytest.approx(-0.25)  # went the wrong way
    np.testing.assert_allclose(smart.avancement([0, 10], [10, 0], [5, 10]), [0.5, 0.0])
    with pytest.raises(SaisieInvalide, match="cible égale au départ"):
        smart.avancement(5, 5, 6)


@pytest.mark.parametrize("reel, attendu, statut", [
    (8, 1.0, "atteint"), (7, 0.5, "atteint"), (10, 0.5, "en bonne voie"), (10.4, 0.5, "en bonne voie"),
    (10.6, 0.5, "à surveiller"), (10.8, 0.5, "à surveiller"), (11.0, 0.5, "en retard"), (13, 0.1, "en retard"),
    (None, 0.5, "non mesuré"),
])
def test_statut(reel, attendu, statut):
    assert smart.statut(12, 8, reel, attendu=attendu) == statut


def test_statut_tolerance():
    assert smart.statut(0, 100, 75, attendu=1.0, tolerance=0.25) == "en bonne voie"
    assert smart.statut(0, 100, 75, attendu=1.0, tolerance=0.05) == "en retard"
    with pytest.raises(SaisieInvalide, match="tolerance"):
        smart.statut(0, 100, 75, tolerance=2)


def test_tendance():
    assert smart.tendance([12, 11, 10], 12, 8) == "en progrès"
    assert smart.tendance([12, 10, 11], 12, 8) == "en recul"
    assert smart.tendance([100, 100.5], 100, 200) == "stable"
    assert smart.tendance([3], 12, 8) == "inconnue"
    assert smart.tendance([], 12, 8) == "inconnue"


def test_avancement_attendu():
    assert smart.avancement_attendu(D(2026, 1, 1), D(2027, 1, 1), D(2026, 7, 2)) == pytest.approx(0.5, abs=0.01)
    assert smart.avancement_attendu("01/01/2026", "01/01/2027", D(2030, 1, 1)) == 1.0
    assert smart.avancement_attendu("01/01/2026", "01/01/2027", D(2020, 1, 1)) == 0.0
    with pytest.raises(SaisieInvalide, match="après le début"):
        smart.avancement_attendu("01/01/2027", "01/01/2026", J)


def _tableau():
    t = smart.TableauDeBord()
    t.ajouter("taux de retard", 12, 8, unite="%", historique=[12, 11, 10], debut="01/01/2026", echeance="01/01/2027")
    t.ajouter("clients actifs", 1200, 1500, historique=[1200, 1250, 1230])
    t.ajouter("note des avis", 3.9, 4.4, unite="/5", historique=[3.9, 4.5])
    t.ajouter("NPS", 32, 50)
    return t


def test_tableau_de_bord_calcule_statuts_et_tendances():
    df = _tableau().calculer(D(2026, 7, 2))
    assert list(df.columns) == list(smart.tableau.COLONNES)
    par_nom = df.set_index("indicateur")
    assert par_nom.loc["taux de retard", "attendu"] == pytest.approx(0.5, abs=0.01)
    assert par_nom.loc["taux de retard", "statut"] == "en bonne voie"  # 0.5 done, 0.5 expected
    assert par_nom.loc["taux de retard", "tendance"] == "en progrès"
    assert par_nom.loc["clients actifs", "statut"] == "en retard"  # undated: compared with the target
    assert par_nom.loc["clients actifs", "tendance"] == "en recul"
    assert par_nom.loc["note des avis", "statut"] == "atteint"
    assert par_nom.loc["NPS", "statut"] == "non mesuré" and par_nom.loc["NPS", "tendance"] == "inconnue"


def test_tableau_de_bord_statuts_identiques_a_la_fonction_scalaire():
    t = _tableau()
    df = t.calculer(D(2026, 7, 2))
    for _, ligne in df.iterrows():
        if ligne["statut"] != "non mesuré":
            assert smart.statut(ligne["depart"], ligne["cible"], ligne["reel"], ligne["attendu"]) == ligne["statut"]
            assert smart.tendance(t.historique(ligne["indicateur"]), ligne["depart"], ligne["cible"]) == ligne["tendance"]


def test_tableau_de_bord_mesurer_et_retirer():
    t = _tableau()
    t.mesurer("NPS", "40")
    assert t.historique("NPS") == [40.0]
    t.retirer("NPS")
    assert "NPS" not in t.indicateurs and len(t) == 3
    assert smart.TableauDeBord().calculer(J).empty


@pytest.mark.parametrize("appel, morceau", [
    (lambda t: t.ajouter("", 1, 2), "indicateur vide"),
    (lambda t: t.ajouter("taux de retard", 1, 2), "déjà présent"),
    (lambda t: t.ajouter("marge", 5, 5), "égale au départ"),
    (lambda t: t.ajouter("marge", "cinq", 5), "marge — départ"),
    (lambda t: t.ajouter("marge", 5, 6, debut="01/01/2026"), "début ET l'échéance"),
    (lambda t: t.ajouter("marge", 5, 6, debut="01/01/2027", echeance="01/01/2026"), "après le début"),
    (lambda t: t.mesurer("inconnu", 3), "« inconnu » inconnu"),
    (lambda t: t.mesurer("NPS", "beaucoup"), "n'est pas un nombre"),
])
def test_tableau_de_bord_mauvaise_saisie(appel, morceau):
    t = _tableau()
    avant = t.calculer(J).copy()
    with pytest.raises(SaisieInvalide) as erreur:
        appel(t)
    assert morceau in str(erreur.value)
    assert t.calculer(J).equals(avant), "une saisie refusée ne doit rien changer"


def test_conseil_de_revue():
    t = smart.TableauDeBord()
    t.ajouter("a", 0, 100, historique=[0, 95])
    t.ajouter("b", 0, 100, historique=[0, 100])
    assert smart.conseil_de_revue(t, J).startswith("Tenir le cap")
    t.ajouter("c", 0, 100, historique=[0, 85])
    assert smart.conseil_de_revue(t, J).startswith("Corriger l'exécution sur : c")
    t.ajouter("d", 0, 100, historique=[0, 10])
    t.ajouter("e", 0, 100, historique=[0, 5])
    assert smart.conseil_de_revue(t, J).startswith("Corriger l'exécution sur : d, e, c")
    t.ajouter("f", 0, 100, historique=[0, 40])
    assert smart.conseil_de_revue(t, J).startswith("Remettre en question")
    assert smart.conseil_de_revue(smart.TableauDeBord(), J).startswith("Rien n'est encore mesuré")


# --- plan d'exécution ---

def test_plan_d_execution():
    plan = smart.PlanExecution(["Excellence opérationnelle", "Expérience client"], nom="Plan 2027")
    plan.ajouter(_objectif())
    plan.ajouter(_objectif(quoi="Augmenter la note des avis clients", indicateur="note moyenne des avis",
                           depart=3.9, cible=4.4, unite="/5", axe="Expérience client", moyens=""))
    alignement = plan.alignement(J)
    assert list(alignement["criteres_remplis"]) == [5, 4] and list(alignement["smart"]) == [True, False]
    remarques = plan.remarques(J)
    assert remarques == ["« Augmenter la note des avis clients » : à revoir (Réalisable)."]
    tableau = plan.tableau_de_bord()
    assert tableau.indicateurs == ["taux de commandes livrées en retard", "note moyenne des avis"]


def test_plan_axe_sans_objectif_et_mauvaise_saisie():
    plan = smart.PlanExecution(["Croissance", "Expérience client"])
    plan.ajouter(_objectif(axe="Croissance"))
    assert "Axe « Expérience client » sans objectif" in plan.remarques(J)[0]
    with pytest.raises(SaisieInvalide, match="n'est rattaché à aucun axe"):
        plan.ajouter(_objectif(axe="", indicateur="autre"))
    with pytest.raises(SaisieInvalide, match="axes possibles"):
        plan.ajouter(_objectif(axe="Inconnu", indicateur="autre"))
    with pytest.raises(SaisieInvalide, match="sert déjà"):
        plan.ajouter(_objectif(axe="Croissance"))
    assert len(plan.objectifs) == 1
    for axes, morceau in [("Croissance", "liste"), ([], "vide"), (["A", " "], "n° 2"), (["A", "A"], "deux fois")]:
        with pytest.raises(SaisieInvalide, match=morceau):
            smart.PlanExecution(axes)


def test_comparer_un_symbole_par_critere():
    df = smart.comparer(["Vendre plus", "Réduire le taux de retard de 12 % à 8 % d'ici fin juin 2027"], J)
    assert list(df.columns) == ["objectif", "Spécifique", "Mesurable", "Atteignable", "Réalisable", "Temporel"]
    assert list(df.iloc[0, 1:]) == ["❌", "❌", "❓", "❓", "❌"]
    assert list(df.iloc[1, 1:]) == ["✅", "✅", "✅", "❓", "✅"]
    with pytest.raises(SaisieInvalide, match="liste"):
        smart.comparer("Vendre plus")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=40), st.one_of(st.none(), st.floats(allow_nan=True)),
       st.floats(allow_nan=True), st.text(max_size=5), st.dates(), st.text(max_size=20), st.text(max_size=20))
def test_objectif_quelconque_refuse_proprement_ou_se_verifie(quoi, indicateur, depart, cible, unite, echeance,
                                                              responsable, moyens):
    try:
        objectif = smart.Objectif(quoi=quoi, indicateur=indicateur, depart=depart, cible=cible, unite=unite,
                                  echeance=echeance, responsable=responsable, moyens=moyens)
    except SaisieInvalide as erreur:
        assert str(erreur).startswith("Objectif")
        return
    verdicts = smart.verifier(objectif, J)
    assert all(ok in (True, False, None) and raison for ok, raison in verdicts.values())


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)), st.integers(1, 99), st.integers(1, 99))
def test_la_phrase_d_un_objectif_est_relue_comme_les_champs(echeance, depart, cible):
    if depart == cible:
        return
    verbe = "Réduire" if cible < depart else "Augmenter"
    objectif = _objectif(quoi=f"{verbe} le taux de retard des commandes en ligne", depart=depart, cible=cible,
                         echeance=echeance)
    par_champs, par_phrase = smart.verifier(objectif, J), smart.evaluer(objectif.phrase(), J)
    for critere in ("specifique", "mesurable", "atteignable", "realisable", "temporel"):
        assert par_champs[critere][0] == par_phrase[critere][0], (critere, objectif.phrase())


def test_quantites_lisibles_sans_coupure_avant_l_unite():
    o = smart.Objectif(quoi="Réduire les retards de livraison", indicateur="taux de retard", depart=14, cible=8,
                       unite="%", echeance="30/06/2027", responsable="Samia", moyens="un transporteur")
    assert "de 14\u202f% à 8\u202f%" in o.phrase()
    raison = smart.evaluer("Réduire le taux de retard de 14 % à 8 % d'ici fin juin 2027", aujourd_hui=J)["mesurable"][1]
    assert "8\u202f%" in raison and "8 %" not in raison
