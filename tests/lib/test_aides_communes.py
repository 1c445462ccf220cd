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


# --- une seule maison : recherche simple dans les sources --------------------------------------

import re  # noqa: E402
from pathlib import Path  # noqa: E402

import strategie  # noqa: E402

RACINE = Path(strategie.__file__).parent
# Fichiers encore à migrer vers la palette (aucun aujourd'hui) : une exception se retire dès que le fichier est migré.
A_MIGRER: set[str] = set()


def _sources():
    for chemin in sorted(RACINE.rglob("*.py")):
        yield chemin.relative_to(RACINE).as_posix(), chemin.read_text(encoding="utf-8")


def test_aucune_couleur_litterale_hors_de_la_palette():
    couleur = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")
    fautes = [f"{nom} : {', '.join(sorted(set(couleur.findall(texte))))}"
              for nom, texte in _sources()
              if nom != "palette.py" and nom not in A_MIGRER and couleur.search(texte)]
    assert not fautes, ("couleurs écrites en dur (nommez-les dans strategie/palette.py) : " + " ; ".join(fautes))


def test_la_recherche_de_couleurs_repere_bien_un_litteral():
    # Le test ci-dessus ne vaut que si la recherche voit une couleur écrite en dur.
    assert re.search(r"#[0-9a-fA-F]{6}\b", 'line=dict(color="#5f6368")')
    assert "widgets/_vivant.py" not in A_MIGRER


def test_une_seule_grille_errc_en_html():
    """Le tableau ERRC (éliminer, réduire, renforcer, créer) n'est écrit qu'à un endroit : figures/canevas_strategique.py."""
    tableau = re.compile(r"<table class=[\"'][^\"']*errc")
    ailleurs = [nom for nom, texte in _sources() if tableau.search(texte) and nom != "figures/canevas_strategique.py"]
    assert not ailleurs, f"tableau ERRC réécrit hors de figures/canevas_strategique.py (tableau_errc_html) : {ailleurs}"


def test_aucun_normaliseur_ni_formateur_redefini_ailleurs():
    # Signes d'une règle de texte ou d'un format de nombre réécrits à la main hors de leur maison.
    motifs = {
        "normaliseur de texte (strategie.texte)": re.compile(
            r"unicodedata\.normalize|\.casefold\(\)|unicodedata\.combining|encode\(\"ascii\", \"ignore\"\)"),
        "formateur d'euros (strategie.francais.euros)": re.compile(r"def _?euros\b|\} €"),
        "formateur de nombres (strategie.francais)": re.compile(r"replace\(\",\", \" \"\)|:,\.?\d*f\}\"?\.replace"),
        "figure vide (figures/_commun.py)": re.compile(r"def _vide\b|def _?figure_vide\b"),
    }
    maisons = {"texte.py", "francais.py", "figures/_commun.py"}
    # figure_vide du dilemme : API publique des apprenants, construite sur message_central.
    permis = {("figures/dilemme.py", "figure vide (figures/_commun.py)")}
    fautes = [f"{nom} : {quoi}" for nom, texte in _sources() if nom not in maisons
              for quoi, motif in motifs.items() if motif.search(texte) and (nom, quoi) not in permis]
    assert not fautes, "aides redéfinies hors de leur maison : " + " ; ".join(fautes)
