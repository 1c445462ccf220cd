"""La table des concepts (docs/concepts-questions.md) : à jour, et chaque question vérifie un objectif de sa leçon."""

import importlib.util

from conftest import RACINE

_spec = importlib.util.spec_from_file_location("concepts", RACINE / "tools" / "concepts.py")
concepts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(concepts)


def test_questions_nommees_par_un_objectif():
    assert concepts.questions_nommees("→ exercice, questions 1 à 3 ;") == ["1", "2", "3"]
    assert concepts.questions_nommees("— *question 2 b* ; puis question 5") == ["2", "5"]
    assert concepts.questions_nommees("(autoévaluation, non notée)") == []


def test_chaque_question_d_un_devoir_verifie_un_objectif_de_sa_lecon():
    orphelines = {}
    for devoir, lecons, dossier in concepts.modules():
        questions = concepts.questions_du_devoir(dossier)
        assert questions, f"{devoir} : aucun titre « ## Question N — … » dans le devoir"
        nommees = {q for lecon in lecons for o in concepts.objectifs(lecon) for q in concepts.questions_nommees(o)}
        manque = sorted(set(questions) - nommees, key=int)
        if manque:
            orphelines[devoir] = manque
    assert not orphelines, ("Questions qu'aucun objectif de leçon ne nomme (ajoutez « → exercice, question N » à "
                            f"l'objectif qu'elles vérifient, dans la première cellule de la leçon) : {orphelines}")


def test_table_a_jour():
    attendu = concepts.table()
    assert concepts.TABLE.read_text(encoding="utf-8") == attendu, "lancez python tools/concepts.py et commitez"
