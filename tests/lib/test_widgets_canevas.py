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


def test_le_champ_fichier_reste_dans_le_dossier_et_ne_touche_ni_carnet_ni_fichier_etranger(tmp_path):
    """Taper le nom de la leçon remplaçait le carnet par du JSON : refusé, comme tout fichier étranger."""
    lecon = tmp_path / "01-business-model-canvas.ipynb"
    lecon.write_text('{"cells": []}', encoding="utf-8")
    etranger = tmp_path / "budget.json"
    etranger.write_text('{"loyer": 800}', encoding="utf-8")
    e = EditeurCanevas(exemple("cafe"), chemin=tmp_path / "mon-canevas.json")
    assert e.chemin.value == "mon-canevas.json" and e.dossier == tmp_path.resolve()
    assert str(tmp_path.resolve()) in e.chemin.dossier_affiche.value, "le dossier du fichier est affiché"
    for nom, indice in [(lecon.name, "carnet"), ("budget.json", "ce n'est pas un fichier de"),
                        ("../mon-canevas.json", "sans dossier"), (str(tmp_path / "x.json"), "sans dossier"),
                        ("canevas.txt", "finit par .json"), (".cache.json", "caché")]:
        e.chemin.value = nom
        e.enregistrer()
        assert e.message.genre == "erreur" and indice in e.message.texte, (nom, e.message.texte)
    e.chemin.value = lecon.name
    e.exporter()
    assert e.message.genre == "erreur" and "carnet" in e.message.texte
    assert lecon.read_text(encoding="utf-8") == '{"cells": []}'
    assert etranger.read_text(encoding="utf-8") == '{"loyer": 800}'
    assert sorted(f.name for f in tmp_path.iterdir()) == ["01-business-model-canvas.ipynb", "budget.json"]
    e.chemin.value = "mon-canevas"  # no extension: .json is added
    e.enregistrer()
    assert e.message.genre == "succes" and str(tmp_path.resolve() / "mon-canevas.json") in e.message.texte
    e.enregistrer()  # its own file: replaced without a question
    assert e.message.genre == "succes"


def test_un_canevas_vide_ne_remplace_un_canevas_enregistre_qu_apres_confirmation(tmp_path):
    chemin = tmp_path / "mon-canevas.json"
    e = EditeurCanevas(exemple("cafe"), chemin=chemin)
    e.enregistrer()
    riche = chemin.read_bytes()
    for note in list(e.canevas):
        e.retirer(note.id)
    assert len(e.canevas) == 0
    e.enregistrer()
    assert chemin.read_bytes() == riche, "rien n'est écrit avant la réponse"
    assert e.confirmation.en_attente and e.confirmation.layout.display is None
    assert "note(s)" in e.confirmation.question.value and e.message.genre == "info"
    e.confirmation.bouton_non.click()
    assert chemin.read_bytes() == riche and not e.confirmation.en_attente and e.confirmation.layout.display == "none"
    e.enregistrer()
    e.panneaux["canaux"].saisie.value = "Site web"
    e.panneaux["canaux"].bouton_ajouter.click()  # the canvas changed: the question goes away
    assert not e.confirmation.en_attente
    e.retirer(e.canevas.notes_du_bloc("canaux")[0].id)
    e.enregistrer()
    e.confirmation.bouton_oui.click()
    assert e.message.genre == "succes" and len(EditeurCanevas(chemin=chemin).canevas) == 0


def test_export_html_remplace_sa_propre_page_mais_pas_une_page_etrangere(tmp_path):
    e = EditeurCanevas(exemple("cafe"), chemin=tmp_path / "c.json")
    e.exporter()
    e.exporter()
    assert e.message.genre == "succes" and "strategie" in (tmp_path / "c.html").read_text(encoding="utf-8")[:500]
    (tmp_path / "d.html").write_text("<html>mon CV</html>", encoding="utf-8")
    e.chemin.value = "d.json"
    e.exporter()
    assert e.message.genre == "erreur" and (tmp_path / "d.html").read_text(encoding="utf-8") == "<html>mon CV</html>"
