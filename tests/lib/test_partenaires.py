"""Partenaires clés : motivations, types, écosystème, constats, carte et vue."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategie import SaisieInvalide
from strategie.canevas import Canevas
from strategie.figures.partenaires import figure_ecosysteme
from strategie.partenaires import MOTIVATIONS, TYPES, Ecosysteme, exemple_ecosysteme


def test_trois_motivations_quatre_types():
    assert list(MOTIVATIONS) == ["optimisation", "reduction_risque", "acquisition"]
    assert list(TYPES) == ["alliance", "coopetition", "coentreprise", "acheteur_fournisseur"]


def test_matrice_et_notes():
    eco = exemple_ecosysteme("cafe")
    m = eco.matrice()
    assert m.values.sum() == sum(len(p.motivations) for p in eco.partenaires)
    assert m.loc["coopetition", "optimisation"] == 1
    assert eco.notes_de_canevas()[0] == "Torréfacteur local : Café frais livré chaque semaine"


def test_constats_types_incoherents_et_dependance():
    eco = Ecosysteme("Moi")
    eco.ajouter("Concurrent direct", "alliance", ["optimisation"], "Achats groupés", concurrent=True)
    eco.ajouter("Banque", "coopetition", "reduction_risque", "Prêt", concurrent=False)
    eco.ajouter("Fournisseur unique", "acheteur_fournisseur", ["acquisition"], "Composant rare", dependance=5)
    constats = " ".join(eco.constats())
    assert "coopétition" in constats and "plutôt une alliance" in constats
    assert "Forte dépendance envers « Fournisseur unique »" in constats
    assert "Banque" not in constats.split("Forte dépendance")[1]


def test_constat_motivation_absente_et_isoles():
    eco = Ecosysteme("Moi")
    eco.ajouter("A", "alliance", ["acquisition"], "x")
    eco.ajouter("B", "alliance", ["acquisition"], "y")
    eco.ajouter("C", "alliance", ["acquisition"], "z")
    eco.relier("A", "B", "ensemble")
    constats = eco.constats()
    assert any("Optimisation" in c for c in constats) and any("Réduction du risque" in c for c in constats)
    assert any(c.endswith("C.") for c in constats)
    assert Ecosysteme().constats()[0].startswith("Aucun partenaire")


@pytest.mark.parametrize("arguments, mot", [
    (("", "alliance", ["acquisition"], "x"), "vide"),
    (("Moi", "alliance", ["acquisition"], "x"), "centre"),
    (("A", "fusion", ["acquisition"], "x"), "type"),
    (("A", "alliance", [], "x"), "motivation"),
    (("A", "alliance", ["amitie"], "x"), "motivation"),
    (("A", "alliance", ["acquisition"], " "), "apport"),
    (("A", "alliance", ["acquisition"], "x", False, 6), "5"),
    (("A", "alliance", ["acquisition"], "x", "non"), "concurrent"),
])
def test_saisies_refusees(arguments, mot):
    with pytest.raises(SaisieInvalide) as erreur:
        Ecosysteme("Moi").ajouter(*arguments)
    assert mot in str(erreur.value)


def test_doublons_et_liens():
    eco = exemple_ecosysteme("cafe")
    with pytest.raises(SaisieInvalide, match="déjà"):
        eco.ajouter("torrefacteur LOCAL", "alliance", ["acquisition"], "x")
    with pytest.raises(SaisieInvalide, match="déjà reliés"):
        eco.relier("Librairie du centre-ville", "Bibliothèque municipale")
    with pytest.raises(SaisieInvalide, match="lui-même"):
        eco.relier("Torréfacteur local", "torréfacteur local")
    eco.retirer("Bibliothèque municipale")
    assert eco.liens == []


def test_vers_canevas():
    c = Canevas("Café")
    eco = exemple_ecosysteme("cafe")
    assert len(eco.vers_canevas(c)) == 4 and eco.vers_canevas(c) == []


_PARTENAIRE = st.tuples(st.text(min_size=1, max_size=15), st.sampled_from(sorted(TYPES)),
                        st.lists(st.sampled_from(sorted(MOTIVATIONS)), max_size=3), st.text(max_size=15),
                        st.booleans(), st.integers(0, 6))


@settings(max_examples=50, deadline=None)
@given(st.lists(_PARTENAIRE, max_size=10), st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=6))
def test_proprietes_carte_et_constats_ne_plantent_jamais(lignes, liens):
    eco = Ecosysteme("Centre")
    for ligne in lignes:
        try:
            eco.ajouter(*ligne)
        except SaisieInvalide:
            pass
    noms = [p.nom for p in eco.partenaires]
    for i, j in liens:
        if i < len(noms) and j < len(noms):
            try:
                eco.relier(noms[i], noms[j])
            except SaisieInvalide:
                pass
    assert all(p.motivations and 1 <= p.dependance <= 5 for p in eco.partenaires)
    assert eco.matrice().values.sum() == sum(len(p.motivations) for p in eco.partenaires)
    assert all(isinstance(c, str) for c in eco.constats())
    fig = figure_ecosysteme(eco)
    # One spoke and one node per partner, one trace per link, plus the centre.
    assert len(fig.data) == 2 * len(eco) + len(eco.liens) + 1


# -- view ----------------------------------------------------------------------

def test_vue_carte():
    from strategie.widgets.partenaires import CarteEcosysteme

    vue = CarteEcosysteme()
    assert "strategie-partenaires" in vue._dom_classes
    vue.nom.value, vue.apport.value = "Banque", "Prêt"
    vue.bouton_ajouter.click()
    assert vue.message.genre == "erreur" and "motivation" in vue.message.texte
    assert vue.nom.value == "Banque" and vue.apport.value == "Prêt"
    vue.motivations["reduction_risque"].value = True
    vue.ajouter()
    assert vue.message.genre == "succes" and vue.nom.value == ""
    vue.nom.value, vue.apport.value, vue.concurrent.value = "Rival", "Achats groupés", True
    vue.motivations["optimisation"].value = True
    vue.ajouter()
    assert "coopétition" in vue.constats.value
    vue.lien_a.value, vue.lien_b.value = "Banque", "Rival"
    vue.bouton_relier.click()
    assert len(vue.ecosysteme.liens) == 1
    vue.relier()
    assert vue.message.genre == "erreur"
    vue.choix.value = "Banque"
    vue.retirer()
    assert [p.nom for p in vue.ecosysteme.partenaires] == ["Rival"] and vue.ecosysteme.liens == []
    assert len(vue.figure.data) == 3
