"""Projet de synthèse : plan JSON, fichiers de l'apprenant, bilan, rapport HTML, tableau de bord."""

from __future__ import annotations

import datetime
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategie import FichierInvalide, SaisieInvalide, smart
from strategie.canevas import Canevas, exemple
from strategie.canevas_strategique import CanevasStrategique
from strategie.projet import (
    ETAPES, FICHIER_PLAN, FICHIERS, Projet, bilan, charger_plan, charger_projet, est_complet,
    expliquer, exemple_projet, prochaine_etape, rapport_html, tableau_du_bilan,
)
from test_coherence import canevas_quelconques  # arbitrary and damaged canvases, shared with module 11

AUJOURD_HUI = datetime.date(2026, 1, 15)


def etats(projet: Projet, aujourd_hui=AUJOURD_HUI) -> dict[str, bool]:
    return {e.code: e.ok for e in bilan(projet, aujourd_hui)}


def message(projet: Projet, code: str, aujourd_hui=AUJOURD_HUI) -> str:
    return next(e.message for e in bilan(projet, aujourd_hui) if e.code == code)


def objectif(axe: str, indicateur: str = "nombre de membres actifs du club", **champs) -> smart.Objectif:
    valeurs = dict(quoi="Augmenter le nombre de membres du club de lecture", indicateur=indicateur, depart=15,
                   cible=40, unite="membres", echeance="31/12/2027", responsable="Camille Roy",
                   moyens="un animateur, 300 € de livres", axe=axe)
    return smart.Objectif(**{**valeurs, **champs})


def enregistrer_fichiers(projet: Projet, dossier: Path) -> None:
    projet.canevas.enregistrer(dossier / "mon-canevas.json")
    projet.canevas_strategique.enregistrer(dossier / "mon-canevas-strategique.json")
    projet.enregistrer_plan(dossier / FICHIER_PLAN)


# -- the worked example -----------------------------------------------------------

def test_l_exemple_passe_toutes_les_etapes():
    p = exemple_projet()
    etapes = bilan(p, AUJOURD_HUI)
    assert [e.code for e in etapes] == list(ETAPES)
    assert all(e.ok for e in etapes), [str(e) for e in etapes if not e.ok]
    assert est_complet(p, AUJOURD_HUI) and prochaine_etape(p, AUJOURD_HUI) is None
    assert {e.pilier for e in etapes} == {"modelisation", "reflexion", "reinvention", "action"}


def test_le_bilan_depend_de_la_date():
    # Two years later every deadline has passed: the objectives are no longer time-bound.
    p = exemple_projet()
    tard = datetime.date(2028, 6, 1)
    assert not etats(p, tard)["objectifs_smart"]
    assert "Temporel" in message(p, "objectifs_smart", tard)


def test_la_grille_de_l_exemple_se_lit_depuis_la_moyenne_des_concurrents():
    p = exemple_projet()
    grille = p.grille_errc()
    assert grille.eliminer == ("Choix de livres neufs",)
    assert grille.creer == ("Livres d'occasion à lire sur place",)
    assert set(p.facteurs_a_servir()) == {"Calme pour travailler", "Wifi et prises", "Ateliers pour enfants",
                                          "Livres d'occasion à lire sur place"}
    p.reference = "Chaîne de cafés"  # from one competitor, the grid changes
    assert p.grille_errc().details.loc["Calme pour travailler", "actuel"] == 3


# -- the plan file ---------------------------------------------------------------------

def test_aller_retour_json_du_plan(tmp_path):
    p = exemple_projet()
    chemin = p.enregistrer_plan(tmp_path / FICHIER_PLAN)
    donnees = json.loads(chemin.read_text(encoding="utf-8"))
    assert donnees["format"] == "strategie.plan" and donnees["version"] == 1
    relu = charger_plan(chemin)
    assert relu.vers_dict() == p.vers_dict()
    assert relu.titre == p.titre and relu.auteur == p.auteur
    assert relu.plan.objectifs == p.plan.objectifs
    assert relu.facteurs_des_axes == p.facteurs_des_axes
    # Links need the strategy canvas to resolve.
    relu.canevas_strategique = p.canevas_strategique
    assert relu.facteurs_lies("Un lieu calme pour travailler") == ["Calme pour travailler", "Wifi et prises"]


def test_aller_retour_sans_plan(tmp_path):
    p = Projet("Projet à peine commencé", "Léa")
    relu = charger_plan(p.enregistrer_plan(tmp_path / "plan.json"))
    assert relu.plan is None and relu.titre == "Projet à peine commencé" and relu.auteur == "Léa"


@pytest.mark.parametrize("contenu, attendu", [
    ("{ pas du json", "JSON valide"),
    (json.dumps({"format": "strategie.canevas", "version": 1, "notes": []}), "format"),
    (json.dumps({"format": "strategie.plan", "version": 99, "plan": None}), "plus récente"),
    (json.dumps({"format": "strategie.plan", "version": "un", "plan": None}), "version"),
    (json.dumps({"format": "strategie.plan", "version": 1, "plan": {"axes": "A", "objectifs": []}}), "axes"),
    (json.dumps({"format": "strategie.plan", "version": 1, "plan": {"axes": [{"nom": "A"}], "objectifs": [
        {"quoi": "Augmenter les ventes", "indicateur": "ventes", "cible": 5, "echeance": "31/02/2027", "axe": "A"}]}}),
     "objectif n° 1"),
    (json.dumps({"format": "strategie.plan", "version": 1, "plan": {"axes": [{"nom": "A"}], "objectifs": [
        {"quoi": "Augmenter les ventes", "indicateur": "ventes", "cible": 5, "echeance": "2027-12-31", "axe": "B"}]}}),
     "axe"),
])
def test_plan_abime_message_clair_et_fichier_intact(tmp_path, contenu, attendu):
    chemin = tmp_path / FICHIER_PLAN
    chemin.write_text(contenu, encoding="utf-8")
    avant = chemin.read_bytes()
    with pytest.raises(FichierInvalide, match=attendu):
        charger_plan(chemin)
    assert chemin.read_bytes() == avant


def test_plan_binaire_ou_absent(tmp_path):
    binaire = tmp_path / "plan.json"
    binaire.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(FichierInvalide, match="texte"):
        charger_plan(binaire)
    with pytest.raises(FichierInvalide, match="n'existe pas"):
        charger_plan(tmp_path / "absent.json")


def test_ecriture_atomique_garde_l_ancien_fichier_en_cas_d_erreur(tmp_path, monkeypatch):
    chemin = tmp_path / FICHIER_PLAN
    exemple_projet().enregistrer_plan(chemin)
    avant = chemin.read_bytes()

    def panne(*_args):
        raise OSError("disque plein")

    monkeypatch.setattr(os, "replace", panne)
    with pytest.raises(OSError):
        Projet("Autre projet").enregistrer_plan(chemin)
    assert chemin.read_bytes() == avant
    assert [f.name for f in tmp_path.iterdir()] == [FICHIER_PLAN], "le fichier temporaire doit disparaître"


def test_enregistrer_refuse_un_dossier_ou_un_dossier_absent(tmp_path):
    with pytest.raises(SaisieInvalide, match="est un dossier"):
        Projet().enregistrer_plan(tmp_path)
    with pytest.raises(SaisieInvalide, match="n'existe pas"):
        rapport_html(Projet(), tmp_path / "absent" / "f.html")
    with pytest.raises(SaisieInvalide, match="nom de fichier"):
        rapport_html(Projet(), "")


# -- the learner's files ---------------------------------------------------------------

def test_charger_projet_rassemble_les_trois_fichiers(tmp_path):
    p = exemple_projet()
    enregistrer_fichiers(p, tmp_path)
    relu = charger_projet(tmp_path)
    assert relu.manques == [] and relu.problemes == {}
    assert etats(relu) == etats(p)
    assert len(relu.canevas) == len(p.canevas)
    assert relu.canevas_strategique.facteurs == p.canevas_strategique.facteurs
    assert relu.titre == p.titre
    assert "✔ mon-plan.json" in relu.resume_fichiers()


def test_charger_projet_dit_ce_qui_manque(tmp_path):
    vide = charger_projet(tmp_path)
    assert vide.manques == list(FICHIERS)
    resume = vide.resume_fichiers()
    for fichier in FICHIERS:
        assert f"✘ {fichier} : absent" in resume
    assert not any(etats(vide).values())
    assert "mon-canevas.json" in message(vide, "canevas") and "module 01" in message(vide, "canevas")
    assert "module 12" in message(vide, "canevas_strategique")
    # With only the canvas, the project takes its name.
    exemple("consultante").enregistrer(tmp_path / "mon-canevas.json")
    partiel = charger_projet(tmp_path)
    assert partiel.manques == ["mon-canevas-strategique.json", FICHIER_PLAN]
    assert partiel.titre == "Léa, consultante en données"
    assert etats(partiel)["canevas"] and not etats(partiel)["canevas_strategique"]


def test_charger_projet_fichier_abime_dit_lequel_et_ne_le_touche_pas(tmp_path):
    p = exemple_projet()
    enregistrer_fichiers(p, tmp_path)
    abime = tmp_path / "mon-canevas-strategique.json"
    abime.write_text('{"format": "strategie.canevas_strategique", "version": 1, "facteurs": ["Prix"], '
                     '"offres": {"Nous": [42]}}', encoding="utf-8")
    avant = abime.read_bytes()
    relu = charger_projet(tmp_path)
    assert relu.canevas_strategique is None and relu.canevas is not None
    assert "mon-canevas-strategique.json" in relu.problemes
    assert "⚠ mon-canevas-strategique.json : illisible" in relu.resume_fichiers()
    assert "abîmé" in message(relu, "canevas_strategique")
    assert abime.read_bytes() == avant
    with pytest.raises(FichierInvalide):
        charger_projet(tmp_path, strict=True)


def test_charger_projet_refuse_un_dossier_inexistant(tmp_path):
    with pytest.raises(SaisieInvalide, match="dossier"):
        charger_projet(tmp_path / "nulle-part")


def test_relire_garde_le_plan_en_memoire(tmp_path):
    p = exemple_projet()
    enregistrer_fichiers(p, tmp_path)
    relu = charger_projet(tmp_path)
    relu.retirer_objectif("taux de remplissage des ateliers")  # not saved yet
    autre = exemple("cafe")  # the unlinked canvas of module 01: inconsistent
    autre.enregistrer(tmp_path / "mon-canevas.json")
    relu.relire()
    assert len(relu.plan.objectifs) == 2
    assert not etats(relu)["canevas_coherent"]
    with pytest.raises(SaisieInvalide, match="charger_projet"):
        exemple_projet().relire()


# -- the review on incomplete projects ---------------------------------------------------

def test_projet_vide_rien_n_est_fait_et_la_prochaine_etape_est_le_canevas():
    vide = Projet()
    assert not any(etats(vide).values())
    assert prochaine_etape(vide).code == "canevas"
    texte = expliquer(vide)
    assert "0 étape(s) faite(s) sur 13" in texte and "Modélisation" in texte and "Action" in texte
    assert list(tableau_du_bilan(vide).columns) == ["pilier", "etape", "fait", "message", "module"]


def test_blocs_vides_nommes_avec_leur_module():
    c = Canevas("Atelier")
    c.ajouter("segments", "Cyclistes")
    p = Projet(canevas=c)
    assert etats(p)["canevas"] and not etats(p)["canevas_rempli"]
    texte = message(p, "canevas_rempli")
    assert "« Proposition de valeur » (module 03)" in texte and "(module 10)" in texte
    assert "Segments" not in texte


def test_canevas_incoherent_compte_ses_constats():
    p = exemple_projet()
    p.canevas = exemple("cafe")  # without the links of module 11
    assert not etats(p)["canevas_coherent"]
    assert "8 constat(s)" in message(p, "canevas_coherent") and "module 11" in message(p, "canevas_coherent")


def test_canevas_strategique_incomplet():
    p = exemple_projet()
    p.canevas_strategique = CanevasStrategique(["Prix", "Conseil"], {"Nous": [3, 9]})
    e = etats(p)
    assert not e["canevas_strategique"] and e["offre_focale"] and not e["concurrents"]
    assert not e["grille_errc"] and not e["slogan"]
    assert "2 facteur(s)" in message(p, "canevas_strategique")
    assert "concurrent" in message(p, "concurrents")


@pytest.mark.parametrize("cible, attendu", [
    ([6, 9, 9], "réduire ou éliminer"),        # only raises
    ([2, 1, 1], "renforcer ni créer"),          # only cuts
    ([5, 5, 5], "se confond"),                   # the average itself
])
def test_grille_errc_desequilibree(cible, attendu):
    cs = CanevasStrategique(["Prix", "Conseil", "Choix"], {"A": [5, 4, 6], "B": [5, 6, 4], "Nous": cible},
                            focale="Nous", slogan="Une phrase")
    p = Projet(canevas_strategique=cs)
    assert not etats(p)["grille_errc"]
    assert attendu in message(p, "grille_errc")


def test_reference_invalide_devient_une_etape_a_faire():
    p = exemple_projet()
    p.reference = "Concurrent imaginaire"
    assert not etats(p)["grille_errc"]
    assert "Concurrent imaginaire" in message(p, "grille_errc")
    p.reference = "Café-librairie du quartier"
    assert "votre propre offre" in message(p, "grille_errc")
    with pytest.raises(SaisieInvalide, match="reference"):
        p.reference = "  "


def test_axe_sans_objectif_et_facteur_oublie():
    p = exemple_projet()
    p.retirer_objectif("nombre de livres d'occasion vendus par mois")
    e = etats(p)
    assert not e["objectifs_par_axe"] and not e["facteurs_couverts"]
    assert "Le coin des livres d'occasion" in message(p, "objectifs_par_axe")
    assert "Livres d'occasion à lire sur place" in message(p, "facteurs_couverts")
    assert e["axes_relies"] and e["objectifs_smart"]


def test_axe_non_relie_puis_relie():
    p = exemple_projet()
    p.plan.axes.append("Communication")
    p.ajouter_objectif(objectif("Communication", indicateur="nombre d'abonnés Instagram",
                                quoi="Augmenter le nombre d'abonnés du compte Instagram", depart=800, cible=1200,
                                unite="abonnés"))
    assert not etats(p)["axes_relies"]
    assert "Communication" in message(p, "axes_relies") and "projet.relier" in message(p, "axes_relies")
    assert p.relier("communication", ["wifi ET prises"]) == ["Wifi et prises"]
    assert etats(p)["axes_relies"]


def test_objectif_non_smart_nomme_le_critere():
    p = exemple_projet()
    p.ajouter_objectif(objectif("Les familles le week-end", depart=5, cible=40, echeance="31/12/2026"))
    assert not etats(p)["objectifs_smart"]
    assert "Atteignable" in message(p, "objectifs_smart")


def test_preparer_plan_un_axe_par_facteur_de_valeur():
    p = exemple_projet()
    with pytest.raises(SaisieInvalide, match="remplacer=True"):
        p.preparer_plan()
    plan = p.preparer_plan(remplacer=True)
    assert plan.axes == ["Calme pour travailler", "Wifi et prises", "Ateliers pour enfants",
                         "Livres d'occasion à lire sur place"]
    e = etats(p)
    assert e["plan"] and e["axes_relies"] and not e["objectifs_par_axe"] and not e["facteurs_couverts"]
    for rang, axe in enumerate(plan.axes):
        p.ajouter_objectif(objectif(axe, indicateur=f"indicateur n° {rang} du club"))
    assert est_complet(p, AUJOURD_HUI)
    with pytest.raises(SaisieInvalide, match="canevas stratégique"):
        Projet().preparer_plan()
    plat = Projet(canevas_strategique=CanevasStrategique(["Prix"], {"A": [5], "Nous": [2]}))
    with pytest.raises(SaisieInvalide, match="ne renforce ni ne crée"):
        plat.preparer_plan()


def test_saisies_invalides_nomment_le_parametre():
    p = exemple_projet()
    with pytest.raises(SaisieInvalide, match="n'est pas un facteur.*Facteurs possibles"):
        p.relier("Les familles le week-end", "Parking")
    with pytest.raises(SaisieInvalide, match="axe.*Axes possibles"):
        p.relier("Inconnu", "Wifi et prises")
    with pytest.raises(SaisieInvalide, match="aucun objectif ne suit"):
        p.retirer_objectif("indicateur inconnu")
    with pytest.raises(SaisieInvalide, match="canevas"):
        Projet(canevas="mon-canevas.json")
    with pytest.raises(SaisieInvalide, match="plan"):
        Projet(plan=["axe"])
    with pytest.raises(SaisieInvalide, match="titre"):
        Projet("   ")
    with pytest.raises(SaisieInvalide, match="projet"):
        bilan("mon-projet")
    with pytest.raises(SaisieInvalide, match="aujourd_hui"):
        bilan(p, "2026-01-15")
    with pytest.raises(SaisieInvalide, match="plan d'exécution"):
        Projet().ajouter_objectif(objectif("A"))


# -- robustness (hypothesis) ----------------------------------------------------------------

NOMS = ["Prix", "Conseil", "Choix", "Calme", "Wifi", "Ateliers"]


@st.composite
def projets_quelconques(draw):
    canevas = draw(st.none() | canevas_quelconques())
    cs = None
    if draw(st.booleans()):
        facteurs = draw(st.lists(st.sampled_from(NOMS), unique=True, max_size=5))
        offres = {f"Offre {i}": draw(st.lists(st.integers(0, 10), min_size=len(facteurs), max_size=len(facteurs)))
                  for i in range(draw(st.integers(0, 3)))}
        cs = CanevasStrategique(facteurs, offres, slogan=draw(st.sampled_from(["", "Un slogan"])))
    plan = None
    if draw(st.booleans()):
        axes = draw(st.lists(st.sampled_from(NOMS + ["Axe libre"]), unique=True, min_size=1, max_size=4))
        plan = smart.PlanExecution(axes)
        for rang, axe in enumerate(draw(st.lists(st.sampled_from(axes), max_size=4))):
            plan.ajouter(objectif(axe, indicateur=f"indicateur {rang}",
                                  echeance=draw(st.sampled_from(["31/12/2027", "31/12/2020"]))))
    reference = draw(st.sampled_from(["moyenne", "Offre 0", "Offre 2", "Inconnue"]))
    return Projet("Projet quelconque", canevas=canevas, canevas_strategique=cs, plan=plan, reference=reference,
                  facteurs_des_axes=draw(st.sampled_from([None, {"Axe libre": ["Prix", "Disparu"]}])))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projets_quelconques(), st.sampled_from([None, AUJOURD_HUI, datetime.date(2030, 1, 1)]))
def test_le_bilan_ne_plante_jamais(projet, aujourd_hui):
    etapes = bilan(projet, aujourd_hui)
    assert [e.code for e in etapes] == list(ETAPES)
    for e in etapes:
        assert isinstance(e.ok, bool) and e.message.strip(), e
    assert est_complet(projet, aujourd_hui) == all(e.ok for e in etapes)
    assert isinstance(expliquer(projet, aujourd_hui), str)


@settings(max_examples=200, deadline=None)
@given(canevas_quelconques())
def test_le_bilan_ne_plante_jamais_sur_un_canevas_quelconque(canevas):
    p = exemple_projet()
    p.canevas = canevas
    etapes = {e.code: e for e in bilan(p, AUJOURD_HUI)}
    assert etapes["canevas_rempli"].ok == (not canevas.blocs_vides())
    # The strategy and the plan do not depend on the canvas.
    assert all(etapes[c].ok for c in ("grille_errc", "objectifs_smart", "facteurs_couverts"))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projets_quelconques())
def test_le_rapport_ne_plante_jamais(projet):
    from strategie.figures.projet import page_html

    page = page_html(projet, AUJOURD_HUI)
    for ident in ("canevas", "coherence", "canevas-strategique", "objectifs", "plan", "bilan"):
        assert f'<section id="{ident}"' in page


# -- the report -----------------------------------------------------------------------------

def test_le_rapport_contient_chaque_section(tmp_path):
    from plotly.offline import get_plotlyjs

    p = exemple_projet()
    chemin = rapport_html(p, tmp_path / "mon-projet.html", AUJOURD_HUI)
    page = chemin.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    for ident in ("canevas", "coherence", "canevas-strategique", "objectifs", "plan", "bilan"):
        assert page.count(f'<section id="{ident}"') == 1, ident
    assert page.count(get_plotlyjs()[:500]) == 1, "plotly.js doit être inclus une fois, et une seule"
    assert "@media print" in page and "@page" in page
    assert "Étudiants qui travaillent en journée" in page                          # the canvas
    assert "passe les 11 règles de cohérence" in page                              # consistency
    assert "Livres d&#x27;occasion à lire sur place (0 → 8)" in page              # ERRC grid
    assert sum(page.count(f'errc-{action}"') for action in ('eliminer', 'reduire', 'renforcer', 'creer')) == 4
    for o in p.plan.objectifs:                                                       # objectives
        assert o.indicateur.replace("'", "&#x27;") in page
    assert page.count('class="marque rempli"') == 15                                # 3 objectives × 5 criteria
    assert page.count('class="etape-ok"') == len(ETAPES)                            # review
    assert len(re.findall(r'<div id="figure-\d+"', page)) == 4                     # canvas, curves, ERRC, plan
    assert "15/01/2026" in page and "Inès Garnier" in page


def test_le_rapport_d_un_projet_incomplet_dit_quoi_faire(tmp_path):
    p = Projet("Mon <projet>", canevas=exemple("cafe"))
    page = rapport_html(p, tmp_path / "r.html", AUJOURD_HUI).read_text(encoding="utf-8")
    assert "Mon &lt;projet&gt;" in page and "Mon <projet>" not in page
    assert "8 constat(s) à traiter" in page
    assert "Pas encore de canevas stratégique" in page and "Pas encore de plan d&#x27;exécution" in page
    assert page.count('class="etape-a-faire"') == sum(not ok for ok in etats(p).values())


def test_le_rapport_remplace_l_ancien_d_un_coup(tmp_path, monkeypatch):
    chemin = tmp_path / "mon-projet.html"
    chemin.write_text("ancien rapport", encoding="utf-8")
    monkeypatch.setattr(os, "replace", lambda *_: (_ for _ in ()).throw(OSError("panne")))
    with pytest.raises(OSError):
        rapport_html(Projet(), chemin)
    assert chemin.read_text(encoding="utf-8") == "ancien rapport"
    monkeypatch.undo()
    rapport_html(Projet(), chemin)
    assert "strategie-projet-rapport" in chemin.read_text(encoding="utf-8")


def test_figure_du_bilan():
    from strategie.figures.projet import figure_bilan

    figure = figure_bilan(exemple_projet(), AUJOURD_HUI)
    faites, a_faire = figure.data
    assert list(faites.x) == [2, 1, 5, 5] and list(a_faire.x) == [0, 0, 0, 0]
    assert "13 / 13 étapes faites" in figure.layout.title.text
    vide = figure_bilan(Projet())
    assert sum(vide.data[0].x) == 0 and sum(vide.data[1].x) == len(ETAPES)


# -- the project dashboard ------------------------------------------------------------------

def remplir(constructeur, **valeurs):
    for nom, valeur in valeurs.items():
        constructeur.champs[nom].value = valeur


def test_tableau_de_bord_de_l_exemple_et_rapport(tmp_path):
    from strategie.widgets.projet import TableauDeBordProjet

    vue = TableauDeBordProjet(exemple_projet(), chemin_rapport=tmp_path / "rapport.html", aujourd_hui=AUJOURD_HUI)
    assert "strategie-projet" in vue._dom_classes
    assert vue.progression.value == len(ETAPES)
    assert vue.liste.value.count("strategie-projet-etape-ok") == len(ETAPES)
    assert list(vue.figure.data[0].x) == [2, 1, 5, 5]
    vue.champ_auteur.value = "Camille"
    vue.produire_rapport()
    assert vue.message.genre == "succes" and "rapport.html" in vue.message.texte
    assert "Camille" in (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert [f.name for f in tmp_path.iterdir()] == ["rapport.html"], "sans dossier, aucun plan n'est écrit"


def test_tableau_de_bord_erreurs_en_francais_saisies_gardees(tmp_path):
    from strategie.widgets.projet import TableauDeBordProjet

    vue = TableauDeBordProjet(exemple_projet(), chemin_rapport=tmp_path / "absent" / "r.html", aujourd_hui=AUJOURD_HUI)
    vue.produire_rapport()
    assert vue.message.genre == "erreur" and "n'existe pas" in vue.message.texte
    vue.champ_titre.value = ""
    vue.produire_rapport()
    assert vue.message.genre == "erreur" and "titre" in vue.message.texte
    assert vue.champ_chemin.value.endswith("r.html")
    vue.ajouter_objectif()  # the builder is empty
    assert vue.message.genre == "erreur" and "pas complet" in vue.message.texte
    with pytest.raises(SaisieInvalide, match="dossier"):
        TableauDeBordProjet()


def test_tableau_de_bord_le_rapport_n_ecrase_ni_une_lecon_ni_une_page_etrangere(tmp_path):
    from strategie.widgets.projet import TableauDeBordProjet

    lecon = tmp_path / "18-projet-final.ipynb"
    lecon.write_text('{"cells": []}', encoding="utf-8")
    (tmp_path / "cv.html").write_text("<html>mon CV</html>", encoding="utf-8")
    vue = TableauDeBordProjet(exemple_projet(), chemin_rapport=tmp_path / "rapport.html", aujourd_hui=AUJOURD_HUI)
    assert vue.champ_chemin.value == "rapport.html" and str(tmp_path) in vue.champ_chemin.dossier_affiche.value
    for nom, indice in [(lecon.name, "carnet"), ("cv.html", "choisissez un autre nom"), ("../r.html", "sans dossier")]:
        vue.champ_chemin.value = nom
        vue.produire_rapport()
        assert vue.message.genre == "erreur" and indice in vue.message.texte, (nom, vue.message.texte)
    assert lecon.read_text(encoding="utf-8") == '{"cells": []}'
    assert (tmp_path / "cv.html").read_text(encoding="utf-8") == "<html>mon CV</html>"
    vue.champ_chemin.value = "rapport"
    vue.produire_rapport()
    vue.produire_rapport()  # its own page: replaced
    assert vue.message.genre == "succes" and (tmp_path / "rapport.html").exists()


def test_tableau_de_bord_du_dossier_de_l_apprenant(tmp_path):
    from strategie.widgets.projet import TableauDeBordProjet

    modele = exemple_projet()
    modele.canevas.enregistrer(tmp_path / "mon-canevas.json")
    modele.canevas_strategique.enregistrer(tmp_path / "mon-canevas-strategique.json")
    vue = TableauDeBordProjet(dossier=tmp_path, aujourd_hui=AUJOURD_HUI)
    assert vue.progression.value == 8 and "✘ mon-plan.json : absent" in vue.entete.value
    assert vue.boite_constructeur.children == ()

    vue.preparer_plan()
    assert vue.message.genre == "succes" and (tmp_path / FICHIER_PLAN).exists()
    assert vue.constructeur.champ_axe.options[1:] == tuple(modele.facteurs_a_servir())

    remplir(vue.constructeur, quoi="Augmenter le nombre de membres du club de lecture",
            indicateur="nombre de membres actifs du club", depart="15", cible="40", unite="membres",
            echeance="31/12/2027", responsable="Camille Roy", moyens="un animateur", axe="Ateliers pour enfants")
    vue.ajouter_objectif()
    assert vue.message.genre == "succes", vue.message.texte
    relu = charger_plan(tmp_path / FICHIER_PLAN)
    assert [o.indicateur for o in relu.plan.objectifs] == ["nombre de membres actifs du club"]
    assert vue.choix_objectif.options == ("nombre de membres actifs du club",)
    assert not {e.code: e.ok for e in vue.etapes}["objectifs_par_axe"]

    vue.choix_objectif.value = "nombre de membres actifs du club"
    vue.retirer_objectif()
    assert charger_plan(tmp_path / FICHIER_PLAN).plan.objectifs == []

    # The canvas changes in another lesson: « Rafraîchir » reads it again.
    exemple("cafe").enregistrer(tmp_path / "mon-canevas.json")
    vue.rafraichir()
    assert not {e.code: e.ok for e in vue.etapes}["canevas_coherent"]
    assert vue.figure.data[0].x[1] == 0, "la figure suit le bilan : la réflexion n'est plus faite"
    assert vue.message.genre == "info" and "Prochaine étape" in vue.message.texte

    vue.champ_titre.value = "Mon café"
    vue.produire_rapport()
    assert vue.message.genre == "succes" and (tmp_path / "mon-projet.html").exists()
    assert charger_plan(tmp_path / FICHIER_PLAN).titre == "Mon café"


def test_le_rapport_survit_a_un_canevas_abime():
    from strategie.figures.projet import page_html

    p = exemple_projet()
    p.canevas.note("n1").texte = None  # a hand-edited note
    page = page_html(p, AUJOURD_HUI)
    assert "n'a pas pu être dessinée" not in page, "la figure du canevas dit la note abîmée au lieu d'échouer"
    assert page.count("(note illisible)") >= 2, "dans le tableau et dans la figure"
    assert ". None" not in page, "jamais le None de Python à la place du texte"
    assert len(re.findall(r'<div id="figure-\d+"', page)) == 4, "toutes les figures restent"
