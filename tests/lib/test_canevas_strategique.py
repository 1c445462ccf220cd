"""Tests du canevas stratégique : modèle, grille ERRC, mesures, exemples, figures et vue."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import strategie
from strategie import SaisieInvalide
from strategie.canevas_strategique import (
    EXEMPLES,
    CanevasStrategique,
    exemple,
    exemple_actuelle,
    focalisation,
    grille_errc,
    grille_publiee,
)


def petit_canevas() -> CanevasStrategique:
    return CanevasStrategique(
        ["Prix", "Service", "Choix"],
        {"Concurrent A": [7, 4, 8], "Concurrent B": [6, 5, 7], "Nous": [3, 9, 2]},
        focale="Nous",
    )


# --- modèle ----------------------------------------------------------------------------------


def test_modele_lit_les_niveaux_dans_l_ordre_des_facteurs():
    c = petit_canevas()
    assert c.facteurs == ["Prix", "Service", "Choix"]
    assert c.offres == ["Concurrent A", "Concurrent B", "Nous"]
    assert list(c.courbe("Nous")) == [3, 9, 2]
    assert c.tableau().loc["Service", "Concurrent B"] == 5
    assert c.concurrents() == ["Concurrent A", "Concurrent B"]
    assert list(c.courbe_moyenne()) == [6.5, 4.5, 7.5]


def test_focale_par_defaut_est_la_derniere_offre():
    c = CanevasStrategique(["Prix"], {"A": [1], "B": [2]})
    assert c.focale == "B"
    c.retirer_offre("B")
    assert c.focale == "A"


def test_niveaux_en_dict_et_noms_sans_distinction_de_casse():
    c = petit_canevas()
    c.ajouter_offre("Nouvel entrant", {"prix": 5, "SERVICE": 5, " choix ": 5})
    assert list(c.courbe("nouvel entrant")) == [5, 5, 5]
    c.fixer_niveau("nous", "service", "7,5")  # a French decimal typed as text is accepted
    assert c.niveau("Nous", "Service") == 7.5


def test_ajouter_facteur_met_les_offres_au_bas_de_l_echelle_sauf_indication():
    c = petit_canevas()
    nom = c.ajouter_facteur("  Club   de lecture ", {"Nous": 8})
    assert nom == "Club de lecture"
    assert c.facteurs[-1] == "Club de lecture"
    assert c.niveau("Nous", "Club de lecture") == 8
    assert c.niveau("Concurrent A", "Club de lecture") == 0
    c.ajouter_facteur("Délai", position=0)
    assert c.facteurs[0] == "Délai"
    assert len(c.courbe("Concurrent B")) == 5


def test_retirer_et_renommer_un_facteur():
    c = petit_canevas()
    c.retirer_facteur("Service")
    assert c.facteurs == ["Prix", "Choix"]
    assert list(c.courbe("Nous")) == [3, 2]
    c.renommer_facteur("choix", "Largeur du choix")
    assert c.facteurs == ["Prix", "Largeur du choix"]
    with pytest.raises(SaisieInvalide, match="existe déjà"):
        c.renommer_facteur("Prix", "largeur du CHOIX")


def test_aller_retour_par_dict():
    c = exemple("cirque-du-soleil")
    copie = CanevasStrategique.depuis_dict(c.vers_dict())
    assert copie.vers_dict() == c.vers_dict()
    copie.fixer_niveau("Cirque du Soleil", "Prix", 1)
    assert c.niveau("Cirque du Soleil", "Prix") == 9  # the copy is independent


def test_enregistrer_charger_ouvrir(tmp_path):
    from strategie.canevas_strategique import ouvrir

    c = exemple("southwest")
    chemin = c.enregistrer(tmp_path / "mon-canevas-strategique.json")
    assert CanevasStrategique.charger(chemin).vers_dict() == c.vers_dict()
    assert ouvrir(chemin).slogan == c.slogan
    assert ouvrir(tmp_path / "absent.json").facteurs == []
    with pytest.raises(SaisieInvalide, match="dossier"):
        c.enregistrer(tmp_path)
    with pytest.raises(SaisieInvalide, match="n'existe pas"):
        c.enregistrer(tmp_path / "pas-de-dossier" / "x.json")


@pytest.mark.parametrize(
    "contenu, attendu",
    [
        ("{pas du json", "pas du JSON valide"),
        ('{"format": "strategie.canevas", "facteurs": []}', "doit valoir « strategie.canevas_strategique »"),
        ('{"format": "strategie.canevas_strategique", "version": 99, "facteurs": []}', "plus récente"),
        ('{"format": "strategie.canevas_strategique", "version": 1, "facteurs": ["Prix"], "offres": {"A": [42]}}',
         "abîmé.*sort de l'échelle"),
        ('{"format": "strategie.canevas_strategique", "version": 1}', "abîmé.*facteurs"),
        ('[1, 2]', "ne sont pas un canevas stratégique"),
    ],
)
def test_fichier_abime_message_clair_et_fichier_intact(tmp_path, contenu, attendu):
    from strategie import FichierInvalide

    chemin = tmp_path / "abime.json"
    chemin.write_text(contenu, encoding="utf-8")
    with pytest.raises(FichierInvalide, match=attendu):
        CanevasStrategique.charger(chemin)
    assert chemin.read_text(encoding="utf-8") == contenu


# --- mauvaise saisie : message clair, rien n'est modifié --------------------------------------


@pytest.mark.parametrize(
    "action, attendu",
    [
        (lambda c: c.fixer_niveau("Nous", "Prix", 12), r"« Prix ».*12.*0–10"),
        (lambda c: c.fixer_niveau("Nous", "Prix", -1), "sort de l'échelle"),
        (lambda c: c.fixer_niveau("Nous", "Prix", float("nan")), "manquant"),
        (lambda c: c.fixer_niveau("Nous", "Prix", "beaucoup"), "pas un nombre"),
        (lambda c: c.fixer_niveau("Nous", "Prix", True), "pas un nombre"),
        (lambda c: c.fixer_niveau("Eux", "Prix", 5), "L'offre « Eux » n'existe pas.*Concurrent A"),
        (lambda c: c.fixer_niveau("Nous", "Qualité", 5), "Le facteur « Qualité » n'existe pas.*Prix"),
        (lambda c: c.ajouter_facteur("   "), "nom du facteur est vide"),
        (lambda c: c.ajouter_facteur(""), "nom du facteur est vide"),
        (lambda c: c.ajouter_facteur("PRIX"), "existe déjà"),
        (lambda c: c.ajouter_facteur(42), "doit être un texte"),
        (lambda c: c.ajouter_facteur("x" * 80), "raccourcissez"),
        (lambda c: c.ajouter_facteur("Délai", {"Nous": 11}), "sort de l'échelle"),
        (lambda c: c.ajouter_facteur("Délai", position=9), "position"),
        (lambda c: c.ajouter_offre("nous", [1, 2, 3]), "existe déjà"),
        (lambda c: c.ajouter_offre("Autre", [1, 2]), "2 niveau.*3 facteur"),
        (lambda c: c.ajouter_offre("Autre", {"Prix": 1, "Service": 2}), "pas de niveau pour « Choix »"),
        (lambda c: c.ajouter_offre("", [1, 2, 3]), "nom de l'offre est vide"),
        (lambda c: setattr(c, "slogan", "mot " * 60), "raccourcissez"),
        (lambda c: setattr(c, "focale", "Inconnue"), "n'existe pas"),
        (lambda c: c.retirer_facteur("Inconnu"), "n'existe pas"),
    ],
)
def test_mauvaise_saisie_message_francais_et_canevas_intact(action, attendu):
    c = petit_canevas()
    avant = c.vers_dict()
    with pytest.raises(SaisieInvalide, match=attendu):
        action(c)
    assert c.vers_dict() == avant


@pytest.mark.parametrize(
    "kwargs, attendu",
    [
        (dict(facteurs=["Prix", "prix"]), "existe déjà"),
        (dict(facteurs=["Prix", ""]), "vide"),
        (dict(facteurs="Prix"), "liste de noms"),
        (dict(facteurs=["Prix"], echelle=(10, 0)), "plus petit que le haut"),
        (dict(facteurs=["Prix"], echelle="0-10"), "deux nombres"),
        (dict(facteurs=["Prix"], offres={"A": [15]}), "sort de l'échelle"),
        (dict(facteurs=["Prix"], offres={"A": "5"}), "liste"),
    ],
)
def test_construction_invalide(kwargs, attendu):
    with pytest.raises(SaisieInvalide, match=attendu):
        CanevasStrategique(**kwargs)


def test_echelle_personnalisee():
    c = CanevasStrategique(["Prix"], {"A": [4]}, echelle=(1, 5))
    with pytest.raises(SaisieInvalide, match="1–5"):
        c.fixer_niveau("A", "Prix", 0)
    assert c.ajouter_facteur("Service") and c.niveau("A", "Service") == 1


# --- grille ERRC -----------------------------------------------------------------------------


def test_grille_errc_les_quatre_actions_et_inchange():
    actuelle = {"Animaux": 9, "Humour": 6, "Chapiteau": 3, "Prix": 6}
    cible = {"Animaux": 0, "Humour": 4, "Chapiteau": 9, "Prix": 6, "Thème": 9}
    g = grille_errc(actuelle, cible)
    assert g.eliminer == ("Animaux",)
    assert g.reduire == ("Humour",)
    assert g.renforcer == ("Chapiteau",)
    assert g.creer == ("Thème",)
    assert g.inchanges == ("Prix",)
    assert g.action("chapiteau") == "renforcer"
    assert "Éliminer : Animaux" in str(g)


def test_grille_errc_facteur_absent_de_la_cible_est_elimine():
    g = grille_errc({"Repas": 6, "Vitesse": 8}, {"Vitesse": 8})
    assert g.eliminer == ("Repas",)
    assert g.details.loc["Repas", "cible"] == 0


def test_grille_errc_tolerance():
    g = grille_errc({"Prix": 5, "Service": 5}, {"Prix": 5.5, "Service": 7}, tolerance=0.5)
    assert g.inchanges == ("Prix",)
    assert g.renforcer == ("Service",)
    with pytest.raises(SaisieInvalide, match="tolérance"):
        grille_errc({"Prix": 5}, {"Prix": 6}, tolerance=-1)


def test_grille_errc_mauvaise_saisie():
    with pytest.raises(SaisieInvalide, match="cible.*sort de l'échelle"):
        grille_errc({"Prix": 5}, {"Prix": 11})
    with pytest.raises(SaisieInvalide, match="deux fois"):
        grille_errc({"Prix": 5, "prix ": 4}, {"Prix": 5})
    with pytest.raises(SaisieInvalide, match="dict"):
        grille_errc([5, 4], {"Prix": 5})
    with pytest.raises(SaisieInvalide, match="vides"):
        grille_errc({}, {})


def test_grille_errc_depuis_le_canevas_moyenne_et_offre():
    c = petit_canevas()
    g = c.grille_errc("moyenne")
    assert set(g.reduire) == {"Prix", "Choix"} and g.renforcer == ("Service",)
    assert c.grille_errc("Concurrent A", {"Prix": 7, "Service": 4, "Choix": 0}).eliminer == ("Choix",)


@pytest.mark.parametrize("nom", ["cirque-du-soleil", "yellow-tail"])
def test_exemples_publies_grille_derivee_conforme_a_la_grille_publiee(nom):
    c = exemple(nom)
    g = c.grille_errc(exemple_actuelle(nom))
    publiee = grille_publiee(nom)
    verifies = 0
    for action, facteurs in publiee.items():
        for facteur in facteurs:
            if facteur in c.facteurs:
                assert g.action(facteur) == action, f"{nom} : {facteur}"
                verifies += 1
    assert verifies >= 9


def test_exemples_publies_etiquetes_comme_approximation():
    for nom in EXEMPLES:
        c = exemple(nom)
        assert "approximative" in c.note
        assert "Kim" in c.source and "Mauborgne" in c.source
    with pytest.raises(SaisieInvalide, match="cirque-du-soleil"):
        exemple("netflix")


# --- focalisation, divergence, ressemblance --------------------------------------------------


def test_focalisation_bornes():
    assert focalisation([5, 5, 5, 5]) == 0
    assert focalisation([0, 10, 0, 10]) == pytest.approx(1)
    assert focalisation({"a": 1, "b": 3}, echelle=(1, 3)) == pytest.approx(1)
    with pytest.raises(SaisieInvalide, match="aucun facteur"):
        focalisation([])


def test_exemple_cirque_focalise_et_divergent_cirques_traditionnels_me_too():
    c = exemple("cirque-du-soleil")
    cirque = "Cirque du Soleil"
    assert c.divergence(cirque) > 2 * c.divergence("Petits cirques régionaux")
    assert c.focalisation(cirque) > c.focalisation("Petits cirques régionaux")
    assert c.ressemblance("Petits cirques régionaux")["Ringling Bros. and Barnum & Bailey"] > 0.8
    assert c.ressemblance(cirque).max() < 0
    assert any("me-too" in t for t in c.diagnostic("Petits cirques régionaux"))
    assert not any("me-too" in t for t in c.diagnostic(cirque))


def test_facteurs_divergents_et_ecarts():
    c = petit_canevas()
    e = c.ecarts_aux_concurrents()
    assert list(e["distance_min"]) == [3, 4, 5]
    assert list(e["concurrent_le_plus_proche"]) == ["Concurrent B", "Concurrent B", "Concurrent B"]
    assert c.facteurs_divergents(seuil=4) == ["Service", "Choix"]
    assert c.facteurs_divergents(seuil=3) == ["Prix", "Service", "Choix"]
    assert c.facteurs_divergents("Concurrent A", seuil=2) == []
    with pytest.raises(SaisieInvalide, match="seuil"):
        c.facteurs_divergents(seuil=0)


def test_divergence_nulle_pour_une_copie_et_diagnostic_me_too():
    c = petit_canevas()
    c.ajouter_offre("Copie", list(c.courbe("Concurrent A")))
    assert c.divergence("Copie") == 0
    assert any("me-too" in t for t in c.diagnostic("Copie"))
    assert c.distances("Nous")["Concurrent A"] == pytest.approx((4 + 5 + 6) / 3 / 10)


def test_sans_concurrent_message_clair():
    c = CanevasStrategique(["Prix"], {"Seul": [5]})
    with pytest.raises(SaisieInvalide, match="aucun concurrent"):
        c.divergence()
    assert len(c.diagnostic()) == 2  # focus + missing slogan, no divergence claim


# --- propriétés ------------------------------------------------------------------------------

niveaux = st.integers(min_value=0, max_value=20).map(lambda x: x / 2)  # 0, 0.5, ..., 10


@st.composite
def deux_courbes(draw):
    n = draw(st.integers(min_value=1, max_value=8))
    facteurs = [f"Facteur {i}" for i in range(n)]
    actuelle = {f: draw(niveaux) for f in facteurs}
    cible = {f: draw(niveaux) for f in facteurs}
    return actuelle, cible


@given(deux_courbes())
@settings(deadline=None)
def test_propriete_errc_partition(courbes):
    actuelle, cible = courbes
    g = grille_errc(actuelle, cible)
    cases = [*g.eliminer, *g.reduire, *g.renforcer, *g.creer, *g.inchanges]
    assert sorted(cases) == sorted(actuelle)
    for f in g.eliminer:
        assert cible[f] == 0 < actuelle[f]
    for f in g.creer:
        assert actuelle[f] == 0 < cible[f]
    for f in g.reduire:
        assert 0 < cible[f] < actuelle[f]
    for f in g.renforcer:
        assert 0 < actuelle[f] < cible[f]


@given(deux_courbes())
@settings(deadline=None)
def test_propriete_errc_symetrie(courbes):
    actuelle, cible = courbes
    aller, retour = grille_errc(actuelle, cible), grille_errc(cible, actuelle)
    assert set(aller.eliminer) == set(retour.creer)
    assert set(aller.reduire) == set(retour.renforcer)
    assert set(aller.inchanges) == set(retour.inchanges)


@given(st.lists(niveaux, min_size=1, max_size=12), st.randoms())
@settings(deadline=None)
def test_propriete_focalisation_bornee_invariante(liste, hasard):
    f = focalisation(liste)
    assert 0 <= f <= 1
    melange = list(liste)
    hasard.shuffle(melange)
    assert focalisation(melange) == pytest.approx(f)
    assert focalisation([10 - x for x in liste]) == pytest.approx(f)  # mirror image, same focus


@st.composite
def canevas_aleatoire(draw):
    n = draw(st.integers(min_value=2, max_value=6))
    k = draw(st.integers(min_value=2, max_value=4))
    offres = {f"Offre {j}": [draw(niveaux) for _ in range(n)] for j in range(k)}
    return CanevasStrategique([f"F{i}" for i in range(n)], offres)


@given(canevas_aleatoire())
@settings(max_examples=30, deadline=None)
def test_propriete_divergence(c):
    for offre in c.offres:
        d = c.divergence(offre)
        assert 0 <= d <= 1
        identique = any(list(c.courbe(offre)) == list(c.courbe(o)) for o in c.concurrents(offre))
        assert (d == 0) == identique
        divergents = c.facteurs_divergents(offre, seuil=2)
        ecarts = c.ecarts_aux_concurrents(offre)
        assert divergents == [f for f in c.facteurs if ecarts.loc[f, "distance_min"] >= 2]


@given(canevas_aleatoire(), st.floats(min_value=-5, max_value=15) | st.just(float("nan")) | st.just(float("inf")))
@settings(max_examples=60, deadline=None)
def test_propriete_saisie_refusee_ne_change_rien(c, valeur):
    avant = c.vers_dict()
    if 0 <= valeur <= 10:
        c.fixer_niveau(c.focale, c.facteurs[0], valeur)
        assert c.niveau(c.focale, c.facteurs[0]) == valeur
    else:
        with pytest.raises(SaisieInvalide):
            c.fixer_niveau(c.focale, c.facteurs[0], valeur)
        assert c.vers_dict() == avant


# --- figures ---------------------------------------------------------------------------------


def test_figure_courbes_de_valeur_focale_en_avant_et_couleurs_stables():
    from strategie.figures.canevas_strategique import COULEUR_FOCALE, couleurs_offres, figure_courbes_de_valeur

    c = exemple("cirque-du-soleil")
    fig = figure_courbes_de_valeur(c)
    assert [t.name for t in fig.data][-1] == "Cirque du Soleil"  # drawn on top
    assert len(fig.data) == 3
    focale = fig.data[-1]
    assert focale.line.color == COULEUR_FOCALE
    assert all(t.line.width < focale.line.width for t in fig.data[:-1])
    assert list(focale.x) == c.facteurs and list(focale.y) == list(c.courbe())
    assert fig.layout.yaxis.range[0] < 0 and fig.layout.yaxis.range[1] > 10
    assert "réinventons" in fig.layout.title.subtitle.text
    assert "approximative" in fig.layout.title.subtitle.text
    # Same offer, same colour, whatever the figure.
    c.fixer_niveau("Cirque du Soleil", "Prix", 5)
    fig2 = figure_courbes_de_valeur(c)
    assert {t.name: t.line.color for t in fig2.data} == {t.name: t.line.color for t in fig.data} == couleurs_offres(c)


def test_figure_courbes_de_valeur_canevas_vide_et_mauvais_objet():
    from strategie.figures.canevas_strategique import figure_courbes_de_valeur

    fig = figure_courbes_de_valeur(CanevasStrategique())
    assert len(fig.data) == 0 and "Ajoutez" in fig.layout.annotations[0].text
    with pytest.raises(SaisieInvalide, match="CanevasStrategique"):
        figure_courbes_de_valeur({"Prix": 3})


def test_figure_errc_colore_chaque_facteur_selon_son_action():
    from strategie.figures.canevas_strategique import figure_errc

    c = exemple("yellow-tail")
    g = c.grille_errc(exemple_actuelle("yellow-tail"))
    fig = figure_errc(g)
    par_nom = {t.name: t for t in fig.data}
    assert set(par_nom["Créer"].x) == set(g.creer)
    assert set(par_nom["Éliminer"].x) == set(g.eliminer)
    assert len(fig.layout.annotations) == len(g.details) - len(g.inchanges)  # one arrow per move


# --- vue -------------------------------------------------------------------------------------


def test_vue_curseur_modifie_modele_figure_et_grille():
    from strategie.widgets.canevas_strategique import EditeurCanevasStrategique

    vue = EditeurCanevasStrategique(petit_canevas())
    assert "strategie-canevas-strategique" in vue._dom_classes
    vue.curseurs["Service"].value = 1
    assert vue.canevas.niveau("Nous", "Service") == 1
    assert list(vue.figure.data[-1].y) == [3, 1, 2]
    # The figure sent to the browser follows too.
    assert vue.figure.affichee["data"][-1]["y"] == [3, 1, 2]
    assert "strategie-errc-reduire" in vue.grille.value and "Service" in vue.grille.value
    vue.reference.value = "Concurrent A"
    assert vue.canevas.grille_errc("Concurrent A").reduire == ("Prix", "Service", "Choix")
    assert vue.message.texte == ""


def test_vue_ajout_retrait_de_facteur_et_mauvaise_saisie():
    from strategie.widgets.canevas_strategique import EditeurCanevasStrategique

    vue = EditeurCanevasStrategique(petit_canevas())
    vue.nouveau_facteur.value = "  "
    vue.bouton_ajouter.click()
    assert vue.message.genre == "erreur" and "vide" in vue.message.texte
    vue.nouveau_facteur.value = "service"
    vue.bouton_ajouter.click()
    assert "existe déjà" in vue.message.texte
    assert vue.nouveau_facteur.value == "service"  # what was typed stays
    assert vue.canevas.facteurs == ["Prix", "Service", "Choix"]

    vue.nouveau_facteur.value = "Conseils"
    vue.bouton_ajouter.click()
    assert vue.message.genre == "succes"
    assert "Conseils" in vue.curseurs and vue.nouveau_facteur.value == ""
    vue.curseurs["Conseils"].value = 8
    assert vue.canevas.grille_errc("moyenne").creer == ("Conseils",)
    assert "Conseils" in vue.grille.value
    assert len(vue.figure.data[0].x) == 4

    vue.facteur_a_retirer.value = "Prix"
    vue.bouton_retirer.click()
    assert vue.canevas.facteurs == ["Service", "Choix", "Conseils"]
    assert list(vue.curseurs) == ["Service", "Choix", "Conseils"]


def test_vue_slogan_trop_long_garde_la_saisie():
    from strategie.widgets.canevas_strategique import EditeurCanevasStrategique

    vue = EditeurCanevasStrategique()
    vue.slogan.value = "Le conseil d'un libraire, le choix d'Internet"
    assert vue.canevas.slogan == "Le conseil d'un libraire, le choix d'Internet"
    assert "libraire" in vue.figure.layout.title.subtitle.text
    long = "trop " * 50
    vue.slogan.value = long
    assert vue.message.genre == "erreur" and "raccourcissez" in vue.message.texte
    assert vue.slogan.value == long
    assert vue.canevas.slogan == "Le conseil d'un libraire, le choix d'Internet"


def test_vue_dernier_facteur_retire_reste_utilisable():
    from strategie.widgets.canevas_strategique import EditeurCanevasStrategique

    vue = EditeurCanevasStrategique(CanevasStrategique(["Prix"], {"A": [3], "Nous": [5]}))
    vue.bouton_retirer.click()
    assert vue.canevas.facteurs == [] and "Ajoutez un facteur" in vue.grille.value
    vue.bouton_retirer.click()
    assert vue.message.genre == "erreur"
    vue.nouveau_facteur.value = "Service"
    vue.bouton_ajouter.click()
    assert vue.canevas.facteurs == ["Service"] and not math.isnan(vue.canevas.focalisation())


def test_vue_regler_un_concurrent_ajouter_une_offre_et_enregistrer(tmp_path):
    from strategie.widgets.canevas_strategique import EditeurCanevasStrategique

    chemin = tmp_path / "mon-canevas-strategique.json"
    vue = EditeurCanevasStrategique(petit_canevas(), chemin=chemin)
    vue.offre_reglee.value = "Concurrent A"
    assert vue.curseurs["Prix"].value == 7
    vue.curseurs["Prix"].value = 2
    assert vue.canevas.niveau("Concurrent A", "Prix") == 2 and vue.canevas.niveau("Nous", "Prix") == 3
    assert list(next(t for t in vue.figure.data if t.name == "Concurrent A").y) == [2, 4, 8]

    vue.nouvelle_offre.value = "concurrent b"
    vue.bouton_offre.click()
    assert vue.message.genre == "erreur" and "existe déjà" in vue.message.texte
    assert vue.nouvelle_offre.value == "concurrent b"
    vue.nouvelle_offre.value = "Nouvel entrant"
    vue.bouton_offre.click()
    assert vue.canevas.offres[-1] == "Nouvel entrant" and vue.offre == "Nouvel entrant"
    assert vue.canevas.focale == "Nous"  # your offer stays the focal one
    assert len(vue.figure.data) == 4 and vue.figure.data[-1].name == "Nous"

    vue.bouton_enregistrer.click()
    assert vue.message.genre == "succes"
    assert CanevasStrategique.charger(chemin).offres == vue.canevas.offres


def test_vue_retirer_un_facteur_s_annule(tmp_path):
    from strategie.widgets.canevas_strategique import EditeurCanevasStrategique

    vue = EditeurCanevasStrategique(petit_canevas())
    avant = vue.canevas.vers_dict()
    assert vue.bouton_annuler_retrait.layout.display == "none", "rien à annuler au départ"
    vue.facteur_a_retirer.value = vue.canevas.facteurs[1]
    vue.bouton_retirer.click()
    vue.facteur_a_retirer.value = vue.canevas.facteurs[0]
    vue.bouton_retirer.click()
    assert len(vue.canevas.facteurs) == 1 and vue.bouton_annuler_retrait.layout.display is None
    vue.bouton_annuler_retrait.click()
    vue.bouton_annuler_retrait.click()
    assert vue.canevas.vers_dict() == avant, "ordre et niveaux retrouvés, pour chaque offre"
    assert list(vue.curseurs) == avant["facteurs"] and vue.bouton_annuler_retrait.layout.display == "none"
    assert vue.message.genre == "succes"


def test_vue_un_canevas_sans_facteur_ne_remplace_le_fichier_qu_apres_confirmation(tmp_path):
    """Module 12 : retirer tous les facteurs puis enregistrer écrasait en silence le bon canevas."""
    from strategie.widgets.canevas_strategique import EditeurCanevasStrategique

    chemin = tmp_path / "mon-canevas-strategique.json"
    vue = EditeurCanevasStrategique(petit_canevas(), chemin=chemin)
    vue.bouton_enregistrer.click()
    bon = chemin.read_bytes()
    while vue.canevas.facteurs:
        vue.bouton_retirer.click()
    vue.bouton_enregistrer.click()
    assert chemin.read_bytes() == bon and vue.confirmation.en_attente and "facteur(s)" in vue.confirmation.question.value
    vue.confirmation.bouton_non.click()
    assert chemin.read_bytes() == bon
    for _ in range(3):
        vue.bouton_annuler_retrait.click()
    assert vue.canevas.vers_dict() == CanevasStrategique.charger(chemin).vers_dict()
    while vue.canevas.facteurs:
        vue.bouton_retirer.click()
    vue.bouton_enregistrer.click()
    vue.confirmation.bouton_oui.click()
    assert vue.message.genre == "succes" and CanevasStrategique.charger(chemin).facteurs == []


def test_acces_paresseux_depuis_le_paquet():
    assert strategie.canevas_strategique.CanevasStrategique is CanevasStrategique
