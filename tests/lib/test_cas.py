"""Le cas du site patrimonial (article de G. Meloche) et l'écosystème partenaires × segments."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategie import FichierInvalide, SaisieInvalide
from strategie.canevas import BLOCS, Canevas, exemple
from strategie.cas import Contributeur, ExperiencePartagee, SegmentServi, cas_disponibles, charger_cas
from strategie.coherence import est_coherent, expliquer, paires_liees, verifier


@pytest.fixture(scope="module")
def cas():
    return charger_cas()


# -- the case as told by the source -------------------------------------------------

def test_cas_livre_et_cas_inconnu():
    assert "site-patrimonial" in cas_disponibles()
    with pytest.raises(SaisieInvalide, match="Cas disponibles.*site-patrimonial"):
        charger_cas("parc-inconnu")


def test_faits_de_l_article(cas):
    assert (cas.horizon, cas.duree_plan_directeur, cas.duree_plans_strategiques) == (2029, 10, 3)
    assert cas.source["auteure"] == "Geneviève Meloche" and cas.source["annee_mandat"] == 2018
    assert cas.source["adresse"].startswith("https://genevievemeloche.com/")
    # The article speaks of continuity among the autonomous partners' management, not of leaders changing.
    continuite = [d for d in cas.defis if "continuité" in d]
    assert continuite and not any("changent" in d for d in continuite)
    assert "plan directeur de 10\u00a0ans" in cas.resume()
    assert "paramunicipale" in cas.organisation and "Montréal" in cas.organisation
    assert "indépendants" in cas.enjeu
    themes = {d["theme"] for d in cas.donnees}
    assert themes == {"démographie", "mobilité urbaine", "technologie", "étalonnage"}
    assert any("Ipsos" in d["detail"] for d in cas.donnees)
    assert len(cas.avantages) == 6 and len(cas.defis) == 5
    assert any("uniforme" in a for a in cas.avantages)
    assert any("vigie" in s.lower() for s in cas.suivi)


def test_neuf_elements_un_par_bloc(cas):
    tableau = cas.tableau_elements()
    assert list(tableau.index) == list(range(1, 10))
    assert sorted(tableau["bloc"]) == sorted(BLOCS)


def test_les_partenaires_sont_dits_illustratifs(cas):
    assert "illustratif" in cas.avertissement
    assert "illustratif" in cas.resume()
    assert "illustratif" in cas.canevas().nom


# -- the linked canvas ------------------------------------------------------------------

def test_canevas_du_cas_complet_lie_et_coherent(cas):
    c = cas.canevas()
    assert c.blocs_vides() == []
    assert verifier(c) == [], expliquer(c)


def test_canevas_du_cas_est_une_copie_neuve(cas):
    c = cas.canevas()
    c.retirer("sc-touristes")
    assert "sc-touristes" in {n.id for n in cas.canevas()}


def test_canevas_a_corriger_se_repare_en_remettant_les_liens(cas):
    juste, faux = cas.canevas(), cas.canevas_a_corriger()
    assert not est_coherent(faux)
    ajoutees = {n.id for n in faux} - {n.id for n in juste}
    assert ajoutees and {n.id for n in juste} <= {n.id for n in faux}
    retires = set(paires_liees(juste)) - set(paires_liees(faux))
    assert retires and not set(paires_liees(faux)) - set(paires_liees(juste))
    for a, b in retires:
        faux.lier(a, b)
    for i in ajoutees:
        faux.retirer(i)
    assert verifier(faux) == []


# -- the ecosystem of the case ---------------------------------------------------------

def test_experience_du_cas_rattache_au_canevas(cas):
    eco, c = cas.experience(), cas.canevas()
    assert {p.id for p in eco.partenaires} == {n.id for n in c.notes_du_bloc("partenaires_cles")}
    assert {s.id for s in eco.segments} == {n.id for n in c.notes_du_bloc("segments_clients")}
    assert all(s.promesse for s in eco.segments)
    assert eco.verifier() == []
    assert (eco.couverture()["contributeurs"] >= 2).all()


def test_experience_vide_garde_partenaires_et_segments(cas):
    vide, plein = cas.experience(vide=True), cas.experience()
    assert vide.contributions == {} and plein.contributions
    assert vide.partenaires == plein.partenaires and vide.segments == plein.segments
    regles = {k.regle for k in vide.verifier()}
    assert regles == {"segment_sans_contributeur", "partenaire_sans_contribution"}


def test_tableaux_de_l_experience_concordent(cas):
    eco = cas.experience()
    presence = eco.presence()
    assert presence.shape == (len(eco.partenaires), len(eco.segments))
    assert presence.to_numpy().sum() == len(eco.contributions)
    couverture = eco.couverture()
    assert list(couverture["contributeurs"]) == list(presence.sum(axis=0))
    inter = eco.interdependances()
    assert (inter.to_numpy() == inter.to_numpy().T).all()
    assert list(np.diag(inter.to_numpy())) == list(presence.sum(axis=1))
    # Shared segments counted by hand for one pair.
    p, q = eco.partenaires[0], eco.partenaires[1]
    communs = {s.id for s in eco.segments_servis(p)} & {s.id for s in eco.segments_servis(q)}
    assert inter.loc[p.nom, q.nom] == len(communs)


# -- the ExperiencePartagee model ---------------------------------------------------------------

def petit() -> ExperiencePartagee:
    return ExperiencePartagee(["Transports de la ville", "Café du parc"],
                              [SegmentServi("fam", "Familles", "Une journée simple"), SegmentServi("spo", "Sportifs")])


def test_definir_lire_retirer_avec_noms_tolerants():
    eco = petit()
    eco.definir("transports de la VILLE", "familles", "  Navettes   le dimanche ")
    assert eco.contribution("Transports de la ville", "fam") == "Navettes le dimanche"
    assert [p.nom for p in eco.contributeurs("Familles")] == ["Transports de la ville"]
    assert [s.nom for s in eco.segments_servis("Transports de la ville")] == ["Familles"]
    eco.definir("Transports de la ville", "Familles", "   ")
    assert eco.contribution("Transports de la ville", "Familles") == ""
    eco.definir("Café du parc", "Sportifs", "Eau fraîche")
    eco.retirer("Café du parc", "Sportifs")
    assert eco.contributions == {}


def test_mauvaises_saisies_nomment_le_champ():
    eco = petit()
    with pytest.raises(SaisieInvalide, match="Partenaire inconnu.*Café du parc"):
        eco.definir("Boulangerie", "Familles", "Pain")
    with pytest.raises(SaisieInvalide, match="Segment inconnu.*Familles"):
        eco.definir("Café du parc", "Touristes", "Thé")
    with pytest.raises(SaisieInvalide, match="contribution de « Café du parc » pour « Familles ».*dépasse"):
        eco.definir("Café du parc", "Familles", "x" * 500)
    with pytest.raises(SaisieInvalide, match="texte"):
        eco.definir("Café du parc", "Familles", 3)
    with pytest.raises(SaisieInvalide, match="deux fois"):
        ExperiencePartagee(["Café", "café"], ["Familles"])
    with pytest.raises(SaisieInvalide, match="vide"):
        ExperiencePartagee(["  "], ["Familles"])


def test_constats_de_l_experience():
    eco = petit()
    eco.definir("Café du parc", "Familles", "Goûters")
    constats = {(k.regle, k.notes) for k in eco.verifier()}
    assert constats == {
        ("segment_un_seul_contributeur", ("fam",)),
        ("segment_sans_contributeur", ("spo",)),
        ("partenaire_sans_contribution", ("Transports de la ville",)),
    }
    assert all(k.titre != k.regle for k in eco.verifier())


def test_experience_depuis_un_canevas():
    c = exemple("cafe")
    eco = ExperiencePartagee.depuis_canevas(c)
    assert [p.nom for p in eco.partenaires] == c.textes("partenaires_cles")
    assert [s.id for s in eco.segments] == [n.id for n in c.notes_du_bloc("segments")]
    with pytest.raises(SaisieInvalide, match="Canevas"):
        ExperiencePartagee.depuis_canevas("mon-canevas.json")


def test_enregistrer_charger_et_fichier_abime(tmp_path, cas):
    eco = cas.experience()
    chemin = eco.enregistrer(tmp_path / "eco.json")
    relu = ExperiencePartagee.charger(chemin)
    assert relu.contributions == eco.contributions
    assert relu.partenaires == eco.partenaires and relu.segments == eco.segments
    abime = tmp_path / "abime.json"
    abime.write_text('{"format": "strategie.experience_partagee", "partenaires": [', encoding="utf-8")
    with pytest.raises(FichierInvalide, match="JSON valide"):
        ExperiencePartagee.charger(abime)
    assert abime.read_text(encoding="utf-8").endswith("[")
    etranger = tmp_path / "etranger.json"
    etranger.write_text(json.dumps({"format": "autre"}), encoding="utf-8")
    with pytest.raises(FichierInvalide, match="format"):
        ExperiencePartagee.charger(etranger)
    with pytest.raises(SaisieInvalide, match="dossier"):
        eco.enregistrer(tmp_path)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), st.text(max_size=15)), max_size=20))
def test_matrice_et_aller_retour_pour_toute_saisie(saisies):
    eco = ExperiencePartagee([Contributeur(f"p{i}", f"Partenaire {i}") for i in range(4)],
                             [SegmentServi(f"s{j}", f"Segment {j}") for j in range(3)])
    attendu = {}
    for i, j, texte in saisies:
        eco.definir(f"p{i}", f"s{j}", texte)
        propre = " ".join(texte.split())
        if propre:
            attendu[(f"p{i}", f"s{j}")] = propre
        else:
            attendu.pop((f"p{i}", f"s{j}"), None)
    assert eco.contributions == attendu
    assert int(eco.presence().to_numpy().sum()) == len(attendu)
    assert int(eco.couverture()["contributeurs"].sum()) == len(attendu)
    assert ExperiencePartagee.depuis_dict(eco.vers_dict()).contributions == attendu


# -- figure and view --------------------------------------------------------------------

def test_figure_experience(cas):
    from strategie.figures.coherence import figure_experience

    eco = cas.experience()
    heat = figure_experience(eco).data[0]
    assert list(heat.y) == [p.nom for p in eco.partenaires]
    assert sum(row.count("✓") for row in heat.text) == len(eco.contributions)
    vide = figure_experience(ExperiencePartagee([], []))
    assert any("au moins un partenaire" in a.text for a in vide.layout.annotations)


def test_matrice_experience_vue(tmp_path, cas):
    from strategie.widgets.coherence import MatriceExperience

    vue = MatriceExperience(cas.experience(vide=True), cas.experience(), chemin=tmp_path / "eco.json")
    assert "strategie-coherence-experience" in vue._dom_classes
    champ = vue.champs[("pa-mobilite", "sc-familles")]
    champ.value = "Accès en métro"
    assert vue.experience.contribution("pa-mobilite", "sc-familles") == "Accès en métro"
    assert vue.message.genre == "succes"
    assert vue.figure.data[0].z[[p.id for p in vue.experience.partenaires].index("pa-mobilite")][0] == 1
    assert "Mobilité Métropole" in vue.couverture.value

    champ.value = "y" * 400  # refused: message, the text stays in the box, the model keeps the old text
    assert vue.message.genre == "erreur" and "dépasse" in vue.message.texte
    assert champ.value == "y" * 400
    assert vue.experience.contribution("pa-mobilite", "sc-familles") == "Accès en métro"

    vue.bouton_exemple.value = True
    assert "Navettes" in vue.exemple.value
    assert champ.value == "y" * 400  # the example never overwrites the learner's text

    champ.value = "Accès en métro"
    vue.enregistrer()
    assert (tmp_path / "eco.json").exists()
    vue.champs[("pa-musee", "sc-touristes")].value = "Visites"
    vue.charger()
    assert vue.experience.contribution("pa-musee", "sc-touristes") == ""
    assert vue.champs[("pa-mobilite", "sc-familles")].value == "Accès en métro"


def test_matrice_experience_vide_ne_remplace_le_fichier_qu_apres_confirmation(tmp_path, cas):
    from strategie.widgets.coherence import MatriceExperience

    chemin = tmp_path / "mon-experience.json"
    cas.experience().enregistrer(chemin)
    rempli = chemin.read_bytes()
    vue = MatriceExperience(cas.experience(vide=True), chemin=chemin)
    assert vue.chemin.value == "mon-experience.json" and str(tmp_path) in vue.chemin.dossier_affiche.value
    vue.enregistrer()
    assert chemin.read_bytes() == rempli and vue.confirmation.en_attente
    vue.confirmation.bouton_non.click()
    assert chemin.read_bytes() == rempli
    vue.chemin.value = "11-canevas-complet.ipynb"
    vue.enregistrer()
    assert vue.message.genre == "erreur" and "carnet" in vue.message.texte
    vue.chemin.value = "mon-experience.json"
    vue.enregistrer()
    vue.confirmation.bouton_oui.click()
    assert vue.message.genre == "succes" and chemin.read_bytes() != rempli


def test_matrice_experience_par_defaut():
    from strategie.widgets.coherence import matrice_experience

    vue = matrice_experience()
    assert vue.experience.contributions == {} and vue.reference.contributions
    assert len(vue.champs) == len(vue.experience.partenaires) * len(vue.experience.segments)
