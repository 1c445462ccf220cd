"""Plan de canaux : cinq phases × canaux propres / partenaires, trous par segment, planificateur interactif."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategie import SaisieInvalide
from strategie.canaux import PHASES, PlanCanaux, genre_de, phase_de
from strategie.canevas import Canevas, exemple
from strategie.figures.canaux import figure_canaux
from strategie.widgets.canaux import PlanificateurCanaux


@pytest.fixture
def librairie():
    p = PlanCanaux("Librairie")
    p.ajouter("Vitrine", "propre", ["notoriete", "achat", "livraison"])
    p.ajouter("Plateforme de réservation", "partenaire", ["Évaluation", "Achat"], segments=["Touristes"])
    p.ajouter("Instagram", "propre", "notoriété", segments="Étudiants")
    return p


def test_matrice_range_les_canaux_par_phase_et_par_genre(librairie):
    m = librairie.matrice()
    assert list(m.index) == list(PHASES)
    assert m.loc["notoriete", "propre"] == ["Vitrine", "Instagram"]
    assert m.loc["achat", "partenaire"] == ["Plateforme de réservation"]
    assert m.loc["apres_vente", "propre"] == [] and m.loc["apres_vente", "partenaire"] == []


def test_trous_pour_tous_et_par_segment(librairie):
    assert librairie.trous() == ["apres_vente"]
    assert librairie.trous("Étudiants") == ["evaluation", "apres_vente"], "la plateforme ne sert pas les étudiants"
    assert librairie.trous("touristes") == ["apres_vente"]
    assert librairie.couverture() == 80 and librairie.couverture("Étudiants") == 60


def test_constats_nomment_les_trous_et_la_dependance_aux_partenaires(librairie):
    constats = " ".join(librairie.constats())
    assert "« Après-vente »" in constats and "Comment les suivons-nous" in constats
    assert "seulement par des partenaires" in constats and "« Évaluation »" in constats
    assert "Pour « Étudiants », il manque aussi : Évaluation." in constats, "le trou commun n'est pas répété"
    assert "Touristes" not in constats
    librairie.ajouter("Club de lecture", "propre", ["evaluation", "apres_vente"])
    assert librairie.trous() == [] and librairie.seulement_partenaires() == []


def test_un_seul_canal_pour_tout_est_signale():
    p = PlanCanaux()
    p.ajouter("Boutique", "propre", list(PHASES))
    assert p.trous() == [] and any("Un seul canal" in c for c in p.constats())
    assert PlanCanaux().constats() == ["Aucun canal : ajoutez-en un."]


def test_les_phases_sont_rangees_dans_l_ordre_du_parcours():
    p = PlanCanaux()
    c = p.ajouter("Site", "direct", ["SAV", "achat", "découverte"])
    assert c.phases == ("notoriete", "achat", "apres_vente") and c.genre == "propre"


@pytest.mark.parametrize("nom, cle", [("Après-vente", "apres_vente"), ("sav", "apres_vente"),
                                      ("Notoriété", "notoriete"), ("Évaluation", "evaluation")])
def test_noms_de_phases_tolerants(nom, cle):
    assert phase_de(nom) == cle


def test_genre_tolerant():
    assert genre_de("Partenaires") == "partenaire" and genre_de("indirect") == "partenaire"


@pytest.mark.parametrize("champs, attendu", [
    (dict(nom="", genre="propre", phases=["achat"]), "vide"),
    (dict(nom="X", genre="amical", phases=["achat"]), "propre ou partenaire"),
    (dict(nom="X", genre="propre", phases=[]), "au moins un"),
    (dict(nom="X", genre="propre", phases=["achat", "vente"]), "deux fois"),
    (dict(nom="X", genre="propre", phases=["paiement"]), "phase"),
    (dict(nom="vitrine", genre="propre", phases=["achat"]), "existe déjà"),
    (dict(nom="X", genre="propre", phases=["achat"], segments=["A", "a"]), "deux fois"),
])
def test_saisies_refusees(librairie, champs, attendu):
    avant = librairie.tableau()
    with pytest.raises(SaisieInvalide, match=attendu):
        librairie.ajouter(**champs)
    assert librairie.tableau().equals(avant)


def test_modifier_et_retirer(librairie):
    librairie.modifier("Vitrine", phases=list(PHASES), nom="Boutique")
    assert librairie.canal("boutique").phases == tuple(PHASES)
    assert [c.nom for c in librairie][0] == "Boutique", "l'ordre des canaux est gardé"
    with pytest.raises(SaisieInvalide, match="inconnu"):
        librairie.modifier("Boutique", cout=3)
    librairie.retirer("Instagram")
    with pytest.raises(SaisieInvalide, match="Canaux connus"):
        librairie.canal("Instagram")


def test_notes_pour_le_canevas(librairie):
    c = Canevas("Librairie")
    assert len(librairie.ajouter_au_canevas(c)) == 3
    assert c.textes("canaux")[0] == "Vitrine (propre : notoriété, achat, livraison)"
    assert librairie.ajouter_au_canevas(c) == []


_canal = st.tuples(st.sampled_from(["propre", "partenaire"]),
                   st.lists(st.sampled_from(list(PHASES)), min_size=1, max_size=5, unique=True),
                   st.lists(st.sampled_from(["A", "B", "C"]), max_size=2, unique=True))


@settings(max_examples=80, deadline=None)
@given(st.lists(_canal, max_size=8), st.sampled_from([None, "A", "B", "Z"]))
def test_trous_et_matrice_sont_coherents(canaux, segment):
    p = PlanCanaux()
    for i, (genre, phases, segments) in enumerate(canaux):
        p.ajouter(f"C{i}", genre, phases, segments)
    m = p.matrice(segment)
    trous = p.trous(segment)
    for phase in PHASES:
        vide = not m.loc[phase, "propre"] and not m.loc[phase, "partenaire"]
        assert (phase in trous) == vide
    assert p.couverture(segment) == pytest.approx(100 * (5 - len(trous)) / 5)
    assert set(p.seulement_partenaires(segment)).isdisjoint(trous)
    # A segment never has fewer gaps than the whole plan.
    if segment is not None:
        assert set(p.trous()) <= set(trous)
    p.constats(segment)


def test_figure_montre_les_trous(librairie):
    fig = figure_canaux(librairie, "Étudiants")
    textes = [a.text for a in fig.layout.annotations]
    assert textes.count("<b>trou</b>") == 4, "deux phases sans canal × deux rangées"
    assert "60 %" in fig.layout.title.text and "Étudiants" in fig.layout.title.text
    vide = [a.text for a in figure_canaux(PlanCanaux()).layout.annotations]
    assert vide.count("<b>trou</b>") == 10, "un plan vide n'a que des trous"


def test_planificateur(tmp_path):
    chemin = tmp_path / "mon-canevas.json"
    exemple("cafe").enregistrer(chemin)
    vue = PlanificateurCanaux(chemin=str(chemin))
    vue.nom.value = "Vitrine"
    vue.bouton_ajouter.click()
    assert vue.message.genre == "erreur" and vue.nom.value == "Vitrine", "phase manquante : rien n'est perdu"
    vue.phases["notoriete"].value = vue.phases["achat"].value = True
    vue.bouton_ajouter.click()
    assert vue.message.genre == "succes" and vue.nom.value == "" and not vue.phases["achat"].value
    assert "Évaluation" in vue.constats.value
    vue.nom.value, vue.genre.value, vue.segments.value = "Revendeur", "partenaire", "Touristes"
    vue.phases["livraison"].value = True
    vue.bouton_ajouter.click()
    assert vue.filtre.options == ("(tous les segments)", "Touristes")
    vue.filtre.value = "Touristes"
    assert "Touristes" in vue.figure.layout.title.text
    vue.liste.value = "Vitrine"
    assert vue.phases["achat"].value and not vue.phases["livraison"].value
    for case in vue.phases.values():
        case.value = True
    vue.bouton_modifier.click()
    assert vue.plan.trous() == [] and "✅" in vue.constats.value
    vue.canevas.bouton.click()
    notes = [n["texte"] for n in json.loads(chemin.read_text(encoding="utf-8"))["notes"] if n["bloc"] == "canaux"]
    assert "Revendeur (partenaire : livraison)" in notes and "Le comptoir et la vitrine" in notes
    vue.liste.value = "Revendeur"
    vue.bouton_retirer.click()
    assert [c.nom for c in vue.plan] == ["Vitrine"] and vue.filtre.value == "(tous les segments)"
