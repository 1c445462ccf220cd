"""Structure de coûts : fixes, variables, immatériels, seuil de rentabilité, économies d'échelle et de gamme, vue."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from strategie import SaisieInvalide
from strategie.canevas import Canevas
from strategie.couts import (
    StructureCouts, economies_de_gamme, exemple_structure, orientation, seuil_de_rentabilite, taux_horaire_reel,
)
from strategie.figures.couts import figure_argent_et_immateriel, figure_cout_moyen, figure_seuil


def test_structure_du_cafe():
    s = exemple_structure("cafe")
    assert s.couts_fixes == pytest.approx(6300)
    assert s.cout_variable_unitaire == pytest.approx(0.70)
    assert s.seuil_de_rentabilite(3.2) == pytest.approx(2520)
    assert s.resultat(3.2, 3000) == pytest.approx(1200)
    assert s.cout_moyen(3000) == pytest.approx(6300 / 3000 + 0.7)
    assert s.heures_non_payees == 12
    notes = s.notes_de_canevas()
    assert "Loyer : 1\u202f200\u00a0€ par mois (fixe)" in notes
    assert any("immatériel" in n and "12\u00a0h" in n for n in notes)


def test_pas_de_seuil_quand_le_prix_ne_couvre_pas_le_cout_variable():
    with pytest.raises(SaisieInvalide, match="pas de seuil"):
        seuil_de_rentabilite(1000, 2, 2)
    assert seuil_de_rentabilite(0, 5, 1) == 0


@pytest.mark.parametrize("appel, mot", [
    (lambda s: s.ajouter_fixe("", 10), "vide"),
    (lambda s: s.ajouter_fixe("Loyer", -10), "négatif"),
    (lambda s: s.ajouter_variable("Matière", 0), "strictement"),
    (lambda s: s.ajouter("Loyer", "semi-fixe", 10), "nature"),
    (lambda s: s.ajouter_immateriel("Stress", stress=12), "10"),
    (lambda s: s.ajouter_immateriel("Stress"), "au moins"),
    (lambda s: s.ajouter_immateriel("Trajets", heures=1000), "744"),
    (lambda s: s.cout_moyen(0), "strictement"),
    (lambda s: s.cout_total([10, -1]), "positives"),
])
def test_saisies_refusees(appel, mot):
    s = StructureCouts("Test")
    with pytest.raises(SaisieInvalide) as erreur:
        appel(s)
    assert mot in str(erreur.value)


def test_doublon_et_retrait():
    s = StructureCouts()
    s.ajouter_fixe("Loyer", 100)
    with pytest.raises(SaisieInvalide, match="déjà"):
        s.ajouter_variable("loyer", 2)
    s.retirer("LOYER")
    assert len(s) == 0
    with pytest.raises(SaisieInvalide, match="Aucun coût"):
        s.retirer("Loyer")


def test_economies_de_gamme_orientation_taux_horaire():
    e = economies_de_gamme(5000, 3000, 6500)
    assert e["economie"] == 1500 and e["economie_pct"] == pytest.approx(18.75)
    assert economies_de_gamme(100, 100, 250)["economie"] < 0
    assert orientation(["prix_bas", "automatisation"])["verdict"] == "axé sur les coûts"
    assert orientation(["sur_mesure"])["verdict"] == "axé sur la valeur"
    assert orientation(["prix_bas", "sur_mesure"])["verdict"].startswith("mixte")
    with pytest.raises(SaisieInvalide, match="caractéristique"):
        orientation(["pas_cher"])
    assert taux_horaire_reel(3000, 100, 50) == pytest.approx(20)
    with pytest.raises(SaisieInvalide, match="Aucune heure"):
        taux_horaire_reel(3000, 0, 0)


def test_vers_canevas():
    c = Canevas("Léa", "personnel")
    s = exemple_structure("consultante")
    s.vers_canevas(c)
    assert len(c.textes("structure_de_couts")) == len(s)


def test_figures():
    s = exemple_structure("cafe")
    fig = figure_seuil(s, 3.2, quantite=3000)
    assert any(t.name == "Seuil de rentabilité" for t in fig.data)
    assert "2\u202f520" in " ".join(a.text for a in fig.layout.annotations)
    sans = figure_seuil(s, 0.5)
    assert not any(t.name == "Seuil de rentabilité" for t in sans.data)
    assert any("Pas de seuil" in a.text for a in sans.layout.annotations)
    moyen = figure_cout_moyen(s, 6000).data[0].y
    assert (np.diff(moyen) < 0).all()
    assert len(figure_argent_et_immateriel(s, 100).data) == 2
    assert len(figure_argent_et_immateriel(StructureCouts()).data) == 0


_MONTANT = st.floats(0.01, 1e5, allow_nan=False)


@settings(max_examples=80, deadline=None)
@given(cf=st.floats(0, 1e6), cv=_MONTANT, prix=_MONTANT)
def test_au_seuil_le_resultat_est_nul(cf, cv, prix):
    assume(prix > cv * 1.0001)
    s = StructureCouts()
    if cf:
        s.ajouter_fixe("Fixes", cf)
    s.ajouter_variable("Variables", cv)
    q = s.seuil_de_rentabilite(prix)
    assert abs(s.resultat(prix, q)) <= 1e-6 * max(1.0, cf)
    assert s.resultat(prix, q + 1) > s.resultat(prix, q)  # beyond the threshold, every unit adds margin


@settings(max_examples=60, deadline=None)
@given(cf=st.floats(1, 1e6), cv=_MONTANT, q=st.lists(st.floats(1, 1e6), min_size=2, max_size=10, unique=True))
def test_economies_d_echelle_le_cout_moyen_baisse(cf, cv, q):
    s = StructureCouts()
    s.ajouter_fixe("Fixes", cf)
    s.ajouter_variable("Variables", cv)
    q = np.sort(np.array(q))
    moyen = s.cout_moyen(q)
    assert (np.diff(moyen) <= 1e-12 * moyen[:-1]).all()
    assert (moyen > cv).all()
    assert np.allclose(s.cout_total(q), moyen * q)


# -- view ----------------------------------------------------------------------

def test_vue_atelier():
    from strategie.widgets.couts import AtelierCouts

    vue = AtelierCouts(exemple_structure("cafe"), prix=3.2, quantite=3000)
    assert "strategie-couts" in vue._dom_classes
    assert "2\u202f520 tasses" in vue.bilan.value
    vue.prix.value = -1
    assert vue.message.genre == "erreur" and vue.prix.value == -1
    vue.prix.value = 0.5
    assert vue.message.genre == "" and "pas de seuil" in vue.bilan.value
    vue.prix.value = 3.2
    vue.libelle.value, vue.montant.value = "Publicité", -5
    vue.bouton_ajouter.click()
    assert vue.message.genre == "erreur" and vue.libelle.value == "Publicité"
    vue.montant.value = 200
    vue.ajouter()
    assert "2\u202f600 tasses" in vue.bilan.value
    vue.nature.value = "immateriel"
    assert vue.heures in vue.saisie.children and vue.montant not in vue.saisie.children
    vue.libelle.value, vue.stress.value = "Inquiétude des fins de mois", 8
    vue.ajouter()
    assert "8/10" in vue.bilan.value
    vue.choix.value = "Publicité"
    vue.retirer()
    assert "2\u202f520 tasses" in vue.bilan.value


def test_bilan_en_phrases():
    lignes = exemple_structure("cafe").bilan(3.2, 3000)
    assert lignes[0].startswith("Coûts fixes : 6\u202f300\u00a0€")
    assert "2\u202f520 tasses" in lignes[1]
    assert "+1\u202f200\u00a0€" in lignes[2] and "2,80\u00a0€" in lignes[2]
    assert "12 h" in lignes[3]
    sans_seuil = exemple_structure("cafe").bilan(0.5)
    assert len(sans_seuil) == 3 and "pas de seuil" in sans_seuil[1]
    assert "6,4 journées" in exemple_structure("consultante").bilan(600)[1]


def test_format_francais_des_nombres():
    from strategie._blocs import euros, nombre_fr

    assert nombre_fr(1234567.891, 2) == "1\u202f234\u202f567,89"
    assert euros(1200) == "1\u202f200\u00a0€" and euros(0.65) == "0,65\u00a0€"
