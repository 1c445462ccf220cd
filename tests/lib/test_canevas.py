"""Le modèle de canevas : blocs, notes, liens, messages d'erreur, fichiers JSON."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategie import FichierInvalide, SaisieInvalide
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
