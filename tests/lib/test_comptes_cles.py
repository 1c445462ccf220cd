"""Module 17 : tableau 3 × 3, stratégie conditionnelle, plan glissant, portefeuille de comptes."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategie import SaisieInvalide
from strategie.comptes_cles import (ANALYSE_SITUATION, DIMENSIONS, PlanCompteCle, StrategieConditionnelle, case,
                                    selectionner_comptes, tableau_3x3)
from strategie.widgets.comptes_cles import PortefeuilleComptes
from strategie.widgets.comptes_cles import TesteurStrategie as VueTesteur  # « Test… » : pytest la prendrait pour des tests


def test_trois_dimensions_de_trois_elements():
    assert list(DIMENSIONS) == ["processus", "documents", "niveaux"]
    assert all(len(v) == 3 for v in DIMENSIONS.values())
    assert tableau_3x3().shape == (3, 3)
    assert len(ANALYSE_SITUATION) == 4
    assert case("processus", "formuler").startswith("Formuler la stratégie")
    with pytest.raises(SaisieInvalide, match="Éléments possibles"):
        case("processus", "vendre")


def test_strategie_conditionnelle_premiere_regle_puis_defaut():
    s = StrategieConditionnelle("Hôpital Nord", "Suivre le plan")
    s.si("appel d'offres", "Contrat pluriannuel").si("nouveau directeur", "Parrainage par la direction générale")
    assert s.repondre("Le client lance un APPEL D’OFFRES européen") == "Contrat pluriannuel"
    assert s.repondre("Arrivée d'un nouveau directeur des achats") == "Parrainage par la direction générale"
    assert s.repondre("Rien de neuf") == "Suivre le plan"
    assert s.couverture(["appel d'offres", "grève", "nouveau directeur", "fusion"]) == 0.5
    with pytest.raises(SaisieInvalide, match="déjà une règle"):
        s.si("Appel d'offres", "autre chose")
    with pytest.raises(SaisieInvalide, match="situation"):
        s.si("  ", "x")


def test_plan_signale_ce_qui_manque_et_son_avancement():
    plan = PlanCompteCle("Hôpital Nord", analyse={"client_et_strategie": "Regroupement de trois sites"})
    assert plan.avancement() == {"analyser": 0.25, "formuler": 0.0, "operer": 0.0}
    assert any("historique" in m for m in plan.manques())
    with pytest.raises(SaisieInvalide, match="Parties d'analyse inconnues"):
        PlanCompteCle("X", analyse={"meteo": "beau"})


def test_plan_glissant_a_revoir():
    plan = PlanCompteCle("X", mis_a_jour_le=dt.date(2027, 1, 10))
    assert not plan.a_mettre_a_jour(dt.date(2027, 3, 1))
    assert plan.a_mettre_a_jour(dt.date(2027, 6, 1))
    with pytest.raises(SaisieInvalide, match="futur"):
        plan.a_mettre_a_jour(dt.date(2026, 1, 1))


def test_selection_des_comptes_limite_le_nombre_de_comptes_cles():
    comptes = pd.DataFrame({"compte": list("ABCDE"), "attractivite": [9, 8, 7, 2, 8], "position": [9, 8, 6, 9, 2]})
    classes = selectionner_comptes(comptes, maximum=2).set_index("compte")["categorie"]
    assert classes.to_dict() == {"A": "clé", "B": "clé", "C": "à développer", "D": "à maintenir", "E": "à développer"}
    with pytest.raises(SaisieInvalide, match="de 0 à 10"):
        selectionner_comptes(comptes.assign(position=[1, 2, 3, 4, 11]))
    with pytest.raises(SaisieInvalide, match="manque"):
        selectionner_comptes(comptes.drop(columns="position"))


@given(st.lists(st.tuples(st.integers(0, 10), st.integers(0, 10)), min_size=1, max_size=30), st.integers(1, 10))
def test_propriete_jamais_plus_de_comptes_cles_que_le_maximum(notes, maximum):
    comptes = pd.DataFrame(notes, columns=["attractivite", "position"])
    classes = selectionner_comptes(comptes, maximum=maximum)
    assert (classes["categorie"] == "clé").sum() <= maximum
    assert len(classes) == len(comptes)


def test_widgets_refusent_le_vide_et_les_doublons_sans_perdre_la_saisie():
    w = PortefeuilleComptes()
    assert "Ajouter le compte" in w.figure.affichee["layout"]["annotations"][0]["text"]  # the empty figure says what to do
    w.nom.value = "Hôpital Nord"
    w.ajouter()
    assert [n for t in w.figure.affichee["data"] for n in t["text"]] == ["Hôpital Nord"]
    assert not w.figure.affichee["layout"].get("annotations")
    w.nom.value = "hôpital nord"
    w.ajouter()
    assert w.message.genre == "erreur" and w.nom.value == "hôpital nord"
    assert len(w.comptes) == 1
    t = VueTesteur()
    t.situation.value, t.action.value = "grève", "Livrer depuis l'autre usine"
    t.ajouter()
    t.faits.value = "Une grève est annoncée"
    t.demander()
    assert "autre usine" in t.reponse.value
    t.faits.value = ""
    t.demander()
    assert t.message.genre == "erreur"


def test_tableau_3x3_ecrit_l_avancement_a_la_francaise():
    from strategie.figures.comptes_cles import figure_tableau_3x3

    plan = PlanCompteCle("Hôpital Nord", analyse={"client_et_strategie": "CHU", "concurrence": "deux"})
    textes = [a.text for a in figure_tableau_3x3(plan).layout.annotations]
    assert any("renseigné à 50\u202f%" in t for t in textes), textes
    assert not any("50%" in t for t in textes)
