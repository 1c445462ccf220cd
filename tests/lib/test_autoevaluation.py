"""Autoévaluations des leçons : correction de chaque type, données, sauvegarde et vue sans navigateur."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import RACINE, lecons, lire
from strategie import FichierInvalide, SaisieInvalide
from strategie.autoevaluation import (
    FICHIER_REPONSES, ChoixMultiple, ChoixUnique, Classement, Code, Nombre, Questionnaire, Sauvegarde,
    charger, evaluer_expression, lire_nombre, sections,
)
from strategie.widgets.autoevaluation import Autoevaluation

DONNEES = RACINE / "lib" / "strategie" / "donnees" / "autoevaluation"
APPEL = re.compile(r"""Autoevaluation\(\s*["']([^"']+)["']\s*,\s*["']([^"']+)["']""")


def _unique():
    return ChoixUnique(enonce="Quel raccourci exécute une cellule ?", choix=["Entrée", "Maj + Entrée", "Ctrl + S"],
                       reponse="Maj + Entrée", explication="Maj + Entrée exécute la cellule.",
                       pieges={"Ctrl + S": "Ctrl + S enregistre."})


# --- Each type: right, wrong, empty, odd input, explanation ---

def test_choix_unique():
    q = _unique()
    juste = q.corriger("Maj + Entrée")
    assert juste.statut == "juste" and juste.explication == "Maj + Entrée exécute la cellule."
    faux = q.corriger("Ctrl + S")
    assert faux.statut == "faux" and faux.explication and "Ctrl + S enregistre." in faux.details
    assert q.corriger("Entrée").details == ()  # no trap message for this wrong choice
    assert q.corriger(None).statut == "vide" and not q.corriger(None).explication
    assert q.corriger("Échap").statut == "illisible"


def test_choix_multiple():
    q = ChoixMultiple(enonce="Que fait la barre d'outils ?", choix=["Zoomer", "Télécharger", "Calculer"],
                      reponses=["Zoomer", "Télécharger"], explication="Elle agit sur l'image.",
                      pieges={"Calculer": "La figure ne calcule rien."})
    assert q.corriger(["Télécharger", "Zoomer"]).statut == "juste"
    partiel = q.corriger(["Zoomer"])
    assert partiel.statut == "faux" and "1 sur 2" in partiel.details[0] and partiel.explication
    trop = q.corriger(["Zoomer", "Télécharger", "Calculer"])
    assert trop.statut == "faux" and "à tort : 1" in trop.details[0] and "La figure ne calcule rien." in trop.details
    assert q.corriger([]).statut == "vide"
    assert q.corriger(["Imprimer"]).statut == "illisible"


@pytest.mark.parametrize("texte, valeur", [
    ("4,5", 4.5), ("4.5", 4.5), (" 12 ", 12.0), ("1 200", 1200.0), ("1\u202f200,5", 1200.5), ("−3", -3.0),
    ("+2", 2.0), (",5", 0.5), ("12 %", 12.0), ("3 €", 3.0), (7, 7.0),
])
def test_lire_nombre_accepte_la_virgule_et_les_espaces(texte, valeur):
    assert lire_nombre(texte) == pytest.approx(valeur)


@pytest.mark.parametrize("texte, indice", [
    ("abc", "n'est pas un nombre"), ("", "Écrivez un nombre"), ("1.200,5", "une virgule et un point"),
    ("4,5,6", "n'est pas un nombre"), ("1e3", "n'est pas un nombre"), (True, "Écrivez un nombre"),
    (float("nan"), "fini"),
])
def test_lire_nombre_refuse_avec_un_message(texte, indice):
    with pytest.raises(SaisieInvalide, match=indice):
        lire_nombre(texte)


def test_nombre():
    q = Nombre(enonce="Seuil de rentabilité ?", reponse=3, tolerance=0.05, unite="€",
               explication="3 € couvrent les coûts.", pieges={"1,5": "Vous oubliez les coûts fixes."})
    for juste in ("3", "3,0", " 3.04 ", "2,96", "3 €"):
        assert q.corriger(juste).statut == "juste", juste
    faux = q.corriger("1.5")
    assert faux.statut == "faux" and faux.explication
    assert faux.details == ("Réponse attendue : 3\u00a0€ (à 0,05 près).", "Vous oubliez les coûts fixes.")
    assert q.corriger("3,1").statut == "faux"
    assert q.corriger("   ").statut == "vide"
    illisible = q.corriger("trois")
    assert illisible.statut == "illisible" and "« trois »" in illisible.message and not illisible.explication


def test_nombre_sans_tolerance_et_decimales_francaises():
    q = Nombre(enonce="9 / 2 ?", reponse=4.5, explication="9 / 2 = 4,5.")
    assert q.corriger("4,5").juste and q.corriger("4.5").juste and not q.corriger("4,51").juste
    assert q.corriger("4,51").details == ("Réponse attendue : 4,5.",)
    assert q.reponse_juste() == "4,5" and q.corriger(q.reponse_juste()).juste


def test_classement():
    q = Classement(enonce="Quel paramètre ?", categories=["prix", "couts_fixes"],
                   elements={"4 € la tasse": "prix", "Le loyer": "couts_fixes", "Le salaire": "couts_fixes"},
                   explication="Le loyer ne dépend pas des tasses.")
    assert q.corriger({"4 € la tasse": "prix", "Le loyer": "couts_fixes", "Le salaire": "couts_fixes"}).juste
    faux = q.corriger({"4 € la tasse": "prix", "Le loyer": "prix", "Le salaire": "couts_fixes"})
    assert faux.statut == "faux" and faux.details[0] == "Bien classés : 2 sur 3."
    assert "« Le loyer » va dans « couts_fixes » (et non « prix »)." in faux.details
    incomplet = q.corriger({"Le loyer": "couts_fixes"})
    assert incomplet.statut == "illisible" and "« Le salaire »" in incomplet.message and not incomplet.explication
    assert q.corriger({}).statut == "vide" and q.corriger(None).statut == "vide"
    assert q.corriger({"Le loyer": "inconnue"}).statut == "vide"


def test_code_affectation_et_virgule_decimale():
    q = Code(enonce="Donnez à prix la valeur 4,5.", variable="prix", solution="prix = 4.5",
             explication="Un point en Python.")
    assert q.corriger("prix = 4.5").juste and q.corriger("prix=4.50").juste and q.corriger("prix = 9 / 2").juste
    virgule = q.corriger("prix = 4,5")
    assert virgule.statut == "faux" and virgule.explication
    assert any("paire" in d and "point" in d for d in virgule.details)
    assert q.corriger("prix = 4").statut == "faux"
    assert q.corriger("").statut == "vide"
    assert "prix = …" in q.corriger("4.5").message
    assert "« prx »" in q.corriger("prx = 4.5").message
    assert "ne comprend pas" in q.corriger("prix = (4.5").message


def test_code_expression_dans_un_contexte_et_pieges():
    q = Code(enonce="Le chiffre d'affaires ?", solution="prix * quantite", contexte={"prix": 4.0, "quantite": 1000},
             explication="Prix fois quantité.", pieges={"prix + quantite": "+ additionne."})
    assert q.corriger("quantite * prix").juste and q.corriger(" prix*quantite ").juste
    faux = q.corriger("prix+quantite")
    assert faux.statut == "faux" and "+ additionne." in faux.details
    assert "variables disponibles : prix, quantite" in q.corriger("Prix * quantite").message
    assert "sans « = »" in q.corriger("ca = prix * quantite").message


def test_code_avec_fonction_de_verification():
    q = Code(enonce="Un prix positif", solution="1", explication="Tout nombre positif convient.",
             verifier=lambda v: (isinstance(v, (int, float)) and v > 0, "" if isinstance(v, (int, float)) else "Un nombre."))
    assert q.corriger("2.5").juste and not q.corriger("-1").juste
    assert "Un nombre." in q.corriger("'a'").details


@pytest.mark.parametrize("texte", [
    "__import__('os').system('true')", "open('x')", "prix.__class__", "[c for c in 'ab']", "lambda: 1",
    "(1).__class__", "exec('1')", "globals()", "'a' * 10**6", "9 ** 9 ** 9", "2 ** 5000", "import os",
])
def test_evaluation_sure_refuse_ce_qui_n_est_pas_une_operation_simple(texte):
    with pytest.raises(SaisieInvalide):
        evaluer_expression(texte, {"prix": 4.0})


def test_evaluation_sure_calcule_les_operations_permises():
    assert evaluer_expression("round(max(prix, 2) * 3 / 2, 1) + abs(-1)", {"prix": 4.0}) == 7.0
    assert evaluer_expression("1 < prix <= 4 and not False", {"prix": 4.0}) is True
    assert evaluer_expression("len('abc') + sum([1, 2])") == 6
    with pytest.raises(SaisieInvalide, match="divise par zéro"):
        evaluer_expression("1 / 0")
    with pytest.raises(SaisieInvalide, match="types"):
        evaluer_expression("'a' + 1")


def test_une_question_mal_ecrite_est_refusee_avec_un_message():
    with pytest.raises(SaisieInvalide, match="n'est pas parmi ses choix"):
        ChoixUnique(enonce="?", choix=["a", "b"], reponse="c", explication="x")
    with pytest.raises(SaisieInvalide, match="explication"):
        Nombre(enonce="?", reponse=1, explication=" ")
    with pytest.raises(SaisieInvalide, match="catégorie inconnue"):
        Classement(enonce="?", categories=["a", "b"], elements={"x": "a", "y": "c"}, explication="x")
    with pytest.raises(SaisieInvalide, match="ne s'évalue pas"):
        Code(enonce="?", solution="prix *", explication="x")
    with pytest.raises(SaisieInvalide, match="même id"):
        Questionnaire("00-demarrer", "s", [Nombre(enonce="a", reponse=1, explication="x", id="q"),
                                           Nombre(enonce="b", reponse=2, explication="x", id="q")])


def test_questions_sans_id_sont_numerotees():
    q = Questionnaire("00-demarrer", "essai", [_unique(), Nombre(enonce="1 + 1 ?", reponse=2, explication="2.")])
    assert [x.id for x in q.questions] == ["q1", "q2"] and q.cle(q.questions[1]) == "00-demarrer/essai/q2"


# --- Data files ---

def _ecrire_toml(dossier: Path, texte: str) -> Path:
    (dossier / "99-essai.toml").write_text(texte, encoding="utf-8")
    return dossier


def test_charger_depuis_un_fichier_toml(tmp_path):
    dossier = _ecrire_toml(tmp_path, '''
[sections.s1]
titre = "Première"
[[sections.s1.questions]]
type = "nombre"
enonce = "9 / 2 ?"
reponse = 4.5
explication = "4,5."
[[sections.s1.questions]]
id = "c"
type = "classement"
enonce = "Rangez"
categories = ["a", "b"]
explication = "x"
[sections.s1.questions.elements]
"un" = "a"
"deux" = "b"
''')
    q = charger("99-essai", "s1", dossier)
    assert q.titre == "Première" and [x.id for x in q.questions] == ["q1", "c"]
    assert q.questions[0].corriger("4,5").juste and q.questions[1].corriger({"un": "a", "deux": "b"}).juste
    assert sections("99-essai", dossier) == ["s1"]
    with pytest.raises(FichierInvalide, match="pas de section « s2 »"):
        charger("99-essai", "s2", dossier)
    with pytest.raises(FichierInvalide, match="Pas d'autoévaluation pour la leçon « 98-rien »"):
        charger("98-rien", "s1", dossier)


@pytest.mark.parametrize("texte, indice", [
    ('[sections.s1\n', "mal écrit"),
    ('[[sections.s1.questions]]\ntype = "vrai_faux"\nenonce = "?"\nexplication = "x"\n', "« type » doit valoir"),
    ('[[sections.s1.questions]]\ntype = "nombre"\nenonce = "?"\nreponse = 1\nexplication = "x"\ntolerence = 1\n',
     "champs inconnus.*tolerence"),
    ('[[sections.s1.questions]]\ntype = "nombre"\nenonce = "?"\nreponse = "un"\nexplication = "x"\n', "question 1 : « reponse »"),
    ('[[sections.s1.questions]]\ntype = "choix_unique"\nenonce = "?"\nchoix = ["a", "b"]\nreponse = "a"\n', "il manque"),
])
def test_un_fichier_de_questions_mal_ecrit_dit_ou(tmp_path, texte, indice):
    with pytest.raises(FichierInvalide, match=indice):
        charger("99-essai", "s1", _ecrire_toml(tmp_path, texte))


def _appels_dans_les_lecons() -> list[tuple[str, str, str]]:
    appels = []
    for lecon in lecons():
        for cellule in lire(lecon)["cells"]:
            if cellule["cell_type"] == "code":
                appels += [(lecon.stem, *m.groups()) for m in APPEL.finditer(cellule["source"])]
    return appels


FICHIERS = sorted(DONNEES.glob("*.toml"))


@pytest.mark.parametrize("fichier", FICHIERS, ids=lambda p: p.stem)
def test_chaque_fichier_de_questions_se_lit_et_juge_juste_sa_reponse(fichier):
    """Chaque section se charge ; la réponse donnée comme juste l'est ; 1 à 6 questions ; la leçon existe."""
    assert (RACINE / "course" / f"{fichier.stem}.ipynb").is_file(), f"{fichier.name} : pas de leçon course/{fichier.stem}.ipynb"
    noms = sections(fichier.stem)
    assert noms, f"{fichier.name} : aucune section"
    for section in noms:
        questionnaire = charger(fichier.stem, section)
        assert 1 <= len(questionnaire.questions) <= 6, f"{fichier.stem}/{section} : de 1 à 6 questions par section"
        for q in questionnaire.questions:
            assert q.corriger(q.reponse_juste()).juste, f"{questionnaire.cle(q)} : la bonne réponse est jugée fausse"


def test_chaque_appel_d_une_lecon_trouve_sa_section():
    appels = _appels_dans_les_lecons()
    assert ("00-demarrer", "00-demarrer", "carnet") in appels
    for carnet, lecon, section in appels:
        assert lecon == carnet, f"{carnet} appelle l'autoévaluation d'une autre leçon : {lecon}"
        charger(lecon, section)


@pytest.mark.parametrize("fichier", FICHIERS, ids=lambda p: p.stem)
def test_chaque_section_des_donnees_est_montree_dans_sa_lecon(fichier):
    """Des questions qu'aucune cellule n'affiche ne servent à personne : une cellule par section."""
    utilisees = {section for carnet, lecon, section in _appels_dans_les_lecons() if carnet == fichier.stem}
    orphelines = [s for s in sections(fichier.stem) if s not in utilisees]
    assert not orphelines, (
        f"course/{fichier.stem}.ipynb n'affiche pas les sections {orphelines} de {fichier.name} : ajoutez, après la "
        f"section de la leçon, la cellule Autoevaluation(\"{fichier.stem}\", \"<section>\")"
    )


def test_le_module_00_a_une_autoevaluation_par_grande_section():
    noms = sections("00-demarrer")
    assert noms == ["carnet", "bibliotheque", "figure-et-widget", "exercice", "binder"]
    for nom in noms:
        questions = charger("00-demarrer", nom).questions
        assert 3 <= len(questions) <= 5
    genres = {type(q).__name__ for nom in noms for q in charger("00-demarrer", nom).questions}
    assert genres == {"ChoixUnique", "ChoixMultiple", "Nombre", "Classement", "Code"}


# --- Saving and restoring ---

def test_sauvegarde_lit_et_fusionne(tmp_path):
    chemin = tmp_path / FICHIER_REPONSES
    s = Sauvegarde(chemin)
    assert s.lire() == {} and not chemin.exists()  # reading never creates the file
    assert s.enregistrer("00-demarrer/carnet/q1", "Maj + Entrée")
    assert Sauvegarde(chemin).enregistrer("01-x/s/q2", ["a"])  # another lesson, same file
    donnees = json.loads(chemin.read_text(encoding="utf-8"))
    assert donnees == {"format": "strategie-autoevaluation", "version": 1,
                       "reponses": {"00-demarrer/carnet/q1": "Maj + Entrée", "01-x/s/q2": ["a"]}}
    assert [p.name for p in tmp_path.iterdir()] == [FICHIER_REPONSES]  # no temporary file left


@pytest.mark.parametrize("contenu, indice", [
    ("{pas du json", "n'est pas du JSON valide"),
    ('{"format": "strategie-canevas", "version": 1}', "n'a pas été écrit par les autoévaluations"),
    ('{"format": "strategie-autoevaluation", "version": 9, "reponses": {}}', "autre version"),
    ('{"format": "strategie-autoevaluation", "version": 1, "reponses": []}', "« reponses »"),
    ("\udcff", "pas un fichier texte"),
])
def test_un_fichier_illisible_ou_etranger_n_est_jamais_remplace(tmp_path, contenu, indice):
    chemin = tmp_path / FICHIER_REPONSES
    chemin.write_bytes(contenu.encode("utf-8", "surrogateescape"))
    avant = chemin.read_bytes()
    s = Sauvegarde(chemin)
    assert s.lire() == {}
    assert re.search(indice, s.probleme) and "renommez ou supprimez" in s.probleme
    assert not s.enregistrer("00-demarrer/carnet/q1", "x")
    assert chemin.read_bytes() == avant


def _vue(tmp_path, section="carnet"):
    return Autoevaluation("00-demarrer", section, fichier=tmp_path / FICHIER_REPONSES)


def test_vue_corrige_enregistre_et_reprend_chaque_type(tmp_path):
    vue = _vue(tmp_path)
    executer, nameerror, decimal, chiffre = vue.vues
    assert all(v.retour.value == "" for v in vue.vues) and not (tmp_path / FICHIER_REPONSES).exists()
    executer.choix.value = "Ctrl + S"
    executer.bouton.click()
    assert "✘ Pas tout à fait." in executer.retour.value and "Explication :" in executer.retour.value
    assert "enregistre le carnet sans rien exécuter" in executer.retour.value
    executer.choix.value = "Maj + Entrée"
    executer.bouton.click()
    assert "✔ Juste." in executer.retour.value and "strategie-autoevaluation-juste" in executer.retour.value
    executer.choix.value = "Entrée"  # a new choice, not checked yet: the old correction goes away
    assert executer.retour.value == "" and executer.verdict is None
    executer.choix.value = "Maj + Entrée"
    executer.bouton.click()
    decimal.saisie.value = "prix = 4,5"  # Enter in the field checks at once
    assert decimal.verdict.statut == "faux" and "<code>(4, 5)</code>" in decimal.retour.value
    chiffre.saisie.value = " 4 000 "
    assert chiffre.verdict.juste
    enregistre = json.loads((tmp_path / FICHIER_REPONSES).read_text(encoding="utf-8"))["reponses"]
    assert enregistre == {"00-demarrer/carnet/executer": "Maj + Entrée", "00-demarrer/carnet/point-decimal": "prix = 4,5",
                          "00-demarrer/carnet/chiffre-affaires": " 4 000 "}

    avant = (tmp_path / FICHIER_REPONSES).stat()
    reprise = _vue(tmp_path)  # the notebook is run again
    r_exec, r_nameerror, r_decimal, r_chiffre = reprise.vues
    assert r_exec.choix.value == "Maj + Entrée" and "✔ Juste." in r_exec.retour.value
    assert r_decimal.saisie.value == "prix = 4,5" and "✘" in r_decimal.retour.value
    assert r_chiffre.saisie.value == " 4 000 " and r_chiffre.verdict.juste
    assert r_nameerror.choix.value is None and r_nameerror.retour.value == ""
    assert reprise.message.genre == "info" and "3 réponses précédentes" in reprise.message.texte
    # Restoring writes nothing (an atomic write would give the file a new inode).
    apres = (tmp_path / FICHIER_REPONSES).stat()
    assert (apres.st_ino, apres.st_mtime_ns) == (avant.st_ino, avant.st_mtime_ns)


def test_vue_classement_et_choix_multiple(tmp_path):
    vue = _vue(tmp_path, "bibliotheque")
    classement = vue.vues[2]
    listes = list(classement.listes.values())
    assert all(liste.description for liste in listes)  # every dropdown is labelled with its item
    assert all(liste.label == "— choisir —" for liste in listes)
    listes[0].value = "prix"
    classement.bouton.click()
    assert classement.verdict.statut == "illisible" and "Classez encore" in classement.retour.value
    assert "Explication" not in classement.retour.value
    for element, liste in classement.listes.items():
        liste.value = classement.question.elements[element]
    listes[2].value = "prix"  # the rent is not a price
    classement.bouton.click()
    assert classement.verdict.statut == "faux" and "Bien classés : 3 sur 4." in classement.retour.value
    listes[2].value = "couts_fixes"
    assert classement.retour.value == ""
    listes[2].value = "prix"
    classement.bouton.click()

    multiple = _vue(tmp_path, "figure-et-widget").vues[1]
    multiple.bouton.click()
    assert multiple.verdict.statut == "vide"
    cases = list(multiple.cases.values())
    cases[0].value = cases[1].value = True
    multiple.bouton.click()
    assert multiple.verdict.juste
    reprise = _vue(tmp_path, "figure-et-widget").vues[1]
    assert [c.value for c in reprise.cases.values()] == [True, True, False, False] and reprise.verdict.juste
    assert _vue(tmp_path, "bibliotheque").vues[2].listes[list(classement.listes)[2]].value == "prix"


def test_vue_avec_un_fichier_corrompu_repart_de_zero_sans_l_ecraser(tmp_path):
    chemin = tmp_path / FICHIER_REPONSES
    chemin.write_text("{corrompu", encoding="utf-8")
    vue = _vue(tmp_path)
    assert vue.message.genre == "erreur" and "n'est pas du JSON valide" in vue.message.texte
    question = vue.vues[0]
    question.choix.value = "Maj + Entrée"
    question.bouton.click()
    assert question.verdict.juste  # the self-check still works
    assert vue.message.genre == "erreur" and "renommez ou supprimez" in vue.message.texte
    assert chemin.read_text(encoding="utf-8") == "{corrompu"


def test_vue_ignore_une_reponse_enregistree_qui_ne_convient_plus(tmp_path):
    Sauvegarde(tmp_path / FICHIER_REPONSES).enregistrer("00-demarrer/carnet/executer", "Un choix retiré depuis")
    vue = _vue(tmp_path)
    assert vue.vues[0].choix.value is None and vue.vues[0].retour.value == "" and vue.message.genre == ""


def test_vue_sans_fichier_et_questionnaire_en_ligne(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    q = Questionnaire("99-essai", "s", [Nombre(enonce="9 / 2 ?", reponse=4.5, explication="**4,5**, avec `9 / 2`.")])
    vue = Autoevaluation(q, fichier=None)
    vue.vues[0].saisie.value = "4,5"
    assert vue.vues[0].verdict.juste and "<strong>4,5</strong>" in vue.vues[0].retour.value
    assert "<code>9 / 2</code>" in vue.vues[0].retour.value
    assert list(tmp_path.iterdir()) == []


def test_vue_echappe_le_html_des_donnees(tmp_path):
    q = Questionnaire("99-essai", "s", [ChoixUnique(enonce="<script>x</script> ?", choix=["<b>a</b>", "b"],
                                                   reponse="b", explication="<img src=x>")])
    vue = Autoevaluation(q, fichier=None)
    vue.vues[0].choix.value = "b"
    vue.vues[0].bouton.click()
    assert "<img" not in vue.vues[0].retour.value and "&lt;img src=x&gt;" in vue.vues[0].retour.value
    assert "<script>" not in vue.vues[0].children[0].value


def test_vue_par_defaut_enregistre_a_cote_de_la_lecon(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the kernel of a lesson runs in the lesson's folder
    vue = Autoevaluation("00-demarrer", "binder")
    assert f"« {FICHIER_REPONSES} »" in vue.children[0].value.replace("\u00a0", " ")
    vue.vues[0].choix.value = vue.vues[0].question.choix[1]
    vue.vues[0].bouton.click()
    assert vue.vues[0].verdict.statut == "faux"
    assert json.loads((tmp_path / FICHIER_REPONSES).read_text(encoding="utf-8"))["reponses"] == {
        "00-demarrer/binder/fin-de-session": "Il reste sur le serveur pendant un mois"}


def test_vue_d_une_section_inconnue_dit_lesquelles_existent():
    with pytest.raises(FichierInvalide, match="sections : carnet, bibliotheque"):
        Autoevaluation("00-demarrer", "conclusion", fichier=None)


def test_questionnaire_en_ligne_avec_les_tables_du_fichier():
    from strategie.autoevaluation import questionnaire

    q = questionnaire("99-essai", "s", [
        {"type": "choix_multiple", "enonce": "Pairs ?", "choix": ["2", "3", "4"], "reponses": ["2", "4"], "explication": "2 et 4."},
        {"type": "code", "enonce": "Le double de x", "contexte": {"x": 3}, "solution": "2 * x", "explication": "6."},
    ], titre="Essai")
    assert q.titre == "Essai" and q.questions[0].corriger(["4", "2"]).juste and q.questions[1].corriger("x + x").juste
    with pytest.raises(FichierInvalide, match="question 1 : « type »"):
        questionnaire("99-essai", "s", [{"type": "qcm", "enonce": "?", "explication": "x"}])
