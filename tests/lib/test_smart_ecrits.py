"""Objectifs SMART tels qu'on les écrit : nombres en lettres, verbes conjugués, départ à zéro (issue 16)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategie import smart
from strategie.smart._texte import NOMBRES_EN_LETTRES, lire_lettres, nombre_en_lettres
from strategie.smart.verificateur import analyser

J = datetime.date(2026, 1, 15)
FIN = " d'ici fin 2026"


# --- nombres en lettres ---

@pytest.mark.parametrize("ecrit, valeur", [
    ("vingt-cinq mille", 25_000),
    ("dix-sept", 17),
    ("dix sept", 17),
    ("quatre-vingt-dix", 90),
    ("quatre-vingts", 80),
    ("quatre-vingt-onze", 91),
    ("soixante et onze", 71),
    ("soixante-dix-sept", 77),
    ("vingt et un", 21),
    ("deux cent mille", 200_000),
    ("trois cents", 300),
    ("mille deux cent cinquante", 1250),
    ("un million", 1_000_000),
    ("deux millions trois cent mille", 2_300_000),
    ("zero", 0),
])
def test_nombre_en_lettres(ecrit, valeur):
    assert nombre_en_lettres(ecrit) == valeur


@pytest.mark.parametrize("ecrit", ["vingt-dix", "cent cent", "mille mille", "deux trois", "et un", "dix et un"])
def test_nombre_en_lettres_mal_forme(ecrit):
    assert nombre_en_lettres(ecrit) is None


def test_lire_lettres_coupe_une_suite_mal_formee():
    # « deux trois » : two numbers, not 5 ; an ordinal is not a number.
    assert [v for _, _, v in lire_lettres("deux trois clients")] == [2, 3]
    assert lire_lettres("le dix-septieme magasin") == []


def _ecrire(n: int) -> str:
    """Écrit n (< 1 000 000) en lettres, indépendamment du lecteur (règles de 1990 : des traits d'union)."""
    unites = ["zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
              "douze", "treize", "quatorze", "quinze", "seize"]
    dizaines = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante", 8: "quatre-vingt"}

    def moins_de_cent(k):
        if k < 17:
            return unites[k]
        d, u = divmod(k, 10)
        if d == 1:
            return f"dix-{unites[u]}"
        if d in (7, 9):
            base = dizaines[d - 1]
            return f"{base}-{unites[u + 10]}" if u + 10 < 17 else f"{base}-dix-{unites[u]}"
        if u == 0:
            return dizaines[d] + ("s" if d == 8 else "")
        return f"{dizaines[d]}-et-un" if u == 1 and d != 8 else f"{dizaines[d]}-{unites[u]}"

    def moins_de_mille(k):
        c, r = divmod(k, 100)
        if not c:
            return moins_de_cent(r)
        tete = "cent" if c == 1 else f"{unites[c]}-cent" + ("s" if r == 0 else "")
        return tete if r == 0 else f"{tete}-{moins_de_cent(r)}"

    milliers, reste = divmod(n, 1000)
    if not milliers:
        return moins_de_mille(reste)
    tete = "mille" if milliers == 1 else f"{moins_de_mille(milliers)}-mille"
    return tete if reste == 0 else f"{tete}-{moins_de_mille(reste)}"


@given(st.integers(min_value=0, max_value=999_999))
def test_nombre_en_lettres_aller_retour(n):
    assert nombre_en_lettres(_ecrire(n)) == n


def test_les_echeances_lisent_les_nombres_composes():
    assert NOMBRES_EN_LETTRES["vingt-quatre"] == 24 and NOMBRES_EN_LETTRES["soixante et onze"] == 71
    assert smart.lire_echeance("dans vingt-quatre mois", aujourd_hui=J) == datetime.date(2028, 1, 15)
    assert smart.lire_echeance("en dix-huit mois", aujourd_hui=J) == datetime.date(2027, 7, 15)


# --- les exemples de l'issue, et leurs variantes ---

@pytest.mark.parametrize("texte, depart, cible, unite, cite", [
    ("Atteindre vingt-cinq mille euros de ventes", None, 25_000, "€", "« vingt-cinq mille euros »"),
    ("Passer de douze à vingt-cinq clients", 12, 25, "clients", "« vingt-cinq clients »"),
    ("Signer dix-sept nouveaux clients", None, 17, "clients", "« dix-sept nouveaux clients »"),
    ("Atteindre deux cent mille euros de chiffre d'affaires", None, 200_000, "€", "« deux cent mille euros »"),
    ("Atteindre deux millions d'euros de chiffre d'affaires", None, 2_000_000, "€", "« deux millions d'euros »"),
    ("Vendre quatre-vingt-dix abonnements annuels", None, 90, "abonnements", "« quatre-vingt-dix abonnements »"),
    ("Réduire les retours de soixante et onze à quarante colis par mois", 71, 40, "colis", "« quarante colis »"),
    ("Atteindre 25 mille euros de ventes", None, 25_000, "€", "25\u202f000\u00a0€"),
    ("Atteindre 1,5 million d'euros de chiffre d'affaires", None, 1_500_000, "€", "1\u202f500\u202f000\u00a0€"),
])
def test_cibles_ecrites_en_lettres(texte, depart, cible, unite, cite):
    a = analyser(texte + FIN, J)
    assert a.cible is not None and (a.cible.valeur, a.cible.unite) == (cible, unite)
    assert (a.depart.valeur if a.depart else None) == depart
    ok, raison = smart.evaluer(texte + FIN, J)["mesurable"]
    assert ok is True and cite in raison, raison


def test_de_douze_a_vingt_cinq_se_juge_comme_en_chiffres():
    en_lettres = smart.evaluer("Passer de douze à vingt-cinq clients" + FIN, J)["atteignable"]
    en_chiffres = smart.evaluer("Passer de 12 à 25 clients" + FIN, J)["atteignable"]
    assert en_lettres == en_chiffres and en_lettres[0] is False  # +108 % in 11 months


def test_un_seul_mot_nombre_n_est_pas_une_cible():
    # « une boutique » is one deliverable ; « neuf » here is an adjective ; « par deux » a variation.
    assert analyser("Ouvrir une boutique à Lyon" + FIN, J).quantites == []
    assert analyser("Ouvrir un magasin neuf à Lyon" + FIN, J).quantites == []
    v = smart.evaluer("Diviser par deux le temps d'attente au guichet en 2 ans", J)
    assert v["mesurable"][0] is True and "−50" in v["atteignable"][1]


@pytest.mark.parametrize("texte, verbe, categorie", [
    ("Nous augmenterons le chiffre d'affaires de 10 %", "augmenterons", "hausse"),
    ("L'équipe réduira le délai de réponse de 48 h à 24 h", "réduira", "baisse"),
    ("Le service client répondra à 95 % des demandes en moins de 24 h", "répondra", "fort"),
    ("Nous avons signé dix-sept nouveaux clients", "signé", "livrable"),
    ("L'équipe a réduit le délai de réponse de 48 h à 24 h", "réduit", "baisse"),
    ("Le taux de retard passe de 12 % à 8 %", "passe", "fort"),
    ("Le produit phare augmentera ses ventes de 10 %", "augmentera", "hausse"),
    ("Nous maintiendrons le taux de disponibilité à 99,5 %", "maintiendrons", "maintien"),
    ("Nous atteindrons vingt-cinq mille euros de ventes en ligne", "atteindrons", "fort"),
    ("Nous digitaliserons 80 % des factures fournisseurs", "digitaliserons", "fort"),
])
def test_verbes_conjugues(texte, verbe, categorie):
    a = analyser(texte + FIN, J)
    assert (a.verbe, a.categorie) == (verbe, categorie)
    ok, raison = smart.evaluer(texte + FIN, J)["specifique"]
    assert ok is True and "sans verbe" not in raison and f"« {verbe} »" in raison, raison
    assert verbe not in a.concrets  # the verb is not what changes


def test_verbe_conjugue_garde_son_sens():
    ok, raison = smart.evaluer("L'équipe réduira le délai de réponse de 24 h à 48 h" + FIN, J)["specifique"]
    assert ok is False and "« réduira » demande une baisse" in raison
    v = smart.evaluer("Nous doublerons le nombre d'abonnés à la lettre d'information d'ici fin 2027", J)
    assert v["mesurable"] == (True, "cible chiffrée : « doublerons » (point de départ à préciser).")
    assert "+100" in v["atteignable"][1]


def test_un_nom_ou_un_participe_n_est_pas_un_verbe():
    # After an article « produit » is a noun ; without an auxiliary « livrées » is an adjective.
    assert analyser("Le produit phare : 500 ventes" + FIN, J).verbe is None
    assert analyser("Taux de commandes livrées en retard : 5 %" + FIN, J).verbe is None
    assert analyser("La mise en place du CRM : 200 comptes" + FIN, J).verbe is None
    assert analyser("Dès maintenant, le taux de retard baisse de 12 % à 8 %" + FIN, J).verbe == "baisse"


# --- départ à zéro : un indicateur à créer ---

@pytest.mark.parametrize("texte, cite", [
    ("Passer de 0 à 200 abonnés à la lettre d'information", "« 200 abonnés »"),
    ("Passer de zéro à deux cents abonnés à la lettre d'information", "« deux cents abonnés »"),
])
def test_depart_a_zero_se_juge_sur_la_cible(texte, cite):
    ok, raison = smart.evaluer(texte + FIN, J)["atteignable"]
    assert ok is True and "indicateur à créer" in raison and cite in raison, raison
    assert "17\u00a0abonnés par mois" in raison  # 200 in 350 days


def test_depart_a_zero_delai_trop_court_ou_absent():
    ok, raison = smart.evaluer("Passer de 0 à 200 abonnés d'ici le 30/01/2026", J)["atteignable"]
    assert ok is False and "trop court" in raison and "« 200 abonnés »" in raison
    ok, raison = smart.evaluer("Passer de 0 à 200 abonnés", J)["atteignable"]
    assert ok is None and "échéance" in raison
    # From 0 % to 100 % is still an absolute target, rarely held.
    ok, raison = smart.evaluer("Porter le taux de couverture de 0 % à 100 %" + FIN, J)["atteignable"]
    assert ok is None and "absolue" in raison


def test_objectif_structure_depart_a_zero():
    objectif = smart.Objectif(quoi="Créer une lettre d'information", indicateur="nombre d'abonnés", depart=0,
                              cible=500, unite="abonnés", echeance="31/12/2026", responsable="Léa",
                              moyens="un outil d'envoi")
    ok, raison = smart.verifier(objectif, J)["atteignable"]
    assert ok is True and "500\u00a0abonnés en 11 mois" in raison and "43\u00a0abonnés par mois" in raison
    assert objectif.sens == 1
