"""Une règle pour tous les nombres tapés : virgule ou point, messages français (sans navigateur).

Les curseurs du cours (``Curseur``, ``CurseurEntier``) n'ont plus l'affichage natif
d'ipywidgets, qui écrivait « 6.0 » et lisait « 4,5 » comme 4 : une case française le
remplace. On tape dans ``curseur.saisie`` comme l'apprenant dans la page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from strategie import francais
from strategie.erreurs import SaisieInvalide
from strategie.widgets._commun import Curseur, CurseurEntier

WIDGETS = Path(__file__).resolve().parents[2] / "lib" / "strategie" / "widgets"


@pytest.mark.parametrize("texte, valeur", [
    ("4,5", 4.5), ("4.5", 4.5), (" 0,6 ", 0.6), ("1 200", 1200.0), ("1\u202f200,5", 1200.5), ("1\u00a0500", 1500.0),
    ("\u22123", -3.0), ("-3", -3.0), ("+2", 2.0), (",5", 0.5), ("7,", 7.0), ("12 %", 12.0), ("3 €", 3.0), (7, 7.0),
])
def test_lire_nombre_francais(texte, valeur):
    assert francais.lire_nombre(texte) == pytest.approx(valeur)


@pytest.mark.parametrize("texte, indice", [
    ("abc", "n'est pas un nombre"), ("", "Écrivez un nombre"), ("   ", "Écrivez un nombre"),
    ("1.200,5", "une virgule et un point"), ("4,5,6", "n'est pas un nombre"), ("1e3", "n'est pas un nombre"),
    ("4;5", "n'est pas un nombre"), ("inf", "n'est pas un nombre"), (True, "Écrivez un nombre"),
    (float("nan"), "fini"), (None, "Écrivez un nombre"),
])
def test_lire_nombre_refuse_en_francais(texte, indice):
    with pytest.raises(SaisieInvalide, match=indice):
        francais.lire_nombre(texte)


def test_lire_nombre_relit_ce_que_nombre_ecrit():
    for x in (0.0, 4.5, -1.25, 1200.0, 2_520_000.5):
        assert francais.lire_nombre(francais.nombre(x)) == pytest.approx(x)
    assert francais.lire_nombre(francais.pourcent(12.5, 1)) == pytest.approx(12.5)
    assert francais.lire_nombre(francais.euros(1200.65)) == pytest.approx(1200.65)


def test_curseur_affiche_et_lit_la_virgule():
    c = Curseur(value=4.0, min=0, max=20, step=0.1, description="Prix (€)")
    assert c.readout is False, "l'affichage natif (point décimal) doit être coupé"
    assert c.saisie.value == "4"
    c.saisie.value = "4,5"
    assert c.value == 4.5 and c.saisie.value == "4,5"
    c.saisie.value = "7.25"  # the point is accepted too, and written back the French way
    assert c.value == 7.25 and c.saisie.value == "7,25"
    c.value = 1.5  # the slider moved: the box follows
    assert c.saisie.value == "1,5" and c.message_saisie.texte == ""
    assert c.boite.children[:2] == (c, c.saisie)


def test_curseur_refuse_poliment_et_garde_la_saisie():
    vus = []
    c = Curseur(value=4.0, min=0, max=20, step=0.1, description="Prix (€)")
    c.observe(lambda ch: vus.append(ch["new"]), names="value")
    c.saisie.value = "quatre"
    assert c.value == 4.0 and c.saisie.value == "quatre" and vus == []
    assert c.message_saisie.genre == "erreur" and "n'est pas un nombre" in c.message_saisie.texte
    c.saisie.value = "25"
    assert c.value == 4.0 and "entre 0 et 20" in c.message_saisie.texte
    c.saisie.value = "12,5"
    assert c.value == 12.5 and vus == [12.5] and c.message_saisie.texte == ""


def test_curseur_entier_et_milliers():
    c = CurseurEntier(value=1000, min=0, max=5000, step=50, description="Quantité")
    assert c.saisie.value == "1\u202f000"
    c.saisie.value = "4,5"
    assert c.value == 1000 and "nombres entiers" in c.message_saisie.texte
    c.saisie.value = "2 500"
    assert c.value == 2500 and isinstance(c.value, int) and c.saisie.value == "2\u202f500"
    c.saisie.value = "3000,0"
    assert c.value == 3000


def test_curseur_en_pourcentage():
    c = Curseur(value=0.05, min=0, max=0.5, step=0.01, part=True, description="Erreurs")
    assert c.saisie.value == "5\u202f%"
    c.saisie.value = "12,5 %"
    assert c.value == pytest.approx(0.125) and c.saisie.value == "12,5\u202f%"
    c.saisie.value = "60"
    assert c.value == pytest.approx(0.125) and "entre 0\u202f% et 50\u202f%" in c.message_saisie.texte


def test_aucun_curseur_natif_dans_les_vues():
    """Toutes les vues passent par Curseur / CurseurEntier : la même règle partout."""
    natifs = {
        f.name: re.findall(r"widgets\.(?:Float|Int)(?:Log)?Slider\(", f.read_text(encoding="utf-8"))
        for f in WIDGETS.glob("*.py") if f.name != "_commun.py"
    }
    assert not {k: v for k, v in natifs.items() if v}, natifs


def test_les_vues_lisent_la_virgule():
    """Les trois erreurs relevées : 00 (4,5 → 4), 15 (0,6 → 0,05, CLV de −145 €), 12 (7,5 → 7)."""
    from strategie import valeur_client as vc
    from strategie.widgets.canevas_strategique import EditeurCanevasStrategique
    from strategie.widgets.demarrer import CalculetteResultat
    from strategie.widgets.valeur_client import CalculateurCLV

    calculette = CalculetteResultat()
    calculette.prix.saisie.value = "4,5"
    assert calculette.prix.value == 4.5
    assert calculette.figure.data[0].y[-1] == pytest.approx(4.5 * 1000 - 1.5 * 1000 - 1500)
    assert calculette.message.texte == "Résultat : 1\u202f500\u00a0€ de bénéfice."

    clv = CalculateurCLV()
    clv.taux_retention.saisie.value = "0,6"
    assert clv.taux_retention.value == pytest.approx(0.6)
    assert clv.clv == pytest.approx(vc.clv(100, 0.6, 0.1, 150)) == pytest.approx(-30)  # not −145 (0,05)

    editeur = EditeurCanevasStrategique()
    curseur = editeur.curseurs["Prix"]
    curseur.saisie.value = "7,5"
    assert editeur.canevas.courbe(editeur.canevas.focale)["Prix"] == 7.5
    assert editeur.curseurs["Prix"].saisie.value == "7,5"
