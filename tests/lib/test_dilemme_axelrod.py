"""Références figées : des séquences vérifiées contre la bibliothèque Axelrod 4.13.0.

Les séquences ci-dessous ont été produites par ``axelrod==4.13.0`` (hors du
dépôt, voir benchmarks/bench_dilemme.py) : la stratégie Axelrod contre un
``axl.Cycler`` qui joue le script, et chaque paire de stratégies
déterministes sur 20 tours. Nos matchs doivent donner exactement les mêmes
coups et les mêmes scores (gains R=3, S=0, T=5, P=1).
"""

import pytest

from strategie import dilemme

# fmt: off
SCRIPTS = {'alterne': 'CDCDCDCDCDCDCDCD',
 'deux_trahisons': 'CCCDDCCCCCCCDCCC',
 'sondeur': 'DCCCDDDCCCCCDCDC',
 'toujours_c': 'CCCCCCCCCCCCCCCC',
 'toujours_d': 'DDDDDDDDDDDDDDDD',
 'une_trahison': 'CCCCDCCCCCCCCCCC'}
REF_SCRIPTS = {('Alternator', 'alterne'): 'CDCDCDCDCDCDCDCD',
 ('Alternator', 'deux_trahisons'): 'CDCDCDCDCDCDCDCD',
 ('Alternator', 'sondeur'): 'CDCDCDCDCDCDCDCD',
 ('Alternator', 'toujours_c'): 'CDCDCDCDCDCDCDCD',
 ('Alternator', 'toujours_d'): 'CDCDCDCDCDCDCDCD',
 ('Alternator', 'une_trahison'): 'CDCDCDCDCDCDCDCD',
 ('Cooperator', 'alterne'): 'CCCCCCCCCCCCCCCC',
 ('Cooperator', 'deux_trahisons'): 'CCCCCCCCCCCCCCCC',
 ('Cooperator', 'sondeur'): 'CCCCCCCCCCCCCCCC',
 ('Cooperator', 'toujours_c'): 'CCCCCCCCCCCCCCCC',
 ('Cooperator', 'toujours_d'): 'CCCCCCCCCCCCCCCC',
 ('Cooperator', 'une_trahison'): 'CCCCCCCCCCCCCCCC',
 ('Defector', 'alterne'): 'DDDDDDDDDDDDDDDD',
 ('Defector', 'deux_trahisons'): 'DDDDDDDDDDDDDDDD',
 ('Defector', 'sondeur'): 'DDDDDDDDDDDDDDDD',
 ('Defector', 'toujours_c'): 'DDDDDDDDDDDDDDDD',
 ('Defector', 'toujours_d'): 'DDDDDDDDDDDDDDDD',
 ('Defector', 'une_trahison'): 'DDDDDDDDDDDDDDDD',
 ('Detective', 'alterne'): 'CDCCDCDCDCDCDCDC',
 ('Detective', 'deux_trahisons'): 'CDCCDDCCCCCCCDCC',
 ('Detective', 'sondeur'): 'CDCCCDDDCCCCCDCD',
 ('Detective', 'toujours_c'): 'CDCCDDDDDDDDDDDD',
 ('Detective', 'toujours_d'): 'CDCCDDDDDDDDDDDD',
 ('Detective', 'une_trahison'): 'CDCCDDDDDDDDDDDD',
 ('Grudger', 'alterne'): 'CCDDDDDDDDDDDDDD',
 ('Grudger', 'deux_trahisons'): 'CCCCDDDDDDDDDDDD',
 ('Grudger', 'sondeur'): 'CDDDDDDDDDDDDDDD',
 ('Grudger', 'toujours_c'): 'CCCCCCCCCCCCCCCC',
 ('Grudger', 'toujours_d'): 'CDDDDDDDDDDDDDDD',
 ('Grudger', 'une_trahison'): 'CCCCCDDDDDDDDDDD',
 ('Hard Tit For Tat', 'alterne'): 'CCDDDDDDDDDDDDDD',
 ('Hard Tit For Tat', 'deux_trahisons'): 'CCCCDDDDCCCCCDDD',
 ('Hard Tit For Tat', 'sondeur'): 'CDDDCDDDDDCCCDDD',
 ('Hard Tit For Tat', 'toujours_c'): 'CCCCCCCCCCCCCCCC',
 ('Hard Tit For Tat', 'toujours_d'): 'CDDDDDDDDDDDDDDD',
 ('Hard Tit For Tat', 'une_trahison'): 'CCCCCDDDCCCCCCCC',
 ('Prober', 'alterne'): 'DCCCDCDCDCDCDCDC',
 ('Prober', 'deux_trahisons'): 'DCCDDDDDDDDDDDDD',
 ('Prober', 'sondeur'): 'DCCDDDDDDDDDDDDD',
 ('Prober', 'toujours_c'): 'DCCDDDDDDDDDDDDD',
 ('Prober', 'toujours_d'): 'DCCDDDDDDDDDDDDD',
 ('Prober', 'une_trahison'): 'DCCDDDDDDDDDDDDD',
 ('Soft Go By Majority', 'alterne'): 'CCCCCCCCCCCCCCCC',
 ('Soft Go By Majority', 'deux_trahisons'): 'CCCCCCCCCCCCCCCC',
 ('Soft Go By Majority', 'sondeur'): 'CDCCCCCDCCCCCCCC',
 ('Soft Go By Majority', 'toujours_c'): 'CCCCCCCCCCCCCCCC',
 ('Soft Go By Majority', 'toujours_d'): 'CDDDDDDDDDDDDDDD',
 ('Soft Go By Majority', 'une_trahison'): 'CCCCCCCCCCCCCCCC',
 ('Suspicious Tit For Tat', 'alterne'): 'DCDCDCDCDCDCDCDC',
 ('Suspicious Tit For Tat', 'deux_trahisons'): 'DCCCDDCCCCCCCDCC',
 ('Suspicious Tit For Tat', 'sondeur'): 'DDCCCDDDCCCCCDCD',
 ('Suspicious Tit For Tat', 'toujours_c'): 'DCCCCCCCCCCCCCCC',
 ('Suspicious Tit For Tat', 'toujours_d'): 'DDDDDDDDDDDDDDDD',
 ('Suspicious Tit For Tat', 'une_trahison'): 'DCCCCDCCCCCCCCCC',
 ('Tit For 2 Tats', 'alterne'): 'CCCCCCCCCCCCCCCC',
 ('Tit For 2 Tats', 'deux_trahisons'): 'CCCCCDCCCCCCCCCC',
 ('Tit For 2 Tats', 'sondeur'): 'CCCCCCDDCCCCCCCC',
 ('Tit For 2 Tats', 'toujours_c'): 'CCCCCCCCCCCCCCCC',
 ('Tit For 2 Tats', 'toujours_d'): 'CCDDDDDDDDDDDDDD',
 ('Tit For 2 Tats', 'une_trahison'): 'CCCCCCCCCCCCCCCC',
 ('Tit For Tat', 'alterne'): 'CCDCDCDCDCDCDCDC',
 ('Tit For Tat', 'deux_trahisons'): 'CCCCDDCCCCCCCDCC',
 ('Tit For Tat', 'sondeur'): 'CDCCCDDDCCCCCDCD',
 ('Tit For Tat', 'toujours_c'): 'CCCCCCCCCCCCCCCC',
 ('Tit For Tat', 'toujours_d'): 'CDDDDDDDDDDDDDDD',
 ('Tit For Tat', 'une_trahison'): 'CCCCCDCCCCCCCCCC',
 ('Two Tits For Tat', 'alterne'): 'CCDDDDDDDDDDDDDD',
 ('Two Tits For Tat', 'deux_trahisons'): 'CCCCDDDCCCCCCDDC',
 ('Two Tits For Tat', 'sondeur'): 'CDDCCDDDDCCCCDDD',
 ('Two Tits For Tat', 'toujours_c'): 'CCCCCCCCCCCCCCCC',
 ('Two Tits For Tat', 'toujours_d'): 'CDDDDDDDDDDDDDDD',
 ('Two Tits For Tat', 'une_trahison'): 'CCCCCDDCCCCCCCCC',
 ('Win-Stay Lose-Shift', 'alterne'): 'CCDDCCDDCCDDCCDD',
 ('Win-Stay Lose-Shift', 'deux_trahisons'): 'CCCCDCCCCCCCCDDD',
 ('Win-Stay Lose-Shift', 'sondeur'): 'CDDDDCDCCCCCCDDC',
 ('Win-Stay Lose-Shift', 'toujours_c'): 'CCCCCCCCCCCCCCCC',
 ('Win-Stay Lose-Shift', 'toujours_d'): 'CDCDCDCDCDCDCDCD',
 ('Win-Stay Lose-Shift', 'une_trahison'): 'CCCCCDDDDDDDDDDD'}
REF_PAIRES = {('Alternator', 'Alternator'): ('CDCDCDCDCDCDCDCDCDCD', 'CDCDCDCDCDCDCDCDCDCD', (40, 40)),
 ('Alternator', 'Detective'): ('CDCDCDCDCDCDCDCDCDCD', 'CDCCDCDCDCDCDCDCDCDC', (52, 47)),
 ('Alternator', 'Hard Tit For Tat'): ('CDCDCDCDCDCDCDCDCDCD',
                                      'CCDDDDDDDDDDDDDDDDDD',
                                      (17, 57)),
 ('Alternator', 'Prober'): ('CDCDCDCDCDCDCDCDCDCD', 'DCCCDCDCDCDCDCDCDCDC', (53, 48)),
 ('Alternator', 'Soft Go By Majority'): ('CDCDCDCDCDCDCDCDCDCD',
                                         'CCCCCCCCCCCCCCCCCCCC',
                                         (80, 30)),
 ('Alternator', 'Two Tits For Tat'): ('CDCDCDCDCDCDCDCDCDCD',
                                      'CCDDDDDDDDDDDDDDDDDD',
                                      (17, 57)),
 ('Cooperator', 'Alternator'): ('CCCCCCCCCCCCCCCCCCCC', 'CDCDCDCDCDCDCDCDCDCD', (30, 80)),
 ('Cooperator', 'Cooperator'): ('CCCCCCCCCCCCCCCCCCCC', 'CCCCCCCCCCCCCCCCCCCC', (60, 60)),
 ('Cooperator', 'Defector'): ('CCCCCCCCCCCCCCCCCCCC', 'DDDDDDDDDDDDDDDDDDDD', (0, 100)),
 ('Cooperator', 'Detective'): ('CCCCCCCCCCCCCCCCCCCC', 'CDCCDDDDDDDDDDDDDDDD', (9, 94)),
 ('Cooperator', 'Hard Tit For Tat'): ('CCCCCCCCCCCCCCCCCCCC',
                                      'CCCCCCCCCCCCCCCCCCCC',
                                      (60, 60)),
 ('Cooperator', 'Prober'): ('CCCCCCCCCCCCCCCCCCCC', 'DCCDDDDDDDDDDDDDDDDD', (6, 96)),
 ('Cooperator', 'Soft Go By Majority'): ('CCCCCCCCCCCCCCCCCCCC',
                                         'CCCCCCCCCCCCCCCCCCCC',
                                         (60, 60)),
 ('Cooperator', 'Suspicious Tit For Tat'): ('CCCCCCCCCCCCCCCCCCCC',
                                            'DCCCCCCCCCCCCCCCCCCC',
                                            (57, 62)),
 ('Cooperator', 'Two Tits For Tat'): ('CCCCCCCCCCCCCCCCCCCC',
                                      'CCCCCCCCCCCCCCCCCCCC',
                                      (60, 60)),
 ('Cooperator', 'Win-Stay Lose-Shift'): ('CCCCCCCCCCCCCCCCCCCC',
                                         'CCCCCCCCCCCCCCCCCCCC',
                                         (60, 60)),
 ('Defector', 'Alternator'): ('DDDDDDDDDDDDDDDDDDDD', 'CDCDCDCDCDCDCDCDCDCD', (60, 10)),
 ('Defector', 'Defector'): ('DDDDDDDDDDDDDDDDDDDD', 'DDDDDDDDDDDDDDDDDDDD', (20, 20)),
 ('Defector', 'Detective'): ('DDDDDDDDDDDDDDDDDDDD', 'CDCCDDDDDDDDDDDDDDDD', (32, 17)),
 ('Defector', 'Hard Tit For Tat'): ('DDDDDDDDDDDDDDDDDDDD',
                                    'CDDDDDDDDDDDDDDDDDDD',
                                    (24, 19)),
 ('Defector', 'Prober'): ('DDDDDDDDDDDDDDDDDDDD', 'DCCDDDDDDDDDDDDDDDDD', (28, 18)),
 ('Defector', 'Soft Go By Majority'): ('DDDDDDDDDDDDDDDDDDDD',
                                       'CDDDDDDDDDDDDDDDDDDD',
                                       (24, 19)),
 ('Defector', 'Suspicious Tit For Tat'): ('DDDDDDDDDDDDDDDDDDDD',
                                          'DDDDDDDDDDDDDDDDDDDD',
                                          (20, 20)),
 ('Defector', 'Two Tits For Tat'): ('DDDDDDDDDDDDDDDDDDDD',
                                    'CDDDDDDDDDDDDDDDDDDD',
                                    (24, 19)),
 ('Defector', 'Win-Stay Lose-Shift'): ('DDDDDDDDDDDDDDDDDDDD',
                                       'CDCDCDCDCDCDCDCDCDCD',
                                       (60, 10)),
 ('Detective', 'Detective'): ('CDCCCCCCCCCCCCCCCCCC', 'CDCCCCCCCCCCCCCCCCCC', (58, 58)),
 ('Detective', 'Soft Go By Majority'): ('CDCCDDDDDDDDDDDDDDDD',
                                        'CCCCCCCDDDDDDDDDDDDD',
                                        (42, 22)),
 ('Grudger', 'Alternator'): ('CCDDDDDDDDDDDDDDDDDD', 'CDCDCDCDCDCDCDCDCDCD', (57, 17)),
 ('Grudger', 'Cooperator'): ('CCCCCCCCCCCCCCCCCCCC', 'CCCCCCCCCCCCCCCCCCCC', (60, 60)),
 ('Grudger', 'Defector'): ('CDDDDDDDDDDDDDDDDDDD', 'DDDDDDDDDDDDDDDDDDDD', (19, 24)),
 ('Grudger', 'Detective'): ('CCDDDDDDDDDDDDDDDDDD', 'CDCCDDDDDDDDDDDDDDDD', (29, 24)),
 ('Grudger', 'Grudger'): ('CCCCCCCCCCCCCCCCCCCC', 'CCCCCCCCCCCCCCCCCCCC', (60, 60)),
 ('Grudger', 'Hard Tit For Tat'): ('CCCCCCCCCCCCCCCCCCCC',
                                   'CCCCCCCCCCCCCCCCCCCC',
                                   (60, 60)),
 ('Grudger', 'Prober'): ('CDDDDDDDDDDDDDDDDDDD', 'DCCDDDDDDDDDDDDDDDDD', (27, 22)),
 ('Grudger', 'Soft Go By Majority'): ('CCCCCCCCCCCCCCCCCCCC',
                                      'CCCCCCCCCCCCCCCCCCCC',
                                      (60, 60)),
 ('Grudger', 'Suspicious Tit For Tat'): ('CDDDDDDDDDDDDDDDDDDD',
                                         'DCDDDDDDDDDDDDDDDDDD',
                                         (23, 23)),
 ('Grudger', 'Two Tits For Tat'): ('CCCCCCCCCCCCCCCCCCCC',
                                   'CCCCCCCCCCCCCCCCCCCC',
                                   (60, 60)),
 ('Grudger', 'Win-Stay Lose-Shift'): ('CCCCCCCCCCCCCCCCCCCC',
                                      'CCCCCCCCCCCCCCCCCCCC',
                                      (60, 60)),
 ('Hard Tit For Tat', 'Detective'): ('CCDDDDDDDDDDDDDDDDDD',
                                     'CDCCDDDDDDDDDDDDDDDD',
                                     (29, 24)),
 ('Hard Tit For Tat', 'Hard Tit For Tat'): ('CCCCCCCCCCCCCCCCCCCC',
                                            'CCCCCCCCCCCCCCCCCCCC',
                                            (60, 60)),
 ('Hard Tit For Tat', 'Prober'): ('CDDDDDDDDDDDDDDDDDDD',
                                  'DCCDDDDDDDDDDDDDDDDD',
                                  (27, 22)),
 ('Hard Tit For Tat', 'Soft Go By Majority'): ('CCCCCCCCCCCCCCCCCCCC',
                                               'CCCCCCCCCCCCCCCCCCCC',
                                               (60, 60)),
 ('Prober', 'Detective'): ('DCCCCCCCCCCCCCCCCCCC', 'CDCCCCCCCCCCCCCCCCCC', (59, 59)),
 ('Prober', 'Prober'): ('DCCDDDDDDDDDDDDDDDDD', 'DCCDDDDDDDDDDDDDDDDD', (24, 24)),
 ('Prober', 'Soft Go By Majority'): ('DCCCCCCCCCCCCCCCCCCC',
                                     'CDCCCCCCCCCCCCCCCCCC',
                                     (59, 59)),
 ('Soft Go By Majority', 'Soft Go By Majority'): ('CCCCCCCCCCCCCCCCCCCC',
                                                  'CCCCCCCCCCCCCCCCCCCC',
                                                  (60, 60)),
 ('Suspicious Tit For Tat', 'Alternator'): ('DCDCDCDCDCDCDCDCDCDC',
                                            'CDCDCDCDCDCDCDCDCDCD',
                                            (50, 50)),
 ('Suspicious Tit For Tat', 'Detective'): ('DCDCCCCCCCCCCCCCCCCC',
                                           'CDCCCCCCCCCCCCCCCCCC',
                                           (61, 56)),
 ('Suspicious Tit For Tat', 'Hard Tit For Tat'): ('DCDDDDDDDDDDDDDDDDDD',
                                                  'CDDDDDDDDDDDDDDDDDDD',
                                                  (23, 23)),
 ('Suspicious Tit For Tat', 'Prober'): ('DDCCCCCCCCCCCCCCCCCC',
                                        'DCCCCCCCCCCCCCCCCCCC',
                                        (60, 55)),
 ('Suspicious Tit For Tat', 'Soft Go By Majority'): ('DCDCDCDCDCDCDCDCDCDC',
                                                     'CDCDCDCDCDCDCDCDCDCD',
                                                     (50, 50)),
 ('Suspicious Tit For Tat', 'Suspicious Tit For Tat'): ('DDDDDDDDDDDDDDDDDDDD',
                                                        'DDDDDDDDDDDDDDDDDDDD',
                                                        (20, 20)),
 ('Suspicious Tit For Tat', 'Two Tits For Tat'): ('DCDDDDDDDDDDDDDDDDDD',
                                                  'CDDDDDDDDDDDDDDDDDDD',
                                                  (23, 23)),
 ('Suspicious Tit For Tat', 'Win-Stay Lose-Shift'): ('DCDDCDDCDDCDDCDDCDDC',
                                                     'CDDCDDCDDCDDCDDCDDCD',
                                                     (41, 41)),
 ('Tit For 2 Tats', 'Alternator'): ('CCCCCCCCCCCCCCCCCCCC',
                                    'CDCDCDCDCDCDCDCDCDCD',
                                    (30, 80)),
 ('Tit For 2 Tats', 'Cooperator'): ('CCCCCCCCCCCCCCCCCCCC',
                                    'CCCCCCCCCCCCCCCCCCCC',
                                    (60, 60)),
 ('Tit For 2 Tats', 'Defector'): ('CCDDDDDDDDDDDDDDDDDD',
                                  'DDDDDDDDDDDDDDDDDDDD',
                                  (18, 28)),
 ('Tit For 2 Tats', 'Detective'): ('CCCCCCDDDDDDDDDDDDDD',
                                   'CDCCDDDDDDDDDDDDDDDD',
                                   (23, 38)),
 ('Tit For 2 Tats', 'Grudger'): ('CCCCCCCCCCCCCCCCCCCC',
                                 'CCCCCCCCCCCCCCCCCCCC',
                                 (60, 60)),
 ('Tit For 2 Tats', 'Hard Tit For Tat'): ('CCCCCCCCCCCCCCCCCCCC',
                                          'CCCCCCCCCCCCCCCCCCCC',
                                          (60, 60)),
 ('Tit For 2 Tats', 'Prober'): ('CCCCCDDDDDDDDDDDDDDD', 'DCCDDDDDDDDDDDDDDDDD', (21, 36)),
 ('Tit For 2 Tats', 'Soft Go By Majority'): ('CCCCCCCCCCCCCCCCCCCC',
                                             'CCCCCCCCCCCCCCCCCCCC',
                                             (60, 60)),
 ('Tit For 2 Tats', 'Suspicious Tit For Tat'): ('CCCCCCCCCCCCCCCCCCCC',
                                                'DCCCCCCCCCCCCCCCCCCC',
                                                (57, 62)),
 ('Tit For 2 Tats', 'Tit For 2 Tats'): ('CCCCCCCCCCCCCCCCCCCC',
                                        'CCCCCCCCCCCCCCCCCCCC',
                                        (60, 60)),
 ('Tit For 2 Tats', 'Two Tits For Tat'): ('CCCCCCCCCCCCCCCCCCCC',
                                          'CCCCCCCCCCCCCCCCCCCC',
                                          (60, 60)),
 ('Tit For 2 Tats', 'Win-Stay Lose-Shift'): ('CCCCCCCCCCCCCCCCCCCC',
                                             'CCCCCCCCCCCCCCCCCCCC',
                                             (60, 60)),
 ('Tit For Tat', 'Alternator'): ('CCDCDCDCDCDCDCDCDCDC',
                                 'CDCDCDCDCDCDCDCDCDCD',
                                 (48, 53)),
 ('Tit For Tat', 'Cooperator'): ('CCCCCCCCCCCCCCCCCCCC',
                                 'CCCCCCCCCCCCCCCCCCCC',
                                 (60, 60)),
 ('Tit For Tat', 'Defector'): ('CDDDDDDDDDDDDDDDDDDD', 'DDDDDDDDDDDDDDDDDDDD', (19, 24)),
 ('Tit For Tat', 'Detective'): ('CCDCCCCCCCCCCCCCCCCC', 'CDCCCCCCCCCCCCCCCCCC', (59, 59)),
 ('Tit For Tat', 'Grudger'): ('CCCCCCCCCCCCCCCCCCCC', 'CCCCCCCCCCCCCCCCCCCC', (60, 60)),
 ('Tit For Tat', 'Hard Tit For Tat'): ('CCCCCCCCCCCCCCCCCCCC',
                                       'CCCCCCCCCCCCCCCCCCCC',
                                       (60, 60)),
 ('Tit For Tat', 'Prober'): ('CDCCCCCCCCCCCCCCCCCC', 'DCCCCCCCCCCCCCCCCCCC', (59, 59)),
 ('Tit For Tat', 'Soft Go By Majority'): ('CCCCCCCCCCCCCCCCCCCC',
                                          'CCCCCCCCCCCCCCCCCCCC',
                                          (60, 60)),
 ('Tit For Tat', 'Suspicious Tit For Tat'): ('CDCDCDCDCDCDCDCDCDCD',
                                             'DCDCDCDCDCDCDCDCDCDC',
                                             (50, 50)),
 ('Tit For Tat', 'Tit For 2 Tats'): ('CCCCCCCCCCCCCCCCCCCC',
                                     'CCCCCCCCCCCCCCCCCCCC',
                                     (60, 60)),
 ('Tit For Tat', 'Tit For Tat'): ('CCCCCCCCCCCCCCCCCCCC',
                                  'CCCCCCCCCCCCCCCCCCCC',
                                  (60, 60)),
 ('Tit For Tat', 'Two Tits For Tat'): ('CCCCCCCCCCCCCCCCCCCC',
                                       'CCCCCCCCCCCCCCCCCCCC',
                                       (60, 60)),
 ('Tit For Tat', 'Win-Stay Lose-Shift'): ('CCCCCCCCCCCCCCCCCCCC',
                                          'CCCCCCCCCCCCCCCCCCCC',
                                          (60, 60)),
 ('Two Tits For Tat', 'Detective'): ('CCDDCDDDDDDDDDDDDDDD',
                                     'CDCCDCDDDDDDDDDDDDDD',
                                     (32, 27)),
 ('Two Tits For Tat', 'Hard Tit For Tat'): ('CCCCCCCCCCCCCCCCCCCC',
                                            'CCCCCCCCCCCCCCCCCCCC',
                                            (60, 60)),
 ('Two Tits For Tat', 'Prober'): ('CDDCDDDDDDDDDDDDDDDD',
                                  'DCCDCDDDDDDDDDDDDDDD',
                                  (30, 25)),
 ('Two Tits For Tat', 'Soft Go By Majority'): ('CCCCCCCCCCCCCCCCCCCC',
                                               'CCCCCCCCCCCCCCCCCCCC',
                                               (60, 60)),
 ('Two Tits For Tat', 'Two Tits For Tat'): ('CCCCCCCCCCCCCCCCCCCC',
                                            'CCCCCCCCCCCCCCCCCCCC',
                                            (60, 60)),
 ('Win-Stay Lose-Shift', 'Alternator'): ('CCDDCCDDCCDDCCDDCCDD',
                                         'CDCDCDCDCDCDCDCDCDCD',
                                         (45, 45)),
 ('Win-Stay Lose-Shift', 'Detective'): ('CCDDDCDDCDDCDDCDDCDD',
                                        'CDCCDDCDDCDDCDDCDDCD',
                                        (44, 39)),
 ('Win-Stay Lose-Shift', 'Hard Tit For Tat'): ('CCCCCCCCCCCCCCCCCCCC',
                                               'CCCCCCCCCCCCCCCCCCCC',
                                               (60, 60)),
 ('Win-Stay Lose-Shift', 'Prober'): ('CDDDCDDCDDCDDCDDCDDC',
                                     'DCCDDCDDCDDCDDCDDCDD',
                                     (41, 41)),
 ('Win-Stay Lose-Shift', 'Soft Go By Majority'): ('CCCCCCCCCCCCCCCCCCCC',
                                                  'CCCCCCCCCCCCCCCCCCCC',
                                                  (60, 60)),
 ('Win-Stay Lose-Shift', 'Two Tits For Tat'): ('CCCCCCCCCCCCCCCCCCCC',
                                               'CCCCCCCCCCCCCCCCCCCC',
                                               (60, 60)),
 ('Win-Stay Lose-Shift', 'Win-Stay Lose-Shift'): ('CCCCCCCCCCCCCCCCCCCC',
                                                  'CCCCCCCCCCCCCCCCCCCC',
                                                  (60, 60))}
AXELROD_VERSION = '4.13.0'
# fmt: on

DETERMINISTES = sorted({nom for nom, _ in REF_SCRIPTS})


def _script(sequence):
    """Adversaire scripté : joue la séquence donnée, quoi qu'il arrive."""

    def adversaire(mes_coups, ses_coups):
        return sequence[len(mes_coups)]

    return adversaire


def _contre_script(nom, script):
    sequence = SCRIPTS[script]
    resultat = dilemme.jouer_match(nom, _script(sequence), tours=len(sequence))
    assert resultat.coups[1] == sequence
    return resultat.coups[0]


@pytest.mark.parametrize("nom", DETERMINISTES)
def test_vs_toujours_c(nom):
    assert _contre_script(nom, "toujours_c") == REF_SCRIPTS[(nom, "toujours_c")]


@pytest.mark.parametrize("nom", DETERMINISTES)
def test_vs_toujours_d(nom):
    assert _contre_script(nom, "toujours_d") == REF_SCRIPTS[(nom, "toujours_d")]


@pytest.mark.parametrize("nom", DETERMINISTES)
def test_vs_alterne(nom):
    assert _contre_script(nom, "alterne") == REF_SCRIPTS[(nom, "alterne")]


@pytest.mark.parametrize("nom", DETERMINISTES)
def test_vs_une_trahison(nom):
    assert _contre_script(nom, "une_trahison") == REF_SCRIPTS[(nom, "une_trahison")]


@pytest.mark.parametrize("nom", DETERMINISTES)
def test_vs_deux_trahisons(nom):
    assert _contre_script(nom, "deux_trahisons") == REF_SCRIPTS[(nom, "deux_trahisons")]


@pytest.mark.parametrize("nom", DETERMINISTES)
def test_vs_sondeur(nom):
    assert _contre_script(nom, "sondeur") == REF_SCRIPTS[(nom, "sondeur")]


@pytest.mark.parametrize("paire", sorted(REF_PAIRES), ids=lambda p: f"{p[0]}-{p[1]}")
def test_paires_deterministes_comme_axelrod(paire):
    coups_a, coups_b, scores = REF_PAIRES[paire]
    resultat = dilemme.jouer_match(paire[0], paire[1], tours=20)
    assert resultat.coups == (coups_a, coups_b)
    assert resultat.scores == scores


@pytest.mark.parametrize("paire", sorted(REF_PAIRES)[::7], ids=lambda p: f"{p[0]}-{p[1]}")
def test_paires_dans_un_tournoi_comme_axelrod(paire):
    """Le moteur du tournoi (toutes les paires à la fois) donne les mêmes scores que le match seul."""
    coups_a, coups_b, scores = REF_PAIRES[paire]
    detail = dilemme.tournoi_complet(DETERMINISTES, tours=20, repetitions=1)
    noms = {dilemme.strategie(n).nom_affiche: n for n in DETERMINISTES}
    inverse = {v: k for k, v in noms.items()}
    a, b = inverse[paire[0]], inverse[paire[1]]
    if a == b:
        assert detail.matrice.loc[a, b] == pytest.approx((scores[0] + scores[1]) / 40)
    else:
        assert detail.matrice.loc[a, b] == pytest.approx(scores[0] / 20)
        assert detail.matrice.loc[b, a] == pytest.approx(scores[1] / 20)
