"""Le vérificateur SMART face à un tableau d'objectifs écrits en français pour l'occasion.

Chaque ligne : le texte, puis le verdict attendu pour S, M, A, R, T
(1 = rempli, 0 = non rempli, None = le texte seul ne permet pas de trancher).
Le jour de référence est fixe, pour que le résultat ne dépende pas du jour d'exécution.
"""

import datetime

import pytest

from strategie import smart

AUJOURD_HUI = datetime.date(2026, 1, 15)
N = None

OBJECTIFS = [
    # --- bien formulés ---
    ("Réduire le taux de retard de livraison de 12 % à 8 % d'ici fin juin 2027, responsable : Julie Martin, "
     "avec un transporteur supplémentaire", 1, 1, 1, 1, 1),
    ("Augmenter le chiffre d'affaires export de 15 % d'ici fin 2027, responsable : Claire Dubois, avec un budget "
     "de 40 k€", 1, 1, 1, 1, 1),
    ("Optimiser le processus de facturation des clients grands comptes pour passer le délai de paiement de 60 à "
     "45 jours d'ici fin 2026, responsable : service comptable, avec un nouveau logiciel", 1, 1, 1, 1, 1),
    ("Gagner 200 nouveaux clients professionnels en Bretagne en 2026 avec deux commerciaux dédiés, sous la "
     "responsabilité de Paul", 1, 1, N, 1, 1),
    ("Réduire le turnover de 25 % à 15 % d'ici le 30/06/2026, porté par la DRH avec un budget formation de "
     "30 000 €", 1, 1, 1, 1, 1),
    ("Augmenter le taux de conversion du site de 2 % à 3 % en huit mois, avec une agence spécialisée, piloté "
     "par Marc", 1, 1, 1, 1, 1),
    ("Répondre à 95 % des demandes clients en moins de 24 h d'ici le 31/03/2027, avec deux conseillers de plus, "
     "responsable : Inès", 1, 1, N, 1, 1),
    ("Réduire le délai moyen de réponse au SAV de 72 h à 24 h d'ici le 30/09/2026 en recrutant un technicien, "
     "responsable : Léa Roux", 1, 1, 1, 1, 1),
    # --- chiffrés et datés, mais sans responsable ni moyens ---
    ("Réduire le taux de retard de livraison de 12 % à 8 % d'ici fin juin 2027", 1, 1, 1, N, 1),
    ("Porter la note moyenne des avis clients de 3,9/5 à 4,4/5 d'ici la fin de l'année", 1, 1, 1, N, 1),
    ("Augmenter le panier moyen de 45 € à 52 € au S2 2026", 1, 1, 1, N, 1),
    ("Atteindre un NPS de 50 d'ici fin 2027 (contre 32 aujourd'hui)", 1, 1, 1, N, 1),
    ("Atteindre 1 000 000 € de chiffre d'affaires en ligne d'ici décembre 2027, contre 400 000 € en 2025",
     1, 1, 1, N, 1),
    ("Diviser par deux le temps d'attente au guichet en 2 ans", 1, 1, 1, N, 1),
    ("Augmenter de 20 % le nombre d'adhérents de l'association d'ici juin 2027", 1, 1, 1, N, 1),
    ("Baisser les émissions de CO2 du parc de véhicules de 20 % d'ici 2030", 1, 1, 1, N, 1),
    ("Réduire la consommation d'énergie de l'usine de Lille de 10 % par an pendant 3 ans", 1, 1, 1, N, 1),
    ("Signer 5 nouveaux contrats de maintenance au T3 2026", 1, 1, N, N, 1),
    ("Accroître la part de marché de 3 points en 2026", 1, 1, N, N, 1),
    ("Maintenir le taux de disponibilité du site à 99,5 % jusqu'au 31/12/2027", 1, 1, N, N, 1),
    ("Former 100 % des vendeurs au nouveau logiciel de caisse d'ici le 30 septembre 2026", 1, 1, N, N, 1),
    ("Atteindre zéro accident du travail en 2026", 1, 1, N, N, 1),
    # --- livrables (fait / pas fait) ---
    ("Ouvrir une boutique à Lyon avant le 31/12/2027", 1, 1, N, N, 1),
    ("Publier un livre blanc sur la cybersécurité avant fin mars 2026, rédigé par l'équipe marketing",
     1, 1, N, N, 1),
    ("Recruter deux commerciaux en 6 mois, pilotée par la DRH", 1, 1, N, N, 1),
    # --- vagues ---
    ("Augmenter les ventes", 0, 0, N, N, 0),
    ("Améliorer la satisfaction client", 0, 0, N, N, 0),
    ("Faire mieux que l'an dernier", 0, 0, N, N, 0),
    ("Être le leader du marché", 0, 0, N, N, 0),
    ("Développer l'entreprise", 0, 0, N, N, 0),
    ("Améliorer la qualité", 0, 0, N, N, 0),
    ("Vendre plus", 0, 0, N, N, 0),
    ("Former les vendeurs", 0, 0, N, N, 0),
    ("Rendre nos clients heureux", 0, 0, N, N, 0),
    ("Être présent sur les réseaux sociaux", 0, 0, N, N, 0),
    ("Excellence opérationnelle", 0, 0, N, N, 0),
    ("", 0, 0, N, N, 0),
    ("Réduire les délais rapidement", 0, 0, N, N, 0),
    ("Optimiser les processus internes d'ici le T2 2027", 0, 0, N, N, 1),
    ("Augmenter le nombre de visites en magasin le plus possible", 1, 0, N, N, 0),
    ("Devenir la référence du vélo électrique à Nantes d'ici 2028", 1, 0, N, N, 1),
    ("Atteindre 500 d'ici fin 2027", 0, 0, N, N, 1),
    # --- un défaut précis ---
    ("Passer le taux de churn de 12 % à 12 % d'ici fin 2027", 1, 0, N, N, 1),
    ("Porter le taux de satisfaction à 120 % d'ici fin 2027", 1, 1, 0, N, 1),
    ("Doubler le nombre d'abonnés en 3 mois", 1, 1, 0, N, 1),
    ("Réduire le taux de rebut de la ligne 2 de 5 % à 0,5 % en 3 mois", 1, 1, 0, N, 1),
    ("Augmenter la marge brute de 30 % à 80 % d'ici fin 2026", 1, 1, 0, N, 1),
    ("Réduire les coûts de 150 % d'ici fin 2026", 1, 1, 0, N, 1),
    ("Réduire de 8 % à 12 % le taux de réclamations en 2027", 0, 1, 1, N, 1),
    ("Livrer les commandes en 3 jours au lieu de 5 d'ici le 31 février 2027", 1, 1, N, N, 0),
    ("Augmenter les ventes de 5 % d'ici le 31/04/2027", 1, 1, N, N, 0),
    ("Lancer une application mobile de réservation au T5 2026", 1, 1, N, N, 0),
    ("Réduire le nombre de réclamations de moitié d'ici fin 2024", 1, 1, N, N, 0),
    ("Réduire le turnover de 25 % à 15 % d'ici le 30/06/2025", 1, 1, N, N, 0),
    ("Augmenter les ventes en ligne de 10 % si le marché repart, d'ici fin 2026", 1, 1, 1, 0, 1),
    ("Obtenir la certification ISO 9001 pour le site de Rouen d'ici fin 2026, sans budget ni équipe dédiée",
     1, 1, N, 0, 1),
]


def _attendu(valeur):
    return None if valeur is None else bool(valeur)


def test_le_tableau_compte_au_moins_quarante_objectifs_varies():
    assert len(OBJECTIFS) >= 40
    verdicts = {ligne[1:] for ligne in OBJECTIFS}
    assert len(verdicts) >= 10, "le tableau doit couvrir des profils de verdict variés"
    for position in range(1, 6):
        assert {ligne[position] for ligne in OBJECTIFS} >= {0, 1}, "chaque critère doit être vu rempli et non rempli"


@pytest.mark.parametrize("texte, s, m, a, r, t", OBJECTIFS, ids=[o[0][:50] or "(vide)" for o in OBJECTIFS])
def test_verdict_par_critere(texte, s, m, a, r, t):
    verdicts = smart.evaluer(texte, aujourd_hui=AUJOURD_HUI)
    obtenus = {c: verdicts[c][0] for c in smart.CRITERES}
    attendus = dict(zip(smart.CRITERES, map(_attendu, (s, m, a, r, t))))
    assert obtenus == attendus, smart.resume(verdicts)
    for critere, (ok, raison) in verdicts.items():
        assert isinstance(raison, str) and len(raison) > 15, f"{critere} : raison trop courte « {raison} »"
