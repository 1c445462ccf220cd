"""Chaque devoir prend environ une heure, et l'en-tête de sa leçon annonce la durée estimée.

L'estimation est celle de tools/durees.py, avec les temps de donnees/durees.toml.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "tools"))

import durees  # noqa: E402

DEVOIRS = durees.devoirs()
PARAMS = durees.parametres()


def test_les_dix_neuf_devoirs_sont_estimes():
    assert DEVOIRS == sorted(DEVOIRS) and [d[:2] for d in DEVOIRS] == [f"{n:02d}" for n in range(19)]


@pytest.mark.parametrize("devoir", DEVOIRS)
def test_duree_dans_les_bornes(devoir):
    estimation = durees.estimer(devoir, PARAMS)
    bas, haut = durees.bornes(devoir, PARAMS)
    assert bas <= estimation.total_min <= haut, (
        f"{devoir} : {durees.duree_lisible(estimation.total_min)} estimées, hors de "
        f"{durees.duree_lisible(bas)} – {durees.duree_lisible(haut)}. Allégez ou scindez le devoir "
        "(python tools/durees.py " + devoir + " donne le détail par question).")


@pytest.mark.parametrize("devoir", DEVOIRS)
def test_duree_annoncee_est_l_estimation(devoir):
    assert durees.problemes(devoir, PARAMS) == []


def test_bornes_generales_autour_d_une_heure():
    assert (PARAMS["bornes"]["min"], PARAMS["bornes"]["max"]) == (45, 75)
    for devoir, propre in PARAMS.get("modules", {}).items():
        assert devoir in DEVOIRS, f"donnees/durees.toml : « {devoir} » n'est pas un devoir"
        assert propre.get("raison", "").strip(), f"{devoir} a sa propre borne sans raison écrite"


def test_types_de_question_du_module_12():
    types = {q.numero: q.type for q in durees.estimer("12-canevas-strategique", PARAMS).questions}
    assert types == {"1": "fonction", "2": "fonction", "3": "calcul", "4": "redaction",
                     "5": "classement", "6": "fonction", "7": "classement"}


def test_les_tests_et_les_grilles_ne_comptent_pas_dans_la_lecture():
    estimation = durees.estimer("12-canevas-strategique", PARAMS)
    # Les cellules de tests visibles du module 12 font à elles seules environ 1 700 mots.
    assert 1000 < estimation.mots_lus < 1700
    assert estimation.lecture_min == pytest.approx(estimation.mots_lus / PARAMS["mots_par_minute"])


def test_l_estimation_suit_les_temps_du_fichier():
    base = durees.estimer("14-objectifs-smart", PARAMS)
    plus_lent = copy.deepcopy(PARAMS)
    plus_lent["types"]["redaction"]["mots_par_minute"] /= 2
    lent = durees.estimer("14-objectifs-smart", plus_lent)
    q7, q7_lent = base.questions[6], lent.questions[6]
    assert q7.type == "redaction" and q7_lent.minutes - q7.minutes == pytest.approx(
        q7.mots_reponse / PARAMS["types"]["redaction"]["mots_par_minute"])
    assert lent.total_min > base.total_min


@pytest.mark.parametrize("texte, minutes", [("1\u00a0h\u00a020", 80), ("1 h", 60), ("30 min", 30),
                                             ("45 minutes", 45), ("2 h 05", 125)])
def test_lecture_d_une_duree(texte, minutes):
    assert durees.en_minutes(texte) == minutes


def test_annonces_lues_dans_les_lecons():
    assert durees.duree_annoncee("00-demarrer")[0] == 30            # « 30 min pour le devoir »
    assert durees.duree_annoncee("16-dilemme-du-prisonnier")[0] == 60  # « l'heure d'exercices »
    assert durees.duree_annoncee("18-projet-final")[0] == 80
    assert durees.duree_lisible(80) == "1\u00a0h\u00a020" and durees.duree_lisible(52) == "52\u00a0min"
