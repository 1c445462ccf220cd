"""Cohérence d'un canevas : règles, explications, robustesse (hypothesis), figures et vues."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategie import SaisieInvalide
from strategie.canevas import BLOCS, Canevas, exemple
from strategie.coherence import (
    BESOINS_DU_SEGMENT, COTE_DROIT, REGLES, Constat, constats_par_note, est_coherent, expliquer, matrice_segments,
    paires_liees, rapport, regles_violees, resume, verifier,
)


def complet(vue: str = "organisation") -> tuple[Canevas, dict[str, str]]:
    """Le plus petit canevas cohérent : une note par bloc, liée comme il faut."""
    c = Canevas("Atelier de vélos", vue)
    ids = {}
    ids["seg"] = c.ajouter("segments", "Cyclistes du quotidien").id
    ids["pv"] = c.ajouter("proposition", "Réparation en une heure", [ids["seg"]]).id
    ids["canal"] = c.ajouter("canaux", "Boutique de quartier", [ids["seg"]]).id
    ids["rel"] = c.ajouter("relation", "Conseil personnel au comptoir", [ids["seg"]]).id
    ids["rev"] = c.ajouter("revenus", "Prix par réparation", [ids["seg"]]).id
    ids["act"] = c.ajouter("activites", "Réparer les vélos", [ids["pv"]]).id
    ids["res"] = c.ajouter("ressources", "Mécaniciens formés", [ids["act"]]).id
    ids["par"] = c.ajouter("partenaires", "Grossiste en pièces", [ids["res"]]).id
    ids["cout"] = c.ajouter("couts", "Salaires des mécaniciens", [ids["res"]]).id
    return c, ids


def cles(constats: list[Constat]) -> set[tuple[str, tuple[str, ...]]]:
    return {(k.regle, k.notes) for k in constats}


# -- rules, one at a time -----------------------------------------------------------

def test_canevas_complet_et_lie_est_coherent():
    c, _ = complet()
    assert verifier(c) == []
    assert est_coherent(c)
    assert expliquer(c).startswith("✅")


@pytest.mark.parametrize("besoin, regle", [
    ("pv", "segment_sans_proposition"), ("canal", "segment_sans_canal"),
    ("rel", "segment_sans_relation"), ("rev", "segment_sans_revenu"),
])
def test_chaque_besoin_du_segment_manquant_est_signale(besoin, regle):
    c, ids = complet()
    c.delier(ids[besoin], ids["seg"])
    constats = verifier(c)
    assert (regle, (ids["seg"],)) in cles(constats)
    k = next(k for k in constats if k.regle == regle)
    assert "Cyclistes du quotidien" in k.explication
    assert k.a_faire and k.titre == REGLES[regle].titre


def test_proposition_sans_segment():
    c, ids = complet()
    autre = c.ajouter("proposition", "Location de vélos cargo", [ids["act"]]).id
    assert cles(verifier(c)) == {("proposition_sans_segment", (autre,))}


def test_activite_servie_par_une_chaine_du_cote_gauche():
    c, ids = complet()
    # Resource → partner → proposition: the resource reaches the value side through the partner.
    c.delier(ids["res"], ids["act"])
    c.lier(ids["res"], ids["par"])
    c.lier(ids["par"], ids["pv"])
    assert verifier(c) == []


def test_un_cout_ne_sert_pas_de_relais_vers_le_cote_valeur():
    c, ids = complet()
    blogue = c.ajouter("activites", "Tenir un blogue", [ids["cout"]]).id
    assert ("activite_sans_cible", (blogue,)) in cles(verifier(c))


def test_ressource_sans_cible():
    c, ids = complet()
    local = c.ajouter("ressources", "Un local en banlieue", [ids["cout"]]).id
    assert cles(verifier(c)) == {("ressource_sans_cible", (local,))}


def test_cout_sans_origine_meme_lie_a_un_revenu():
    c, ids = complet()
    frais = c.ajouter("couts", "Frais bancaires", [ids["rev"]]).id
    assert cles(verifier(c)) == {("cout_sans_origine", (frais,))}


def test_note_orpheline_seulement_hors_des_blocs_qui_ont_leur_regle():
    c, ids = complet()
    canal = c.ajouter("canaux", "Affiches dans le métro").id
    cout = c.ajouter("couts", "Assurance").id
    constats = cles(verifier(c))
    assert ("note_orpheline", (canal,)) in constats
    assert ("cout_sans_origine", (cout,)) in constats
    assert ("note_orpheline", (cout,)) not in constats


def test_canevas_vide_neuf_blocs_vides():
    constats = verifier(Canevas("Rien encore"))
    assert [k.regle for k in constats] == ["bloc_vide"] * 9
    assert all(k.notes == () for k in constats)


def test_lien_casse_devient_un_constat_pas_une_erreur():
    c, ids = complet()
    c.note(ids["par"]).liens.append("n999")
    constats = verifier(c)
    assert cles(constats) == {("lien_casse", (ids["par"],))}
    assert "n999" in constats[0].explication


def test_vue_personnelle_emploie_les_intitules_personnels():
    c, ids = complet("personnel")
    c.delier(ids["rev"], ids["seg"])
    k = verifier(c)[0]
    assert "« Revenus »" in k.explication
    c.vue = "organisation"
    assert "« Flux de revenus »" in verifier(c)[0].explication


def test_filtre_par_regles_et_mauvaises_saisies():
    c, ids = complet()
    c.delier(ids["canal"], ids["seg"])
    c.delier(ids["rev"], ids["seg"])
    assert {k.regle for k in verifier(c, regles=["segment_sans_canal"])} == {"segment_sans_canal"}
    assert verifier(c, regles="segment_sans_proposition") == []
    with pytest.raises(SaisieInvalide, match="Règle inconnue.*regles"):
        verifier(c, regles=["segment_sans_chat"])
    with pytest.raises(SaisieInvalide, match="Canevas"):
        verifier({"notes": []})


def test_cafe_du_cours_devient_coherent_une_fois_lie():
    c = exemple("cafe")
    assert not est_coherent(c)
    ids = {n.texte: n.id for n in c}
    pv_etudiants = ids["Un lieu calme avec wifi et café à prix étudiant"]
    pv_ateliers = ids["Ateliers lecture pour enfants"]
    for a, b in [
        ("Préparer les boissons", pv_etudiants), ("Animer les ateliers", pv_ateliers),
        ("Local bien situé", pv_etudiants), ("Fonds de livres d'occasion", pv_ateliers),
        ("Torréfacteur local", "Préparer les boissons"), ("Bibliothèque municipale", "Animer les ateliers"),
        ("Loyer", "Local bien situé"), ("Salaires", "Préparer les boissons"),
    ]:
        c.lier(ids[a], ids.get(b, b))
    assert verifier(c) == [], expliquer(c)


def test_rapport_resume_et_matrice_disent_la_meme_chose():
    c, ids = complet()
    c.delier(ids["canal"], ids["seg"])
    c.ajouter("segments", "Livreurs à vélo")
    tableau = rapport(c)
    assert list(tableau.columns) == ["regle", "titre", "notes", "textes", "explication", "a_faire"]
    assert len(tableau) == len(verifier(c))
    compte = resume(c)["constats"]
    assert set(compte.index) == set(REGLES)
    assert compte.sum() == len(tableau)
    matrice = matrice_segments(c)
    assert list(matrice.columns) == list(BESOINS_DU_SEGMENT)
    assert matrice.loc["Livreurs à vélo"].sum() == 0
    assert matrice.loc["Cyclistes du quotidien", "canaux"] == 0
    assert matrice.loc["Cyclistes du quotidien", "proposition_de_valeur"] == 1
    assert regles_violees(c) == set(tableau["regle"])
    assert set(constats_par_note(c)) == {i for k in verifier(c) for i in k.notes}


# -- properties: the checks hold for any canvas ---------------------------------------

CLES = list(BLOCS)


@st.composite
def canevas_quelconques(draw, abimer: bool = True):
    c = Canevas(draw(st.sampled_from(["Un canevas", "Autre"])), draw(st.sampled_from(["organisation", "personnel"])))
    for cle, texte in draw(st.lists(st.tuples(st.sampled_from(CLES), st.text(min_size=1, max_size=12)), max_size=25)):
        try:
            c.ajouter(cle, texte)
        except SaisieInvalide:
            pass
    ids = [n.id for n in c]
    if len(ids) >= 2:
        for a, b in draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=40)):
            if a != b:
                c.lier(a, b)
    if abimer and ids:
        # What a careless hand could do to the notes: the checks must still answer.
        for _ in range(draw(st.integers(0, 3))):
            note = c.note(draw(st.sampled_from(ids)))
            degat = draw(st.sampled_from(["lien_inconnu", "soi", "bloc", "liens", "texte"]))
            if degat == "lien_inconnu" and isinstance(note.liens, list):
                note.liens.append(draw(st.text(max_size=4)))
            elif degat == "soi" and isinstance(note.liens, list):
                note.liens.append(note.id)
            elif degat == "bloc":
                note.bloc = draw(st.sampled_from(["météo", "", "segments"]))
            elif degat == "liens":
                note.liens = draw(st.sampled_from([None, "n1", 3]))
            else:
                note.texte = draw(st.sampled_from([None, 12, ""]))
    return c


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(canevas_quelconques())
def test_les_verifications_ne_plantent_jamais(c):
    constats = verifier(c)
    ids = {n.id for n in c}
    for k in constats:
        assert k.regle in REGLES
        assert set(k.notes) <= ids
        assert k.explication and k.a_faire
    assert isinstance(expliquer(c), str)
    assert len(rapport(c)) == len(constats)
    matrice_segments(c)
    paires_liees(c)


@settings(max_examples=150, deadline=None)
@given(canevas_quelconques(abimer=False))
def test_regles_des_segments_suivent_les_liens(c):
    """Oracle indépendant : un segment manque d'un bloc si et seulement si aucun voisin n'est de ce bloc."""
    voisins = {n.id: set(n.liens) for n in c}
    for n in c:
        for cible in n.liens:
            voisins[cible].add(n.id)
    constats = cles(verifier(c))
    codes = dict(zip(BESOINS_DU_SEGMENT, ["segment_sans_proposition", "segment_sans_canal",
                                          "segment_sans_relation", "segment_sans_revenu"]))
    for seg in c.notes_du_bloc("segments"):
        blocs_voisins = {c.note(v).bloc for v in voisins[seg.id]}
        for besoin, code in codes.items():
            assert ((code, (seg.id,)) in constats) == (besoin not in blocs_voisins)
    for pv in c.notes_du_bloc("proposition"):
        sans = "segments_clients" not in {c.note(v).bloc for v in voisins[pv.id]}
        assert (("proposition_sans_segment", (pv.id,)) in constats) == sans


@settings(max_examples=100, deadline=None)
@given(canevas_quelconques(abimer=False), st.data())
def test_ajouter_un_lien_ne_cree_jamais_de_constat(c, data):
    ids = [n.id for n in c]
    if len(ids) < 2:
        return
    a, b = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))
    if a == b:
        return
    avant = cles(verifier(c))
    c.lier(a, b)
    assert cles(verifier(c)) <= avant


@settings(max_examples=60, deadline=None)
@given(canevas_quelconques(abimer=False))
def test_memes_constats_apres_enregistrement_et_relecture(c):
    relu = Canevas.depuis_dict(c.vers_dict())
    assert cles(verifier(relu)) == cles(verifier(c))


def test_tableau_des_regles_decrit_chaque_regle():
    from strategie.coherence import tableau_des_regles

    tableau = tableau_des_regles()
    assert list(tableau.index) == list(REGLES)
    assert tableau["pourquoi"].str.len().min() > 20


def test_cote_droit_et_besoins_sont_des_blocs():
    assert set(COTE_DROIT) <= set(BLOCS) and set(BESOINS_DU_SEGMENT) <= set(COTE_DROIT)


# -- figures --------------------------------------------------------------------------

def test_figure_liens_colore_les_notes_a_revoir():
    from strategie.figures.coherence import figure_liens

    c, ids = complet()
    c.delier(ids["canal"], ids["seg"])
    fig = figure_liens(c)
    traces = {t.name: t for t in fig.data}
    a_revoir = traces["Note à revoir"]
    assert len(a_revoir.x) == len(constats_par_note(c))
    assert len(traces["Note sans constat"].x) == len(c) - len(a_revoir.x)
    # One segment of line per valid link (three points: start, end, gap).
    assert len(traces["Lien"].x) == 3 * len(paires_liees(c))


def test_figure_matrice_segments_marque_les_manques():
    from strategie.figures.coherence import figure_matrice_segments

    c, ids = complet()
    c.delier(ids["rel"], ids["seg"])
    heat = figure_matrice_segments(c).data[0]
    assert heat.text[0][list(BESOINS_DU_SEGMENT).index("relation_client")] == "manque"
    assert sum(row.count("manque") for row in heat.text) == 1
    vide = figure_matrice_segments(Canevas("Vide"))
    assert any("Aucun segment" in a.text for a in vide.layout.annotations)


# -- views ----------------------------------------------------------------------------

def test_verificateur_suit_les_changements_de_l_editeur(tmp_path):
    from strategie.widgets.coherence import VerificateurCanevas

    c, ids = complet()
    livreurs = c.ajouter("segments", "Livreurs à vélo", [ids["pv"], ids["rel"], ids["rev"]]).id
    vue = VerificateurCanevas(c, chemin=tmp_path / "c.json")
    assert "strategie-coherence" in vue._dom_classes
    assert [k.regle for k in vue.constats] == ["segment_sans_canal"]
    assert "Livreurs à vélo" in vue.rapport.value and livreurs in vue.rapport.value
    assert "manque" in str(vue.figure.data[0].text)

    vue.editeur.lier(ids["canal"], livreurs)
    assert vue.constats == []
    assert "Canevas cohérent" in vue.bilan.value
    assert "manque" not in str(vue.figure.data[0].text)

    vue.editeur.ajouter("canaux", "Affiches")
    assert [k.regle for k in vue.constats] == ["note_orpheline"]

    # A refused note: the editor says why, the typed text stays, the report is unchanged.
    panneau = vue.editeur.panneaux["canaux"]
    panneau.saisie.value = "Affiches"
    vue.editeur.ajouter("canaux", panneau.saisie.value)
    assert vue.editeur.message.genre == "erreur"
    assert panneau.saisie.value == "Affiches"
    assert [k.regle for k in vue.constats] == ["note_orpheline"]

    vue.editeur.vue.value = "personnel"
    assert "Revenus" in vue.figure.data[0].x and "Flux de revenus" not in vue.figure.data[0].x
    assert "Affiches" in vue.rapport.value


def test_verificateur_sur_un_fichier_abime_ne_plante_pas(tmp_path):
    from strategie.widgets.coherence import verificateur_canevas

    chemin = tmp_path / "mon-canevas.json"
    chemin.write_text("{pas du json", encoding="utf-8")
    vue = verificateur_canevas(chemin=chemin)
    assert vue.editeur.message.genre == "erreur"
    assert [k.regle for k in vue.constats] == ["bloc_vide"] * 9
    assert chemin.read_text(encoding="utf-8") == "{pas du json"
