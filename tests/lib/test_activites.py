"""Activités clés : quatre catégories, tri des activités qui démarquent, signaux, revue en huit questions, vue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategie import SaisieInvalide
from strategie.activites import (
    CATEGORIES, DIX_POINTS, QUESTIONS_REVUE, ListeActivites, exemple_activites,
)
from strategie.canevas import Canevas


def test_contenu_de_la_source():
    assert list(CATEGORIES) == ["faire", "vendre", "resoudre", "soutenir"]
    assert len(DIX_POINTS) == 10
    assert [q.numero for q in QUESTIONS_REVUE] == list(range(1, 9))


def test_la_lecon_08_montre_categories_dix_points_et_questions_sans_execution():
    # Lessons are committed without outputs: what a reader must see before running is in markdown.
    lecon = Path(__file__).resolve().parents[2] / "course" / "08-activites-cles.ipynb"
    cellules = json.loads(lecon.read_text(encoding="utf-8"))["cells"]
    texte = "\n".join(c["source"] for c in cellules if c["cell_type"] == "markdown")
    absents = ([c.definition for c in CATEGORIES.values()] + list(DIX_POINTS) + [q.texte for q in QUESTIONS_REVUE])
    absents = [t for t in absents if t not in texte]
    assert not absents, f"texte de la bibliothèque absent du markdown de la leçon 08 : {absents}"


def test_le_soutien_qui_demarque_reste_une_activite_cle():
    # Gysler's filter is "what sets you apart", whatever the category: support is not excluded.
    liste = ListeActivites()
    liste.ajouter("Recruter et former des intervenants fiables", "soutenir", demarque=True)
    liste.ajouter("Tenir la comptabilité", "soutenir", demarque=False)
    assert [a.texte for a in liste.cles()] == ["Recruter et former des intervenants fiables"]
    constat, a_examiner = _constat(liste.revue(), 4)
    assert a_examiner and "démarquent" in constat and "ne créent pas" not in constat


def test_tri_et_signaux():
    liste = ListeActivites("Test")
    liste.ajouter("Concevoir les menus", "faire", cout_immateriel=2)
    liste.ajouter("Démarcher les entreprises", "vendre", cout_immateriel=8, ressources=["Carnet d'adresses"])
    liste.ajouter("Faire la paie", "soutenir", demarque=False, cout_immateriel=9)
    liste.ajouter("Inventer des recettes sans gluten", "Résoudre", cout_immateriel=7)
    assert [a.texte for a in liste.cles()] == ["Concevoir les menus", "Démarcher les entreprises",
                                               "Inventer des recettes sans gluten"]
    assert [a.texte for a in liste.ecartees()] == ["Faire la paie"]
    assert liste.repartition().to_dict() == {"faire": 1, "vendre": 1, "resoudre": 1, "soutenir": 0}
    assert [a.texte for a in liste.signaux()] == ["Faire la paie", "Démarcher les entreprises",
                                                  "Inventer des recettes sans gluten"]
    alertes = liste.alertes()
    assert len(alertes) == 3 and all("inadéquation" in a for a in alertes)
    assert "Carnet d'adresses" in alertes[1] and "aucune ressource" in alertes[0]
    assert liste.notes_de_canevas() == [a.texte for a in liste.cles()]


def test_seuil_reglable():
    liste = ListeActivites(seuil=9)
    liste.ajouter("A", "faire", cout_immateriel=8)
    assert liste.signaux() == []
    with pytest.raises(SaisieInvalide, match="seuil"):
        ListeActivites(seuil=11)


@pytest.mark.parametrize("arguments, mot", [
    (("", "faire"), "vide"),
    (("Coder", "fabriquer"), "catégorie"),
    (("Coder", "faire", True, 11), "0 à 10"),
    (("Coder", "faire", True, -1), "négatif"),
    (("Coder", "faire", True, 2.5), "entier"),
    (("Coder", "faire", "oui"), "demarque"),
])
def test_saisies_refusees(arguments, mot):
    with pytest.raises(SaisieInvalide) as erreur:
        ListeActivites().ajouter(*arguments)
    assert mot in str(erreur.value)


def test_doublon_refuse_sans_accents_ni_casse():
    liste = ListeActivites()
    liste.ajouter("Prospecter par téléphone", "vendre")
    with pytest.raises(SaisieInvalide, match="déjà"):
        liste.ajouter("prospecter PAR telephone", "vendre")


def _constat(revue, numero):
    ligne = revue[revue["numero"] == numero].iloc[0]
    return ligne["constat"], bool(ligne["a_examiner"])


def test_revue_des_huit_questions():
    liste = exemple_activites("consultante")
    revue = liste.revue("fidelisation", ["Statistique et visualisation", "Animation d'ateliers"])
    assert len(revue) == 8
    constat, a_examiner = _constat(revue, 1)
    assert a_examiner and "Animation d'ateliers" in constat and "Statistique" not in constat
    constat, a_examiner = _constat(revue, 2)
    assert a_examiner and "Prospecter par téléphone" in constat
    constat, a_examiner = _constat(revue, 6)
    assert not a_examiner and "satisfaction" in constat  # the follow-up call listens to customers
    constat, a_examiner = _constat(revue, 8)
    assert a_examiner and "Tenir la comptabilité" in constat


def test_revue_selon_l_objectif():
    liste = ListeActivites()
    liste.ajouter("Réparer les vélos", "faire")
    assert _constat(liste.revue("acquisition"), 7)[1] is True
    assert _constat(liste.revue("fidelisation"), 6)[1] is True
    assert _constat(liste.revue("aucun"), 6) == ("Sans objet tant que la fidélisation n'est pas votre priorité.", False)
    liste.ajouter("Enquête de satisfaction après chaque réparation", "soutenir")
    liste.ajouter("Tenir un stand au marché", "vendre")
    assert _constat(liste.revue("fidelisation"), 6)[1] is False
    assert _constat(liste.revue("acquisition"), 7)[1] is False
    assert _constat(liste.revue(), 4)[1] is True  # a support activity kept in the canvas
    with pytest.raises(SaisieInvalide, match="objectif"):
        liste.revue("croissance")


def test_vers_canevas():
    c = Canevas("Léa", "personnel")
    liste = exemple_activites("consultante")
    liste.vers_canevas(c)
    assert c.textes("activites_cles") == liste.notes_de_canevas()
    assert "Tenir la comptabilité" not in c.textes("activites_cles")


_ACTIVITE = st.tuples(st.text(min_size=1, max_size=25), st.sampled_from(sorted(CATEGORIES)), st.booleans(),
                      st.integers(0, 10), st.lists(st.text(min_size=1, max_size=10), max_size=3))


@settings(max_examples=60, deadline=None)
@given(st.lists(_ACTIVITE, max_size=12), st.integers(1, 10), st.sampled_from(["aucun", "fidelisation", "acquisition"]),
       st.lists(st.text(min_size=1, max_size=10), max_size=4))
def test_proprietes(lignes, seuil, objectif, ressources):
    liste = ListeActivites(seuil=seuil)
    for ligne in lignes:
        try:
            liste.ajouter(*ligne)
        except SaisieInvalide:
            pass
    cles, ecartees = liste.cles(), liste.ecartees()
    assert len(cles) + len(ecartees) == len(liste)
    assert liste.repartition().sum() == len(cles)
    assert {a.texte for a in liste.signaux()} == {a.texte for a in liste.activites if a.cout_immateriel >= seuil}
    assert len(liste.alertes()) == len(liste.signaux())
    try:
        revue = liste.revue(objectif, ressources)
    except SaisieInvalide:
        assert any(not r.split() for r in ressources)  # only a blank resource name is refused
    else:
        assert len(revue) == 8 and revue["constat"].map(bool).all()


# -- view ----------------------------------------------------------------------

def test_vue_atelier():
    from strategie.widgets.activites import AtelierActivites

    vue = AtelierActivites(ressources=["Statistique"])
    assert "strategie-activites" in vue._dom_classes
    vue.texte.value, vue.categorie.value, vue.cout.value = "Prospecter", "vendre", 9
    vue.bouton_ajouter.click()
    assert "Signaux" in vue.message.texte
    assert "Prospecter" in vue.alertes.value
    vue.texte.value, vue.categorie.value, vue.cout.value, vue.demarque.value = "Comptabilité", "soutenir", 2, False
    vue.ajouter()
    assert "hors du canevas" in vue.message.texte
    assert "Comptabilité" in vue.tri.value.split("Écartées")[1]
    assert "Statistique" in vue.revue.value  # question 1: resource used by no activity
    vue.texte.value = "prospecter"
    vue.ajouter()
    assert vue.message.genre == "erreur" and vue.texte.value == "prospecter"
    vue.choix.value = "Prospecter"
    vue.bouton_retirer.click()
    assert len(vue.liste) == 1
    vue.objectif.value = "acquisition"
    assert "Aucune activité clé de vente" in vue.revue.value
    assert len(vue.figure.data) >= 1


def test_question_3_ne_propose_au_client_que_des_etapes_de_production():
    liste = ListeActivites()
    liste.ajouter("Tenir la comptabilité", "soutenir", demarque=False)
    constat, a_examiner = _constat(liste.revue(), 3)
    assert not a_examiner and "comptabilité" not in constat
    liste.ajouter("Monter les meubles chez le client", "faire", demarque=False)
    constat, a_examiner = _constat(liste.revue(), 3)
    assert a_examiner and "Monter les meubles" in constat


def test_vue_reprend_les_ressources_du_canevas(tmp_path):
    from strategie.canevas import exemple
    from strategie.widgets.activites import AtelierActivites

    chemin = tmp_path / "mon-canevas.json"
    exemple("consultante").enregistrer(chemin)
    vue = AtelierActivites(chemin=str(chemin))
    assert list(vue.ressources_cles.value) == exemple("consultante").textes("ressources_cles")
    assert list(vue.mobilisees.allowed_tags) == list(vue.ressources_cles.value)
    chemin.write_text("{abîmé", encoding="utf-8")
    assert list(AtelierActivites(chemin=str(chemin)).ressources_cles.value) == []
    assert chemin.read_text(encoding="utf-8") == "{abîmé"
