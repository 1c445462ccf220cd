"""Flux de revenus : projections des six modèles, comparaisons, calculateur interactif."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategie import SaisieInvalide
from strategie.canevas import Canevas
from strategie.revenus import (
    MODELES, comparer, croisement, duree_moyenne, mois_pour_atteindre, note_de_canevas, projeter, resume,
)


def test_six_modeles_avec_parametres_par_defaut():
    assert set(MODELES) == {"vente_unique", "abonnement", "usage", "licence", "freemium", "courtage"}
    for cle in MODELES:
        p = projeter(cle, mois=24)
        assert list(p.columns) == ["mois", "nouveaux", "actifs", "revenu", "revenu_cumule"]
        assert p["mois"].tolist() == list(range(1, 25))
        assert (p["revenu"] > 0).all(), cle


def test_abonnement_suit_la_recurrence_mois_par_mois():
    p = projeter("abonnement", mois=12, prix_mensuel=10, nouveaux_clients=200, attrition_pct=5)
    actifs = [200.0]
    for _ in range(11):
        actifs.append(actifs[-1] * 0.95 + 200)
    assert np.allclose(p["actifs"], actifs)
    assert np.allclose(p["revenu"], np.array(actifs) * 10)


def test_vente_unique_et_courtage_sont_proportionnels_aux_acquisitions():
    v = projeter("vente_unique", mois=3, prix=50, ventes=10, croissance_pct=10)
    assert np.allclose(v["revenu"], [500, 550, 605])
    c = projeter("courtage", mois=2, transactions=100, montant_moyen=200, commission_pct=5)
    assert np.allclose(c["revenu"], [1000, 1000])


def test_licence_additionne_droit_initial_et_redevances():
    p = projeter("licence", mois=2, droit_initial=1000, redevance_mensuelle=100, nouveaux_licencies=2, attrition_pct=0)
    assert np.allclose(p["revenu"], [2 * 1000 + 2 * 100, 2 * 1000 + 4 * 100])


def test_freemium_ne_fait_payer_que_les_convertis():
    p = projeter("freemium", mois=1, nouveaux_utilisateurs=1000, conversion_pct=4, prix_mensuel=5)
    assert p["nouveaux"].iloc[0] == pytest.approx(40)
    assert p["revenu"].iloc[0] == pytest.approx(200)
    assert projeter("freemium", conversion_pct=0)["revenu"].sum() == 0


@pytest.mark.parametrize("parametres, mot", [
    ({"attrition_pct": 150}, "pourcentage"),
    ({"attrition_pct": -1}, "pourcentage"),
    ({"prix_mensuel": -10}, "négatif"),
    ({"prix_mensuel": "dix"}, "nombre"),
    ({"prix": 10}, "inconnu"),
    ({"croissance_pct": float("nan")}, "fini"),
])
def test_saisies_absurdes_refusees_avec_le_nom_du_champ(parametres, mot):
    with pytest.raises(SaisieInvalide) as erreur:
        projeter("abonnement", **parametres)
    assert mot in str(erreur.value)
    assert list(parametres)[0] in str(erreur.value)


def test_modele_et_horizon_mal_saisis():
    with pytest.raises(SaisieInvalide, match="abonnement"):
        projeter("abonement")
    with pytest.raises(SaisieInvalide, match="mois"):
        projeter("abonnement", mois=0)
    with pytest.raises(SaisieInvalide, match="entier"):
        projeter("abonnement", mois=2.5)


def test_comparer_et_croisement_abonnement_contre_vente():
    t = comparer({"Vente": {"modele": "vente_unique", "prix": 120, "ventes": 200},
                  "Abonnement": {"modele": "abonnement", "prix_mensuel": 10, "nouveaux_clients": 200, "attrition_pct": 5}},
                 mois=60)
    vente = t[t["scenario"] == "Vente"].reset_index(drop=True)
    abonnement = t[t["scenario"] == "Abonnement"].reset_index(drop=True)
    mois = croisement(vente, abonnement)
    # Closed form: 40 000 t - 760 000 (1 - 0.95^t) >= 24 000 t first holds at t = 42.
    t_ = np.arange(1, 61)
    attendu = int(t_[40000 * t_ - 760000 * (1 - 0.95 ** t_) > 24000 * t_][0])
    assert mois == attendu == 42
    assert croisement(abonnement, vente) is None
    assert mois_pour_atteindre(vente, 24000 * 10) == 10
    assert mois_pour_atteindre(vente, 1e12) is None


def test_comparer_refuse_un_scenario_mal_forme():
    with pytest.raises(SaisieInvalide, match="modele"):
        comparer({"A": {"prix": 3}})
    with pytest.raises(SaisieInvalide):
        comparer({})


def test_duree_moyenne_et_resume():
    assert duree_moyenne(5) == pytest.approx(20)
    with pytest.raises(SaisieInvalide, match="infinie"):
        duree_moyenne(0)
    r = resume(projeter("vente_unique", mois=4, prix=10, ventes=1))
    assert r["revenu_total"] == pytest.approx(40) and r["revenu_dernier_mois"] == pytest.approx(10)


def test_note_de_canevas_et_versement():
    note = note_de_canevas("licence", droit_initial=1200, redevance_mensuelle=40)
    assert "Licence" in note and "40\u00a0€" in note
    c = Canevas("Test")
    from strategie._blocs import verser

    assert len(verser(c, "flux_de_revenus", [note, note.upper()])) == 1


@settings(max_examples=60, deadline=None)
@given(
    modele=st.sampled_from(sorted(MODELES)),
    mois=st.integers(1, 120),
    attrition=st.floats(0, 100),
    croissance=st.floats(-50, 50),
    echelle=st.floats(0.1, 10),
)
def test_proprietes_des_projections(modele, mois, attrition, croissance, echelle):
    parametres = {"croissance_pct": croissance}
    if "attrition_pct" in MODELES[modele].defauts():
        parametres["attrition_pct"] = attrition
    p = projeter(modele, mois, **parametres)
    assert len(p) == mois
    assert (p["revenu"] >= -1e-9).all()
    assert (np.diff(p["revenu_cumule"]) >= -1e-9).all()
    assert np.allclose(p["revenu_cumule"], p["revenu"].cumsum())
    # Revenue is linear in the price-like parameter: scale it, revenue scales the same way.
    prix = {"vente_unique": "prix", "abonnement": "prix_mensuel", "usage": "prix_unitaire",
            "licence": "redevance_mensuelle", "freemium": "prix_mensuel", "courtage": "montant_moyen"}[modele]
    if modele == "licence":
        parametres["droit_initial"] = 0
    base = projeter(modele, mois, **parametres)
    mise_a_l_echelle = projeter(modele, mois, **{**parametres, prix: MODELES[modele].defauts()[prix] * echelle})
    assert np.allclose(mise_a_l_echelle["revenu"], base["revenu"] * echelle)


@settings(max_examples=40, deadline=None)
@given(attrition=st.floats(0.5, 100), nouveaux=st.floats(0, 1000), mois=st.integers(1, 120))
def test_abonnes_actifs_bornes_par_nouveaux_sur_attrition(attrition, nouveaux, mois):
    p = projeter("abonnement", mois, nouveaux_clients=nouveaux, attrition_pct=attrition)
    assert (p["actifs"] <= nouveaux * 100 / attrition + 1e-6).all()
    assert (np.diff(p["actifs"]) >= -1e-9).all()


# -- view ----------------------------------------------------------------------

@pytest.fixture
def calculateur():
    from strategie.widgets.revenus import CalculateurRevenus

    return CalculateurRevenus("abonnement", mois=36)


def test_vue_calcule_et_garde_la_saisie_refusee(calculateur):
    assert "strategie-revenus" in calculateur._dom_classes
    assert len(calculateur.figure.data) == 2
    calculateur.champs["abonnement"]["attrition_pct"].value = 250
    assert calculateur.message.genre == "erreur" and "attrition_pct" in calculateur.message.texte
    assert calculateur.champs["abonnement"]["attrition_pct"].value == 250
    calculateur.champs["abonnement"]["attrition_pct"].value = 5
    assert calculateur.message.genre == ""


def test_vue_fige_compare_et_refuse_les_doublons(calculateur):
    calculateur.nom_scenario.value = "Abonnement 10\u00a0€"
    calculateur.bouton_figer.click()
    assert calculateur.message.genre == "succes"
    calculateur.modele.value = "vente_unique"
    calculateur.mois.value = 60
    assert len(calculateur.figure.data) == 4
    assert "mois 42" in calculateur.resume.value
    calculateur.nom_scenario.value = "abonnement 10\u00a0€"
    calculateur.figer()
    assert calculateur.message.genre == "erreur" and "déjà" in calculateur.message.texte
    assert len(calculateur.scenarios) == 1


def test_vue_changer_de_modele_ne_perd_pas_les_valeurs(calculateur):
    calculateur.champs["abonnement"]["prix_mensuel"].value = 17
    calculateur.modele.value = "licence"
    calculateur.modele.value = "abonnement"
    assert calculateur.champs["abonnement"]["prix_mensuel"].value == 17
    assert calculateur.notes() == ["Abonnement à 17\u00a0€ par mois"]


def test_vue_verse_dans_le_canevas(tmp_path):
    from strategie.widgets.revenus import CalculateurRevenus

    chemin = tmp_path / "mon-canevas.json"
    calculateur = CalculateurRevenus("abonnement", mois=36, chemin=chemin)
    assert calculateur.canevas.chemin.value == "mon-canevas.json", "le champ ne montre que le nom"
    assert str(tmp_path) in calculateur.canevas.chemin.dossier_affiche.value, "le dossier est affiché"
    calculateur.canevas.bouton.click()
    assert calculateur.message.genre == "succes"
    assert Canevas.charger(chemin).textes("flux_de_revenus") == ["Abonnement à 10 € par mois"]
    calculateur.canevas.verser()
    assert "0 note" in calculateur.message.texte
    assert len(Canevas.charger(chemin).textes("flux_de_revenus")) == 1


def test_vue_ne_touche_pas_un_fichier_abime(tmp_path):
    from strategie.widgets.revenus import CalculateurRevenus

    chemin = tmp_path / "mon-canevas.json"
    chemin.write_text("{pas du json", encoding="utf-8")
    calculateur = CalculateurRevenus("abonnement", mois=36, chemin=chemin)
    calculateur.canevas.verser()
    assert calculateur.message.genre == "erreur"
    assert chemin.read_text(encoding="utf-8") == "{pas du json"


def test_vue_verse_seulement_dans_un_canevas_du_dossier(tmp_path):
    """Le champ « Fichier » n'écrit ni hors du dossier, ni dans un carnet, ni dans un fichier étranger."""
    from strategie.widgets.revenus import CalculateurRevenus

    lecon = tmp_path / "06-flux-de-revenus.ipynb"
    lecon.write_text('{"cells": []}', encoding="utf-8")
    autre = tmp_path / "notes.json"
    autre.write_text('{"mes": "notes"}', encoding="utf-8")
    calculateur = CalculateurRevenus("abonnement", mois=36, chemin=tmp_path / "mon-canevas.json")
    for nom, indice in [(lecon.name, "carnet"), ("notes.json", "ne sont pas un canevas"),
                        (str(tmp_path / "ailleurs.json"), "sans dossier"), ("../x.json", "sans dossier"),
                        ("notes.txt", ".json")]:
        calculateur.canevas.chemin.value = nom
        calculateur.canevas.verser()
        assert calculateur.message.genre == "erreur" and indice in calculateur.message.texte, (nom, calculateur.message.texte)
    assert lecon.read_text(encoding="utf-8") == '{"cells": []}' and autre.read_text(encoding="utf-8") == '{"mes": "notes"}'
    assert sorted(f.name for f in tmp_path.iterdir()) == ["06-flux-de-revenus.ipynb", "notes.json"]
    calculateur.canevas.chemin.value = "mon-canevas"  # the extension is added
    calculateur.canevas.verser()
    assert calculateur.message.genre == "succes" and (tmp_path / "mon-canevas.json").exists()


def test_tableau_des_modeles():
    from strategie.revenus import tableau_des_modeles

    t = tableau_des_modeles()
    assert list(t.index) == list(MODELES)
    assert t.loc["abonnement", "recurrent"] and not t.loc["vente_unique", "recurrent"]
