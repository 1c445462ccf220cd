"""Ressources clés : quatre familles (organisation, personne), inventaire, constats, vue."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategie import SaisieInvalide
from strategie.canevas import Canevas
from strategie.ressources import CATEGORIES, InventaireRessources, categories, exemple_inventaire, suggerer_categorie


def test_quatre_familles_par_vue():
    assert list(categories("organisation")) == ["physiques", "intellectuelles", "humaines", "financieres"]
    assert list(categories("personnel")) == ["centres_d_interet", "competences", "personnalite", "actifs"]
    with pytest.raises(SaisieInvalide, match="vue"):
        categories("entreprise")


def test_inventaire_repartition_manques_et_a_obtenir():
    inv = InventaireRessources("organisation", "Atelier")
    inv.ajouter("Entrepôt", "physiques")
    inv.ajouter("Marque déposée", "Intellectuelles")
    inv.ajouter("Ligne de crédit", "financières", detenue=False)
    inv.ajouter("Vieux camion", "physiques", critique=False)
    assert inv.repartition().to_dict() == {"physiques": 1, "intellectuelles": 1, "humaines": 0, "financieres": 1}
    assert inv.manques() == ["humaines"]
    assert [r.texte for r in inv.a_obtenir()] == ["Ligne de crédit"]
    assert inv.notes_de_canevas() == ["Entrepôt", "Marque déposée", "Ligne de crédit (à obtenir)"]
    constats = " ".join(inv.constats())
    assert "Humaines" in constats and "Ligne de crédit" in constats and "Vieux camion" in constats


def test_saisies_refusees():
    inv = InventaireRessources("personnel")
    inv.ajouter("Patience", "personnalite")
    with pytest.raises(SaisieInvalide, match="déjà"):
        inv.ajouter("  patience ", "personnalite")
    with pytest.raises(SaisieInvalide, match="vide"):
        inv.ajouter("   ", "competences")
    with pytest.raises(SaisieInvalide, match="organisation"):
        inv.ajouter("Un local", "physiques")
    with pytest.raises(SaisieInvalide, match="competences"):
        inv.ajouter("Statistique", "competence")
    with pytest.raises(SaisieInvalide, match="critique"):
        inv.ajouter("Réseau", "actifs", critique="oui")
    with pytest.raises(SaisieInvalide, match="Aucune ressource"):
        inv.retirer("Courage")


def test_constats_personne_parlent_de_developper_la_ressource():
    inv = exemple_inventaire("consultante")
    assert any("développez-la" in c for c in inv.constats())
    assert InventaireRessources().constats() == [
        "L'inventaire est vide : notez d'abord ce dont votre proposition de valeur a besoin."
    ]


def test_suggestion_de_famille():
    assert suggerer_categorie("Brevet sur le procédé") == "intellectuelles"
    assert suggerer_categorie("Une équipe de vendeurs") == "humaines"
    assert suggerer_categorie("Réseau de contacts dans l'édition", "personnel") == "actifs"
    assert suggerer_categorie("Quelque chose d'indéfini") is None


def test_vers_canevas_ne_cree_pas_de_doublon():
    inv = exemple_inventaire("cafe")
    c = Canevas("Café")
    ids = inv.vers_canevas(c)
    assert len(ids) == len(inv.cles())
    assert inv.vers_canevas(c) == []
    assert "Camionnette" not in c.textes("ressources_cles")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=30), st.sampled_from(sorted(CATEGORIES["organisation"])),
                          st.booleans(), st.booleans()), max_size=15))
def test_proprietes_inventaire(lignes):
    inv = InventaireRessources("organisation")
    for texte, categorie, critique, detenue in lignes:
        try:
            inv.ajouter(texte, categorie, critique, detenue)
        except SaisieInvalide:
            pass  # empty or duplicate text: refused, nothing added
    assert inv.repartition().sum() == len(inv.cles())
    assert set(inv.manques()) == {c for c in CATEGORIES["organisation"] if inv.repartition()[c] == 0}
    assert all(isinstance(c, str) and c for c in inv.constats())
    textes = [r.texte.lower() for r in inv.ressources]
    from strategie._blocs import simplifier

    assert len({simplifier(t) for t in textes}) == len(textes)


# -- view ----------------------------------------------------------------------

def test_vue_ajoute_suggere_et_garde_la_saisie_refusee():
    from strategie.widgets.ressources import AtelierRessources

    vue = AtelierRessources()
    assert "strategie-ressources" in vue._dom_classes
    vue.texte.value = "Brevet du procédé"
    assert "Intellectuelles" in vue.suggestion.value
    vue.famille.value = "intellectuelles"
    vue.bouton_ajouter.click()
    assert vue.message.genre == "succes" and vue.texte.value == ""
    vue.texte.value = "brevet du procédé"
    vue.ajouter()
    assert vue.message.genre == "erreur" and vue.texte.value == "brevet du procédé"
    assert len(vue.inventaire) == 1
    assert "Humaines" in vue.constats.value


def test_vue_deux_inventaires_independants():
    from strategie.widgets.ressources import AtelierRessources

    vue = AtelierRessources(exemple_inventaire("cafe"))
    n = len(vue.liste.options)
    vue.vue.value = "personnel"
    assert [cle for _, cle in vue.famille.options] == list(CATEGORIES["personnel"])
    assert len(vue.liste.options) == 0
    vue.texte.value, vue.famille.value = "Curiosité", "personnalite"
    vue.ajouter()
    vue.vue.value = "organisation"
    assert len(vue.liste.options) == n
    vue.liste.value = vue.liste.options[0][1]
    vue.bouton_retirer.click()
    assert len(vue.liste.options) == n - 1
