"""Tests de l'expérience client : parcours, écarts, ciblage, uniformité, figures et vues."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategie import SaisieInvalide
from strategie.experience import (
    ETAPES,
    ParcoursClient,
    cibles_exemple,
    classer_cibles,
    parcours_exemple,
    perceptions_exemple,
    repartir_ressources,
    selectionner_cibles,
    uniformite,
)

AVANT, PENDANT, APRES = ETAPES


def petit_parcours(**kwargs) -> ParcoursClient:
    return ParcoursClient(
        [
            dict(etape=APRES, point_de_contact="Service après-vente", attendu=7, percu=3, canal="téléphone"),
            dict(etape=AVANT, point_de_contact="Site web", attendu=8, percu=6, canal="web"),
            dict(etape=PENDANT, point_de_contact="Caisse", attendu=6, percu=6.5, canal="magasin"),
            dict(etape=AVANT, point_de_contact="Publicité", attendu=5, percu=7, canal="web"),
            dict(etape=PENDANT, point_de_contact="Conseil en rayon", attendu=8, percu=6, canal="magasin"),
        ],
        **kwargs,
    )


# --- parcours --------------------------------------------------------------------------------


def test_tableau_dans_l_ordre_du_parcours_avec_ecarts_et_statuts():
    t = petit_parcours().tableau()
    assert list(t["point_de_contact"]) == ["Site web", "Publicité", "Caisse", "Conseil en rayon", "Service après-vente"]
    assert list(t["ecart"]) == [-2, 2, 0.5, -2, -4]
    assert list(t["statut"]) == ["déception", "bonne surprise", "bonne surprise", "déception", "déception"]


def test_tolerance_rend_conformes_les_petits_ecarts():
    t = petit_parcours(tolerance=0.5).tableau().set_index("point_de_contact")
    assert t.loc["Caisse", "statut"] == "conforme"
    assert t.loc["Site web", "statut"] == "déception"


def test_pires_points_seulement_les_deceptions_par_ecart_puis_ordre_du_parcours():
    p = petit_parcours()
    assert list(p.pires_points(2)["point_de_contact"]) == ["Service après-vente", "Site web"]
    assert list(p.pires_points(10)["point_de_contact"]) == ["Service après-vente", "Site web", "Conseil en rayon"]
    with pytest.raises(SaisieInvalide, match="entier"):
        p.pires_points(0)


def test_ecarts_indexes_par_point_de_contact():
    e = petit_parcours().ecarts()
    assert e["Caisse"] == 0.5 and e.name == "ecart"


def test_synthese_par_etape():
    s = petit_parcours().synthese_par_etape()
    assert list(s.index) == list(ETAPES)
    assert s.loc[AVANT, "ecart"] == 0 and s.loc[AVANT, "pire_point"] == "Site web"
    assert s.loc[APRES, "nombre"] == 1 and s.loc[APRES, "pire_point"] == "Service après-vente"


def test_passages_de_canal_ou_le_client_doit_etre_reconnu():
    passages = petit_parcours().passages_de_canal()
    assert list(zip(passages["de"], passages["vers"])) == [
        ("Publicité", "Caisse"),
        ("Conseil en rayon", "Service après-vente"),
    ]
    assert list(passages["ecart_arrivee"]) == [0.5, -4]


def test_modifier_renommer_changer_d_etape_retirer():
    p = petit_parcours()
    assert p.modifier_point("caisse", percu=2) == "Caisse"
    assert p.ecarts()["Caisse"] == -4
    assert p.modifier_point("Caisse", point_de_contact="Passage en caisse") == "Passage en caisse"
    p.modifier_point("Site web", etape=PENDANT)
    assert p.points == ["Publicité", "Passage en caisse", "Conseil en rayon", "Site web", "Service après-vente"]
    p.retirer_point("Publicité")
    assert "Publicité" not in p.points


def test_depuis_un_dataframe_et_aller_retour():
    p = petit_parcours()
    depuis_table = ParcoursClient(p.tableau()[["etape", "point_de_contact", "canal", "attendu", "percu"]])
    assert list(depuis_table.ecarts()) == list(p.ecarts())
    assert ParcoursClient.depuis_dict(p.vers_dict()).vers_dict() == p.vers_dict()


@pytest.mark.parametrize(
    "action, attendu",
    [
        (lambda p: p.ajouter_point(AVANT, "Salon", 11, 5), r"attendu de « Salon ».*11.*0–10"),
        (lambda p: p.ajouter_point(AVANT, "Salon", 5, -1), "perçu de « Salon ».*sort de l'échelle"),
        (lambda p: p.ajouter_point(AVANT, "Salon", 5, float("nan")), "manquant"),
        (lambda p: p.ajouter_point(AVANT, "Salon", "bien", 5), "pas un nombre"),
        (lambda p: p.ajouter_point(AVANT, "  ", 5, 5), "nom du point de contact est vide"),
        (lambda p: p.ajouter_point(AVANT, "site WEB", 5, 5), "existe déjà"),
        (lambda p: p.ajouter_point("Pendant la nuit", "Salon", 5, 5), "L'étape « Pendant la nuit ».*Avant l'achat"),
        (lambda p: p.ajouter_point(AVANT, "Salon", 5, 5, canal=3), "canal"),
        (lambda p: p.modifier_point("Caisse", percu=20), "sort de l'échelle"),
        (lambda p: p.modifier_point("Caisse", point_de_contact="site web"), "existe déjà"),
        (lambda p: p.modifier_point("Caisse", note=3), "inconnu"),
        (lambda p: p.modifier_point("Inconnu", percu=3), "n'existe pas.*Site web"),
        (lambda p: p.retirer_point("Inconnu"), "n'existe pas"),
        (lambda p: setattr(p, "tolerance", -1), "tolérance"),
    ],
)
def test_mauvaise_saisie_message_francais_et_parcours_intact(action, attendu):
    p = petit_parcours()
    avant = p.vers_dict()
    with pytest.raises(SaisieInvalide, match=attendu):
        action(p)
    assert p.vers_dict() == avant


@pytest.mark.parametrize(
    "points, attendu",
    [
        (pd.DataFrame({"etape": [AVANT], "point_de_contact": ["Site"], "attendu": [5]}), "colonne.*percu"),
        ([{"etape": AVANT, "point_de_contact": "Site", "attendu": 5}], "incomplet"),
        ([{"etape": AVANT, "point_de_contact": "Site", "attendu": 5, "percu": 5, "note": 1}], "champs inconnus"),
        (["Site"], "doit être un dict"),
    ],
)
def test_construction_invalide(points, attendu):
    with pytest.raises(SaisieInvalide, match=attendu):
        ParcoursClient(points)


def test_etapes_personnalisees():
    p = ParcoursClient(etapes=["Découverte", "Visite", "Souvenir"], echelle=(1, 5))
    p.ajouter_point("visite", "Accueil", 4, 2)
    assert p.tableau().loc[0, "etape"] == "Visite"
    with pytest.raises(SaisieInvalide, match="1–5"):
        p.ajouter_point("Visite", "Boutique", 0, 3)
    with pytest.raises(SaisieInvalide, match="deux fois"):
        ParcoursClient(etapes=["Avant", "avant"])


def test_exemple_du_cours_fictif_et_coherent():
    p = parcours_exemple()
    assert "fictives" in p.nom
    assert list(p.pires_points(1)["point_de_contact"]) == ["Réponse à une réclamation"]
    assert p.tableau()["partenaire"].nunique() >= 3


# --- ciblage ---------------------------------------------------------------------------------


def test_classer_cibles_par_rapport_puis_potentiel():
    cibles = {"A": (100, 10), "B": (40, 2), "C": (200, 20), "D": (10, 5)}
    t = classer_cibles(cibles)
    assert list(t["cible"]) == ["B", "C", "A", "D"]  # B 20, C 10 (bigger potential than A), A 10, D 2
    assert list(t.index) == [1, 2, 3, 4] and t.index.name == "rang"
    assert t.loc[1, "rapport"] == 20


def test_quadrants_selon_les_seuils():
    t = classer_cibles(cibles_exemple(), seuil_potentiel=200, seuil_effort=5).set_index("cible")
    assert t.loc["Festivaliers", "quadrant"] == "prioritaire"
    assert t.loc["Touristes internationaux", "quadrant"] == "chantier"
    assert t.loc["Écoles", "quadrant"] == "opportunite"
    assert t.loc["Coureurs et promeneurs", "quadrant"] == "opportunite"  # effort 5 = threshold, counts as moderate
    t2 = classer_cibles(cibles_exemple(), seuil_potentiel=200, seuil_effort=4).set_index("cible")
    assert t2.loc["Coureurs et promeneurs", "quadrant"] == "ecarter"


def test_formes_d_entree_des_cibles():
    table = cibles_exemple()
    attendu = list(classer_cibles(table)["cible"])
    assert list(classer_cibles(table.set_index("cible"))["cible"]) == attendu
    assert list(classer_cibles(table.to_dict("records"))["cible"]) == attendu
    as_dict = {c: {"potentiel": p, "effort": e} for c, p, e in table.itertuples(index=False)}
    assert list(classer_cibles(as_dict)["cible"]) == attendu


@pytest.mark.parametrize(
    "cibles, attendu",
    [
        ({"A": (10, 0)}, "L'effort pour toucher « A » vaut 0.*strictement positif"),
        ({"A": (-5, 2)}, "potentiel de « A ».*positif"),
        ({"A": (5, float("nan"))}, "pas un nombre"),
        ({"A": (5, 2), "a ": (3, 1)}, "deux fois"),
        ({"": (5, 2)}, "vide"),
        ({"A": 5}, r"\(potentiel, effort\)"),
        (pd.DataFrame({"cible": ["A"], "potentiel": [3]}), "colonne.*effort"),
        ({}, "Aucune cible"),
    ],
)
def test_ciblage_mauvaise_saisie(cibles, attendu):
    with pytest.raises(SaisieInvalide, match=attendu):
        classer_cibles(cibles)


def test_classer_ne_modifie_pas_le_tableau_donne():
    table = cibles_exemple()
    copie = table.copy()
    classer_cibles(table)
    pd.testing.assert_frame_equal(table, copie)


def test_selectionner_cibles_dans_le_budget():
    t = selectionner_cibles({"A": (100, 5), "B": (90, 5), "C": (10, 1)}, budget_effort=7)
    assert list(t["cible"]) == ["A", "B", "C"]
    assert list(t["retenue"]) == [True, False, True]  # B does not fit any more, C still does
    assert list(t["effort_cumule"]) == [5, 5, 6]
    with pytest.raises(SaisieInvalide, match="budget"):
        selectionner_cibles({"A": (1, 1)}, 0)


# --- uniformité entre partenaires, ressources ------------------------------------------------


def test_uniformite_par_segment():
    u = uniformite(perceptions_exemple())
    assert not u.loc["Familles", "uniforme"]
    assert u.loc["Familles", "partenaire_le_plus_faible"] == "Concession de restauration"
    assert u.loc["Familles", "etendue"] == 4
    assert u.loc["Promeneurs", "minimum"] == 6  # the empty cell is ignored
    assert bool(u.loc["Promeneurs", "uniforme"])
    u_dict = uniformite({"Seg": {"P1": 5, "P2": 8}}, seuil=3)
    assert bool(u_dict.loc["Seg", "uniforme"])
    with pytest.raises(SaisieInvalide, match="« Seg » chez « P2 ».*sort de l'échelle"):
        uniformite({"Seg": {"P1": 5, "P2": 12}})


def test_repartir_ressources():
    r = repartir_ressources({"A": 100, "B": 300, "C": 0}, 1000, plancher=100)
    assert r.to_dict() == {"A": 275, "B": 625, "C": 100}
    with pytest.raises(SaisieInvalide, match="plancher"):
        repartir_ressources({"A": 1, "B": 1}, 100, plancher=60)
    with pytest.raises(SaisieInvalide, match="nulles"):
        repartir_ressources({"A": 0}, 100)


# --- propriétés ------------------------------------------------------------------------------

scores = st.integers(min_value=0, max_value=20).map(lambda x: x / 2)


@st.composite
def parcours_aleatoire(draw):
    n = draw(st.integers(min_value=1, max_value=10))
    points = [
        dict(etape=draw(st.sampled_from(ETAPES)), point_de_contact=f"Point {i}", attendu=draw(scores), percu=draw(scores))
        for i in range(n)
    ]
    return ParcoursClient(points), points


@given(parcours_aleatoire(), st.integers(min_value=1, max_value=12))
@settings(max_examples=80, deadline=None)
def test_propriete_ecarts_et_pires_points(donnees, n):
    parcours, points = donnees
    ecarts = parcours.ecarts()
    for point in points:
        assert ecarts[point["point_de_contact"]] == point["percu"] - point["attendu"]
    pires = parcours.pires_points(n)
    decus = [p for p in points if p["percu"] < p["attendu"]]
    assert len(pires) == min(n, len(decus))
    assert (pires["ecart"] < 0).all()
    assert pires["ecart"].is_monotonic_increasing
    if len(pires):  # nothing left out is worse than the last one kept
        gardes = set(pires["point_de_contact"])
        assert all(ecarts[p["point_de_contact"]] >= pires["ecart"].iloc[-1] for p in decus if p["point_de_contact"] not in gardes)
    rangs = [ETAPES.index(e) for e in parcours.tableau()["etape"]]
    assert rangs == sorted(rangs)


@st.composite
def cibles_aleatoires(draw):
    n = draw(st.integers(min_value=1, max_value=8))
    return {
        f"Cible {i}": (draw(st.integers(min_value=0, max_value=500)), draw(st.integers(min_value=1, max_value=10)))
        for i in range(n)
    }


@given(cibles_aleatoires(), st.integers(min_value=1, max_value=50), st.randoms())
@settings(max_examples=80, deadline=None)
def test_propriete_classement(cibles, facteur, hasard):
    t = classer_cibles(cibles)
    assert sorted(t["cible"]) == sorted(cibles)
    assert t["rapport"].is_monotonic_decreasing
    # Changing the unit of the potential (×facteur) changes no rank.
    mis_a_l_echelle = {c: (p * facteur, e) for c, (p, e) in cibles.items()}
    assert list(classer_cibles(mis_a_l_echelle)["cible"]) == list(t["cible"])
    # The order in which targets are given does not matter when ratio and potential differ.
    cles = list(cibles)
    hasard.shuffle(cles)
    melange = classer_cibles({c: cibles[c] for c in cles})
    cle = list(zip(t["rapport"], t["potentiel"]))
    if len(set(cle)) == len(cle):
        assert list(melange["cible"]) == list(t["cible"])


@given(cibles_aleatoires(), st.integers(min_value=1, max_value=40))
@settings(max_examples=60, deadline=None)
def test_propriete_selection_tient_dans_le_budget(cibles, budget):
    t = selectionner_cibles(cibles, budget)
    assert t.loc[t["retenue"], "effort"].sum() <= budget
    # A target left out really did not fit in what remained at its turn.
    for rang, ligne in t.iterrows():
        if not ligne["retenue"]:
            deja = t.loc[: rang - 1]
            assert deja.loc[deja["retenue"], "effort"].sum() + ligne["effort"] > budget


@given(st.dictionaries(st.text(min_size=1, max_size=5), st.integers(min_value=0, max_value=1000), min_size=1, max_size=8),
       st.integers(min_value=1, max_value=10_000))
@settings(max_examples=60, deadline=None)
def test_propriete_repartition(valeurs, budget):
    if sum(valeurs.values()) == 0:
        with pytest.raises(SaisieInvalide):
            repartir_ressources(valeurs, budget)
        return
    r = repartir_ressources(valeurs, budget)
    assert r.sum() == pytest.approx(budget)
    ordre = sorted(valeurs, key=valeurs.get)
    assert list(r[ordre]) == sorted(r[ordre])  # more value, more resources


# --- figures ---------------------------------------------------------------------------------


def test_figure_parcours_montre_attendu_percu_et_pires_points():
    from strategie.figures.experience import COULEURS_STATUTS, figure_parcours

    p = petit_parcours()
    fig = figure_parcours(p, n_pires=2)
    attendu, percu = fig.data
    assert list(attendu.y) == list(p.tableau()["attendu"]) and list(percu.y) == list(p.tableau()["percu"])
    assert list(fig.layout.xaxis.ticktext) == p.points
    assert percu.marker.color[-1] == COULEURS_STATUTS["déception"]
    textes = [a.text for a in fig.layout.annotations]
    assert sum("⚠" in t for t in textes) == 2
    assert {"<b>Avant l'achat</b>", "<b>Pendant l'achat</b>", "<b>Après l'achat</b>"} <= set(textes)
    gaps = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(gaps) == 5  # every gap is drawn (no point is exactly on its promise)
    vide = figure_parcours(ParcoursClient())
    assert len(vide.data) == 0


def test_figure_ecarts_et_ciblage_et_uniformite():
    from strategie.figures.experience import figure_ciblage, figure_ecarts, figure_uniformite

    fig = figure_ecarts(petit_parcours())
    assert list(fig.data[0].y)[0] == "Publicité" and list(fig.data[0].x)[-1] == -4
    fig = figure_ciblage(cibles_exemple())
    points = {texte for t in fig.data for texte in t.text}
    assert "1. Festivaliers" in points and len(points) == 6
    fig = figure_uniformite(perceptions_exemple())
    assert "Familles ⚠" in fig.data[0].y
    with pytest.raises(SaisieInvalide):
        figure_ecarts(pd.DataFrame())


# --- vues ------------------------------------------------------------------------------------


def test_vue_carte_parcours_saisie_valide_et_invalide():
    from strategie.widgets.experience import CarteParcours

    vue = CarteParcours(petit_parcours())
    assert "strategie-experience" in vue._dom_classes
    ligne = vue.lignes[0]
    assert ligne.nom == "Site web" and "−2" in ligne.ecart.value
    ligne.percu.value = 12
    assert vue.message.genre == "erreur" and "sort de l'échelle" in vue.message.texte
    assert ligne.percu.value == 12  # the typed value stays in the field
    assert vue.parcours.ecarts()["Site web"] == -2  # the model keeps its last valid version
    ligne.percu.value = 1
    assert vue.message.texte == "" and vue.parcours.ecarts()["Site web"] == -7
    assert "Site web" in vue.pires.value and vue.figure.data[1].y[0] == 1
    assert vue.figure.affichee["data"][1]["y"][0] == 1  # the figure sent to the browser, not only the model
    assert vue.figure.affichee["layout"]["title"]["text"] == vue.figure.layout.title.text
    ligne.point.value = "Caisse"
    assert "existe déjà" in vue.message.texte
    ligne.point.value = "Site marchand"
    assert vue.parcours.points[0] == "Site marchand" and ligne.nom == "Site marchand"


def test_vue_ciblage_la_figure_montree_suit_les_saisies():
    from strategie.widgets.experience import GraphiqueCiblage

    def potentiels_montres():
        return sorted(y for trace in vue.figure.affichee["data"] for y in trace["y"])

    vue = GraphiqueCiblage({"B": (10, 5), "A": (30, 2)})
    assert potentiels_montres() == [10, 30]
    vue.lignes[0].potentiel.value = 50
    assert potentiels_montres() == [30, 50], "la figure montrée suit le potentiel saisi"
    vue.lignes[0].potentiel.value = -1  # refused: the figure keeps the last valid targets
    assert vue.message.genre == "erreur" and potentiels_montres() == [30, 50]


def test_vue_carte_parcours_ajout_retrait_changement_d_etape_sans_perte():
    from strategie.widgets.experience import CarteParcours

    vue = CarteParcours(petit_parcours())
    vue.lignes[1].attendu.value = -3  # an invalid entry waiting to be corrected
    vue.bouton_ajouter.click()
    assert "Nouveau point 1" in vue.parcours.points and len(vue.lignes) == 6
    assert vue.lignes[1].attendu.value == -3  # still there
    vue.lignes[0].etape.value = APRES
    assert vue.parcours.points[-1] == "Site web" and vue.lignes[-1].nom == "Site web"
    ligne = next(l for l in vue.lignes if l.nom == "Caisse")
    ligne.retirer.click()
    assert "Caisse" not in vue.parcours.points and ligne not in vue.lignes


def test_vue_ciblage():
    from strategie.widgets.experience import GraphiqueCiblage

    vue = GraphiqueCiblage(budget=10)
    assert "strategie-ciblage" in vue._dom_classes
    assert "1</td><td>Festivaliers" in vue.classement.value and "<td>oui</td>" in vue.classement.value
    vue.lignes[0].effort.value = 0
    assert vue.message.genre == "erreur" and "strictement positif" in vue.message.texte
    assert vue.cibles.loc[0, "effort"] == 3 and vue.lignes[0].effort.value == 0
    vue.lignes[0].effort.value = 1
    assert vue.classer().iloc[0]["cible"] == "Familles des quartiers voisins"
    assert "1</td><td>Familles" in vue.classement.value
    vue.bouton_ajouter.click()
    assert len(vue.cibles) == 7 and len(vue.lignes) == 7
    vue.lignes[-1].retirer.click()
    assert len(vue.cibles) == 6
    vue.budget.value = -2
    assert vue.message.genre == "erreur" and "négatif" in vue.message.texte
    with pytest.raises(SaisieInvalide):
        GraphiqueCiblage({"A": (1, 0)})
    depuis_dict = GraphiqueCiblage({"B": (10, 5), "A": (30, 2)})
    assert [l.cible.value for l in depuis_dict.lignes] == ["B", "A"]  # input order kept in the editor
    assert list(depuis_dict.classer()["cible"]) == ["A", "B"]
