"""Le cours reprend les faits des articles sources, pas leurs phrases (tools/passages_copies.py)."""

import importlib.util
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("passages_copies", RACINE / "tools" / "passages_copies.py")
passages_copies = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(passages_copies)

SOURCE = ("La proposition de valeur décrit les bénéfices que les clients peuvent attendre de vos produits "
          "et services, et elle se vérifie auprès d'eux.")


def test_un_passage_recopie_est_trouve_malgre_casse_accents_et_apostrophes():
    connues = passages_copies.empreintes_de(SOURCE)
    copie = "Ici, LA PROPOSITION de valeur decrit les benefices que les clients peuvent attendre de vos produits, voilà."
    assert passages_copies.passages(copie, connues) == [
        "la proposition de valeur decrit les benefices que les clients peuvent attendre de vos produits"]


def test_onze_mots_communs_ou_une_citation_entre_guillemets_ne_sont_pas_une_copie():
    connues = passages_copies.empreintes_de(SOURCE)
    assert passages_copies.passages("la proposition de valeur décrit les bénéfices que les clients peuvent", connues) == []
    cite = "Comme l'écrit l'auteur : « La proposition de valeur décrit les bénéfices que les clients peuvent attendre de vos produits »."
    assert passages_copies.passages(cite, connues) == []


def test_les_empreintes_des_sources_sont_dans_le_depot():
    assert len(passages_copies.charger_empreintes()) > 10_000


def test_aucun_passage_du_cours_n_est_recopie_des_sources():
    resultat = passages_copies.rapport()
    assert not resultat, "Passages recopiés des articles sources (réécrivez-les) :\n" + "\n".join(
        f"{f} : « {p} »" for f, ps in resultat.items() for p in ps)
