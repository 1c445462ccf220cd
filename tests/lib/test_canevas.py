"""Le modèle de canevas : blocs, notes, liens, messages d'erreur, fichiers JSON."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategie import FichierInvalide, SaisieInvalide
from strategie import palette
from strategie.canevas import BLOCS, FORMAT, VERSION, Canevas, cle_de_bloc, exemple, ouvrir


def test_neuf_blocs_avec_intitules_organisation_et_personnel():
    assert len(BLOCS) == 9
    assert BLOCS["segments_clients"].intitule("personnel") == "Clients : qui vous aidez"
    assert BLOCS["structure_de_couts"].intitule("organisation") == "Structure de coûts"


@pytest.mark.parametrize("nom, cle", [
    ("segments_clients", "segments_clients"), ("Segments de clients", "segments_clients"),
    ("clients", "segments_clients"), ("Activités", "activites_cles"), ("valeur apportée", "proposition_de_valeur"),
    ("COÛTS", "structure_de_couts"), ("partenaires-clés", "partenaires_cles"),
])
def test_noms_de_blocs_tolerants(nom, cle):
    assert cle_de_bloc(nom) == cle


def test_bloc_inconnu_suggere_le_bon():
    with pytest.raises(SaisieInvalide, match="Vouliez-vous dire « segments_clients »"):
        cle_de_bloc("segmnts")
    with pytest.raises(SaisieInvalide, match="Blocs possibles"):
        cle_de_bloc("météo")
    with pytest.raises(SaisieInvalide, match="en texte"):
        cle_de_bloc(3)


@pytest.mark.parametrize("texte, message", [("", "vide"), ("   ", "vide"), (42, "chaîne"), (None, "chaîne"), ("x" * 400, "trop long")])
def test_note_refusee(texte, message):
    c = Canevas()
    with pytest.raises(SaisieInvalide, match=message):
        c.ajouter("canaux", texte)
    assert len(c) == 0


def test_doublon_refuse_dans_un_bloc_mais_pas_ailleurs():
    c = Canevas()
    c.ajouter("canaux", "Site web")
    with pytest.raises(SaisieInvalide, match="déjà"):
        c.ajouter("canaux", "  site   WEB ")
    c.ajouter("relation_client", "Site web")
    assert len(c) == 2


def test_liens_dans_les_deux_sens_et_retrait():
    c = Canevas()
    seg = c.ajouter("segments", "PME")
    pv = c.ajouter("proposition", "Tableaux de bord", liens=[seg.id])
    assert [n.id for n in c.liees(seg.id)] == [pv.id]
    assert [n.id for n in c.liees(pv.id, "segments_clients")] == [seg.id]
    c.retirer(seg.id)
    assert c.note(pv.id).liens == []
    with pytest.raises(SaisieInvalide, match="Aucune note"):
        c.lier(pv.id, "n999")
    with pytest.raises(SaisieInvalide, match="elle-même"):
        c.lier(pv.id, pv.id)


def test_modifier_deplace_et_renomme():
    c = Canevas()
    n = c.ajouter("activites", "Vendre")
    c.modifier(n.id, texte="Promouvoir l'offre", bloc="canaux")
    assert c.textes("canaux") == ["Promouvoir l'offre"] and c.textes("activites") == []


def test_vue_personnelle_change_les_intitules():
    c = Canevas("Moi", vue="personnel")
    assert c.intitule("ressources_cles").startswith("Ressources clés : vous")
    with pytest.raises(SaisieInvalide, match="organisation"):
        Canevas("Moi", vue="perso")


def test_verifier_signale_les_blocs_vides():
    c = Canevas()
    c.ajouter("canaux", "Site web")
    constats = c.verifier()
    assert len(constats) == 8 and all("vide" in x for x in constats)
    assert exemple("cafe").verifier() == []


def test_aller_retour_json(tmp_path):
    c = exemple("consultante")
    chemin = c.enregistrer(tmp_path / "c.json")
    donnees = json.loads(chemin.read_text(encoding="utf-8"))
    assert donnees["format"] == FORMAT and donnees["version"] == VERSION
    relu = Canevas.charger(chemin)
    assert relu.vers_dict() == c.vers_dict()
    # New ids never collide with loaded ones.
    nouvelle = relu.ajouter("canaux", "Blog")
    assert nouvelle.id not in {n.id for n in c.notes}


@pytest.mark.parametrize("contenu, message", [
    ("{pas du json", "JSON valide"),
    ('{"format": "autre", "version": 1}', "pas un canevas"),
    ('[1, 2]', "pas un canevas"),
    (json.dumps({"format": FORMAT, "version": VERSION + 1, "notes": []}), "plus récente"),
    (json.dumps({"format": FORMAT, "version": 1, "notes": [{"id": "a", "bloc": "météo", "texte": "x"}]}), "abîmé"),
    (json.dumps({"format": FORMAT, "version": 1, "notes": [{"id": "a", "bloc": "canaux", "texte": "x", "liens": ["zz"]}]}), "abîmé"),
])
def test_fichier_invalide_reste_intact(tmp_path, contenu, message):
    chemin = tmp_path / "c.json"
    chemin.write_text(contenu, encoding="utf-8")
    avant = (chemin.read_bytes(), os.stat(chemin).st_mtime_ns)
    with pytest.raises(FichierInvalide, match=message):
        Canevas.charger(chemin)
    assert (chemin.read_bytes(), os.stat(chemin).st_mtime_ns) == avant


def test_fichier_binaire_ou_absent(tmp_path):
    (tmp_path / "b.json").write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(FichierInvalide, match="texte"):
        Canevas.charger(tmp_path / "b.json")
    with pytest.raises(FichierInvalide, match="n'existe pas"):
        Canevas.charger(tmp_path / "absent.json")
    assert len(ouvrir(tmp_path / "absent.json")) == 0


def test_enregistrement_atomique(tmp_path, monkeypatch):
    chemin = tmp_path / "c.json"
    exemple("cafe").enregistrer(chemin)
    avant = chemin.read_bytes()

    def panne(*args, **kwargs):
        raise OSError("disque plein")

    monkeypatch.setattr(os, "fsync", panne)
    with pytest.raises(OSError):
        exemple("consultante").enregistrer(chemin)
    assert chemin.read_bytes() == avant, "un enregistrement interrompu ne doit pas abîmer l'ancien fichier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.json"], "aucun fichier temporaire ne doit rester"


def test_enregistrer_dans_un_dossier_absent(tmp_path):
    with pytest.raises(SaisieInvalide, match="n'existe pas"):
        Canevas().enregistrer(tmp_path / "absent" / "c.json")


texte_note = st.text(min_size=1, max_size=60).filter(lambda t: t.strip())
operations = st.lists(st.tuples(st.sampled_from(sorted(BLOCS)), texte_note, st.lists(st.integers(0, 20), max_size=3)), max_size=25)


@settings(max_examples=60, deadline=None)
@given(operations)
def test_propriete_aller_retour_et_verification(tmp_path_factory, ops):
    c = Canevas("Propriété")
    for bloc, texte, liens in ops:
        ids = [n.id for n in c.notes]
        try:
            c.ajouter(bloc, texte, [ids[i] for i in liens if i < len(ids)])
        except SaisieInvalide:
            pass  # duplicates are refused, the canvas stays usable
    chemin = tmp_path_factory.mktemp("p") / "c.json"
    c.enregistrer(chemin)
    assert Canevas.charger(chemin).vers_dict() == c.vers_dict()
    assert isinstance(c.verifier(), list)


# --- les liens entre notes : numéros, figure, résumé, page HTML -------------------------------

from strategie.accessibilite import resume_figure  # noqa: E402
from strategie.figures.canevas import exporter_html, figure_canevas  # noqa: E402


def _trois_notes():
    """Un segment, une proposition qui le sert, un partenaire sans lien (ajoutés dans le désordre)."""
    c = Canevas("Atelier")
    seg = c.ajouter("segments", "PME")
    pv = c.ajouter("proposition", "Tableaux de bord", liens=[seg.id])
    part = c.ajouter("partenaires", "Expert-comptable")
    return c, seg, pv, part


def test_les_notes_sont_numerotees_dans_l_ordre_de_lecture():
    c, seg, pv, part = _trois_notes()
    assert c.numeros() == {part.id: 1, pv.id: 2, seg.id: 3}
    assert [(a.id, b.id) for a, b in c.paires_liees()] == [(pv.id, seg.id)]


def test_un_lien_ecrit_dans_les_deux_sens_est_une_seule_paire():
    donnees = {"format": FORMAT, "version": VERSION, "notes": [
        {"id": "a", "bloc": "canaux", "texte": "Site", "liens": ["b"]},
        {"id": "b", "bloc": "segments_clients", "texte": "PME", "liens": ["a"]},
    ]}
    assert [(x.id, y.id) for x, y in Canevas.depuis_dict(donnees).paires_liees()] == [("a", "b")]


def test_la_figure_numerote_les_notes_et_montre_leurs_liens():
    c, *_ = _trois_notes()
    fig = figure_canevas(c)
    textes = [a.text for a in fig.layout.annotations]
    gris = f'<span style="color:{palette.GRIS}">'
    assert "<b>1.</b> Expert-comptable" in textes, "une note sans lien : son numéro, pas de ↔"
    assert f"<b>2.</b> Tableaux de bord {gris}↔\u00a03</span>" in textes
    assert f"<b>3.</b> PME {gris}↔\u00a02</span>" in textes
    assert fig.layout.title.subtitle.text == "Après ↔, les numéros des notes liées"


def test_le_resume_de_la_figure_dit_les_liens():
    c, *_ = _trois_notes()
    assert resume_figure(figure_canevas(c)).startswith(
        "Figure « Atelier — Business Model Canvas ». Après ↔, les numéros des notes liées. "
        "3\u00a0notes, 1\u00a0lien entre notes : « Tableaux de bord » (2) ↔ « PME » (3). Textes : ")
    cafe = resume_figure(figure_canevas(exemple("cafe")))
    assert "18\u00a0notes, 9\u00a0liens entre notes : " in cafe
    assert " ; et 5\u00a0autres liens. Textes : " in cafe, "au-delà de quatre liens, le résumé les compte"
    sans_lien = figure_canevas(Canevas("Vide"))
    assert resume_figure(sans_lien) == (
        "Figure « Vide — Business Model Canvas ». 0\u00a0note, 0\u00a0lien entre notes. Textes : "
        "Partenaires clés, Activités clés, Ressources clés, Proposition de valeur, Relation client, Canaux "
        "et 3\u00a0autres.")
    assert sans_lien.layout.title.subtitle.text == ""


def test_la_page_html_dit_pour_chaque_note_a_quelles_notes_elle_est_liee(tmp_path):
    c, *_ = _trois_notes()
    page = exporter_html(c, tmp_path / "c.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">\n<head>\n    <meta charset="utf-8">\n'
                           '    <meta name="generator" content="strategie">')
    assert ('<li id="note-2" value="2">Tableaux de bord<br><small>liée à : '
            '<a href="#note-3">3. PME</a></small></li>') in page
    assert ('<li id="note-3" value="3">PME<br><small>liée à : '
            '<a href="#note-2">2. Tableaux de bord</a></small></li>') in page
    assert '<li id="note-1" value="1">Expert-comptable</li>' in page
    assert "<h3>Canaux</h3><p class=\"vide\">Aucune note.</p>" in page
    assert "plotly-graph-div" in page, "la figure reste dans la page"
