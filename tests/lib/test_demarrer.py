"""Le compte de résultat du module 00 et sa calculette."""

import pytest

from strategie import SaisieInvalide
from strategie.demarrer import compte_simple
from strategie.widgets.demarrer import CalculetteResultat


def test_compte_calcule_a_la_main():
    c = compte_simple(prix=4, cout_unitaire=1.5, quantite=1000, couts_fixes=1200)
    assert c == {"chiffre_affaires": 4000.0, "couts_variables": 1500.0, "couts_fixes": 1200.0, "resultat": 1300.0}


@pytest.mark.parametrize("arguments, nom", [((-1, 1, 1), "prix"), ((1, "a", 1), "coût unitaire"), ((1, 1, True), "quantité")])
def test_saisie_refusee_nomme_le_champ(arguments, nom):
    with pytest.raises(SaisieInvalide, match=nom):
        compte_simple(*arguments)


def test_curseurs_mettent_a_jour_la_figure_et_le_message():
    w = CalculetteResultat()
    w.prix.value = 1.0
    w.cout_unitaire.value = 2.0
    assert w.figure.data[0].y[-1] < 0 and w.message.genre == "erreur" and "perte" in w.message.texte
    w.prix.value = 10.0
    assert w.figure.data[0].y[-1] == pytest.approx(10 * 1000 - 2 * 1000 - 1500)
    # The figure sent to the browser follows the sliders, not only the model.
    assert w.figure.affichee["data"][0]["y"][-1] == pytest.approx(10 * 1000 - 2 * 1000 - 1500)
    assert w.message.genre == "succes"
