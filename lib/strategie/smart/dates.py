"""Lire les échéances écrites en français.

Formes reconnues (accents et majuscules indifférents) :

* dates complètes : « 31/12/2027 », « 31.12.27 », « 2027-12-31 », « le 1er mars 2027 »,
  « 15 mars » (année à venir supposée) ;
* mois : « fin juin 2027 », « d'ici juin 2027 », « mi-mars 2027 », « 06/2027 », « avant juin » ;
* trimestres et semestres : « au T3 2027 », « Q1 2028 », « troisième trimestre 2027 »,
  « S1 2027 », « second semestre 2027 » ;
* années : « fin 2027 », « d'ici 2027 », « en 2027 », « horizon 2030 », « avant 2028 » ;
* relatives : « d'ici la fin de l'année », « fin du trimestre », « l'an prochain »,
  « le mois prochain » ;
* saisons : « d'ici l'été 2027 » (son début), « fin de l'hiver 2026 », « avant l'automne » ;
* durées : « en 6 mois », « dans deux ans », « d'ici 18 mois », « sous 3 semaines »,
  « sur les 12 prochains mois », « en 90 jours ».

« en 3 jours » ou « sous 48 h » décrivent d'ordinaire une performance (un délai de
traitement), pas une échéance : ces formes courtes restent des quantités.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

from strategie.erreurs import SaisieInvalide
from strategie.smart._texte import MOTIF_NOMBRE, masquer, normaliser, plier, valeur_nombre

NOMS_MOIS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)

_MOIS_ABREGES = (
    r"(janvier|janv\.?|fevrier|fevr\.?|fev\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|aout"
    r"|septembre|sept\.?|octobre|oct\.?|novembre|nov\.?|decembre|dec\.?)(?![a-z])"
)
_MOIS_ENTIERS = r"(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)(?![a-z])"
_PREFIXES_MOIS = {"jan": 1, "fev": 2, "mar": 3, "avr": 4, "mai": 5, "aou": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

_ORDINAUX = {
    "premier": 1, "1er": 1, "deuxieme": 2, "2e": 2, "2eme": 2, "second": 2, "troisieme": 3, "3e": 3,
    "3eme": 3, "quatrieme": 4, "4e": 4, "4eme": 4, "cinquieme": 5, "5e": 5, "5eme": 5,
}
_MOTIF_ORDINAL = r"(premier|1er|deuxieme|2e|2eme|second|troisieme|3e|3eme|quatrieme|4e|4eme|cinquieme|5e|5eme|dernier)"

ANNEE_MIN, ANNEE_MAX = 1900, 2199
DUREE_MAX_JOURS = 36525  # 100 ans : au-delà, ce n'est plus une échéance


@dataclass(frozen=True)
class Echeance:
    """Une échéance repérée dans un texte.

    ``date`` vaut ``None`` quand la date est impossible ; ``erreur`` dit alors pourquoi.
    ``relative`` : la date dépend du jour de référence (« en 6 mois »).
    """

    date: _dt.date | None
    extrait: str
    debut: int
    fin: int
    erreur: str = ""
    remarque: str = ""
    relative: bool = False


def formater_date(jour: _dt.date) -> str:
    """« 30 juin 2027 », « 1er mars 2027 »."""
    quantieme = "1er" if jour.day == 1 else str(jour.day)
    return f"{quantieme} {NOMS_MOIS[jour.month - 1]} {jour.year}"


def fin_de_mois(annee: int, mois: int) -> _dt.date:
    return _dt.date(annee, mois, calendar.monthrange(annee, mois)[1])


def ajouter_mois(jour: _dt.date, n: int) -> _dt.date:
    """Ajoute ``n`` mois ; le quantième est ramené au dernier jour du mois si besoin (31 → 30)."""
    total = jour.year * 12 + (jour.month - 1) + n
    annee, mois = divmod(total, 12)
    mois += 1
    return _dt.date(annee, mois, min(jour.day, calendar.monthrange(annee, mois)[1]))


def _numero_mois(nom: str) -> int:
    nom = nom.rstrip(".")
    if nom.startswith("juin"):
        return 6
    if nom.startswith("juil"):
        return 7
    return _PREFIXES_MOIS[nom[:3]]


def _annee(ecrite: str) -> int:
    annee = int(ecrite)
    return 2000 + annee if len(ecrite) == 2 else annee


def _controler(annee: int, mois: int, jour: int) -> tuple[_dt.date | None, str]:
    """La date si elle existe, sinon ``(None, raison en français)``."""
    if not ANNEE_MIN <= annee <= ANNEE_MAX:
        return None, f"l'année {annee} n'est pas vraisemblable pour une échéance"
    if not 1 <= mois <= 12:
        return None, f"il n'y a pas de mois n° {mois} (les mois vont de 1 à 12)"
    dernier = calendar.monthrange(annee, mois)[1]
    if jour < 1:
        return None, "il n'y a pas de jour 0 dans un mois"
    if jour > dernier:
        nom = NOMS_MOIS[mois - 1]
        return None, f"le {jour} {nom} {annee} n'existe pas : {nom} {annee} n'a que {dernier} jours"
    return _dt.date(annee, mois, jour), ""


def _prochaine(mois: int, jour: int | None, aujourd_hui: _dt.date) -> tuple[_dt.date | None, str, str]:
    """Date sans année : la prochaine occurrence à partir d'aujourd'hui."""
    for annee in (aujourd_hui.year, aujourd_hui.year + 1):
        quantieme = jour if jour is not None else calendar.monthrange(annee, mois)[1]
        date, erreur = _controler(annee, mois, quantieme)
        if erreur:
            return None, erreur.replace(f" {annee}", ""), ""
        if date >= aujourd_hui:
            return date, "", f"année non précisée : j'ai compris {annee}"
    return date, "", f"année non précisée : j'ai compris {date.year}"


def _prochaine_fin_de_periode(aujourd_hui: _dt.date, mois_par_periode: int, rang: int) -> tuple[_dt.date, str]:
    for annee in (aujourd_hui.year, aujourd_hui.year + 1):
        date = fin_de_mois(annee, mois_par_periode * rang)
        if date >= aujourd_hui:
            return date, f"année non précisée : j'ai compris {annee}"
    return date, ""  # pragma: no cover (the loop always returns)


# --- traitements : (correspondance, aujourd'hui) -> (date, erreur, remarque, relative), ou None pour l'ignorer ---

def _date_numerique(m, aujourd_hui):
    date, erreur = _controler(_annee(m.group(4)), int(m.group(3)), int(m.group(1)))
    return date, erreur, "", False


def _date_iso(m, aujourd_hui):
    date, erreur = _controler(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return date, erreur, "", False


def _date_ecrite(m, aujourd_hui):
    jour = 1 if m.group(1) in ("1er", "premier") else int(m.group(1))
    mois = _numero_mois(m.group(2))
    if m.group(3):
        date, erreur = _controler(int(m.group(3)), mois, jour)
        return date, erreur, "", False
    date, erreur, remarque = _prochaine(mois, jour, aujourd_hui)
    return date, erreur, remarque, False


def _mois_annee_numerique(m, aujourd_hui):
    mois, annee = int(m.group(1)), int(m.group(2))
    date, erreur = _controler(annee, mois, 1)
    return (fin_de_mois(annee, mois) if date else None), erreur, "", False


def _periode(numero: int, annee: int | None, nombre: int, nom: str, aujourd_hui):
    if not 1 <= numero <= nombre:
        return None, f"il n'y a que {nombre} {nom}s dans une année (pas de n° {numero})", "", False
    if annee is None:
        date, remarque = _prochaine_fin_de_periode(aujourd_hui, 12 // nombre, numero)
        return date, "", remarque, False
    date, erreur = _controler(annee, 1, 1)
    if erreur:
        return None, erreur, "", False
    return fin_de_mois(annee, (12 // nombre) * numero), "", "", False


def _trimestre(m, aujourd_hui):
    annee = _annee(m.group(2)) if m.group(2) else None
    return _periode(int(m.group(1)), annee, 4, "trimestre", aujourd_hui)


def _trimestre_ordinal(m, aujourd_hui):
    numero = 4 if m.group(1) == "dernier" else _ORDINAUX[m.group(1)]
    return _periode(numero, int(m.group(2)) if m.group(2) else None, 4, "trimestre", aujourd_hui)


def _semestre(m, aujourd_hui):
    return _periode(int(m.group(1)), int(m.group(2)), 2, "semestre", aujourd_hui)


def _semestre_ordinal(m, aujourd_hui):
    numero = 2 if m.group(1) == "dernier" else _ORDINAUX[m.group(1)]
    return _periode(numero, int(m.group(2)) if m.group(2) else None, 2, "semestre", aujourd_hui)


def _dans_le_mois(annee: int, mois: int, nuance: str | None, avant: bool):
    if avant:
        return _dt.date(annee, mois, 1) - _dt.timedelta(days=1)
    if nuance == "debut":
        return _dt.date(annee, mois, 1)
    if nuance == "mi":
        return _dt.date(annee, mois, 15)
    return fin_de_mois(annee, mois)


def _mois_annee(m, aujourd_hui):
    annee, mois = int(m.group(3)), _numero_mois(m.group(2))
    return _dans_le_mois(annee, mois, m.group(1), False), "", "", False


def _annee_seule(m, aujourd_hui):
    nuance, preposition, annee = m.group(1), m.group(2) or "", int(m.group(3))
    if preposition.startswith("avant"):
        return _dt.date(annee - 1, 12, 31), "", "", False
    if nuance == "debut":
        return _dt.date(annee, 1, 1), "", "", False
    if nuance == "mi":
        return _dt.date(annee, 6, 30), "", "", False
    remarque = "" if nuance == "fin" else "année seule : j'ai compris le 31 décembre"
    return _dt.date(annee, 12, 31), "", remarque, False


def _mois_sans_annee(m, aujourd_hui):
    nuance, preposition, mois = m.group(1), (m.group(2) or "").strip(), _numero_mois(m.group(3))
    jour = {"debut": 1, "mi": 15}.get(nuance)
    date, erreur, remarque = _prochaine(mois, jour, aujourd_hui)
    if date and preposition == "avant":
        date = _dt.date(date.year, mois, 1) - _dt.timedelta(days=1)
    return date, erreur, remarque, False


def _fin_annee(m, aujourd_hui):
    suivante = 1 if m.group(1) and "prochain" in m.group(1) else 0
    return _dt.date(aujourd_hui.year + suivante, 12, 31), "", "", True


def _fin_mois(m, aujourd_hui):
    debut = ajouter_mois(aujourd_hui.replace(day=1), 1 if m.group(1) else 0)
    return fin_de_mois(debut.year, debut.month), "", "", True


def _fin_periode_courante(aujourd_hui, longueur: int, suivante: bool) -> _dt.date:
    rang = (aujourd_hui.month - 1) // longueur + 1
    fin = fin_de_mois(aujourd_hui.year, rang * longueur)
    if suivante:
        plus_tard = ajouter_mois(fin.replace(day=1), longueur)
        fin = fin_de_mois(plus_tard.year, plus_tard.month)
    return fin


def _fin_trimestre_courant(m, aujourd_hui):
    return _fin_periode_courante(aujourd_hui, 3, bool(m.group(1))), "", "", True


def _fin_semestre_courant(m, aujourd_hui):
    return _fin_periode_courante(aujourd_hui, 6, bool(m.group(1))), "", "", True


def _annee_prochaine(m, aujourd_hui):
    return _dt.date(aujourd_hui.year + 1, 12, 31), "", "", True


def _cette_annee(m, aujourd_hui):
    return _dt.date(aujourd_hui.year, 12, 31), "", "", True


def _mois_prochain(m, aujourd_hui):
    suivant = ajouter_mois(aujourd_hui.replace(day=1), 1)
    return fin_de_mois(suivant.year, suivant.month), "", "", True


def _trimestre_prochain(m, aujourd_hui):
    return _fin_periode_courante(aujourd_hui, 3, True), "", "", True


def _semaine_prochaine(m, aujourd_hui):
    return aujourd_hui + _dt.timedelta(days=13 - aujourd_hui.weekday()), "", "", True


# (mois, jour) du début de chaque saison ; elle finit la veille du début de la suivante.
_SAISONS = {"printemps": (3, 20), "ete": (6, 21), "automne": (9, 22), "hiver": (12, 21)}
_SUIVANTE = {"printemps": "ete", "ete": "automne", "automne": "hiver", "hiver": "printemps"}


def _saison(m, aujourd_hui):
    nuance, preposition, nom, annee = m.group(1), m.group(2) or "", m.group(3), m.group(4)
    debut_mois, debut_jour = _SAISONS[nom]
    fin_mois, fin_jour = _SAISONS[_SUIVANTE[nom]]
    remarque = ""
    if annee:
        annee = int(annee)
    else:
        annee = aujourd_hui.year
        remarque = "année non précisée : j'ai compris la prochaine"
    debut = _dt.date(annee, debut_mois, debut_jour)
    fin = _dt.date(annee + (1 if nom == "hiver" else 0), fin_mois, fin_jour) - _dt.timedelta(days=1)
    if remarque and fin < aujourd_hui:
        debut, fin = debut.replace(year=debut.year + 1), fin.replace(year=fin.year + 1)
    if nuance == "fin":
        date = fin
    elif preposition.startswith("avant"):
        date = debut - _dt.timedelta(days=1)
    else:  # "d'ici l'été", "pour l'été", "début de l'été": by the time the season starts
        date = debut
    return date, "", remarque, False


_MOIS_PAR_UNITE = {"mois": 1, "trimestre": 3, "semestre": 6, "an": 12, "annee": 12}


def _duree(m, aujourd_hui):
    preposition, nuance, nombre, unite, demi = m.group(1), m.group(2) or "", m.group(3), m.group(4), m.group(5)
    unite = unite.rstrip("s") if unite != "mois" else unite
    n = valeur_nombre(nombre) + (0.5 if demi else 0.0)
    if preposition in ("en", "sous") and unite == "jour" and n < 30:
        return None  # « en 3 jours », « sous 10 jours » : un niveau de performance (délai), pas une échéance
    if n <= 0:
        return None, f"une durée de {nombre} {m.group(4)} ne laisse pas le temps d'agir", "", True
    if unite in ("jour", "semaine"):
        jours = n * (7 if unite == "semaine" else 1)
        mois_entiers, reste = 0, jours
    else:
        mois = n * _MOIS_PAR_UNITE[unite]
        mois_entiers = int(mois)
        reste = (mois - mois_entiers) * 30.44
        jours = mois * 30.44
    if jours > DUREE_MAX_JOURS:
        return None, f"« {m.group(0).strip()} » est trop lointain pour une échéance (plus de 100 ans)", "", True
    date = ajouter_mois(aujourd_hui, mois_entiers) + _dt.timedelta(days=round(reste))
    return date, "", f"soit le {formater_date(date)}", True


_D = r"(?<![a-z0-9'])"
_MOTIFS = [
    (re.compile(r"(?<![\d/.,-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d])"), _date_numerique),
    (re.compile(r"(?<![\d/.,-])(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), _date_iso),
    (re.compile(_D + r"(1er|premier|\d{1,2})\s+(?:de\s+)?" + _MOIS_ABREGES + r"(?:\s+(\d{4})(?!\d))?"), _date_ecrite),
    (re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{4})(?![\d/])"), _mois_annee_numerique),
    (re.compile(_D + r"(?:fin\s+(?:du\s+)?)?[tq](\d)(?:\s*[-/]\s*|\s+)?((?:19|20|21)\d{2})(?!\d)"), _trimestre),
    (re.compile(_D + _MOTIF_ORDINAL + r"\s+trimestre(?:\s+(?:de\s+l'annee\s+|de\s+|d')?(\d{4})(?!\d))?"),
     _trimestre_ordinal),
    (re.compile(_D + r"s(\d)(?:\s*[-/]\s*|\s+)?((?:19|20|21)\d{2})(?!\d)"), _semestre),
    (re.compile(_D + _MOTIF_ORDINAL + r"\s+semestre(?:\s+(?:de\s+l'annee\s+|de\s+|d')?(\d{4})(?!\d))?"),
     _semestre_ordinal),
    (re.compile(_D + r"(?:(fin|debut|mi)(?:\s+|-)(?:(?:de|du)\s+|d')?(?:mois\s+(?:de\s+|d'))?)?"
                + _MOIS_ABREGES + r"\s+(?:de\s+l'annee\s+)?(\d{4})(?!\d)"), _mois_annee),
    (re.compile(_D + r"(?:(fin|debut|mi)(?:\s+|-)(?:(?:de\s+l'|d')annee\s+|de\s+l'exercice\s+|d'exercice\s+)?"
                r"|(avant|d'ici(?:\s+a)?|d'ici\s+la\s+fin\s+de|en|pour|courant|jusqu'en|horizon"
                r"|a\s+l'horizon(?:\s+de)?|a\s+horizon|au\s+cours\s+de(?:\s+l'annee)?|l'annee|l'exercice)\s+)"
                r"((?:19|20|21)\d{2})(?!\d)"), _annee_seule),
    (re.compile(_D + r"(?:(fin|debut)\s+(?:de\s+l'|du\s+|de\s+)?|(avant|d'ici|pour|des)\s+(?:l'|le\s+)?)?"
                r"(printemps|ete|automne|hiver)(?:\s+((?:19|20|21)\d{2})(?!\d))?(?![a-z])"), _saison),
    (re.compile(_D + r"(?:d'ici\s+(?:a\s+)?)?(?:la\s+)?fin\s+(?:de\s+l'annee|d'annee|de\s+cette\s+annee"
                r"|de\s+l'exercice|d'exercice|de\s+l'an)(\s+prochaine?)?"), _fin_annee),
    (re.compile(_D + r"(?:d'ici\s+(?:a\s+)?)?(?:la\s+)?fin\s+(?:du|de\s+ce)\s+mois(\s+prochain)?"), _fin_mois),
    (re.compile(_D + r"(?:d'ici\s+(?:a\s+)?)?(?:la\s+)?fin\s+(?:du|de\s+ce)\s+trimestre(\s+prochain)?"),
     _fin_trimestre_courant),
    (re.compile(_D + r"(?:d'ici\s+(?:a\s+)?)?(?:la\s+)?fin\s+(?:du|de\s+ce)\s+semestre(\s+prochain)?"),
     _fin_semestre_courant),
    (re.compile(_D + r"(?:l'annee|l'an)\s+prochaine?"), _annee_prochaine),
    (re.compile(_D + r"(?:cette\s+annee|l'annee\s+en\s+cours)"), _cette_annee),
    (re.compile(_D + r"(?:le\s+)?mois\s+prochain"), _mois_prochain),
    (re.compile(_D + r"(?:le\s+)?trimestre\s+prochain"), _trimestre_prochain),
    (re.compile(_D + r"(?:la\s+)?semaine\s+prochaine"), _semaine_prochaine),
    (re.compile(_D + r"(?:au|fin|d'ici(?:\s+au|\s+le|\s+la\s+fin\s+du)?|avant(?:\s+le)?|pour\s+le|du|le|des)\s+"
                r"[tq](\d)(?![a-z0-9])()"), _trimestre),
    (re.compile(_D + r"(?:(fin|debut|mi)(?:\s+|-)(?:(?:de|du)\s+|d')?(?:mois\s+(?:de\s+|d'))?"
                r"|(d'ici(?:\s+a)?|avant|en|pour|courant|jusqu'en|des|au\s+mois\s+de)\s+"
                r"(?:la\s+fin\s+(?:de\s+|d')|fin\s+)?)" + _MOIS_ENTIERS), _mois_sans_annee),
    (re.compile(_D + r"(d'ici(?:\s+les)?|dans|sous|en|au\s+bout\s+de|a\s+horizon(?:\s+de)?|a\s+l'horizon\s+de"
                r"|sur\s+les|pendant|durant)\s+(?:(moins\s+de|un\s+delai\s+de|les|maximum|max\.?|au\s+plus)\s+)?"
                r"(" + MOTIF_NOMBRE + r")\s+(?:(?:prochains?|prochaines?)\s+)?"
                r"(jours?|semaines?|mois|ans|an|annees?|trimestres?|semestres?)(?![a-z])(\s+et\s+demie?)?"
                r"(?:\s+(?:prochains?|prochaines?)(?![a-z]))?"), _duree),
]

_FLOUS_TEMPORELS = re.compile(
    _D + r"(rapidement|bientot|prochainement|a\s+terme|des\s+que\s+possible|au\s+plus\s+vite|asap|un\s+jour"
    r"|a\s+(?:court|moyen|long)\s+terme|dans\s+les\s+meilleurs\s+delais|le\s+plus\s+tot\s+possible"
    r"|a\s+l'avenir|dans\s+le\s+futur|tot\s+ou\s+tard|quand\s+ce\s+sera\s+possible|au\s+fil\s+du\s+temps)(?![a-z])"
)


def _aujourd_hui(aujourd_hui) -> _dt.date:
    if aujourd_hui is None:
        return _dt.date.today()
    if isinstance(aujourd_hui, _dt.datetime):
        return aujourd_hui.date()
    if isinstance(aujourd_hui, _dt.date):
        return aujourd_hui
    raise SaisieInvalide(
        f"aujourd_hui : attendu une date (datetime.date), reçu {type(aujourd_hui).__name__}. "
        "Écrivez par exemple aujourd_hui=datetime.date(2026, 1, 15), ou ne le donnez pas."
    )


def reperer(texte_nfc: str, plie: str, aujourd_hui: _dt.date) -> tuple[list[Echeance], str]:
    """Repère les échéances ; renvoie aussi le texte plié où elles sont masquées."""
    trouvees: list[Echeance] = []
    for motif, traiter in _MOTIFS:
        for m in motif.finditer(plie):
            try:
                resultat = traiter(m, aujourd_hui)
            except (ValueError, OverflowError):  # computed date beyond year 9999
                resultat = None, "cette date sort du calendrier (au-delà de l'an 9999)", "", True
            if resultat is None:
                continue
            date, erreur, remarque, relative = resultat
            debut, fin = m.span()
            extrait = texte_nfc[debut:fin].strip()
            trouvees.append(Echeance(date, extrait, debut, fin, erreur, remarque, relative))
            plie = masquer(plie, debut, fin)
    trouvees.sort(key=lambda e: e.debut)
    return trouvees, plie


def flous_temporels(plie: str, texte_nfc: str) -> list[str]:
    """Expressions de temps vagues (« rapidement », « à terme »…), telles qu'écrites."""
    return [texte_nfc[m.start():m.end()] for m in _FLOUS_TEMPORELS.finditer(plie)]


def trouver_echeances(texte: str, aujourd_hui: _dt.date | None = None) -> list[Echeance]:
    """Toutes les échéances d'un texte, dans l'ordre où elles apparaissent."""
    if not isinstance(texte, str):
        raise SaisieInvalide(f"texte : attendu du texte (str), reçu {type(texte).__name__}.")
    nfc = normaliser(texte)
    return reperer(nfc, plier(nfc), _aujourd_hui(aujourd_hui))[0]


def lire_echeance(valeur, aujourd_hui: _dt.date | None = None, champ: str = "Échéance") -> _dt.date:
    """Une date d'échéance à partir d'une date ou d'un texte français.

    >>> lire_echeance("fin juin 2027")
    datetime.date(2027, 6, 30)

    Plusieurs échéances dans le texte : la plus tardive est retenue. Lève
    ``SaisieInvalide`` si le texte ne contient pas de date ou une date impossible.
    """
    if isinstance(valeur, _dt.datetime):
        return valeur.date()
    if isinstance(valeur, _dt.date):
        return valeur
    if not isinstance(valeur, str):
        raise SaisieInvalide(
            f"{champ} : attendu une date ou un texte comme « 30/06/2027 », reçu {type(valeur).__name__}."
        )
    if not valeur.strip():
        raise SaisieInvalide(
            f"{champ} vide : écrivez une date (« 30/06/2027 », « fin juin 2027 », « T3 2027 ») "
            "ou une durée (« en 6 mois »)."
        )
    echeances = trouver_echeances(valeur, aujourd_hui)
    erreurs = [e for e in echeances if e.erreur]
    if erreurs:
        raise SaisieInvalide(f"{champ} : « {erreurs[0].extrait} » est impossible, {erreurs[0].erreur}.")
    if not echeances:
        raise SaisieInvalide(
            f"{champ} : je ne trouve pas de date dans « {valeur.strip()} ». Écrivez une date "
            "(« 30/06/2027 », « fin juin 2027 », « T3 2027 ») ou une durée (« en 6 mois »)."
        )
    return max(e.date for e in echeances)
