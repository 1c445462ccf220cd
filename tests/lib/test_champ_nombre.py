"""Champs nombre à la française (ChampNombre, ChampEntier) : la règle des curseurs, sans navigateur."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from strategie.widgets._commun import ChampEntier, ChampNombre

BIBLIOTHEQUE = Path(__file__).resolve().parents[2] / "lib" / "strategie"
FINE = "\u202f"


def taper(champ, texte):
    champ.saisie.value = texte
    return champ


@pytest.mark.parametrize("texte, valeur, affiche", [
    ("4,5", 4.5, "4,5"),
    ("4.5", 4.5, "4,5"),
    ("1 500", 1500.0, f"1{FINE}500"),
    ("1\u00a0500,25", 1500.25, f"1{FINE}500,25"),
    ("−3", -3.0, "−3"),
    ("0,125", 0.125, "0,125"),
])
def test_saisie_acceptee_et_reecrite_a_la_francaise(texte, valeur, affiche):
    champ = taper(ChampNombre(value=2, description="Prix (€) :"), texte)
    assert champ.value == valeur and isinstance(champ.value, float)
    assert champ.saisie.value == affiche
    assert champ.message_saisie.texte == ""


@pytest.mark.parametrize("texte, message", [
    ("quatre", "« quatre » n'est pas un nombre : écrivez par exemple 4,5"),
    ("", "Écrivez un nombre, par exemple 4,5."),
    ("4,5.2", "contient une virgule et un point"),
])
def test_saisie_invalide_message_francais_rien_de_perdu(texte, message):
    champ = ChampNombre(value=7.25, description="Prix (€) :")
    vus = []
    champ.observe(lambda c: vus.append(c["new"]), names="value")
    taper(champ, texte)
    assert champ.value == 7.25 and vus == [], "une saisie invalide ne change pas la valeur"
    assert champ.saisie.value == texte, "ce que l'élève a tapé reste dans la case"
    assert champ.message_saisie.genre == "erreur" and message in champ.message_saisie.texte
    taper(champ, "8,5")
    assert (champ.value, vus, champ.message_saisie.texte) == (8.5, [8.5], ""), "une bonne saisie efface le message"


def test_valeur_posee_par_le_code_s_affiche_a_la_francaise_et_previent():
    champ = ChampNombre(value=0.0, description="Montant (€) :")
    assert champ.saisie.value == "0" and champ.description == "Montant (€) :"
    vus = []
    champ.observe(lambda c: vus.append(c["new"]), names="value")
    champ.value = 12500.5
    assert champ.saisie.value == f"12{FINE}500,5" and vus == [12500.5]
    champ.value = 3  # un entier devient un float, comme avec FloatText
    assert isinstance(champ.value, float) and champ.saisie.value == "3"


def test_la_meme_valeur_tapee_autrement_est_reecrite_sans_evenement():
    champ = ChampNombre(value=4.5)
    vus = []
    champ.observe(lambda c: vus.append(c["new"]), names="value")
    taper(champ, "4.5")
    assert champ.saisie.value == "4,5" and vus == []


def test_champ_entier():
    champ = ChampEntier(value=1000, description="Taille (clients)")
    assert champ.saisie.value == f"1{FINE}000"
    taper(champ, "1 500")
    assert champ.value == 1500 and isinstance(champ.value, int)
    taper(champ, "4,5")
    assert champ.value == 1500 and "n'accepte que des nombres entiers" in champ.message_saisie.texte
    champ.value += 1  # le code des vues (graine suivante) marche comme avec IntText
    assert champ.saisie.value == f"1{FINE}501"


def test_bornes():
    champ = ChampNombre(value=1, min=0, max=10)
    taper(champ, "12")
    assert champ.value == 1 and "hors des limites : choisissez entre 0 et 10" in champ.message_saisie.texte
    positif = ChampNombre(value=1, min=0)
    taper(positif, "-1")
    assert positif.value == 1 and "au moins 0" in positif.message_saisie.texte


def test_la_case_est_nommee_et_garde_la_mise_en_page():
    champ = ChampNombre(value=1, description="R (coopèrent)", style={"description_width": "90px"},
                        layout={"width": "200px"}, step=0.5, continuous_update=True)
    assert champ.saisie.description == "R (coopèrent)"
    assert champ.saisie.layout.width == "200px" and champ.saisie.style.description_width == "90px"
    assert champ.saisie.continuous_update is False  # lue à Entrée ou en quittant la case
    assert list(champ.children) == [champ.saisie, champ.message_saisie]


def test_plus_aucun_champ_numerique_du_navigateur_dans_les_vues():
    restants = [f"{p.relative_to(BIBLIOTHEQUE)}:{n}" for p in sorted(BIBLIOTHEQUE.rglob("*.py"))
                for n, ligne in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                if re.search(r"widgets\.(Bounded)?(Float|Int)Text\(", ligne)]
    assert restants == [], f"FloatText/IntText lisent « 4,5 » selon le navigateur ; utilisez ChampNombre : {restants}"


def test_les_vues_lisent_la_virgule():
    from strategie.widgets.couts import AtelierCouts
    from strategie.widgets.dilemme import _ChampsGains

    gains = _ChampsGains()
    taper(gains.tentation, "5,5")
    assert gains.lire().tentation == 5.5
    editeur = AtelierCouts()
    taper(editeur.prix, "4,5")
    assert editeur.prix.value == 4.5 and "marge sur chaque vente : 4,50" in editeur.bilan.value
