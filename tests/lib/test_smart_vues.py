"""Figures et vues du module 14, sans navigateur : on change les champs et on lit le modèle."""

import datetime

import plotly.graph_objects as go
import pytest

from strategie import SaisieInvalide, smart
from strategie.figures.smart import COULEURS_STATUTS, figure_plan, figure_tableau_de_bord
from strategie.widgets._commun import FigureVivante
from strategie.widgets.smart import ConstructeurObjectif, TableauDeBordVue

J = datetime.date(2026, 1, 15)
AXES = ["Excellence opérationnelle", "Expérience client"]


def _tableau():
    t = smart.TableauDeBord()
    t.ajouter("taux de retard", 12, 8, unite="%", historique=[12, 11, 10], debut="01/01/2026", echeance="01/01/2027")
    t.ajouter("clients actifs", 1200, 1500, historique=[1200, 1250, 1230])
    t.ajouter("NPS", 32, 50)
    return t


def _remplir(vue, **valeurs):
    for nom, valeur in valeurs.items():
        vue.champs[nom].value = valeur


COMPLET = dict(quoi="Réduire les retards de livraison des commandes en ligne",
               indicateur="taux de commandes livrées en retard", depart="12", cible="8", unite="%",
               echeance="fin juin 2027", responsable="Julie Martin", moyens="un second transporteur",
               axe="Excellence opérationnelle")


# --- figures ---

def test_figure_tableau_de_bord_une_barre_par_indicateur_coloree_par_statut():
    df = _tableau().calculer(datetime.date(2026, 7, 2))
    figure = figure_tableau_de_bord(df)
    assert isinstance(figure, go.Figure)
    barres = [t for t in figure.data if t.type == "bar"]
    indicateurs = [y for t in barres for y in t.y]
    assert sorted(indicateurs) == sorted(df["indicateur"])
    valeurs = next(t for t in figure.data if t.type == "scatter" and t.mode == "text")
    assert "10 % (cible 8 %) ↗" in valeurs.text and "non mesuré" in valeurs.text
    for trace in barres:
        assert trace.marker.color == COULEURS_STATUTS[trace.name]
    attendu = next(t for t in figure.data if t.name == "avancement attendu")
    assert len(attendu.x) == 3
    assert any("cible" in (a.text or "") for a in figure.layout.annotations)


def test_figure_tableau_de_bord_accepte_le_tableau_et_refuse_le_reste():
    assert figure_tableau_de_bord(_tableau(), J).data
    vide = figure_tableau_de_bord(smart.TableauDeBord(), J)
    assert vide.layout.title.text and not vide.data
    assert any("Aucun indicateur" in (a.text or "") for a in vide.layout.annotations), "dire quoi faire"
    assert not any("Aucun indicateur" in (a.text or "") for a in figure_tableau_de_bord(_tableau(), J).layout.annotations)
    with pytest.raises(SaisieInvalide, match="TableauDeBord"):
        figure_tableau_de_bord([1, 2, 3])


def test_figure_plan_axes_et_objectifs():
    plan = smart.PlanExecution(AXES, nom="Plan 2027")
    plan.ajouter(smart.Objectif(**{**COMPLET, "depart": 12, "cible": 8}))
    figure = figure_plan(plan, J)
    soleil = figure.data[0]
    assert list(soleil.labels[:2]) == ["Plan 2027", "Excellence opérationnelle"]
    assert "aucun objectif" in soleil.customdata[3]
    assert soleil.marker.colors[2] == "rgb(27, 120, 55)"  # 5 criteria met: the green end of the scale
    assert soleil.marker.colors[3] == "#fbe3e1"  # an axis without objective is flagged


# --- constructeur d'objectif ---

def test_constructeur_liste_en_direct_pendant_la_saisie():
    vue = ConstructeurObjectif(axes=AXES, aujourd_hui=J)
    assert "strategie-smart" in vue._dom_classes
    assert "À remplir encore : quoi, indicateur, cible, échéance" in vue.message.texte
    assert vue.verdicts is None and "apparaîtra ici" in vue.liste.value
    vue.champ_quoi.value = COMPLET["quoi"]
    assert vue.verdicts["specifique"][0] is True and vue.objectif is None
    _remplir(vue, **COMPLET)
    assert vue.objectif is not None and vue.objectif.echeance == datetime.date(2027, 6, 30)
    assert smart.est_smart(vue.verdicts) and vue.message.genre == "succes"
    assert "strategie-smart-liste" in vue.liste.value and "Spécifique" in vue.liste.value
    assert "30/06/2027" in vue.phrase.value


@pytest.mark.parametrize("champ, valeur, morceau", [
    ("cible", "abc", "Cible : « abc » n'est pas un nombre"),
    ("cible", "12", "égale à la valeur de départ"),
    ("echeance", "31/02/2027", "n'a que 28 jours"),
    ("echeance", "un jour", "je ne trouve pas de date"),
])
def test_constructeur_mauvaise_saisie_message_et_saisies_conservees(champ, valeur, morceau):
    vue = ConstructeurObjectif(axes=AXES, aujourd_hui=J)
    _remplir(vue, **COMPLET)
    vue.champs[champ].value = valeur
    assert vue.message.genre == "erreur" and morceau in vue.message.texte
    assert vue.objectif is None
    assert vue.champs[champ].value == valeur and vue.champ_quoi.value == COMPLET["quoi"]


def test_constructeur_echeance_passee_signalee_dans_la_liste():
    vue = ConstructeurObjectif(axes=AXES, aujourd_hui=J)
    _remplir(vue, **{**COMPLET, "echeance": "31/12/2025"})
    assert vue.verdicts["temporel"][0] is False and "déjà passée" in vue.verdicts["temporel"][1]
    assert "strategie-smart-temporel strategie-smart-a-corriger" in vue.liste.value


def test_constructeur_texte_libre():
    vue = ConstructeurObjectif(aujourd_hui=J)
    vue.mode.value = "Texte libre"
    assert vue.boite_champs.layout.display == "none" and vue.boite_texte.layout.display is None
    vue.champ_texte.value = "Vendre plus"
    assert vue.verdicts["mesurable"][0] is False and vue.objectif is None
    vue.champ_texte.value = ""
    assert vue.verdicts["specifique"][0] is False and "vide" in vue.verdicts["specifique"][1]


def test_constructeur_prerempli_par_un_objectif():
    objectif = smart.Objectif(**{**COMPLET, "axe": "Axe hors liste"})
    vue = ConstructeurObjectif(axes=AXES, aujourd_hui=J, objectif=objectif)
    assert vue.objectif == objectif


# --- tableau de bord vivant ---

def test_vue_tableau_de_bord_ajouter_une_mesure():
    vue = TableauDeBordVue(_tableau(), date_point=datetime.date(2026, 7, 2))
    assert "strategie-smart-tableau-de-bord" in vue._dom_classes
    assert isinstance(vue.figure, FigureVivante)

    def etiquette_montree(indicateur):
        (textes,) = [t for t in vue.figure.affichee["data"] if t.get("mode") == "text"]
        return textes["text"][textes["y"].index(indicateur)]

    assert "47" not in etiquette_montree("NPS")
    vue.choix.value = "NPS"
    vue.valeur.value = "47"
    vue.bouton.click()
    assert vue.tableau.historique("NPS") == [47.0]
    assert vue.valeur.value == "" and "NPS" in vue.message.texte and vue.message.genre == "succes"
    nps = vue.df.set_index("indicateur").loc["NPS"]
    assert nps["statut"] == "à surveiller"
    assert "NPS" in [y for t in vue.figure.affichee["data"] if t["type"] == "bar" for y in t["y"]]
    assert etiquette_montree("NPS").startswith("47 (cible 50)"), "la figure montrée porte la nouvelle mesure"
    assert "À la revue" in vue.conseil.value


def test_vue_tableau_de_bord_mauvaise_mesure_ne_change_rien():
    vue = TableauDeBordVue(_tableau(), date_point=J)
    vue.choix.value = "NPS"
    vue.valeur.value = "beaucoup"
    vue.bouton.click()
    assert vue.message.genre == "erreur" and "« beaucoup » n'est pas un nombre" in vue.message.texte
    assert vue.tableau.historique("NPS") == [] and vue.valeur.value == "beaucoup"


def test_vue_tableau_de_bord_date_du_point():
    vue = TableauDeBordVue(_tableau(), date_point=datetime.date(2026, 1, 2))
    assert vue.df.set_index("indicateur").loc["taux de retard", "statut"] == "en bonne voie"
    vue.date.value = datetime.date(2026, 12, 31)
    assert vue.df.set_index("indicateur").loc["taux de retard", "statut"] == "en retard"
    vue.date.value = None
    assert vue.message.genre == "erreur" and "Date du point vide" in vue.message.texte


def test_vue_tableau_de_bord_refuse_autre_chose():
    with pytest.raises(SaisieInvalide, match="TableauDeBord"):
        TableauDeBordVue([1, 2])


def test_constructeur_saisie_refusee_efface_les_anciens_verdicts():
    """Après une date impossible, la liste ne montre plus le « ✔ Temporel » de l'objectif précédent."""
    vue = ConstructeurObjectif(axes=AXES, aujourd_hui=J)
    _remplir(vue, **COMPLET)
    assert smart.est_smart(vue.verdicts) and "30/06/2027" in vue.phrase.value
    vue.champ_echeance.value = "31/02/2027"
    assert vue.message.genre == "erreur" and "28 jours" in vue.message.texte
    assert vue.verdicts is None and vue.phrase.value == ""
    assert "strategie-smart-rempli" not in vue.liste.value and "reviendra" in vue.liste.value
    vue.champ_echeance.value = "fin juin 2027"
    assert smart.est_smart(vue.verdicts) and vue.message.genre == "succes"


@pytest.mark.parametrize("indicateur, mesure", [
    ("taux de retard", "99999"), ("taux de retard", "99999999999"), ("clients actifs", "-99999999999"),
])
def test_vue_tableau_de_bord_mesure_enorme_figure_lisible(indicateur, mesure):
    """Une faute d'unité (99 999 pour 9,9) : une figure bornée et un message, ni gel ni MemoryError."""
    vue = TableauDeBordVue(_tableau(), date_point=datetime.date(2026, 7, 2))
    vue.choix.value = indicateur
    vue.valeur.value = mesure
    vue.bouton.click()
    assert vue.tableau.historique(indicateur)[-1] == float(mesure)
    assert vue.message.genre == "info" and "vérifiez l'unité" in vue.message.texte
    axe = vue.figure.affichee["layout"]["xaxis"]
    assert len(axe["tickvals"]) <= 25 and axe["range"][1] - axe["range"][0] < 1000
    barres = [x for t in vue.figure.data if t.type == "bar" for x in t.x]
    assert min(barres) >= -100 and max(barres) <= 300
    (textes,) = [t for t in vue.figure.affichee["data"] if t.get("mode") == "text"]
    assert any("barre coupée" in t for t in textes["text"])


def test_figure_tableau_de_bord_graduations_bornees():
    from strategie.figures.smart import graduations
    assert graduations(0, 100) == [0, 20, 40, 60, 80, 100]  # the usual axis is unchanged
    assert len(graduations(-1e12, 100)) <= 12


@pytest.mark.parametrize("indicateur, mesure", [("taux de retard", -5), ("part de clients fidèles", -0.5)])
def test_taux_negatif_refuse_et_jamais_atteint(indicateur, mesure):
    t = smart.TableauDeBord()
    t.ajouter(indicateur, 12, 8, unite="%")
    with pytest.raises(SaisieInvalide, match="sous 0"):
        t.mesurer(indicateur, mesure)
    assert t.historique(indicateur) == [] and t.calculer(J)["statut"].iloc[0] == "non mesuré"
    with pytest.raises(SaisieInvalide, match="sous 0"):
        smart.TableauDeBord().ajouter(indicateur, 12, 8, unite="%", historique=[12, mesure])
    vue = TableauDeBordVue(t, date_point=J)
    vue.valeur.value = f"{mesure} %".replace(".", ",")
    vue.bouton.click()
    assert vue.message.genre == "erreur" and "non enregistrée" in vue.message.texte
    assert vue.df["statut"].iloc[0] == "non mesuré"


def test_variation_en_pourcent_peut_etre_negative():
    t = smart.TableauDeBord()
    t.ajouter("croissance du chiffre d'affaires", 2, 5, unite="%")
    t.mesurer("croissance du chiffre d'affaires", -1.5)
    assert t.calculer(J)["statut"].iloc[0] == "en retard"
