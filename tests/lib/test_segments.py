"""Segments de clients : type de marché, potentiel, priorités, saisies refusées, constructeur interactif."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategie import SaisieInvalide
from strategie.canevas import Canevas, exemple
from strategie.figures.segments import figure_besoins, figure_segments
from strategie.segments import TYPES_DE_MARCHE, Segmentation, similarite
from strategie.widgets.segments import ConstructeurSegments


def _deux(besoins_a, besoins_b):
    s = Segmentation()
    s.ajouter("A", besoins=besoins_a, taille=100, disposition_a_payer=10)
    s.ajouter("B", besoins=besoins_b, taille=100, disposition_a_payer=10)
    return s


# -- market types -----------------------------------------------------------

def test_un_segment_est_de_masse_ou_de_niche_selon_sa_taille():
    s = Segmentation(seuil_masse=10_000)
    s.ajouter("Automobilistes", besoins=["Se déplacer"], taille=10_000, disposition_a_payer=50)
    assert s.type_de_marche().cle == "masse"
    s.modifier("Automobilistes", taille=9_999)
    d = s.type_de_marche()
    assert d.cle == "niche" and "seuil" in d.explication


def test_besoins_proches_donnent_un_marche_segmente():
    s = _deux(["épargner", "conseil", "sécurité"], ["épargner", "conseil", "gestion de fortune"])
    assert similarite(*s.segments) == pytest.approx(2 / 4)
    assert s.type_de_marche().cle == "segmente"


def test_besoins_sans_rapport_donnent_un_marche_diversifie_et_nomment_la_paire():
    s = _deux(["acheter des livres"], ["louer des serveurs", "stocker des données"])
    d = s.type_de_marche()
    assert d.cle == "diversifie"
    assert "« A »" in d.explication and "« B »" in d.explication and "0\u202f%" in d.explication


def test_seuil_de_parente_reglable():
    besoins = (["a", "b", "c"], ["c", "d", "e"])  # 1 shared need out of 5: 20 %
    assert _deux(*besoins).type_de_marche().cle == "diversifie"
    s = Segmentation(seuil_parente=0.2)
    s.ajouter("A", besoins=besoins[0], taille=1, disposition_a_payer=1)
    s.ajouter("B", besoins=besoins[1], taille=1, disposition_a_payer=1)
    assert s.type_de_marche().cle == "segmente"


def test_dependance_entre_segments_donne_une_plateforme_multiface():
    s = Segmentation()
    s.ajouter("Lecteurs", besoins=["s'informer"], taille=50_000, disposition_a_payer=0)
    s.ajouter("Annonceurs", besoins=["toucher des lecteurs"], taille=300, disposition_a_payer=5_000,
              depend_de=["lecteurs"])
    d = s.type_de_marche()
    assert d.cle == "multiface"
    assert "« Annonceurs » a besoin de « Lecteurs »" in d.explication
    # The free side of a platform is not flagged as "nobody pays".
    assert not any("ne paie rien" in a for a in d.alertes)


def test_besoins_identiques_font_un_seul_segment_et_une_alerte():
    s = _deux(["Wifi", "Calme"], ["calme", "wifi"])
    d = s.type_de_marche()
    assert d.cle in ("masse", "niche")
    assert any("mêmes besoins" in a for a in d.alertes)


def test_alertes_segment_trop_large_et_segment_qui_ne_paie_pas():
    s = Segmentation()
    s.ajouter("Tout le monde", besoins=["café"], taille=1_000_000, disposition_a_payer=0)
    alertes = " ".join(s.type_de_marche().alertes)
    assert "ne décrit personne" in alertes and "ne paie rien" in alertes


def test_segmentation_vide_refusee_avec_un_conseil():
    with pytest.raises(SaisieInvalide, match="ajoutez au moins un segment"):
        Segmentation().type_de_marche()


# -- potential and priorities -------------------------------------------------

def test_potentiel_et_priorites_rapportees_a_l_effort():
    s = Segmentation()
    s.ajouter("Grands comptes", besoins=["x"], taille=50, disposition_a_payer=20_000, effort=5)   # 1 000 000
    s.ajouter("PME", besoins=["y"], taille=2_000, disposition_a_payer=300, effort=1)            # 600 000
    table = s.tableau()
    assert list(table["potentiel"]) == [1_000_000, 600_000]
    assert table["part_du_potentiel"].sum() == pytest.approx(100, abs=0.1)
    priorites = s.priorites()
    assert list(priorites["segment"]) == ["PME", "Grands comptes"], "600 000 / 1 passe devant 1 000 000 / 5"
    assert list(priorites["rang"]) == [1, 2]
    assert s.potentiel_total == 1_600_000


def test_matrice_des_besoins():
    s = _deux(["a", "b"], ["B", "c"])
    m = s.matrice_besoins()
    assert list(m.columns) == ["a", "b", "c"]
    assert m.loc["A"].tolist() == [True, True, False]
    assert m.loc["B"].tolist() == [False, True, True]


# -- bad input ----------------------------------------------------------------

@pytest.mark.parametrize("champ, valeur, attendu", [
    ("taille", -3, "taille"),
    ("taille", 0, "taille"),
    ("taille", 2.5, "entier"),
    ("taille", "1000", "nombre"),
    ("disposition_a_payer", -1, "disposition_a_payer"),
    ("disposition_a_payer", float("nan"), "fini"),
    ("effort", 6, "effort"),
    ("besoins", "", "vide"),
    ("besoins", ["wifi", "Wifi"], "deux fois"),
    ("nom", "  ", "vide"),
    ("depend_de", ["Inconnu"], "depend_de"),
])
def test_saisies_refusees_nomment_le_champ(champ, valeur, attendu):
    s = Segmentation()
    champs = dict(nom="Étudiants", besoins=["wifi"], taille=100, disposition_a_payer=10)
    champs[champ] = valeur
    with pytest.raises(SaisieInvalide, match=attendu):
        s.ajouter(**champs)
    assert len(s) == 0


def test_doublon_de_nom_et_dependance_a_soi_refuses():
    s = Segmentation()
    s.ajouter("Étudiants", besoins=["wifi"], taille=100, disposition_a_payer=10)
    with pytest.raises(SaisieInvalide, match="existe déjà"):
        s.ajouter("etudiants", besoins=["calme"], taille=5, disposition_a_payer=1)
    with pytest.raises(SaisieInvalide, match="lui-même"):
        s.modifier("Étudiants", depend_de=["Étudiants"])


def test_modifier_suit_les_renommages_et_un_echec_ne_change_rien():
    s = Segmentation()
    s.ajouter("Conducteurs", besoins=["partager les frais"], taille=10, disposition_a_payer=0)
    s.ajouter("Passagers", besoins=["voyager"], taille=40, disposition_a_payer=100, depend_de="Conducteurs")
    s.modifier("Conducteurs", nom="Chauffeurs")
    assert s.segment("Passagers").depend_de == ("Chauffeurs",)
    avant = s.tableau()
    with pytest.raises(SaisieInvalide):
        s.modifier("Passagers", taille=-1)
    assert s.tableau().equals(avant)
    with pytest.raises(SaisieInvalide, match="inconnu"):
        s.modifier("Passagers", prix=3)
    s.retirer("chauffeurs")
    assert s.segment("Passagers").depend_de == ()


def test_les_segments_vont_dans_le_canevas_sans_doublon():
    s = Segmentation()
    s.ajouter("Étudiants", qui="campus voisin", besoins=["wifi"], taille=100, disposition_a_payer=10)
    c = Canevas("Test")
    assert len(s.ajouter_au_canevas(c)) == 1
    assert s.ajouter_au_canevas(c) == []
    assert c.textes("segments_clients") == ["Étudiants (campus voisin)"]


# -- properties ---------------------------------------------------------------

_besoins = st.lists(st.sampled_from(["wifi", "calme", "prix", "conseil", "rapidité", "sécurité", "choix"]),
                    min_size=1, max_size=5, unique=True)
_segment = st.tuples(_besoins, st.integers(1, 10**7), st.floats(0, 10**5, allow_nan=False), st.integers(1, 5),
                     st.booleans())


@settings(max_examples=60, deadline=None)
@given(st.lists(_segment, min_size=1, max_size=6))
def test_le_diagnostic_ne_plante_jamais_et_reste_coherent(segments):
    s = Segmentation()
    for i, (besoins, taille, prix, effort, depend) in enumerate(segments):
        s.ajouter(f"S{i}", besoins=besoins, taille=taille, disposition_a_payer=prix, effort=effort,
                  depend_de=["S0"] if depend and i > 0 else [])
    d = s.type_de_marche()
    assert d.cle in TYPES_DE_MARCHE and d.libelle == TYPES_DE_MARCHE[d.cle] and d.explication
    assert (d.cle == "multiface") == any(seg.depend_de for seg in s)
    table = s.tableau()
    assert (table["potentiel"] == table["taille"] * table["disposition_a_payer"]).all()
    assert sorted(s.priorites()["segment"]) == sorted(table["segment"])
    for a in s:
        for b in s:
            assert 0 <= similarite(a, b) == similarite(b, a) <= 1


# -- figures --------------------------------------------------------------------

def test_figures_montrent_les_segments_et_leurs_besoins():
    s = _deux(["a", "b"], ["b", "c"])
    fig = figure_segments(s)
    bulles = [t for t in fig.data if t.mode == "markers+text"][0]
    assert list(bulles.text) == ["A", "B"]
    assert "Marché segmenté" in fig.layout.title.text
    heat = figure_besoins(s)
    assert [list(r) for r in heat.data[0].z] == [[1, 1, 0], [0, 1, 1]]
    vide = figure_segments(Segmentation())
    assert "Aucun segment" in vide.layout.annotations[0].text


# -- view -----------------------------------------------------------------------

def _remplir(vue, nom, besoins, taille=100, prix=10.0):
    vue.nom.value, vue.besoins.value, vue.taille.value, vue.disposition.value = nom, besoins, taille, prix
    vue.bouton_ajouter.click()


def test_vue_ajoute_diagnostique_et_dessine(tmp_path):
    vue = ConstructeurSegments(chemin=str(tmp_path / "c.json"))
    _remplir(vue, "Lecteurs", "s'informer", 50_000, 0)
    assert vue.message.genre == "succes" and vue.nom.value == "" and vue.besoins.value == ""
    assert "Marché de niche" in vue.diagnostic.value
    vue.depend_de.value = ("Lecteurs",)
    _remplir(vue, "Annonceurs", "toucher des lecteurs", 300, 5000)
    assert "Plateforme multiface" in vue.diagnostic.value
    assert list(vue.liste.options) == ["Lecteurs", "Annonceurs"]
    assert "Annonceurs" in [t for t in vue.figure.data if t.mode == "markers+text"][0].text
    assert "Annonceurs" in vue.tableau.value
    assert "s&#x27;informer" in vue.aide_besoins.value or "s'informer" in vue.aide_besoins.value


def test_vue_refuse_une_saisie_sans_rien_perdre():
    vue = ConstructeurSegments()
    _remplir(vue, "Familles", "ateliers pour enfants", -5, 20)
    assert vue.message.genre == "erreur" and "taille" in vue.message.texte
    assert (vue.nom.value, vue.besoins.value, vue.taille.value) == ("Familles", "ateliers pour enfants", -5)
    assert len(vue.segmentation) == 0
    vue.taille.value = 400
    vue.bouton_ajouter.click()
    assert vue.message.genre == "succes" and len(vue.segmentation) == 1


def test_vue_selection_modification_retrait():
    s = Segmentation()
    s.ajouter("Étudiants", besoins=["wifi", "calme"], taille=3000, disposition_a_payer=150, effort=2)
    vue = ConstructeurSegments(s)
    vue.bouton_modifier.click()
    assert vue.message.genre == "info"
    vue.liste.value = "Étudiants"
    assert vue.besoins.value == "wifi\ncalme" and vue.effort.value == 2
    vue.taille.value = 200_000
    vue.bouton_modifier.click()
    assert s.segment("Étudiants").taille == 200_000 and "Marché de masse" in vue.diagnostic.value
    vue.liste.value = "Étudiants"
    vue.bouton_retirer.click()
    assert len(s) == 0 and "premier segment" in vue.diagnostic.value


def test_vue_verse_dans_le_canevas_de_l_apprenant(tmp_path):
    chemin = tmp_path / "mon-canevas.json"
    exemple("consultante").enregistrer(chemin)
    vue = ConstructeurSegments(chemin=str(chemin))
    _remplir(vue, "Associations", "comprendre leurs chiffres", 40, 500)
    vue.canevas.bouton.click()
    assert vue.message.genre == "succes"
    vue.canevas.bouton.click()
    assert "déjà présente" in vue.message.texte
    textes = [n["texte"] for n in json.loads(chemin.read_text(encoding="utf-8"))["notes"]]
    assert textes.count("Associations") == 1 and "PME qui veulent piloter par les chiffres" in textes


def test_vue_ne_touche_pas_un_fichier_abime(tmp_path):
    chemin = tmp_path / "mon-canevas.json"
    chemin.write_text("{pas du json", encoding="utf-8")
    vue = ConstructeurSegments(chemin=str(chemin))
    _remplir(vue, "PME", "tableaux de bord")
    vue.canevas.bouton.click()
    assert vue.message.genre == "erreur" and "JSON" in vue.message.texte
    assert chemin.read_text(encoding="utf-8") == "{pas du json"
