"""Les aides communes (texte, nombres, palette, figures) : une seule maison chacune, la même règle partout."""

from __future__ import annotations

import doctest

import pytest

from strategie import texte
from strategie.texte import cle_nom, compacter, simplifier


def test_doctests_du_module_texte():
    assert doctest.testmod(texte).failed == 0


# --- les trois degrés de tolérance --------------------------------------------------------------

def test_cle_nom_garde_les_accents_mais_ignore_casse_et_espaces():
    assert cle_nom("  Prix\u00a0 BAS\t") == "prix bas"
    # Choix explicite : un nom choisi par l'apprenant garde ses accents (canevas stratégique, projet).
    assert cle_nom("Qualité") != cle_nom("Qualite")


def test_simplifier_lit_toutes_les_apostrophes_et_tirets_comme_des_espaces():
    # Avant : le canevas lisait « ' » comme une espace mais effaçait « ’ » (« loffre ») ;
    # les cas effaçaient les deux, les comptes clés gardaient « ' ». Désormais une règle.
    assert simplifier("L’offre") == simplifier("l'offre") == simplifier("L offre") == "l offre"
    assert simplifier("Bien-être") == simplifier("bien etre") == simplifier("bien_être")


def test_simplifier_garde_les_signes_qui_changent_le_sens():
    # Avant, l'encodage ASCII effaçait « € » et « − » : « Prix 10 € » valait « Prix 10 ».
    assert simplifier("Prix 10 €") != simplifier("Prix 10")
    assert simplifier("Prix +10 %") != simplifier("Prix 10 %")
    # Le tiret reste un séparateur de mots, comme avant, même devant un chiffre (« −5 » vaut « 5 »).
    assert simplifier("−5") == simplifier("-5") == "5"
    assert simplifier("« Offre »") == simplifier("offre")


def test_les_ligatures_s_ecrivent_en_deux_lettres():
    # Avant, « œ » disparaissait (« cœur » → « cur ») : « coeur » tapé au clavier ne le retrouvait pas.
    assert simplifier("Cœur de cible") == simplifier("coeur de cible")
    assert compacter("Œil pour œil") == compacter("oeil-pour-oeil") == "oeilpouroeil"


@pytest.mark.parametrize("variante", ["Donnant-donnant", "donnant donnant", "DONNANT_DONNANT", "Donnant–Donnant"])
def test_compacter_retrouve_un_nom_quelle_que_soit_sa_graphie(variante):
    assert compacter(variante) == "donnantdonnant"


def test_les_modules_utilisent_la_meme_regle():
    from strategie import _blocs
    from strategie.dilemme.strategies import normaliser_nom
    from strategie.smart._texte import normaliser, plier

    assert _blocs.simplifier is simplifier
    assert normaliser_nom is compacter
    assert plier is texte.plier and normaliser is texte.nfc


def test_un_bloc_du_canevas_se_reconnait_quelle_que_soit_sa_graphie():
    from strategie.canevas import cle_de_bloc

    assert cle_de_bloc("Proposition-de-valeur") == cle_de_bloc("proposition_de_valeur") == cle_de_bloc("PROPOSITION DE VALEUR")


def test_une_note_du_canevas_n_est_pas_doublee_par_une_apostrophe_typographique():
    from strategie.canevas import Canevas
    from strategie.erreurs import SaisieInvalide

    c = Canevas()
    c.ajouter("proposition_de_valeur", "L'offre la moins chère")
    with pytest.raises(SaisieInvalide):
        c.ajouter("proposition_de_valeur", "l’offre la moins chere")


def test_les_comptes_cles_reconnaissent_une_situation_ecrite_autrement():
    from strategie.comptes_cles import StrategieConditionnelle

    s = StrategieConditionnelle("Hôpital Nord", action_par_defaut="Suivre le plan")
    s.si("l’acheteur change", "Rencontrer le nouvel acheteur")
    assert s.repondre("Ce mois-ci, L'ACHETEUR CHANGE de poste") == "Rencontrer le nouvel acheteur"
    assert s.repondre("Rien de neuf") == "Suivre le plan"
