"""Projection probabiliste de la valeur : modèles BG/NBD (achats) et Gamma-Gamma (montants).

Le **BG/NBD** (Fader, Hardie et Lee, 2005) décrit un client par deux traits
cachés : son rythme d'achat λ tant qu'il est actif (loi gamma de paramètres
r et alpha dans la clientèle) et sa probabilité p de partir après chaque achat
(loi bêta de paramètres a et b). Il s'ajuste sur trois nombres par client :

- ``frequence`` (x) : achats répétés (après le premier) pendant l'observation ;
- ``recence`` (t_x) : temps entre le premier et le dernier achat ;
- ``anciennete`` (T) : temps entre le premier achat et la fin de l'observation.

Le **Gamma-Gamma** décrit le montant moyen des achats répétés (paramètres p, q,
gamma). Ensemble, ils donnent la *valeur potentielle* de chaque client : achats
attendus × montant attendu × taux de marge, actualisés.

L'ajustement maximise la log-vraisemblance (vectorisée avec ``scipy.special``)
par ``scipy.optimize.minimize`` sur les logarithmes des paramètres.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import betaln, digamma, gammaln, hyp2f1

from strategie import francais
from strategie.erreurs import SaisieInvalide
from strategie.valeur_client._controles import nombres, parametre, verifier_table

CLES_BGNBD = ("r", "alpha", "a", "b")
CLES_GAMMA_GAMMA = ("p", "q", "gamma")
_CONSEIL_RFM = "une fréquence, une récence ou une ancienneté ne peut pas être négative."


def _rfm(frequence, recence, anciennete) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Contrôle les trois colonnes du résumé par client (mêmes longueurs, cohérentes entre elles)."""
    x = nombres(frequence, "série « frequence »", conseil=_CONSEIL_RFM, brut=_brut(frequence))
    tx = nombres(recence, "série « recence »", conseil=_CONSEIL_RFM, brut=_brut(recence))
    t = nombres(anciennete, "série « anciennete »", conseil=_CONSEIL_RFM, brut=_brut(anciennete))
    if not (x.size == tx.size == t.size):
        raise SaisieInvalide(
            f"« frequence », « recence » et « anciennete » n'ont pas la même longueur ({x.size}, {tx.size}, "
            f"{t.size}) : donnez une valeur de chaque par client."
        )
    if x.size == 0:
        raise SaisieInvalide("Le résumé par client est vide : il faut au moins un client.")
    if (x != np.round(x)).any():
        raise SaisieInvalide("« frequence » doit compter des achats répétés : des nombres entiers (0, 1, 2…).")
    if (t <= 0).any():
        raise SaisieInvalide(
            "« anciennete » doit être strictement positive : c'est le temps écoulé entre le premier achat "
            "et la fin de l'observation."
        )
    if (tx > t + 1e-9).any():
        i = int(np.flatnonzero(tx > t + 1e-9)[0])
        raise SaisieInvalide(
            f"« recence » dépasse « anciennete » pour le client en position {i} ({tx[i]:g} > {t[i]:g}) : "
            "le dernier achat ne peut pas être après la fin de l'observation."
        )
    return x, tx, t


def _brut(valeurs):
    return valeurs if isinstance(valeurs, pd.Series) else None


def _parametres(parametres, cles: tuple[str, ...], modele: str) -> list[float]:
    if not isinstance(parametres, dict) or any(c not in parametres for c in cles):
        raise SaisieInvalide(
            f"Les paramètres du modèle {modele} doivent être un dictionnaire avec les clés {', '.join(cles)} "
            f"(celui que renvoie l'ajustement)."
        )
    return [parametre(c, parametres[c], minimum=0.0, min_inclus=False) for c in cles]


# ---------------------------------------------------------------------------
# BG/NBD
# ---------------------------------------------------------------------------

def _log_vraisemblance_bgnbd(r, alpha, a, b, x, tx, t):
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = betaln(a, b + x) - betaln(a, b) - (r + x) * np.log(alpha + t)
    repetes = x > 0
    # Le second terme n'existe que pour les clients qui ont racheté au moins une fois.
    a3 = np.full_like(x, -np.inf)
    a3[repetes] = (
        betaln(a + 1, b + x[repetes] - 1) - betaln(a, b) - (r + x[repetes]) * np.log(alpha + tx[repetes])
    )
    return a1 + np.logaddexp(a2, a3)


def log_vraisemblance_bgnbd(parametres: dict, frequence, recence, anciennete) -> np.ndarray:
    """Log-vraisemblance BG/NBD de chaque client (la somme est celle que l'ajustement maximise)."""
    r, alpha, a, b = _parametres(parametres, CLES_BGNBD, "BG/NBD")
    return _log_vraisemblance_bgnbd(r, alpha, a, b, *_rfm(frequence, recence, anciennete))


def _gradient_bgnbd(r, alpha, a, b, x, tx, t, ll):
    """Dérivées de la log-vraisemblance par client selon (r, alpha, a, b) : colonnes d'un tableau n × 4."""
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = betaln(a, b + x) - betaln(a, b) - (r + x) * np.log(alpha + t)
    w2 = np.exp(a1 + a2 - ll)  # part du terme « encore actif » dans la vraisemblance
    w3 = 1.0 - w2
    repetes = x > 0
    # b + x - 1 ne compte que là où x > 0 ; ailleurs son poids w3 est nul.
    bx1 = np.where(repetes, b + x - 1, b)
    d_ab, d_abx = digamma(a + b), digamma(a + b + x)
    d_r = digamma(r + x) - digamma(r) + np.log(alpha) - w2 * np.log(alpha + t) - w3 * np.log(alpha + tx)
    d_alpha = r / alpha - (r + x) * (w2 / (alpha + t) + w3 / (alpha + tx))
    d_a = w2 * (d_ab - d_abx) + w3 * (digamma(a + 1) - digamma(a) + d_ab - d_abx)
    d_b = w2 * (digamma(b + x) - d_abx - digamma(b) + d_ab) + w3 * (digamma(bx1) - d_abx - digamma(b) + d_ab)
    return np.column_stack([d_r, d_alpha, d_a, d_b])


def _maximiser(fonction, depart: int, nom: str, gradient: bool = False) -> np.ndarray:
    from scipy.optimize import minimize

    # Paramètres en logarithme : toujours positifs ; les bornes évitent l'emballement sur des données dégénérées.
    resultat = minimize(fonction, np.zeros(depart), method="L-BFGS-B", jac=gradient, bounds=[(-12.0, 12.0)] * depart,
                        options={"ftol": 1e-14, "gtol": 1e-10, "maxiter": 2000})
    if not np.isfinite(resultat.fun):
        raise SaisieInvalide(f"L'ajustement du modèle {nom} n'a pas abouti : vérifiez le résumé par client.")
    if np.any(np.abs(resultat.x) > 11.9):
        raise SaisieInvalide(
            f"L'ajustement du modèle {nom} part vers des valeurs extrêmes : les données ne permettent pas "
            "d'estimer ses paramètres (trop peu de clients ou d'achats répétés)."
        )
    return np.exp(resultat.x)


def ajuster_bgnbd(frequence, recence, anciennete) -> dict:
    """Ajuste le modèle BG/NBD par maximum de vraisemblance ; renvoie ``{"r", "alpha", "a", "b"}``.

    Les trois séries sont celles du résumé par client (même unité de temps pour
    ``recence`` et ``anciennete``, la semaine dans l'étude CDNOW). Sur l'échantillon
    CDNOW, on retrouve r = 0,243, alpha = 4,414, a = 0,793, b = 2,426.
    """
    x, tx, t = _rfm(frequence, recence, anciennete)
    if not (x > 0).any():
        raise SaisieInvalide(
            "Aucun client n'a d'achat répété (« frequence » vaut 0 partout) : le modèle BG/NBD ne peut pas "
            "estimer le départ des clients. Allongez la période d'observation."
        )
    # Les clients de même (x, t_x, T) ont la même vraisemblance : ajustement sur les triplets distincts, pondérés.
    triples, poids = np.unique(np.column_stack([x, tx, t]), axis=0, return_counts=True)
    ux, utx, ut = triples.T.copy()
    poids = poids / poids.sum()

    def oppose(log_parametres):
        parametres = np.exp(log_parametres)
        ll = _log_vraisemblance_bgnbd(*parametres, ux, utx, ut)
        derivees = poids @ _gradient_bgnbd(*parametres, ux, utx, ut, ll)
        return -np.dot(poids, ll), -derivees * parametres

    return dict(zip(CLES_BGNBD, (float(v) for v in _maximiser(oppose, 4, "BG/NBD", gradient=True))))


def probabilite_actif(parametres: dict, frequence, recence, anciennete) -> np.ndarray:
    """Probabilité que chaque client soit encore actif à la fin de l'observation."""
    r, alpha, a, b = _parametres(parametres, CLES_BGNBD, "BG/NBD")
    x, tx, t = _rfm(frequence, recence, anciennete)
    rapport = _rapport_inactif(r, alpha, a, b, x, tx, t)
    return 1.0 / (1.0 + rapport)


def _rapport_inactif(r, alpha, a, b, x, tx, t):
    """a / (b + x − 1) × ((alpha + T) / (alpha + t_x))^(r + x) : poids du « déjà parti » (0 sans achat répété)."""
    with np.errstate(divide="ignore"):
        return np.where(
            x > 0,
            np.exp(np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) + (r + x) * (np.log(alpha + t) - np.log(alpha + tx))),
            0.0,
        )


def _terme_hypergeometrique(r, alpha, a, b, x, t, duree):
    """((alpha+T)/(alpha+T+t))^(r+x) × 2F1(r+x, b+x ; a+b+x−1 ; z), z = t/(alpha+T+t), sans dépassement.

    Par la transformation d'Euler, 2F1(A, B ; C ; z) = (1 − z)^(C−A−B) 2F1(C−A, C−B ; C ; z) :
    le terme vaut (1 − z)^(a−1) × 2F1(a+b−1−r, a−1 ; a+b+x−1 ; z). La nouvelle série converge
    jusqu'en z = 1 (C − A − B = r + x − a + 1 > 0) et ne grandit plus avec x, là où la
    forme directe déborde (hyp2f1 → inf) pour les gros acheteurs sur de longs horizons.
    """
    log_un_moins_z = np.log(alpha + t) - np.log(alpha + t + duree)
    z = duree / (alpha + t + duree)
    return np.exp((a - 1) * log_un_moins_z) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z)


def achats_attendus(parametres: dict, duree, frequence, recence, anciennete, grille: bool = False) -> np.ndarray:
    """Nombre attendu d'achats de chaque client dans les ``duree`` unités de temps qui suivent l'observation.

    Espérance conditionnelle du BG/NBD (formule 10 de Fader, Hardie et Lee, 2005), évaluée
    sous une forme transformée qui reste finie pour les très gros acheteurs et les longs horizons.

    - ``duree`` nombre : le même horizon pour tous, un résultat par client ;
    - ``duree`` liste d'un horizon par client (même longueur) : un résultat par client ;
    - ``grille=True`` et ``duree`` liste d'horizons : tableau clients × horizons.
    """
    r, alpha, a, b = _parametres(parametres, CLES_BGNBD, "BG/NBD")
    x, tx, t = _rfm(frequence, recence, anciennete)
    duree = np.asarray(parametre("duree", duree, minimum=0.0), dtype="float64")
    if duree.ndim > 1:
        raise SaisieInvalide("« duree » doit être un nombre ou une liste de durées (une dimension).")
    if grille:
        # Une ligne par client, une colonne par horizon.
        x, tx, t, duree = x[:, None], tx[:, None], t[:, None], np.atleast_1d(duree)[None, :]
    elif duree.ndim and duree.size != x.size:
        raise SaisieInvalide(
            f"« duree » a {francais.nombre(duree.size)} valeurs pour {francais.nombre(x.size)} clients : donnez un seul "
            "nombre, ou une durée par client (même longueur). Pour plusieurs horizons pour chaque client, "
            "ajoutez grille=True."
        )
    terme = _terme_hypergeometrique(r, alpha, a, b, x, t, duree)
    numerateur = (a + b + x - 1) / (a - 1) * (1.0 - terme)
    return numerateur / (1.0 + _rapport_inactif(r, alpha, a, b, x, tx, t))


def achats_attendus_nouveau_client(parametres: dict, duree) -> np.ndarray | float:
    """Nombre attendu d'achats répétés d'un nouveau client dans ses ``duree`` premières unités de temps."""
    r, alpha, a, b = _parametres(parametres, CLES_BGNBD, "BG/NBD")
    t = np.asarray(parametre("duree", duree, minimum=0.0), dtype="float64")
    # Même forme transformée que achats_attendus, avec x = 0 et T = 0.
    valeur = (a + b - 1) / (a - 1) * (1.0 - _terme_hypergeometrique(r, alpha, a, b, 0.0, 0.0, t))
    return float(valeur) if valeur.ndim == 0 else valeur


def probabilite_nombre_achats(parametres: dict, duree, nombre_max: int = 10) -> pd.DataFrame:
    """Probabilité qu'un nouveau client fasse 0, 1, … ``nombre_max`` achats répétés en ``duree`` (formule 8
    de Fader, Hardie et Lee, 2005) ; la dernière ligne, « ``nombre_max`` ou plus », complète à 1.

    ``duree`` : un nombre ou une liste (une colonne par durée). Index ``achats``.
    """
    r, alpha, a, b = _parametres(parametres, CLES_BGNBD, "BG/NBD")
    t = np.atleast_1d(np.asarray(parametre("duree", duree, minimum=0.0, min_inclus=False), dtype="float64"))
    nombre_max = int(parametre("nombre_max", nombre_max, minimum=1))
    n = np.arange(nombre_max)[:, None]
    # Probabilités Poisson-gamma (NBD) de j achats, en logarithmes ; cumulées pour le terme « parti après ».
    log_nbd = (gammaln(r + n) - gammaln(r) - gammaln(n + 1) + r * np.log(alpha / (alpha + t))
               + n * np.log(t / (alpha + t)))
    nbd = np.exp(log_nbd)
    cumul_avant = np.vstack([np.zeros((1, t.size)), np.cumsum(nbd, axis=0)[:-1]])
    actif = np.exp(betaln(a, b + n) - betaln(a, b)) * nbd
    with np.errstate(invalid="ignore"):
        parti = np.where(n > 0, np.exp(betaln(a + 1, np.maximum(b + n - 1, 1e-300)) - betaln(a, b)) * (1.0 - cumul_avant), 0.0)
    probabilites = actif + parti
    probabilites = np.vstack([probabilites, 1.0 - probabilites.sum(axis=0, keepdims=True)])
    table = pd.DataFrame(probabilites, index=pd.RangeIndex(nombre_max + 1, name="achats"), columns=t)
    return table.iloc[:, 0].rename("probabilite") if np.ndim(duree) == 0 else table


def simuler_bgnbd(parametres: dict, anciennete, graine: int = 0) -> pd.DataFrame:
    """Simule le résumé par client d'une clientèle qui suit le BG/NBD (pour vérifier l'ajustement).

    Chaque client tire son rythme λ ~ Gamma(r, 1/alpha) et sa probabilité de départ
    p ~ Bêta(a, b) ; il part après son k-ième achat répété avec k ~ Géométrique(p).
    """
    r, alpha, a, b = _parametres(parametres, CLES_BGNBD, "BG/NBD")
    t = nombres(anciennete, "série « anciennete »", conseil=_CONSEIL_RFM)
    rng = np.random.default_rng(graine)
    lam = rng.gamma(r, 1.0 / alpha, size=t.size)
    p = rng.beta(a, b, size=t.size)
    achats_possibles = rng.poisson(lam * t)
    x = np.minimum(achats_possibles, rng.geometric(p))
    # Le x-ième de N instants d'arrivée uniformes sur [0, T] vaut T fois une Beta(x, N - x + 1).
    tx = np.zeros(t.size)
    actifs = x > 0
    tx[actifs] = t[actifs] * rng.beta(x[actifs], achats_possibles[actifs] - x[actifs] + 1)
    return pd.DataFrame({"frequence": x.astype("int64"), "recence": tx, "anciennete": t})


# ---------------------------------------------------------------------------
# Gamma-Gamma
# ---------------------------------------------------------------------------

def _montants(frequence, montant_moyen) -> tuple[np.ndarray, np.ndarray]:
    x = nombres(frequence, "série « frequence »", conseil=_CONSEIL_RFM, brut=_brut(frequence))
    m = nombres(montant_moyen, "série « montant_moyen »", brut=_brut(montant_moyen))
    if x.size != m.size:
        raise SaisieInvalide(
            f"« frequence » et « montant_moyen » n'ont pas la même longueur ({x.size} et {m.size})."
        )
    return x, m


def ajuster_gamma_gamma(frequence, montant_moyen) -> dict:
    """Ajuste le modèle Gamma-Gamma des montants ; renvoie ``{"p", "q", "gamma"}``.

    Seuls les clients avec au moins un achat répété et un montant moyen positif comptent.
    """
    x, m = _montants(frequence, montant_moyen)
    garde = (x > 0) & (m > 0)
    if garde.sum() < 2:
        raise SaisieInvalide(
            "Il faut au moins deux clients avec des achats répétés (« frequence » > 0) et un "
            "« montant_moyen » positif pour ajuster le modèle Gamma-Gamma."
        )
    x, m = x[garde], m[garde]

    def oppose(log_parametres):
        p, q, v = np.exp(log_parametres)
        px = p * x
        ll = (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(v)
              + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * np.log(v + m * x))
        return -ll.mean()

    return dict(zip(CLES_GAMMA_GAMMA, (float(v) for v in _maximiser(oppose, 3, "Gamma-Gamma"))))


def montant_attendu(parametres: dict, frequence, montant_moyen) -> np.ndarray:
    """Montant moyen attendu des prochains achats de chaque client (moyenne pondérée de son
    montant observé et de la moyenne de la clientèle) ; un client sans achat répété reçoit la
    moyenne de la clientèle ``p × gamma / (q − 1)``."""
    p, q, v = _parametres(parametres, CLES_GAMMA_GAMMA, "Gamma-Gamma")
    if q <= 1:
        raise SaisieInvalide("Le paramètre « q » du Gamma-Gamma doit dépasser 1 pour que le montant moyen existe.")
    x, m = _montants(frequence, montant_moyen)
    return np.where(x > 0, (v + m * x) * p / (p * x + q - 1), p * v / (q - 1))


def valeur_potentielle(
    resume: pd.DataFrame,
    parametres_bgnbd: dict,
    parametres_gamma_gamma: dict,
    taux_marge: float = 0.3,
    horizon: float | None = None,
    taux_actualisation: float = 0.1,
    pas: float | None = None,
    unite: str | None = None,
) -> pd.Series:
    """Valeur future attendue de chaque client sur ``horizon``, actualisée.

    Achats attendus par pas de temps (BG/NBD) × montant attendu (Gamma-Gamma) ×
    ``taux_marge``, chaque pas actualisé au ``taux_actualisation`` annuel.
    ``horizon`` et ``pas`` sont dans l'unité de temps du résumé (``unite``, par défaut
    celle notée par ``resume_rfm`` dans ``resume.attrs``, sinon la semaine) ; par défaut,
    un an par pas de quatre semaines.
    """
    from strategie.valeur_client.donnees import JOURS_PAR_UNITE, verifier_unite

    verifier_table(resume, ("frequence", "recence", "anciennete", "montant_moyen"), nom="resume")
    unite = verifier_unite(resume.attrs.get("unite", "semaine") if unite is None else unite)
    par_an = 365.25 / JOURS_PAR_UNITE[unite]
    taux_marge = parametre("taux_marge", taux_marge, minimum=0.0, maximum=1.0)
    horizon = parametre("horizon", par_an if horizon is None else horizon, minimum=0.0, min_inclus=False)
    taux_actualisation = parametre("taux_actualisation", taux_actualisation, minimum=0.0,
                                   conseil="C'est un taux annuel, par exemple 0.1 pour 10 %.")
    pas = parametre("pas", 28.0 / JOURS_PAR_UNITE[unite] if pas is None else pas, minimum=0.0, min_inclus=False)
    bornes = np.append(np.arange(pas, horizon - 1e-9 * horizon, pas), horizon)
    cumul = achats_attendus(parametres_bgnbd, bornes, resume["frequence"], resume["recence"], resume["anciennete"],
                            grille=True)
    par_pas = np.diff(np.column_stack([np.zeros(len(resume)), cumul]), axis=1)
    # Le taux annuel s'applique par an, quelle que soit l'unité du résumé.
    actualisation = (1.0 + taux_actualisation) ** (-bornes / par_an)
    montant = montant_attendu(parametres_gamma_gamma, resume["frequence"], resume["montant_moyen"])
    return pd.Series(par_pas @ actualisation * montant * taux_marge, index=resume.index, name="valeur_potentielle")
