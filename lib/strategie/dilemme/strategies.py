"""Les stratégies du dilemme du prisonnier répété, une petite classe chacune.

Chaque stratégie porte :

* ``nom`` : identifiant stable, sans accent (``"donnant_donnant"``) ;
* ``nom_affiche`` : nom français montré aux apprenants (« Donnant-donnant ») ;
* ``nom_litterature`` : nom dans la littérature, écrit comme la bibliothèque
  Axelrod l'écrit (``"Tit For Tat"``) ; ``nom_axelrod`` est l'attribut ``name``
  exact de la classe Axelrod (``"GTFT"`` pour le donnant-donnant généreux) ;
* ``stochastique`` : vrai si elle tire au hasard ;
* ``coup(mes_coups, ses_coups, alea)`` : la règle, tour par tour (chemin lent,
  lisible, qui sert aussi de référence) ;
* une forme vectorisée pour le moteur : ``memoire_un`` (probabilités de
  coopérer selon le dernier tour) ou ``decider(vue)`` (calcul sur des tableaux
  numpy pour des centaines de matchs à la fois).

Les coups sont ``"C"`` (coopérer) et ``"D"`` (trahir, *defect*). Dans les
tableaux du moteur, ``True`` veut dire « trahit ».
"""

from __future__ import annotations

import inspect
import signal
import threading
import time

import numpy as np

from strategie.dilemme.gains import GAINS_POINTS, Gains
from strategie.erreurs import SaisieInvalide
from strategie.texte import compacter

__all__ = [
    "Strategie", "MemoireUn", "StrategieFonction", "ErreurStrategie",
    "CLASSES", "strategie", "enregistrer", "oublier", "catalogue", "normaliser_nom",
    "LIMITE_PAR_COUP", "LIMITE_TOTALE",
]

# Temps accordé à une fonction d'apprenant (secondes) : par appel, et pour tout un match ou un tournoi.
LIMITE_PAR_COUP = 1.0
LIMITE_TOTALE = 30.0


class ErreurStrategie(SaisieInvalide):
    """La stratégie d'un apprenant a échoué : laquelle, à quel tour, pourquoi (en français)."""

    def __init__(self, message: str, *, strategie: str = "", tour: int | None = None, raison: str = ""):
        super().__init__(message)
        self.strategie, self.tour, self.raison = strategie, tour, raison


class Vue:
    """Ce qu'une stratégie vectorisée voit au tour ``t`` pour ses ``k`` sièges.

    ``mes`` et ``ses`` sont des tableaux (tours, k) de booléens (vrai = trahit),
    remplis jusqu'à la ligne ``t - 1`` ; ``nd_mes`` et ``nd_ses`` comptent les
    trahisons déjà jouées ; ``u`` contient k nombres uniformes dans [0, 1) quand
    le match tire au hasard (sinon ``None``) ; ``etat`` est libre ; ``gains``
    sont les gains du match ; ``tours`` est la durée annoncée aux joueurs
    (``-1`` si elle est inconnue, comme dans la bibliothèque Axelrod).
    """

    __slots__ = ("t", "mes", "ses", "nd_mes", "nd_ses", "u", "etat", "k", "gains", "tours")

    def __init__(self, mes, ses, nd_mes, nd_ses, etat=None, gains: Gains = GAINS_POINTS, tours: int | None = None):
        self.t = 0
        self.mes, self.ses, self.nd_mes, self.nd_ses = mes, ses, nd_mes, nd_ses
        self.u = None
        self.etat = etat
        self.k = mes.shape[1]
        self.gains = gains
        self.tours = mes.shape[0] if tours is None else tours


class Strategie:
    """Une stratégie du dilemme du prisonnier répété (classe de base)."""

    nom = ""
    nom_affiche = ""
    nom_litterature = ""
    nom_axelrod = ""
    alias: tuple[str, ...] = ()
    stochastique = False
    description = ""
    # (probabilité de coopérer au coup 1, (après CC, CD, DC, DD)) du point de vue de ce joueur.
    memoire_un: tuple[float, tuple[float, float, float, float]] | None = None

    # -- identité --------------------------------------------------------------
    def cle(self):
        """Deux joueurs de même clé jouent exactement pareil (le moteur les regroupe)."""
        return (type(self).__name__,)

    @property
    def vectorisee(self) -> bool:
        return self.vecteur_memoire_un() is not None or type(self).decider is not Strategie.decider

    def __repr__(self) -> str:
        litt = f" / {self.nom_litterature}" if self.nom_litterature else ""
        return f"<stratégie « {self.nom_affiche} »{litt}>"

    def __str__(self) -> str:
        return self.nom_affiche

    # -- règle --------------------------------------------------------------------
    def vecteur_memoire_un(self, gains: Gains = GAINS_POINTS):
        """Probabilités de coopérer (premier coup, puis après CC, CD, DC, DD), ou ``None``."""
        return self.memoire_un

    def coup(self, mes_coups: str, ses_coups: str, alea=None, gains: Gains = GAINS_POINTS) -> str:
        """Le coup joué (``"C"`` ou ``"D"``) connaissant les deux historiques."""
        vecteur = self.vecteur_memoire_un(gains)
        if vecteur is None:
            raise NotImplementedError
        premier, suite = vecteur
        if not mes_coups:
            p = premier
        else:
            p = suite[2 * (mes_coups[-1] == "D") + (ses_coups[-1] == "D")]
        if p in (0, 1):
            return "C" if p == 1 else "D"
        if alea is None:
            alea = np.random.default_rng()
        return "D" if alea.random() >= p else "C"

    def decider(self, vue: Vue) -> np.ndarray:
        """Forme vectorisée : renvoie ``k`` booléens (vrai = trahit) pour le tour ``vue.t``."""
        raise NotImplementedError

    def etat_initial(self, k: int):
        """État propre à la stratégie pour ``k`` sièges (par défaut : aucun)."""
        return None


class MemoireUn(Strategie):
    """Stratégie qui ne regarde que le dernier tour (les deux coups)."""


# -- stratégies à mémoire d'un tour --------------------------------------------

class DonnantDonnant(MemoireUn):
    """Donnant-donnant, 1er en 1980 (Anatol Rapoport).

    Règle décrite par Axelrod (1980), « Effective Choice in the Prisoner's
    Dilemma », *Journal of Conflict Resolution* 24(1) : coopère au premier coup,
    puis fait ce que l'autre a fait au coup précédent. C'était le programme le
    plus court du tournoi (quatre lignes).
    """

    nom = "donnant_donnant"
    nom_affiche = "Donnant-donnant"
    nom_litterature = nom_axelrod = "Tit For Tat"
    alias = ("TFT", "Copycat", "Copieur", "TitForTat")
    description = "Coopère au premier tour, puis rejoue le dernier coup de l'autre."
    memoire_un = (1.0, (1.0, 0.0, 1.0, 0.0))


class DonnantDonnantMefiant(MemoireUn):
    nom = "donnant_donnant_mefiant"
    nom_affiche = "Donnant-donnant méfiant"
    nom_litterature = nom_axelrod = "Suspicious Tit For Tat"
    alias = ("STFT", "Mistrust", "Méfiant")
    description = "Trahit au premier tour, puis rejoue le dernier coup de l'autre."
    memoire_un = (0.0, (1.0, 0.0, 1.0, 0.0))


class Pavlov(MemoireUn):
    nom = "pavlov"
    nom_affiche = "Pavlov"
    nom_litterature = nom_axelrod = "Win-Stay Lose-Shift"
    alias = ("WSLS", "Simpleton", "Simplet", "Gagnant reste, perdant change")
    description = (
        "Coopère au premier tour ; garde son coup s'il a bien rapporté (l'autre a coopéré), "
        "en change sinon."
    )
    memoire_un = (1.0, (1.0, 0.0, 0.0, 1.0))


class ToujoursCooperer(MemoireUn):
    nom = "toujours_cooperer"
    nom_affiche = "Toujours coopérer"
    nom_litterature = nom_axelrod = "Cooperator"
    alias = ("Always Cooperate", "ALLC", "Gentil", "Coopérateur")
    description = "Coopère à chaque tour, quoi que fasse l'autre."
    memoire_un = (1.0, (1.0, 1.0, 1.0, 1.0))


class ToujoursTrahir(MemoireUn):
    nom = "toujours_trahir"
    nom_affiche = "Toujours trahir"
    nom_litterature = nom_axelrod = "Defector"
    alias = ("Always Cheat", "Always Defect", "ALLD", "Méchant", "Tricheur")
    description = "Trahit à chaque tour, quoi que fasse l'autre."
    memoire_un = (0.0, (0.0, 0.0, 0.0, 0.0))


class Alternant(MemoireUn):
    nom = "alternant"
    nom_affiche = "Alternant"
    nom_litterature = nom_axelrod = "Alternator"
    alias = ("Périodique",)
    description = "Coopère au premier tour, puis alterne : trahit, coopère, trahit…"
    # Ne regarde que son propre dernier coup.
    memoire_un = (1.0, (0.0, 0.0, 1.0, 1.0))


class Hasard(MemoireUn):
    """Au hasard, 15e en 1980 : la règle témoin ajoutée par Axelrod.

    Règle décrite par Axelrod (1980), « Effective Choice in the Prisoner's
    Dilemma », *Journal of Conflict Resolution* 24(1) : coopère ou trahit avec
    la même probabilité, à chaque coup, sans regarder l'autre.
    """

    nom = "hasard"
    nom_affiche = "Au hasard"
    nom_litterature = nom_axelrod = "Random"
    alias = ("Lunatique", "Aléatoire")
    stochastique = True
    description = "Coopère ou trahit à pile ou face, à chaque tour."
    memoire_un = (0.5, (0.5, 0.5, 0.5, 0.5))


class DonnantDonnantGenereux(MemoireUn):
    nom = "donnant_donnant_genereux"
    nom_affiche = "Donnant-donnant généreux"
    nom_litterature = "Generous Tit For Tat"
    nom_axelrod = "GTFT"
    alias = ("GTFT", "Généreux")
    stochastique = True
    description = (
        "Comme donnant-donnant, mais pardonne une trahison avec une probabilité p "
        "(1/3 avec les gains d'Axelrod)."
    )

    def __init__(self, p: float | None = None):
        if p is not None and not (0 <= p <= 1):
            raise SaisieInvalide(f"La générosité « p » doit être entre 0 et 1, pas {p!r}.")
        self.p = p

    def cle(self):
        return (type(self).__name__, self.p)

    def generosite(self, gains: Gains = GAINS_POINTS) -> float:
        """Probabilité de pardonner : p donné, sinon min(1 - (T-R)/(R-S), (R-P)/(T-P)) (Axelrod)."""
        if self.p is not None:
            return self.p
        r, s, t, p = gains.en_points().RSTP
        try:
            valeur = min(1 - (t - r) / (r - s), (r - p) / (t - p))
        except ZeroDivisionError:
            valeur = 0.0
        return float(min(1.0, max(0.0, valeur)))

    def vecteur_memoire_un(self, gains: Gains = GAINS_POINTS):
        q = self.generosite(gains)
        return (1.0, (1.0, q, 1.0, q))


class Joss(MemoireUn):
    """Sournois (Joss), 12e en 1980 (Johann Joss).

    Règle décrite par Axelrod (1980), « Effective Choice in the Prisoner's
    Dilemma », *Journal of Conflict Resolution* 24(1) : coopère neuf fois sur
    dix après une coopération de l'autre, trahit toujours après une trahison.
    """

    nom = "joss"
    nom_affiche = "Sournois (Joss)"
    nom_litterature = "Joss"
    nom_axelrod = "First by Joss"
    alias = ("Sournois", "Hard Joss", "FirstByJoss")
    stochastique = True
    description = (
        "Donnant-donnant sournois : riposte toujours, mais après une coopération de l'autre "
        "trahit quand même une fois sur dix."
    )
    memoire_un = (1.0, (0.9, 0.0, 0.9, 0.0))


# -- stratégies à mémoire plus longue (forme vectorisée dédiée) ------------------

def _faux(vue):
    return np.zeros(vue.k, dtype=bool)


class DonnantDonnantPatient(Strategie):
    nom = "donnant_donnant_patient"
    nom_affiche = "Donnant-donnant patient"
    nom_litterature = nom_axelrod = "Tit For 2 Tats"
    alias = ("TF2T", "Tit For Two Tats", "Copykitten", "Copieur chaton")
    description = "Coopère, et ne trahit qu'après deux trahisons de suite de l'autre."

    def coup(self, mes_coups, ses_coups, alea=None, gains=GAINS_POINTS):
        return "D" if ses_coups[-2:] == "DD" else "C"

    def decider(self, vue):
        t = vue.t
        if t < 2:
            return _faux(vue)
        return vue.ses[t - 1] & vue.ses[t - 2]


class DonnantDonnantDouble(Strategie):
    nom = "donnant_donnant_double"
    nom_affiche = "Donnant-donnant double"
    nom_litterature = nom_axelrod = "Two Tits For Tat"
    alias = ("2TFT", "Two Tits For Tats")
    description = "Coopère, et répond à chaque trahison par deux trahisons."

    def coup(self, mes_coups, ses_coups, alea=None, gains=GAINS_POINTS):
        return "D" if "D" in ses_coups[-2:] else "C"

    def decider(self, vue):
        t = vue.t
        if t == 0:
            return _faux(vue)
        if t == 1:
            return vue.ses[0].copy()
        return vue.ses[t - 1] | vue.ses[t - 2]


class DonnantDonnantDur(Strategie):
    nom = "donnant_donnant_dur"
    nom_affiche = "Donnant-donnant dur"
    nom_litterature = nom_axelrod = "Hard Tit For Tat"
    alias = ("HTFT",)
    description = "Coopère, et trahit si l'autre a trahi dans l'un des trois derniers tours."

    def coup(self, mes_coups, ses_coups, alea=None, gains=GAINS_POINTS):
        return "D" if "D" in ses_coups[-3:] else "C"

    def decider(self, vue):
        t = vue.t
        if t == 0:
            return _faux(vue)
        return vue.ses[max(0, t - 3):t].any(axis=0)


class Rancunier(Strategie):
    """Rancunier, 7e en 1980 (James W. Friedman).

    Règle décrite par Axelrod (1980), « Effective Choice in the Prisoner's
    Dilemma », *Journal of Conflict Resolution* 24(1) : coopère, mais ne
    pardonne jamais : une seule trahison de l'autre, et elle trahit jusqu'au bout.
    """

    nom = "rancunier"
    nom_affiche = "Rancunier"
    nom_litterature = nom_axelrod = "Grudger"
    alias = ("Grim Trigger", "Spiteful", "Rancunière")
    description = "Coopère jusqu'à la première trahison de l'autre, puis trahit pour toujours."

    def coup(self, mes_coups, ses_coups, alea=None, gains=GAINS_POINTS):
        return "D" if "D" in ses_coups else "C"

    def decider(self, vue):
        return vue.nd_ses > 0


class Sondeur(Strategie):
    nom = "sondeur"
    nom_affiche = "Sondeur"
    nom_litterature = nom_axelrod = "Prober"
    alias = ()
    description = (
        "Joue trahir, coopérer, coopérer ; si l'autre n'a pas riposté (il a coopéré aux tours 2 "
        "et 3), trahit pour toujours, sinon joue donnant-donnant."
    )

    def coup(self, mes_coups, ses_coups, alea=None, gains=GAINS_POINTS):
        t = len(mes_coups)
        if t < 3:
            return "DCC"[t]
        if ses_coups[1:3] == "CC":
            return "D"
        return ses_coups[-1]

    def decider(self, vue):
        t = vue.t
        if t == 0:
            return ~_faux(vue)
        if t < 3:
            return _faux(vue)
        ses = vue.ses
        return ~(ses[1] | ses[2]) | ses[t - 1]


class Detective(Strategie):
    nom = "detective"
    nom_affiche = "Détective"
    nom_litterature = nom_axelrod = "Detective"
    alias = ()
    description = (
        "Joue coopérer, trahir, coopérer, coopérer ; si l'autre a trahi pendant ces quatre tours, "
        "joue donnant-donnant, sinon trahit pour toujours (personnage de Nicky Case)."
    )
    _DEBUT = "CDCC"

    def coup(self, mes_coups, ses_coups, alea=None, gains=GAINS_POINTS):
        t = len(mes_coups)
        if t < 4:
            return self._DEBUT[t]
        if "D" not in ses_coups[:4]:
            return "D"
        return ses_coups[-1]

    def decider(self, vue):
        t = vue.t
        if t < 4:
            return np.full(vue.k, self._DEBUT[t] == "D")
        ses = vue.ses
        return ~(ses[0] | ses[1] | ses[2] | ses[3]) | ses[t - 1]


class MajoriteDouce(Strategie):
    nom = "majorite_douce"
    nom_affiche = "Majorité douce"
    nom_litterature = nom_axelrod = "Soft Go By Majority"
    alias = ("Go By Majority",)
    description = "Coopère tant que l'autre a coopéré au moins aussi souvent qu'il a trahi."

    def coup(self, mes_coups, ses_coups, alea=None, gains=GAINS_POINTS):
        d = ses_coups.count("D")
        return "D" if d > len(ses_coups) - d else "C"

    def decider(self, vue):
        return 2 * vue.nd_ses > vue.t


CLASSES: tuple[type[Strategie], ...] = (
    DonnantDonnant, DonnantDonnantPatient, Rancunier, ToujoursCooperer, ToujoursTrahir, Hasard,
    DonnantDonnantMefiant, Pavlov, Alternant, DonnantDonnantDouble, DonnantDonnantDur,
    DonnantDonnantGenereux, Joss, Sondeur, Detective, MajoriteDouce,
)


# -- stratégies d'apprenants (chemin lent) ---------------------------------------------

class _Depassement(BaseException):
    """Levée par le minuteur dans la fonction d'un apprenant (BaseException : un ``except Exception`` ne l'avale pas)."""


def _sur_alarme(signum, frame):
    raise _Depassement()


class Minuteur:
    """Chronomètre les fonctions d'apprenants : limite par appel et limite totale.

    Dans le fil principal (carnet, widget), un signal interrompt une boucle
    infinie ; ailleurs, la durée est vérifiée après coup.
    """

    def __init__(self, par_coup: float | None = None, totale: float | None = None):
        self.par_coup = LIMITE_PAR_COUP if par_coup is None else par_coup
        self.totale = LIMITE_TOTALE if totale is None else totale
        self.cumul = 0.0
        self._ancien = None
        self._signal = False

    def __enter__(self):
        self._signal = (
            hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        )
        if self._signal:
            try:
                self._ancien = signal.signal(signal.SIGALRM, _sur_alarme)
            except ValueError:  # pragma: no cover - not the main interpreter
                self._signal = False
        return self

    def __exit__(self, *exc):
        if self._signal:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._ancien)
        return False

    def appeler(self, fonction, mes, ses):
        """Appelle ``fonction(mes, ses)`` ; renvoie (resultat, exception, depasse)."""
        debut = time.perf_counter()
        if self._signal:
            signal.setitimer(signal.ITIMER_REAL, self.par_coup)
        try:
            resultat, erreur, depasse = fonction(mes, ses), None, False
        except _Depassement:
            resultat, erreur, depasse = None, None, True
        except Exception as exc:  # le code de l'apprenant peut lever n'importe quoi
            resultat, erreur, depasse = None, exc, False
        finally:
            if self._signal:
                signal.setitimer(signal.ITIMER_REAL, 0)
        duree = time.perf_counter() - debut
        self.cumul += duree
        if duree > self.par_coup:
            depasse = True
        return resultat, erreur, depasse


def _nom_de_fonction(fonction) -> str:
    return getattr(fonction, "__name__", None) or type(fonction).__name__


class StrategieFonction(Strategie):
    """Stratégie d'un apprenant écrite comme une fonction ``f(mes_coups, ses_coups) -> "C" | "D"``.

    ``mes_coups`` et ``ses_coups`` sont des chaînes (``"CCD"``), vides au premier tour.
    Elle passe par le chemin lent du moteur (un appel Python par coup).
    """

    nom_litterature = ""
    nom_axelrod = ""

    def __init__(self, fonction, nom: str | None = None, nom_affiche: str | None = None,
                 stochastique: bool = False, description: str = ""):
        if not callable(fonction):
            raise SaisieInvalide(
                f"Une stratégie d'apprenant doit être une fonction, pas {fonction!r}. "
                "Écrivez par exemple : def ma_strategie(mes_coups, ses_coups): return \"C\""
            )
        try:
            params = inspect.signature(fonction).parameters.values()
            positionnels = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
            obligatoires = [p for p in positionnels if p.default is p.empty]
            variadique = any(p.kind == p.VAR_POSITIONAL for p in params)
        except (TypeError, ValueError):  # fonctions natives sans signature
            positionnels, obligatoires, variadique = [None, None], [None, None], False
        if not variadique and (len(positionnels) < 2 or len(obligatoires) > 2):
            raise SaisieInvalide(
                f"La fonction « {_nom_de_fonction(fonction)} » doit prendre exactement deux "
                f"paramètres (mes_coups, ses_coups) ; elle en prend {len(positionnels)}. "
                "Écrivez : def ma_strategie(mes_coups, ses_coups): …"
            )
        self.fonction = fonction
        self.nom = nom or _nom_de_fonction(fonction)
        self.nom_affiche = nom_affiche or self.nom
        self.stochastique = bool(stochastique)
        self.description = description or (inspect.getdoc(fonction) or "Stratégie écrite par l'apprenant.")
        self.alias = ()

    def cle(self):
        return ("fonction", id(self.fonction))

    def coup(self, mes_coups, ses_coups, alea=None, gains=GAINS_POINTS, minuteur=None, contexte=""):
        """Appelle la fonction et vérifie sa réponse ; lève :class:`ErreurStrategie` sinon."""
        tour = len(mes_coups) + 1
        if minuteur is None:
            with Minuteur() as m:
                return self.coup(mes_coups, ses_coups, alea, gains, m, contexte)
        resultat, erreur, depasse = minuteur.appeler(self.fonction, mes_coups, ses_coups)
        if depasse:
            self._echec(
                tour, "trop longue",
                f"elle a mis plus de {minuteur.par_coup:g} s à répondre (boucle infinie ? calcul trop lourd ?). "
                "Une stratégie doit répondre presque instantanément.", contexte,
            )
        if erreur is not None:
            conseil = ""
            if isinstance(erreur, IndexError) and tour == 1:
                conseil = (
                    " Au premier tour, mes_coups et ses_coups sont vides (\"\") : testez "
                    "`if not ses_coups:` avant de lire ses_coups[-1]."
                )
            self._echec(
                tour, "exception",
                f"elle a levé l'erreur {type(erreur).__name__} : {erreur}.{conseil}", contexte, erreur,
            )
        if resultat not in ("C", "D"):
            conseil = ""
            if resultat is None:
                conseil = " Avez-vous oublié `return` ?"
            elif isinstance(resultat, str) and resultat.strip().upper() in ("C", "D"):
                conseil = f" Écrivez exactement \"{resultat.strip().upper()}\" (majuscule, sans espace)."
            self._echec(
                tour, "valeur invalide",
                f"elle a renvoyé {resultat!r} au lieu de \"C\" (coopérer) ou \"D\" (trahir).{conseil}",
                contexte,
            )
        if minuteur.cumul > minuteur.totale:
            self._echec(
                tour, "trop longue",
                f"au total, ses appels ont pris plus de {minuteur.totale:g} s. "
                "Simplifiez-la (elle est appelée à chaque tour de chaque match).", contexte,
            )
        return resultat

    def _echec(self, tour, raison, detail, contexte, cause=None):
        message = f"La stratégie « {self.nom_affiche} » a échoué au tour {tour}"
        if contexte:
            message += f" ({contexte})"
        message += f" : {detail}"
        raise ErreurStrategie(message, strategie=self.nom_affiche, tour=tour, raison=raison) from cause


# -- catalogue -----------------------------------------------------------------------

# Minuscules, sans accents, sans espaces ni tirets : « Donnant-donnant » → "donnantdonnant"
# (nom public gardé pour les apprenants ; la règle est celle de strategie.texte).
normaliser_nom = compacter


_INDEX: dict[str, type[Strategie]] = {}
_APPRENANTS: dict[str, StrategieFonction] = {}


def _indexer(cls) -> None:
    for texte in (cls.nom, cls.nom_affiche, cls.nom_litterature, cls.nom_axelrod, *cls.alias):
        if texte:
            _INDEX.setdefault(normaliser_nom(texte), cls)


for _cls in CLASSES:
    _indexer(_cls)


def enregistrer(fonction, nom: str | None = None, nom_affiche: str | None = None,
                stochastique: bool = False) -> StrategieFonction:
    """Enregistre la stratégie d'un apprenant (une fonction) : ``strategie(nom)`` la retrouve ensuite.

    >>> def gentille(mes_coups, ses_coups):
    ...     return "C"
    >>> enregistrer(gentille).nom_affiche
    'gentille'
    """
    joueur = StrategieFonction(fonction, nom=nom, nom_affiche=nom_affiche, stochastique=stochastique)
    cle = normaliser_nom(joueur.nom)
    if not cle:
        raise SaisieInvalide("Le nom d'une stratégie doit contenir au moins une lettre ou un chiffre.")
    if cle in _INDEX or normaliser_nom(joueur.nom_affiche) in _INDEX:
        raise SaisieInvalide(
            f"Le nom « {joueur.nom_affiche} » est déjà celui d'une stratégie du cours : "
            "choisissez-en un autre (paramètre nom=…)."
        )
    _APPRENANTS[cle] = joueur
    if normaliser_nom(joueur.nom_affiche) != cle:
        _APPRENANTS[normaliser_nom(joueur.nom_affiche)] = joueur
    return joueur


def oublier(nom: str) -> None:
    """Retire une stratégie d'apprenant enregistrée (sans effet si elle n'existe pas)."""
    joueur = _APPRENANTS.pop(normaliser_nom(nom), None)
    if joueur is not None:
        for cle in [c for c, j in _APPRENANTS.items() if j is joueur]:
            del _APPRENANTS[cle]


def strategies_apprenants() -> list[StrategieFonction]:
    vus, resultat = set(), []
    for joueur in _APPRENANTS.values():
        if id(joueur) not in vus:
            vus.add(id(joueur))
            resultat.append(joueur)
    return resultat


def strategie(nom) -> Strategie:
    """Un joueur neuf d'après son nom français, son identifiant ou son nom dans la littérature.

    >>> strategie("Tit For Tat").nom_affiche
    'Donnant-donnant'
    >>> strategie("donnant-donnant").nom_litterature
    'Tit For Tat'
    """
    if isinstance(nom, Strategie):
        return nom
    if isinstance(nom, type) and issubclass(nom, Strategie):
        return nom()
    if not isinstance(nom, str):
        raise SaisieInvalide(
            f"Donnez le nom d'une stratégie (texte, par exemple \"Donnant-donnant\"), pas {nom!r}."
        )
    cle = normaliser_nom(nom)
    if cle in _INDEX:
        return _INDEX[cle]()
    if cle in _APPRENANTS:
        j = _APPRENANTS[cle]
        return StrategieFonction(j.fonction, j.nom, j.nom_affiche, j.stochastique, j.description)
    import difflib

    connus = [c.nom_affiche for c in CLASSES] + [j.nom_affiche for j in strategies_apprenants()]
    proches = difflib.get_close_matches(nom, connus + [c.nom_litterature for c in CLASSES], n=3, cutoff=0.5)
    suggestion = f" Vouliez-vous dire : {', '.join(proches)} ?" if proches else ""
    raise SaisieInvalide(
        f"Stratégie inconnue : « {nom} ».{suggestion} Stratégies disponibles : {', '.join(connus)}."
    )


def catalogue():
    """Les stratégies du cours en tableau : nom, nom français, nom dans la littérature, hasard, règle."""
    import pandas as pd

    lignes = [
        {
            "nom": c.nom, "nom_affiche": c.nom_affiche, "nom_litterature": c.nom_litterature,
            "nom_axelrod": c.nom_axelrod, "stochastique": c.stochastique, "description": c.description,
        }
        for c in CLASSES
    ]
    return pd.DataFrame(lignes)
