"""Les réponses fausses typiques (tests/erreurs_typiques/NN-slug.toml) échouent au test visible, avec leur message.

Par module : un seul noyau, ouvert dans exercises/NN-slug/ ; le carnet de solution y est exécuté
dans l'ordre, tests cachés retirés. Chaque test visible doit passer avec la solution. Arrivé à une
cellule de tests, chaque réponse fausse qui la vise remplace la cellule de réponse (les variables
que la solution crée sont d'abord effacées, comme chez un apprenant qui ne l'a jamais écrite), puis
le test visible doit lever une AssertionError dont le message contient le morceau attendu ; la
solution est ensuite remise. Que l'exercice vierge vaille 0 est vérifié par tests/test_nbgrader.py.
"""

from __future__ import annotations

import ast
import json
import re
import sys

import pytest

from conftest import RACINE, devoirs

sys.path.insert(0, str(RACINE / "tools"))
import catalogue_erreurs as catalogue  # noqa: E402

FICHIERS = catalogue.fichiers()
_CACHES = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.S)


def _nom(chemin):
    return chemin.stem


def _gid(cellule: dict) -> str | None:
    return cellule.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def visible(source: str) -> str:
    return _CACHES.sub("", source)


def noms_lies(source: str) -> set[str]:
    """Les noms qu'une cellule crée au premier niveau (affectations, def, class, import, for, with)."""
    noms: set[str] = set()

    def cibles(noeud):
        if isinstance(noeud, ast.Name):
            noms.add(noeud.id)
        elif isinstance(noeud, (ast.Tuple, ast.List)):
            for element in noeud.elts:
                cibles(element)
        elif isinstance(noeud, ast.Starred):
            cibles(noeud.value)

    def parcourir(instructions):
        for noeud in instructions:
            if isinstance(noeud, ast.Assign):
                for cible in noeud.targets:
                    cibles(cible)
            elif isinstance(noeud, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor)):
                cibles(noeud.target)
            elif isinstance(noeud, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                noms.add(noeud.name)
            elif isinstance(noeud, (ast.Import, ast.ImportFrom)):
                noms.update((a.asname or a.name).split(".")[0] for a in noeud.names if a.name != "*")
            elif isinstance(noeud, (ast.With, ast.AsyncWith)):
                for element in noeud.items:
                    if element.optional_vars is not None:
                        cibles(element.optional_vars)
            for champ in ("body", "orelse", "finalbody", "handlers"):
                if not isinstance(noeud, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    parcourir(getattr(noeud, champ, []) or [])

    try:
        parcourir(ast.parse(source).body)
    except SyntaxError:  # a magic (%…) cell: nothing of the learner's to forget
        pass
    return noms


# -- the file itself: fields, names, coverage (no kernel) ------------------------------------------------
def test_un_fichier_par_devoir_existant():
    assert FICHIERS, "aucun fichier dans tests/erreurs_typiques/"
    inconnus = [f.name for f in FICHIERS if f.stem not in devoirs()]
    assert not inconnus, f"fichiers d'erreurs typiques sans devoir dans solutions/ : {inconnus}"


@pytest.mark.parametrize("fichier", FICHIERS, ids=_nom)
def test_format_noms_et_couverture(fichier):
    erreurs = catalogue.charger(fichier)
    cellules = catalogue.cellules_du_devoir(fichier.stem)
    position = {_gid(c): i for i, c in enumerate(cellules) if _gid(c)}
    reponses = {_gid(c) for c in cellules if catalogue.est_reponse(c)}
    tests = [_gid(c) for c in cellules if catalogue.est_test(c)]
    problemes = []
    for e in erreurs:
        ou = f"erreur n° {e['numero']} ({e['tests']})"
        if e["question"] not in reponses:
            problemes.append(f"{ou} : question = {e['question']!r} n'est pas une cellule de réponse du devoir")
            continue
        if e["tests"] not in tests:
            problemes.append(f"{ou} : tests = {e['tests']!r} n'est pas une cellule de tests notée du devoir")
            continue
        entre = cellules[position[e["question"]] + 1:position[e["tests"]]]
        if position[e["question"]] > position[e["tests"]] or any(catalogue.est_reponse(c) for c in entre):
            problemes.append(f"{ou} : {e['tests']} n'est pas une cellule de tests de la réponse {e['question']}")
        solution = next(c for c in cellules if _gid(c) == e["question"])["source"]
        if e["reponse"].strip() == solution.strip():
            problemes.append(f"{ou} : la réponse fausse est la solution")
        fichier_lecon, section = catalogue.decouper_lecon(e["lecon"])
        if not (RACINE / fichier_lecon).is_file():
            problemes.append(f"{ou} : la leçon {fichier_lecon} n'existe pas")
        elif section not in catalogue.titres_de_section(RACINE / fichier_lecon):
            problemes.append(f"{ou} : {fichier_lecon} n'a pas de section « {section} »")
    for gid in tests:
        nombre = sum(1 for e in erreurs if e["tests"] == gid)
        if nombre < 2:
            problemes.append(f"{gid} : {nombre} réponse(s) fausse(s), il en faut au moins deux par cellule de tests")
    assert not problemes, f"{fichier.name} :\n" + "\n".join(problemes)


def test_catalogue_a_jour():
    attendu = catalogue.generer()
    actuel = catalogue.CATALOGUE.read_text(encoding="utf-8") if catalogue.CATALOGUE.exists() else ""
    assert actuel == attendu, "docs/erreurs-typiques.md n'est pas à jour : lancez python tools/catalogue_erreurs.py"


# -- in a kernel ------------------------------------------------------------------------------------------
class Noyau:
    """Un noyau python3 ouvert dans un dossier (IPC : conftest remplace jupyter_client.KernelManager)."""

    def __init__(self, dossier):
        import jupyter_client

        self.km = jupyter_client.KernelManager(kernel_name="python3")
        self.km.start_kernel(cwd=str(dossier))
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=120)

    def executer(self, code: str, historique: bool = True) -> dict:
        texte: list[str] = []

        def garder(message):
            if message["msg_type"] == "stream":
                texte.append(message["content"]["text"])

        contenu = self.kc.execute_interactive(code, timeout=600, output_hook=garder, store_history=historique)["content"]
        resultat = {"ok": contenu["status"] == "ok", "ename": contenu.get("ename"), "evalue": contenu.get("evalue", ""),
                    "sortie": "".join(texte)}
        if not resultat["ok"]:
            # The exception's class, whatever its name (SansReponse is an AssertionError).
            verdict = self.executer("import sys as _s; print(isinstance(_s.last_value, AssertionError)); del _s", False)
            resultat["assertion"] = verdict["sortie"].strip().endswith("True")
        return resultat

    def oublier(self, noms: set[str]) -> None:
        if noms:
            self.executer(f"for _nom in {sorted(noms)!r}:\n    globals().pop(_nom, None)\ndel _nom", False)

    def fermer(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


@pytest.mark.carnets
@pytest.mark.parametrize("fichier", FICHIERS, ids=_nom)
def test_reponses_fausses_echouent_au_test_visible(fichier):
    devoir = fichier.stem
    erreurs = catalogue.charger(fichier)
    cellules = catalogue.cellules_du_devoir(devoir)
    position = {_gid(c): i for i, c in enumerate(cellules) if _gid(c)}
    echecs: list[str] = []
    noyau = Noyau(RACINE / "exercises" / devoir)
    try:
        for index, cellule in enumerate(cellules):
            if cellule["cell_type"] != "code" or not cellule["source"].strip():
                continue
            gid = _gid(cellule) or cellule.get("id")
            if not catalogue.est_test(cellule):
                resultat = noyau.executer(cellule["source"])
                assert resultat["ok"], f"{devoir}, cellule {gid} de la solution : {resultat['ename']}: {resultat['evalue']}"
                continue
            test_visible = visible(cellule["source"])
            resultat = noyau.executer(test_visible)
            assert resultat["ok"], (
                f"{devoir} : la solution ne passe pas le test visible {gid} : {resultat['ename']}: {resultat['evalue']}")
            for erreur in (e for e in erreurs if e["tests"] == gid):
                debut = position[erreur["question"]]
                solution = cellules[debut]["source"]
                fournies = [c["source"] for c in cellules[debut + 1:index]
                            if c["cell_type"] == "code" and not catalogue.est_test(c)]
                avant = set().union(*(noms_lies(c["source"]) for c in cellules[:debut] if c["cell_type"] == "code"))
                noyau.oublier(noms_lies(solution) - avant)
                noyau.executer(erreur["reponse"])  # may fail, as it would for the learner
                for source in fournies:
                    noyau.executer(source)
                obtenu = noyau.executer(test_visible)
                ou = f"{gid}, erreur n° {erreur['numero']} ({erreur['idee_fausse']})"
                if obtenu["ok"]:
                    echecs.append(f"{ou} : le test visible passe avec cette réponse fausse")
                elif not obtenu["assertion"]:
                    echecs.append(f"{ou} : erreur Python brute au lieu d'une phrase : {obtenu['ename']}: {obtenu['evalue']}")
                elif erreur["message"] not in obtenu["evalue"]:
                    echecs.append(f"{ou} : message sans « {erreur['message']} » : {obtenu['evalue']}")
                for source in (solution, *fournies):
                    noyau.executer(source)
                remis = noyau.executer(test_visible)
                assert remis["ok"], f"{ou} : la solution remise ne passe plus le test visible : {remis['evalue']}"
        # verifier(), in the learner's kernel, reads the release on disk and agrees: every visible test passes.
        code = ("import json as _json\nfrom strategie.verification import verifier as _verifier\n"
                f"print(_json.dumps([[r.grade_id, r.statut, r.message] for r in _verifier({devoir + '.ipynb'!r}) "
                "if r.automatique]))\ndel _json, _verifier")
        verdict = noyau.executer(code)
        assert verdict["ok"], verdict
        lignes = json.loads(verdict["sortie"].strip().splitlines()[-1])
        tests = [_gid(c) for c in cellules if catalogue.est_test(c)]
        assert [gid for gid, _, _ in lignes] == tests, lignes
        pas_reussies = [ligne for ligne in lignes if ligne[1] != "réussie"]
        assert not pas_reussies, f"{devoir} : verifier() ne voit pas la solution réussie : {pas_reussies}"
    finally:
        noyau.fermer()
    assert not echecs, f"{devoir} : {len(echecs)} réponse(s) fausse(s) mal attrapée(s) :\n" + "\n".join(echecs)
