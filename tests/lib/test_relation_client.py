"""Relations clients : échelle des types, répartition acquisition / fidélisation / ventes additionnelles, constats."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategie import SaisieInvalide
from strategie.canevas import Canevas
from strategie.figures.relation_client import figure_relations
from strategie.relation_client import OBJECTIFS, TYPES, PlanRelations, objectif_de, type_de
from strategie.widgets.relation_client import ConcepteurRelations


def test_les_six_types_forment_une_echelle_du_plus_personnel_au_plus_automatise():
    rangs = sorted((t.rang, t.cle) for t in TYPES.values())
    assert [r for r, _ in rangs] == [1, 2, 3, 4, 5, 6]
    assert rangs[0][1] == "assistance_dediee" and rangs[-1][1] == "libre_service"
    assert TYPES["assistance_dediee"].cout == "élevé" and TYPES["libre_service"].cout == "faible"


@pytest.mark.parametrize("nom, cle", [("Self-service", "libre_service"), ("Communauté", "communautes"),
                                      ("co-création", "co_creation"), ("Assistance personnelle dédiée", "assistance_dediee"),
                                      ("services automatisés", "services_automatises")])
def test_noms_de_types_tolerants(nom, cle):
    assert type_de(nom) == cle


def test_noms_d_objectifs_tolerants():
    assert objectif_de("Rétention") == "fidelisation" and objectif_de("upselling") == "ventes_additionnelles"
    assert objectif_de("Conquête") == "acquisition"


def test_repartition_et_objectif_principal_par_segment():
    p = PlanRelations()
    p.ajouter("Familles", "communautes", 20, 70, 10)
    p.ajouter("Familles", "assistance_personnelle", 60, 30, 10)
    assert p.repartition("familles") == {"acquisition": 40, "fidelisation": 50, "ventes_additionnelles": 10}
    assert p.objectif_principal("Familles") == "fidelisation"


@pytest.mark.parametrize("parts, attendu", [
    ((50, 60, 0), "110 %"),
    ((0.5, 0.3, 0.2), "pas 0.5"),
    ((-10, 100, 10), "acquisition"),
    ((100, 120, -120), "fidelisation"),
    (("50", 50, 0), "nombre"),
])
def test_repartitions_absurdes_refusees(parts, attendu):
    p = PlanRelations()
    with pytest.raises(SaisieInvalide, match=attendu):
        p.ajouter("Familles", "communautes", *parts)
    assert len(p) == 0


def test_autres_saisies_refusees():
    p = PlanRelations()
    p.ajouter("Familles", "communautes", 20, 70, 10)
    with pytest.raises(SaisieInvalide, match="déjà"):
        p.ajouter("familles", "Communautés", 20, 70, 10)
    with pytest.raises(SaisieInvalide, match="type de relation"):
        p.ajouter("Familles", "amitié", 20, 70, 10)
    with pytest.raises(SaisieInvalide, match="valeur"):
        p.ajouter("Familles", "libre_service", 20, 70, 10, valeur="énorme")
    with pytest.raises(SaisieInvalide, match="vide"):
        p.ajouter(" ", "libre_service", 20, 70, 10)
    with pytest.raises(SaisieInvalide, match="True ou False"):
        p.ajouter("Familles", "libre_service", 20, 70, 10, mesure_satisfaction="oui")
    with pytest.raises(SaisieInvalide, match="Segments connus"):
        p.repartition("Inconnus")


def test_modifier_garde_l_ancienne_relation_si_la_saisie_est_refusee():
    p = PlanRelations()
    p.ajouter("A", "libre_service", 10, 60, 30)
    p.ajouter("B", "communautes", 10, 60, 30)
    p.modifier("A", "libre_service", type="assistance_personnelle", valeur="forte")
    assert [(r.segment, r.type) for r in p] == [("A", "assistance_personnelle"), ("B", "communautes")]
    with pytest.raises(SaisieInvalide, match="100 %"):
        p.modifier("A", "assistance_personnelle", acquisition=90)
    assert p.relations[0].acquisition == 10 and len(p) == 2
    p.retirer("b", "Communautés")
    assert len(p) == 1


def test_constats_proportionner_l_effort_a_la_valeur():
    p = PlanRelations()
    p.ajouter("Petits épargnants", "assistance_dediee", 30, 40, 30, valeur="faible", mesure_satisfaction=True)
    p.ajouter("Clients privés", "services_automatises", 20, 40, 40, valeur="forte")
    constats = p.constats()
    assert any("Petits épargnants" in c and "faible valeur" in c for c in constats)
    assert any("Clients privés" in c and "aucun contact humain" in c for c in constats)
    p.ajouter("Clients privés", "assistance_personnelle", 20, 40, 40, valeur="forte")
    assert not any("aucun contact humain" in c for c in p.constats())


def test_constats_acquisition_sans_fidelisation_et_fidelisation_sans_mesure():
    p = PlanRelations()
    p.ajouter("Nouveaux", "services_automatises", 90, 5, 5)
    p.ajouter("Fidèles", "communautes", 10, 80, 10)
    constats = " ".join(p.constats())
    assert "« Nouveaux » : presque tout l'effort va à l'acquisition" in constats
    assert "« Fidèles » : la fidélisation est l'objectif principal" in constats
    p.modifier("Fidèles", "communautes", mesure_satisfaction=True)
    p.modifier("Nouveaux", "services_automatises", acquisition=60, fidelisation=35)
    assert p.constats() == []


def test_valeurs_contradictoires_pour_un_segment():
    p = PlanRelations()
    p.ajouter("A", "libre_service", 40, 40, 20, valeur="faible")
    p.ajouter("A", "communautes", 40, 40, 20, valeur="forte")
    assert any("valeurs différentes" in c for c in p.constats())


def test_notes_pour_le_canevas():
    p = PlanRelations()
    p.ajouter("Familles", "communautes", 20, 70, 10, mesure_satisfaction=True)
    c = Canevas("Café")
    assert len(p.ajouter_au_canevas(c)) == 1 and p.ajouter_au_canevas(c) == []
    assert c.textes("relation_client") == ["Communautés pour « Familles » (fidélisation)"]


_relation = st.tuples(st.sampled_from(["A", "B", "C"]), st.sampled_from(list(TYPES)),
                      st.integers(0, 100), st.integers(0, 100), st.sampled_from(["faible", "moyenne", "forte"]),
                      st.booleans())


@settings(max_examples=80, deadline=None)
@given(st.lists(_relation, max_size=10))
def test_repartitions_valides_toujours_a_100_et_constats_sans_plantage(relations):
    p = PlanRelations()
    for segment, cle, a, f, valeur, mesure in relations:
        if a + f > 100:
            with pytest.raises(SaisieInvalide):
                p.ajouter(segment, cle, a, f, 100 - a - f, valeur, mesure)
            continue
        try:
            p.ajouter(segment, cle, a, f, 100 - a - f, valeur, mesure)
        except SaisieInvalide as exc:
            assert "déjà" in str(exc)
    for segment in p.segments:
        assert sum(p.repartition(segment).values()) == pytest.approx(100)
        assert p.objectif_principal(segment) in OBJECTIFS
    assert all(isinstance(c, str) and c for c in p.constats())


def test_figure_place_les_relations_sur_l_echelle():
    p = PlanRelations("Banque")
    p.ajouter("Privés", "assistance_dediee", 10, 60, 30, valeur="forte", mesure_satisfaction=True)
    p.ajouter("Jeunes", "services_automatises", 70, 20, 10)
    fig = figure_relations(p)
    points = [t for t in fig.data if t.type == "scatter"]
    assert {(x, y) for t in points for x, y in zip(t.x, t.y)} == {(1, "Privés"), (5, "Jeunes")}
    barres = {t.name: list(t.x) for t in fig.data if t.type == "bar"}
    assert barres["Acquisition"] == [10, 70] and barres["Fidélisation"] == [60, 20]
    assert "Aucune relation" in figure_relations(PlanRelations()).layout.annotations[-1].text


def test_concepteur(tmp_path):
    chemin = tmp_path / "mon-canevas.json"
    vue = ConcepteurRelations(chemin=str(chemin))
    vue.segment.value = "Familles"
    vue.type.value = "communautes"
    assert "Communautés" in vue.aide_type.value and "4/6" in vue.aide_type.value
    vue.parts["acquisition"].value = 80
    assert "140 %" in vue.total.value
    vue.bouton_ajouter.click()
    assert vue.message.genre == "erreur" and "140" in vue.message.texte
    assert vue.segment.value == "Familles" and vue.parts["acquisition"].value == 80, "rien n'est perdu"
    vue.parts["acquisition"].value = 40
    assert "100 %" in vue.total.value
    vue.bouton_ajouter.click()
    assert vue.message.genre == "succes" and len(vue.plan) == 1
    assert "Familles" in vue.segment.options
    vue.segment.value, vue.type.value, vue.valeur.value = "Grands comptes", "libre_service", "forte"
    vue.bouton_ajouter.click()
    assert "aucun contact humain" in vue.constats.value
    vue.liste.value = vue.liste.options[1][1]
    assert vue.segment.value == "Grands comptes" and vue.type.value == "libre_service"
    vue.type.value = "assistance_dediee"
    vue.bouton_modifier.click()
    assert vue.plan.relations[1].type == "assistance_dediee"
    assert "aucun contact humain" not in vue.constats.value
    vue.canevas.bouton.click()
    assert chemin.exists() and vue.message.genre == "succes"
    notes = [n["texte"] for n in json.loads(chemin.read_text(encoding="utf-8"))["notes"]]
    assert len(notes) == 2
    vue.liste.value = vue.liste.options[0][1]
    vue.bouton_retirer.click()
    assert [r.segment for r in vue.plan] == ["Grands comptes"]


def test_les_outils_02_a_05_remplissent_un_canevas_que_le_module_11_juge_coherent_a_droite():
    from strategie.canaux import PlanCanaux
    from strategie.coherence import verifier
    from strategie.proposition_valeur import CanevasProposition
    from strategie.segments import Segmentation

    c = Canevas("Café")
    segments = Segmentation()
    segments.ajouter("Étudiants", qui="campus voisin", besoins=["calme"], taille=3000, disposition_a_payer=150)
    segments.ajouter("Familles", besoins=["ateliers"], taille=1200, disposition_a_payer=300)
    segments.ajouter_au_canevas(c)
    for nom, besoin in (("Étudiants", "Réviser"), ("Familles", "Occuper les enfants")):
        pv = CanevasProposition(nom, f"Proposition pour {nom}")
        pv.ajouter("taches", besoin)
        pv.ajouter_au_canevas(c)
    canaux = PlanCanaux()
    canaux.ajouter("Vitrine", "propre", ["notoriete", "achat"])
    canaux.ajouter("Instagram", "propre", ["notoriete"], segments=["Étudiants"])
    canaux.ajouter_au_canevas(c)
    relations = PlanRelations()
    relations.ajouter("Étudiants", "services_automatises", 20, 60, 20)
    relations.ajouter("Familles", "assistance_personnelle", 30, 50, 20)
    relations.ajouter_au_canevas(c)

    regles = ["segment_sans_proposition", "segment_sans_canal", "segment_sans_relation", "proposition_sans_segment"]
    assert verifier(c, regles=regles) == []
    instagram = next(n for n in c.notes_du_bloc("canaux") if n.texte.startswith("Instagram"))
    assert [n.texte for n in c.liees(instagram.id, "segments")] == ["Étudiants (campus voisin)"]
    vitrine = next(n for n in c.notes_du_bloc("canaux") if n.texte.startswith("Vitrine"))
    assert len(c.liees(vitrine.id, "segments")) == 2, "un canal sans segment précisé sert tous les segments"
    # Without the relations, module 11 would see segments with no relationship.
    sans = Canevas("Café sans relation")
    segments.ajouter_au_canevas(sans)
    assert {k.regle for k in verifier(sans, regles=["segment_sans_relation"])} == {"segment_sans_relation"}
