"""strategie.verification : des messages en français à la place des erreurs Python, et verifier()."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from strategie import SaisieInvalide
from strategie import verification as v
from strategie.verification import SansReponse

RACINE_DEPOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def cellule(code: str, **variables):
    """Exécute ``code`` comme une cellule de l'apprenant : ses variables globales sont ``variables``."""
    espace = {"reponse": v.reponse, "appeler": v.appeler, "classement": v.classement, "verifier": v.verifier,
              **variables}
    exec(code, espace)  # noqa: S102
    return espace


def echec(code: str, **variables) -> AssertionError:
    with pytest.raises(AssertionError) as info:
        cellule(code, **variables)
    return info.value


# -- reponse ---------------------------------------------------------------------------------------------
def test_reponse_renvoie_la_variable_de_la_cellule_appelante():
    assert cellule('x = reponse("prenom", str)', prenom="Camille")["x"] == "Camille"


def test_reponse_absente_dit_quoi_faire_sans_nameerror():
    erreur = echec('reponse("types")')
    assert isinstance(erreur, SansReponse)
    assert "`types` n'existe pas encore" in str(erreur) and "raise NotImplementedError()" in str(erreur)


def test_reponse_aide_completee():
    erreur = echec('reponse("prenom", str, aide="Un texte s\'écrit entre guillemets.")')
    assert str(erreur).endswith("Un texte s'écrit entre guillemets.")


@pytest.mark.parametrize("valeur", [..., {"a": ..., "b": ...}, [..., ...]])
def test_reponse_non_remplie_sans_reponse(valeur):
    erreur = echec('reponse("types")', types=valeur)
    assert isinstance(erreur, SansReponse) and "..." in str(erreur)


def test_reponse_partiellement_remplie_liste_les_elements_restants():
    erreur = echec('reponse("types", dict)', types={"forum": "communautes", "laverie": ...})
    assert not isinstance(erreur, SansReponse)
    assert "« laverie »" in str(erreur) and "forum" not in str(erreur)


def test_reponse_none_parle_de_return_et_de_print():
    erreur = echec('reponse("total")', total=None)
    assert not isinstance(erreur, SansReponse)
    assert "None" in str(erreur) and "print" in str(erreur) and "return" in str(erreur)


@pytest.mark.parametrize(
    "attendu, valeur, morceau",
    [
        ("str", 42, "un texte (entre guillemets)"),
        ("int", "9", "Enlevez les guillemets"),
        ("int", 9.5, "un nombre entier"),
        ("int", True, "un nombre entier"),
        ("float", "3,5", "Enlevez les guillemets"),
        ("dict", ["a"], "un dictionnaire"),
        ("list", {"a": 1}, "une liste"),
        ("callable", 4, "une fonction"),
    ],
)
def test_reponse_mauvais_type_nomme_le_type_attendu_et_le_type_recu(attendu, valeur, morceau):
    erreur = echec(f'reponse("r", {attendu})', r=valeur)
    assert morceau in str(erreur) and "`r` doit être" in str(erreur)


@pytest.mark.parametrize("attendu, valeur", [
    ("float", 3), ("float", np.float64(2.5)), ("int", np.int64(9)), ("(int, str)", "a"), ("callable", len),
])
def test_reponse_types_acceptes(attendu, valeur):
    assert cellule(f'x = reponse("r", {attendu})', r=valeur)["x"] is valeur


def test_reponse_classe_du_cours():
    from strategie.relation_client import PlanRelations

    erreur = echec('reponse("plan", PlanRelations)', plan="Salle de sport", PlanRelations=PlanRelations)
    assert "un objet PlanRelations" in str(erreur) and "le texte 'Salle de sport'" in str(erreur)


# -- appeler ---------------------------------------------------------------------------------------------
def _squelette(prix, cout):
    raise NotImplementedError()


def _sans_return(prix, cout):
    print(prix - cout)


def _dernier(historique):
    return historique[-1]


def test_appeler_renvoie_le_resultat_et_passe_les_arguments_nommes():
    assert cellule('x = appeler("f", 10, cout=6)', f=lambda prix, cout: prix - cout)["x"] == 4


def test_appeler_fonction_absente():
    erreur = echec('appeler("marge", 10, 6)')
    assert isinstance(erreur, SansReponse) and "La fonction `marge` n'existe pas encore" in str(erreur)


def test_appeler_squelette_laisse_en_place_chaine_l_erreur():
    erreur = echec('appeler("marge", 10, 6)', marge=_squelette)
    assert isinstance(erreur, SansReponse)
    assert "raise NotImplementedError()" in str(erreur) and isinstance(erreur.__cause__, NotImplementedError)


def test_appeler_sans_return(capsys):
    erreur = echec('appeler("marge", 10, 6)', marge=_sans_return)
    assert "marge(10, 6) ne renvoie rien (None)" in str(erreur) and "return" in str(erreur)
    assert cellule('x = appeler("marge", 10, 6, none_permis=True)', marge=_sans_return)["x"] is None
    capsys.readouterr()


def test_appeler_historique_vide_indexerror_en_phrase():
    erreur = echec('appeler("dernier", "", conseil="Au premier tour, l\'historique est vide.")', dernier=_dernier)
    texte = str(erreur)
    assert "dernier('') a échoué" in texte and "liste vide" in texte and "IndexError" in texte
    assert texte.endswith("Au premier tour, l'historique est vide.")
    assert isinstance(erreur.__cause__, IndexError)


def test_appeler_mauvais_nombre_d_arguments():
    erreur = echec('appeler("marge", 10, 6)', marge=lambda prix: prix)
    assert "n'accepte pas ces arguments" in str(erreur) and isinstance(erreur.__cause__, TypeError)


def test_appeler_pas_une_fonction():
    assert "`marge` doit être une fonction" in str(echec('appeler("marge", 10, 6)', marge=4))


def test_appeler_saisie_invalide_garde_le_message_du_cours():
    def f():
        raise SaisieInvalide("Le prix ne peut pas être négatif.")

    assert "f() a échoué : Le prix ne peut pas être négatif." in str(echec('appeler("f")', f=f))


def test_appeler_objet_fonction_directement():
    assert "_squelette" in str(echec("appeler(_squelette, 1, 2)", _squelette=_squelette))


def test_appeler_ne_masque_pas_une_interruption():
    def f():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        cellule('appeler("f")', f=f)


# -- classement --------------------------------------------------------------------------------------------
TYPES = {"assistance_dediee": "…", "communautes": "…", "libre_service": "…", "co_creation": "…"}
ATTENDUS = {
    "Un conseiller attitré": ("assistance_dediee", "Un conseiller nommé pour un client : assistance dédiée."),
    "Un forum d'entraide": ("communautes", "Les clients s'aident entre eux : une communauté, pas de la co-création."),
}


def _classer(types, **options):
    return cellule("x = classement('types', ATTENDUS, choix=TYPES, **options)", types=types, ATTENDUS=ATTENDUS,
                   TYPES=TYPES, options=options)["x"]


def test_classement_juste_renvoie_le_dictionnaire():
    types = {"Un conseiller attitré": "assistance_dediee", "Un forum d'entraide": "communautes", "Laverie": "libre_service"}
    assert _classer(types) is types


def test_classement_vide():
    with pytest.raises(SansReponse):
        _classer({"Un conseiller attitré": ..., "Un forum d'entraide": ...})


def test_classement_element_disparu():
    with pytest.raises(AssertionError, match="ont disparu de `types` : « Un forum d'entraide »"):
        _classer({"Un conseiller attitré": "assistance_dediee", "Forum": "communautes"})


def test_classement_choix_impossible_verifie_sur_tous_les_elements():
    with pytest.raises(AssertionError, match="ne font pas partie des choix possibles : « Laverie » → 'libre service'"):
        _classer({"Un conseiller attitré": "assistance_dediee", "Un forum d'entraide": "communautes",
                  "Laverie": "libre service"})


def test_classement_faux_nomme_l_idee_fausse_et_la_lecon():
    with pytest.raises(AssertionError) as info:
        _classer({"Un conseiller attitré": "assistance_dediee", "Un forum d'entraide": "co_creation"},
                 lecon="course/05-relation-client.ipynb, « Six types de relation »")
    texte = str(info.value)
    assert "1 réponse à revoir parmi les 2 vérifiées ici" in texte
    assert "« Un forum d'entraide » : vous avez répondu 'co_creation'. Les clients s'aident entre eux" in texte
    assert "conseiller" not in texte.split("\n", 1)[1]
    assert texte.endswith("Relisez course/05-relation-client.ipynb, « Six types de relation ».")


def test_classement_ensemble_dans_n_importe_quel_ordre():
    cellule("classement('phases', {'Site': {'achat', 'evaluation'}})", phases={"Site": ["evaluation", "achat"]})
    with pytest.raises(AssertionError):
        cellule("classement('phases', {'Site': {'achat', 'evaluation'}})", phases={"Site": ["achat"]})


# -- verifier ----------------------------------------------------------------------------------------------
def _md(texte, **nbgrader):
    return {"cell_type": "markdown", "metadata": {"nbgrader": nbgrader} if nbgrader else {}, "source": texte}


def _code(texte, **nbgrader):
    return {"cell_type": "code", "metadata": {"nbgrader": nbgrader} if nbgrader else {}, "source": texte,
            "outputs": [], "execution_count": None}


def _carnet(tmp_path, reponse_q1="# VOTRE CODE ICI\nraise NotImplementedError()", nom="devoir.ipynb"):
    cellules = [
        _md("## Question 1 — Une variable (2 points)\n\nCréez `prenom`."),
        _code(reponse_q1, grade_id="q1-prenom", solution=True, grade=False),
        _code('"""Vérifie que `prenom` est un texte."""\nreponse("prenom", str)\n'
              "### BEGIN HIDDEN TESTS\nassert False, 'caché'\n### END HIDDEN TESTS",
              grade_id="q1-tests", grade=True, points=2, solution=False),
        _md("## Question 2 — Une fonction (4 points)"),
        _code("# VOTRE CODE ICI\nraise NotImplementedError()", grade_id="q2-marge", solution=True, grade=False),
        _code('"""Vérifie marge(10, 6)."""\nassert appeler("marge", 10, 6) == 4, "marge(10, 6) doit valoir 4."',
              grade_id="q2-tests", grade=True, points=4, solution=False),
        _code('"""Vérifie TYPES."""\nassert TYPES, "TYPES vide"', grade_id="q2-tests-bis", grade=True, points=1),
        _code('"""Vérifie la division."""\nassert 1 / zero, "jamais"', grade_id="q2-tests-ter", grade=True, points=1),
        _md("## Question 3 — Votre objectif (2 points, noté par le formateur)"),
        _md("VOTRE RÉPONSE ICI", grade_id="q3-objectif", grade=True, solution=True, points=2),
        _code("from strategie.verification import verifier\nverifier()"),
    ]
    chemin = tmp_path / nom
    chemin.write_text(json.dumps({"cells": cellules, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
                      encoding="utf-8")
    return chemin


def _verifier(chemin, **variables):
    return cellule("resultats = verifier(chemin)", chemin=chemin, **variables)["resultats"]


def test_verifier_statuts_question_par_question(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    chemin = _carnet(tmp_path, reponse_q1='prenom = "Camille"')
    resultats = _verifier(chemin, prenom="Camille", marge=lambda prix, cout: cout - prix, zero=0,
                          In=['prenom = "Camille"'])
    par_id = {r.grade_id: r for r in resultats}
    assert list(par_id) == ["q1-tests", "q2-tests", "q2-tests-bis", "q2-tests-ter", "q3-objectif"]
    q1, q2 = par_id["q1-tests"], par_id["q2-tests"]
    # The hidden block (assert False) is never run: the learner's notebook has no hidden tests.
    assert (q1.statut, q1.question, q1.points, q1.verifie) == (v.REUSSIE, "Question 1 — Une variable", 2,
                                                                 "Vérifie que `prenom` est un texte.")
    assert (q2.statut, q2.message) == (v.A_REVOIR, "marge(10, 6) doit valoir 4.")
    assert par_id["q2-tests-bis"].statut == v.SANS_REPONSE and "`TYPES` n'existe pas encore" in par_id["q2-tests-bis"].message
    ter = par_id["q2-tests-ter"]
    assert ter.statut == v.A_REVOIR and "ZeroDivisionError" in ter.message and "Traceback" not in ter.message
    manuelle = par_id["q3-objectif"]
    assert (manuelle.statut, manuelle.automatique, manuelle.question) == (v.SANS_REPONSE, False, "Question 3 — Votre objectif")
    assert resultats.carnet == chemin and v.ENREGISTRER_ET_EXECUTER in resultats.conseils
    assert "1 réussie(s), 2 à revoir, 1 sans réponse, sur 4" in resultats.resume()


def test_verifier_sans_reponse_executee_conseille_d_executer_tout(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    resultats = _verifier(_carnet(tmp_path), TYPES={"a": 1}, zero=1)
    assert [r.statut for r in resultats if r.grade_id in ("q1-tests", "q2-tests")] == [v.SANS_REPONSE] * 2
    resultats = _verifier(_carnet(tmp_path))
    assert any("Aucune réponse n'est exécutée" in c for c in resultats.conseils)


def test_verifier_remarque_reponse_pas_enregistree(tmp_path, monkeypatch):
    """Le fichier a encore le squelette, mais le noyau a la réponse : enregistrer."""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    q1 = {r.grade_id: r for r in _verifier(_carnet(tmp_path), prenom="Camille")}["q1-tests"]
    assert q1.statut == v.REUSSIE and "raise NotImplementedError()" in q1.remarque and "Ctrl + S" in q1.remarque


def test_verifier_remarque_reponse_enregistree_mais_pas_executee(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    chemin = _carnet(tmp_path, reponse_q1='prenom = "Camille"')
    q1 = {r.grade_id: r for r in _verifier(chemin, prenom="Léa", In=['prenom = "Léa"'])}["q1-tests"]
    assert q1.statut == v.REUSSIE and "pas celle que le noyau a exécutée" in q1.remarque
    q1 = {r.grade_id: r for r in _verifier(chemin, In=["import strategie"])}["q1-tests"]
    assert q1.statut == v.SANS_REPONSE and "enregistrez, puis exécutez" in q1.remarque


def test_verifier_trouve_le_carnet_par_session_puis_dossier(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    chemin = _carnet(tmp_path)
    autre = tmp_path / "ailleurs"
    autre.mkdir()
    monkeypatch.chdir(autre)
    assert cellule("r = verifier()", __session__=str(chemin))["r"].carnet == chemin
    vide = cellule("r = verifier()")["r"]
    assert not vide and "Aucun carnet trouvé" in vide.conseils[0]
    monkeypatch.chdir(tmp_path)
    assert cellule("r = verifier()")["r"].carnet.name == chemin.name
    _carnet(tmp_path, nom="copie.ipynb")
    plusieurs = cellule("r = verifier()")["r"]
    assert not plusieurs and "Plusieurs carnets" in plusieurs.conseils[0]
    assert "introuvable" in cellule("r = verifier('absent.ipynb')")["r"].conseils[0]


def test_verifier_ne_fait_rien_pendant_validate_et_la_correction(tmp_path, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    resultats = _verifier(_carnet(tmp_path), prenom="Camille")
    assert not resultats and "ne s'exécute pas" in resultats.conseils[0]


def test_verifier_affichage_html_et_texte(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    resultats = _verifier(_carnet(tmp_path), marge=lambda prix, cout: "<b>", zero=1)
    page = resultats._repr_html_()
    assert 'class="strategie-verification"' in page and "<table>" in page
    assert "<code>prenom</code>" in page
    assert v._en_html("a <b> `x`\nb") == "a &lt;b&gt; <code>x</code><br>b"
    assert page.count('class="strategie-statut"') == len(resultats) == 5
    texte = repr(resultats)
    assert "[sans réponse] Question 1 — Une variable (2 pts)" in texte


def _solutions_00() -> dict[str, str]:
    carnet = json.loads((RACINE_DEPOT / "solutions" / "00-demarrer" / "00-demarrer.ipynb").read_text(encoding="utf-8"))
    return {c["metadata"]["nbgrader"]["grade_id"]: c["source"] for c in carnet["cells"]
            if c["metadata"].get("nbgrader", {}).get("solution") and c["cell_type"] == "code"}


def test_verifier_sur_le_devoir_00_distribue(monkeypatch):
    """Le vrai carnet du module 00 : vierge, tout est sans réponse ; avec les solutions exécutées, tout réussit."""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    publie = RACINE_DEPOT / "exercises" / "00-demarrer" / "00-demarrer.ipynb"
    vierge = cellule("import strategie\nr = verifier(chemin)", chemin=publie)["r"]
    assert {r.grade_id: r.statut for r in vierge} == {
        "q1-tests": v.SANS_REPONSE, "q2-tests": v.SANS_REPONSE, "q3-tests": v.SANS_REPONSE, "q4-objectif": v.SANS_REPONSE}
    code = "import strategie\n" + "\n".join(_solutions_00().values()) + "\nr = verifier(chemin)"
    rempli = cellule(code, chemin=publie)["r"]
    assert {r.grade_id: r.statut for r in rempli if r.automatique} == {
        "q1-tests": v.REUSSIE, "q2-tests": v.REUSSIE, "q3-tests": v.REUSSIE}


def test_import_sans_ipython_ni_widgets():
    code = ("import sys, strategie.verification; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('IPython', 'ipywidgets', 'pandas', 'plotly')))")
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert sortie.strip() == "[]"


def test_classement_d_un_seul_element_au_singulier():
    with pytest.raises(AssertionError) as info:
        cellule("x = classement('types', {'Laverie': 'libre_service'}, choix=TYPES)",
                types={"Laverie": "communautes"}, TYPES=TYPES)
    assert "1 réponse à revoir : la seule vérifiée ici." in str(info.value)
