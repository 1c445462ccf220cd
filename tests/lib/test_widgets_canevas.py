"""L'éditeur de canevas, piloté comme le ferait un apprenant (sans navigateur)."""

from __future__ import annotations

import json

from strategie.canevas import exemple
from strategie.widgets.canevas import EditeurCanevas


def _annotations(editeur):
    """Les textes de la figure telle qu'envoyée au navigateur."""
    return " ".join(a["text"] for a in editeur.figure.affichee["layout"]["annotations"])


def test_ajouter_modifier_retirer_par_les_boutons(tmp_path):
    e = EditeurCanevas(chemin=tmp_path / "c.json")
    panneau = e.panneaux["canaux"]
    panneau.saisie.value = "Site web"
    panneau.bouton_ajouter.click()
    assert e.canevas.textes("canaux") == ["Site web"]
    assert panneau.saisie.value == "", "le champ se vide après un ajout réussi"
    assert "Site web" in _annotations(e), "la figure montre la nouvelle note"
    panneau.liste.value = panneau.liste.options[0][1]
    assert panneau.saisie.value == "Site web"
    panneau.saisie.value = "Boutique en ligne"
    panneau.bouton_modifier.click()
    assert e.canevas.textes("canaux") == ["Boutique en ligne"]
    panneau.liste.value = panneau.liste.options[0][1]
    panneau.bouton_retirer.click()
    assert e.canevas.textes("canaux") == []


def test_saisie_refusee_garde_le_texte_et_explique(tmp_path):
    e = EditeurCanevas(chemin=tmp_path / "c.json")
    panneau = e.panneaux["segments_clients"]
    panneau.saisie.value = "PME"
    panneau.bouton_ajouter.click()
    panneau.saisie.value = "pme"
    panneau.bouton_ajouter.click()
    assert e.message.genre == "erreur" and "déjà" in e.message.texte
    assert panneau.saisie.value == "pme", "le texte refusé reste dans le champ"
    panneau.saisie.value = "   "
    panneau.bouton_ajouter.click()
    assert "vide" in e.message.texte


def test_enregistrer_puis_recharger(tmp_path):
    chemin = tmp_path / "mon-canevas.json"
    e = EditeurCanevas(exemple("cafe"), chemin=chemin)
    e.enregistrer()
    assert e.message.genre == "succes" and chemin.exists()
    autre = EditeurCanevas(chemin=chemin)
    assert autre.canevas.vers_dict() == e.canevas.vers_dict()
    assert autre.nom.value == "Café-librairie du quartier"


def test_fichier_abime_ouvre_un_canevas_vide_sans_toucher_au_fichier(tmp_path):
    chemin = tmp_path / "mon-canevas.json"
    chemin.write_text("{abîmé", encoding="utf-8")
    e = EditeurCanevas(chemin=chemin)
    assert len(e.canevas) == 0 and e.message.genre == "erreur"
    assert "JSON" in e.message.texte
    assert chemin.read_text(encoding="utf-8") == "{abîmé"
    e.charger()
    assert e.message.genre == "erreur"


def test_vue_personnelle_et_liens(tmp_path):
    e = EditeurCanevas(exemple("consultante"), chemin=tmp_path / "c.json")
    e.vue.value = "organisation"
    assert "Segments de clients" in e.panneaux["segments_clients"].titre.value
    ids = [v for _, v in e.lien_a.options]
    e.lier(ids[0], ids[-1])
    assert ids[-1] in e.canevas.note(ids[0]).liens
    assert "↔" in e.liens.value
    e.lier(ids[0], ids[0])
    assert e.message.genre == "erreur"


def test_export_html(tmp_path):
    e = EditeurCanevas(exemple("cafe"), chemin=tmp_path / "c.json")
    e.exporter()
    page = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "librairie du quartier" in page and "plotly" in page.lower()
    json.loads(json.dumps(e.canevas.vers_dict()))
