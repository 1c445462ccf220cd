"""Le vérificateur SMART : pour chaque critère, rempli ou non, et pourquoi, en français.

Deux entrées :

* ``evaluer(texte, aujourd_hui=None)`` lit un objectif écrit librement ;
* ``verifier(objectif, aujourd_hui=None)`` lit un ``Objectif`` aux champs structurés.

Les deux renvoient ``{critere: (ok, raison)}`` pour ``specifique``, ``mesurable``,
``atteignable``, ``realisable`` et ``temporel``. ``ok`` vaut ``True``, ``False``, ou
``None`` quand l'information manque pour trancher (la raison dit laquelle).

Les règles sont volontairement simples et explicables (voir ``REGLES``) : le
vérificateur aide à relire un objectif, il ne remplace pas le jugement.
"""

from __future__ import annotations

import math

import datetime as _dt
import re
from dataclasses import dataclass, field, replace

from strategie.erreurs import SaisieInvalide
from strategie.smart._texte import format_nombre, masquer, mots, normaliser, plier
from strategie.smart.dates import Echeance, _aujourd_hui, flous_temporels, formater_date, reperer
from strategie.smart.nombres import MOTS_OUTILS, Quantite, trouver_quantites
from strategie.smart.objectif import Objectif
from strategie.smart.verbes import (
    CATEGORIE_VERBE, FORMES_VERBE, _AMORCES, _AUXILIAIRES, _SENS_CATEGORIE, reperer_verbe,
)

CRITERES = ("specifique", "mesurable", "atteignable", "realisable", "temporel")
LIBELLES = {
    "specifique": "Spécifique",
    "mesurable": "Mesurable",
    "atteignable": "Atteignable",
    "realisable": "Réalisable",
    "temporel": "Temporel",
}
QUESTIONS = {
    "specifique": "Dit-il précisément ce qui doit changer ?",
    "mesurable": "Peut-on constater, chiffre à l'appui, qu'il est atteint ?",
    "atteignable": "La cible est-elle à portée, vu le point de départ et le délai ?",
    "realisable": "Qui s'en charge, avec quels moyens ?",
    "temporel": "Pour quand ?",
}
# Doran (1981), article « There's a S.M.A.R.T. way to write management's goals and objectives »
DORAN_1981 = {
    "S": ("Specific", "viser un point précis à améliorer"),
    "M": ("Measurable", "chiffrer, ou au moins indiquer un indicateur de progrès"),
    "A": ("Assignable", "dire qui s'en chargera"),
    "R": ("Realistic", "dire quels résultats sont réalistes avec les ressources disponibles"),
    "T": ("Time-related", "dire quand le résultat doit être obtenu"),
}
RYTHME_MAX = 1.0  # au plus 100 % de variation par an est jugé atteignable
HORIZON_LOINTAIN_ANS = 10
DELAI_MIN_CREATION_JOURS = 30  # un nouvel indicateur doit d'abord être mesuré avant de bouger
REGLES = {
    "specifique": "un verbe d'action et un objet précis (au moins deux mots concrets, ou un seul avec une "
                  "cible chiffrée) ; un verbe vague (« améliorer », « optimiser »…) demande trois mots concrets "
                  "ou un chiffre ; pas de contradiction entre le verbe et la cible.",
    "mesurable": "une cible chiffrée avec son unité ou ce qu'elle compte (« 8 % », « 200 clients », "
                 "« 4,5/5 », « +15 % », « doubler »), différente du départ ; ou un livrable unique "
                 "(« ouvrir une boutique ») qu'on pourra déclarer fait ou pas fait.",
    "atteignable": f"avec un départ, une cible et une échéance : écart annualisé d'au plus "
                   f"{RYTHME_MAX * 100:.0f} % par an ; un taux ne dépasse pas 100 %, une note pas son maximum, une "
                   "baisse pas 100 % ; un départ à zéro (indicateur à créer) : on juge la cible elle-même, avec au "
                   f"moins {DELAI_MIN_CREATION_JOURS} jours pour l'atteindre ; sinon, information manquante.",
    "realisable": "un responsable nommé et des moyens (budget, équipe, outil) ; un objectif qui dépend du "
                  "hasard ou d'autrui, ou sans aucun moyen, ne l'est pas.",
    "temporel": "une échéance qui existe et qui est à venir ; « rapidement » ou « à terme » ne sont pas "
                "des échéances.",
}

MOTS_FLOUS = frozenset(
    """choses chose tout tous toutes truc trucs ca cela mieux meilleur meilleure meilleurs meilleures davantage
    beaucoup globalement general generale generaux global globale globaux situation performance performances
    resultat resultats image business entreprise societe boite maximum possible significativement sensiblement
    nettement fortement vraiment efficace efficacement efficacite qualite aspects aspect domaines domaine niveau
    niveaux leader leaders excellence top bon bonne bons bonnes grand grande grands grandes important importante
    importants fort forte forts rapide rapides rapidement bientot prochainement vite terme monde maniere facon
    nouveau nouvelle nouveaux nouvelles nouvel autres autre certains certaines plusieurs quelques peu largement
    progres chiffres present presente presents presentes presence""".split()
)
_MOTS_TEMPS = frozenset(
    """janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre an ans annee annees
    mois semaine semaines jour jours trimestre trimestres semestre semestres heure heures minute minutes fin
    debut mi prochain prochaine prochains prochaines ici date echeance horizon courant cours exercice""".split()
)
_UNITES_COURANTES = frozenset("% € points h min jours semaines mois ans fois".split())
_MOTS_UNITES = frozenset("euro euros eur point points pts pt pour cent pourcent fois".split())
_STOP = MOTS_OUTILS | frozenset(
    """il elle on se s y ne pas est sont etre avoir ont mes mon ma ta ton tes je tu vous ils elles c qu n m t
    o lors car donc mais si comme tant aussi encore deja toujours chaque toute meme objectif objectifs but
    cible tres bien afin apres avant jusqu jusque nous notre nos leur leurs barre hausse baisse nombre moitie
    tiers quart double triple dernier derniere derniers dernieres""".split()
)
_QUANTIFICATEURS_FLOUS = re.compile(
    r"(?<![a-z])(le\s+plus\s+possible|autant\s+que\s+possible|au\s+maximum|au\s+mieux|davantage|beaucoup"
    r"|significativement|sensiblement|nettement|fortement|largement|un\s+peu|quelques|plusieurs|mieux|plus)(?![a-z])"
)
# « doubler », « nous doublerons », « l'équipe triplera » (pas « double » seul, souvent un nom).
_FIN_MULTIPLIER = r"(?:er|erons|erez|eront|era|erai|erait|ons|ez|ent|ee|ees)(?![a-z])"
_VARIATIONS_MOTS = [
    (re.compile(r"(?<![a-z])doubl" + _FIN_MULTIPLIER + r"|(?<![a-z])(?:deux|2)\s+fois\s+plus(?![a-z])"), 1.0),
    (re.compile(r"(?<![a-z])tripl" + _FIN_MULTIPLIER + r"|(?<![a-z])(?:trois|3)\s+fois\s+plus(?![a-z])"), 2.0),
    (re.compile(r"(?<![a-z])quadrupl" + _FIN_MULTIPLIER), 3.0),
    (re.compile(r"(?<![a-z])(?:de\s+moitie|par\s+(?:deux|2)(?![\d,.])|(?:deux|2)\s+fois\s+moins)(?![a-z])"), -0.5),
    (re.compile(r"(?<![a-z])par\s+(?:trois|3)(?![\d,.a-z])"), -2 / 3),
    (re.compile(r"(?<![a-z])par\s+(?:quatre|4)(?![\d,.a-z])"), -0.75),
    (re.compile(r"(?<![a-z])par\s+(?:dix|10)(?![\d,.a-z])"), -0.9),
]
_MOTS_TAUX = re.compile(r"(?<![a-z])(taux|part|parts|pourcentage|proportion|satisfaction|satisfaits|couverture"
                        r"|penetration|remplissage|occupation|disponibilite|conformite)(?![a-z])")
_FIN_ROLE = r"([a-z0-9][\w'-]*(?:\s+(?!(?:avec|grace|en|pour|afin|dans|sous|a|au|et|d'ici|qui)\b)[\w'-]+){0,3})"
_RESPONSABLE = [
    re.compile(r"(?<![a-z])(?:responsable|pilote|referent|referente|porteur|porteuse|owner)\s*[:=]\s*" + _FIN_ROLE),
    re.compile(r"(?<![a-z])(?:porte|pilote|mene|conduit|suivi|confie)e?s?\s+(?:par|a)\s+" + _FIN_ROLE),
    re.compile(r"(?<![a-z])sous\s+la\s+responsabilite\s+(?:de|d')\s*" + _FIN_ROLE),
    re.compile(r"(?<![a-z])par\s+((?:l'equipe|le\s+service|la\s+direction|notre\s+equipe|nos\s+equipes|le\s+pole"
               r"|la\s+cellule|le\s+responsable|la\s+responsable|le\s+directeur|la\s+directrice|le\s+chef"
               r"|la\s+cheffe)(?:\s+(?!(?:avec|grace|en|pour|afin|dans|d'ici)\b)[\w'-]+){0,3})"),
]
_NOMS_MOYENS = (
    r"budget|equipe|outil|logiciel|crm|erp|prestataire|agence|commerciaux|commercial|vendeurs?|techniciens?"
    r"|developpeurs?|consultants?|stagiaires?|personnes?|salaries?|collaborateurs?|conseillers?|alternants?"
    r"|campagnes?|partenaires?|moyens|ressources|enveloppe|investissement|machines?|robots?|formations?|etp"
    r"|postes?|recrutements?|embauches?|embauche|site|plateforme|application|vehicules?|camions?"
)
_MOYENS = [
    re.compile(r"(?<![a-z])budget(?:\s+(?:de|d'|alloue|dedie))?[^,;.()]{0,40}"),
    re.compile(r"(?<![a-z])moyens\s*[:=]\s*[^,;()]+"),
    re.compile(r"(?<![a-z])grace\s+a\s+[^,;.()]{1,60}"),
    re.compile(r"(?<![a-z])en\s+(?:recrutant|formant|investissant|deployant|s'appuyant|mobilisant|utilisant"
               r"|lancant|automatisant|embauchant|creant|mettant|ouvrant|equipant|affectant|dediant|consacrant"
               r"|externalisant|reorganisant|confiant|achetant|louant|installant)(?![a-z])[^,;.()]{0,60}"),
    re.compile(r"(?<![a-z])avec\s+(?:\d+(?:[.,]\d+)?|deux|trois|quatre|cinq|six|dix|un|une)\s+[a-z][^,;.()]{0,50}"),
    re.compile(r"(?<![a-z])avec\s+(?:le|la|les|l'|notre|nos|son|sa|ses|leur|leurs)\s*(?:nouveaux?\s+|nouvelles?\s+)?"
               r"(?:" + _NOMS_MOYENS + r")(?![a-z])[^,;.()]{0,40}"),
    re.compile(r"(?<![a-z])(?:\d+|deux|trois|quatre|cinq)\s+etp(?![a-z])"),
    re.compile(r"(?<![a-z])(?:investissement|enveloppe)\s+de\s+[^,;.()]{1,40}"),
]
_SANS_MOYENS = re.compile(r"(?<![a-z])sans\s+(?:aucun\s+|aucune\s+)?(?:budget|moyens?|ressources?|recrutement"
                          r"|investissement|personne|equipe)(?![a-z])")
_EXTERNE = re.compile(
    r"(?<![a-z])(si\s+(?:le\s+marche|la\s+conjoncture|les\s+concurrents|la\s+chance|la\s+meteo|l'etat"
    r"|les\s+clients\s+le\s+veulent|tout\s+va\s+bien|possible)|en\s+esperant|avec\s+de\s+la\s+chance"
    r"|grace\s+a\s+la\s+(?:conjoncture|chance|meteo)|selon\s+la\s+conjoncture|si\s+on\s+a\s+de\s+la\s+chance"
    r"|croisons\s+les\s+doigts)(?![a-z])"
)
_AVANT_DEPART = re.compile(r"(?:contre|au\s+lieu\s+de|actuellement(?:\s+de|\s+a)?|aujourd'hui(?:\s+de|\s+a)?"
                           r"|depart\s*:?|(?<![a-z])vs\.?|partant\s+de|en\s+partant\s+de)\s*$")
_AVANT_CIBLE = re.compile(r"(?:(?<![a-z])a|jusqu'a|atteindre|atteint|sous|au-dessous\s+de|en\s+dessous\s+de|au\s+moins"
                          r"|au\s+minimum|au\s+plus|au\s+maximum|moins\s+de|plus\s+de|>=?|<=?|≥|≤|cible\s*:?"
                          r"|objectif\s*:?|viser|vendre|signer|recruter|ouvrir)\s*$")
_AVANT_VARIATION = re.compile(r"(?<![a-z])(?:de|d'environ|d'au\s+moins|d'au\s+plus)\s*$")
_ENTRE_PAIRE = re.compile(r"^\s*(?:a|jusqu'a|vers)\s*$")


@dataclass
class Analyse:
    """Ce que le vérificateur a lu dans un texte (utile pour expliquer un verdict)."""

    texte: str
    echeances: list[Echeance] = field(default_factory=list)
    flous_temps: list[str] = field(default_factory=list)
    quantites: list[Quantite] = field(default_factory=list)
    depart: Quantite | None = None
    cible: Quantite | None = None
    variation: Quantite | None = None
    variation_mot: tuple[str, float] | None = None
    verbe: str | None = None
    categorie: str | None = None
    sens: int = 0
    concrets: list[str] = field(default_factory=list)
    quantificateur_flou: str | None = None
    responsable: str | None = None
    moyens: str | None = None
    sans_moyens: str | None = None
    externe: str | None = None
    nombres_dans_dates: bool = False
    indicateur_cible: str | None = None
    taux: bool = False
    objet_singulier: bool = False


def _pourcent(x: float) -> str:
    if not math.isfinite(x * 100):  # un départ proche de zéro donne une variation relative sans borne
        return "un écart sans commune mesure (valeur de départ presque nulle)"
    return f"{format_nombre(round(x * 100))}\u202f%"


def _ecart(x: float) -> str:
    """+15 % / −40 % (vrai signe moins)."""
    return ("+" if x > 0 else "−" if x < 0 else "") + _pourcent(abs(x))


def _duree(jours: int) -> str:
    if jours < 60:
        return f"{jours} jour" + ("s" if jours > 1 else "")
    mois = jours / 30.44
    if mois < 36:
        return f"{format_nombre(round(mois))} mois"
    return f"{format_nombre(round(mois / 12, 1))} ans"


def mots_concrets(texte_nfc: str, plie: str) -> list[str]:
    """Les mots qui nomment quelque chose de précis (ni mot outil, ni mot vague, ni verbe, ni temps)."""
    concrets = []
    for m in re.finditer(r"[a-z0-9]+", plie):
        mot = m.group(0)
        original = texte_nfc[m.start():m.end()]
        if mot.isdigit():
            continue
        if 2 <= len(original) <= 5 and original.isupper() and original.isalpha():
            concrets.append(original)  # un sigle : CA, NPS, SAV, CRM…
            continue
        if (len(mot) < 3 or mot in _STOP or mot in MOTS_FLOUS or FORMES_VERBE.get(mot, ("", ""))[1] == "sur"
                or mot in _MOTS_TEMPS or mot in _AUXILIAIRES
                or mot in _MOTS_UNITES or mot in _AMORCES):
            continue
        concrets.append(original)
    return concrets


def _premier(motifs, plie: str):
    trouves = [m for motif in motifs for m in motif.finditer(plie)]
    return min(trouves, key=lambda m: m.start()) if trouves else None


def _roles(analyse: Analyse, plie: str) -> None:
    """Départ, cible et variation parmi les quantités."""
    quantites = analyse.quantites
    restantes = []
    i = 0
    while i < len(quantites):
        q = quantites[i]
        avant = plie[max(0, q.debut - 30):q.debut]
        if i + 1 < len(quantites) and analyse.depart is None:
            suivante = quantites[i + 1]
            if _ENTRE_PAIRE.match(plie[q.fin:suivante.debut]) and re.search(r"(?<![a-z])de\s*$", avant):
                unite = suivante.unite or q.unite
                analyse.depart = replace(q, unite=q.unite or unite)
                analyse.cible = replace(suivante, unite=unite, signe=0)
                i += 2
                continue
        if analyse.depart is None and _AVANT_DEPART.search(avant):
            analyse.depart = q
        elif analyse.variation is None and (q.signe or (
                _AVANT_VARIATION.search(avant) and analyse.categorie in ("hausse", "baisse"))):
            analyse.variation = q
        else:
            restantes.append(q)
        i += 1
    if analyse.cible is None and restantes:
        marquees = [q for q in restantes if _AVANT_CIBLE.search(plie[max(0, q.debut - 20):q.debut])]
        avec_unite = [q for q in restantes if q.unite]
        analyse.cible = (marquees or avec_unite or restantes)[0]
    if analyse.cible is not None and not analyse.cible.unite:
        avant = re.search(r"([a-z0-9]{2,})\s*(?:de|d'|a|:|=)\s*$", plie[max(0, analyse.cible.debut - 40):analyse.cible.debut])
        if avant and avant.group(1) not in _STOP and avant.group(1) not in CATEGORIE_VERBE \
                and avant.group(1) not in MOTS_FLOUS:
            debut = max(0, analyse.cible.debut - 40) + avant.start(1)
            analyse.indicateur_cible = analyse.texte[debut:debut + len(avant.group(1))]
    if analyse.depart and analyse.cible and not analyse.depart.unite and analyse.cible.unite:
        analyse.depart = replace(analyse.depart, unite=analyse.cible.unite)


def analyser(texte: str, aujourd_hui: _dt.date | None = None) -> Analyse:
    """Lit un objectif écrit en français : échéances, nombres, verbe, responsable, moyens…"""
    if not isinstance(texte, str):
        raise SaisieInvalide(
            f"texte : attendu un objectif écrit (str) ou un Objectif, reçu {type(texte).__name__}."
        )
    aujourd_hui = _aujourd_hui(aujourd_hui)
    nfc = normaliser(texte)
    plie = plier(nfc)
    analyse = Analyse(texte=nfc)
    analyse.echeances, sans_dates = reperer(nfc, plie, aujourd_hui)
    analyse.nombres_dans_dates = any(any(c.isdigit() for c in e.extrait) for e in analyse.echeances)
    analyse.flous_temps = flous_temporels(sans_dates, nfc)
    externe = _EXTERNE.search(sans_dates)
    if externe:
        analyse.externe = nfc[externe.start():externe.end()]
        sans_dates = masquer(sans_dates, *externe.span())
    sans_roles = sans_dates
    responsable = _premier(_RESPONSABLE, sans_dates)
    if responsable:
        analyse.responsable = nfc[responsable.start(1):responsable.end(1)].strip()
        sans_roles = masquer(sans_roles, *responsable.span())
    sans_moyens = _SANS_MOYENS.search(sans_roles)
    if sans_moyens:
        analyse.sans_moyens = nfc[sans_moyens.start():sans_moyens.end()]
        sans_roles = masquer(sans_roles, *sans_moyens.span())
    moyens = _premier(_MOYENS, sans_roles)
    if moyens:
        analyse.moyens = nfc[moyens.start():moyens.end()].strip()
        sans_roles = masquer(sans_roles, *moyens.span())
    verbe, analyse.categorie, debut_verbe, fin_verbe = reperer_verbe(sans_roles)
    if verbe:
        analyse.verbe = nfc[debut_verbe:fin_verbe]
    analyse.sens = _SENS_CATEGORIE.get(analyse.categorie, 0)
    analyse.quantites = trouver_quantites(nfc, sans_roles)
    _roles(analyse, sans_roles)
    for motif, variation in _VARIATIONS_MOTS:
        m = motif.search(sans_roles)
        if m:
            if variation == -0.5 and "moitie" in m.group(0) and analyse.sens > 0:
                variation = 0.5
            analyse.variation_mot = (nfc[m.start():m.end()], variation)
            if analyse.sens == 0:
                analyse.sens = 1 if variation > 0 else -1
            break
    sans_quantites = sans_roles
    for q in analyse.quantites:
        sans_quantites = masquer(sans_quantites, q.debut, q.fin)
    flou = _QUANTIFICATEURS_FLOUS.search(sans_quantites)
    if flou:
        analyse.quantificateur_flou = nfc[flou.start():flou.end()]
    # Le verbe n'est pas ce qui change (les infinitifs inconnus restent comptés, comme toujours).
    sans_verbe = (masquer(sans_quantites, debut_verbe, fin_verbe)
                  if verbe and (plier(verbe) in FORMES_VERBE or not plier(verbe).endswith(("er", "ir")))
                  else sans_quantites)
    analyse.concrets = mots_concrets(nfc, sans_verbe) + [
        q.unite for q in analyse.quantites if q.unite and q.unite not in _UNITES_COURANTES
        and plier(q.unite) not in _STOP and plier(q.unite) not in MOTS_FLOUS]
    analyse.taux = bool(_MOTS_TAUX.search(sans_dates))
    if verbe:
        apres = sans_quantites[fin_verbe:]
        analyse.objet_singulier = bool(re.match(r"\s+(?:un|une|le|la|l'|notre|son|sa|mon|ma|leur|cette|ce|cet)(?![a-z])",
                                                apres))
    return analyse


# --- jugements communs au texte libre et aux objectifs structurés ---

def _juger_specifique(verbe, categorie, concrets, a_chiffre, contradiction=None):
    if contradiction:
        return False, contradiction
    k = len(concrets)
    objet = ", ".join(f"« {m} »" for m in concrets[:4])
    if categorie == "flou":
        if k >= 3 or (a_chiffre and k >= 1):
            return True, f"dit ce qui change malgré un verbe général (« {verbe} ») : {objet}."
        return False, (f"verbe vague « {verbe} » : dites précisément ce qui change, pour qui ou sur quel "
                       "périmètre (ex. « réduire le délai de réponse du service client de Lyon »).")
    if verbe:
        if k >= 2 or (a_chiffre and k >= 1):
            return True, f"dit quoi faire : « {verbe} » et sur quoi ({objet})."
        if k == 0:
            return False, (f"« {verbe} » quoi ? Nommez ce qui doit changer : l'indicateur, le produit, "
                           "le public visé.")
        return False, (f"« {concrets[0]} » reste trop général : précisez lequel, où ou pour qui "
                       "(ex. « les ventes en ligne du rayon jardin »), ou chiffrez la cible.")
    if a_chiffre and k >= 1:
        return True, f"intitulé sans verbe, mais l'objet est précis et chiffré ({objet})."
    return False, ("pas de verbe d'action : un thème n'est pas un objectif. Commencez par un verbe "
                   "(réduire, augmenter, ouvrir, signer…) suivi de ce qui doit changer.")


def _lisible(x: float, unite: str) -> str:
    if not unite:
        return format_nombre(x)
    if unite.startswith("/"):
        return f"{format_nombre(x)}{unite}"
    return f"{format_nombre(x)}{chr(0x202F) if unite == '%' else chr(0xA0)}{unite}"


def _juger_depuis_zero(cible, unite, echeance, aujourd_hui, cite_cible=None):
    """Un indicateur à créer (départ 0) : pas d'écart relatif, on juge la cible elle-même et son rythme."""
    cite = cite_cible or _lisible(cible, unite)
    if cible < 0:
        return None, (f"départ à zéro et cible négative ({cite}) : vérifiez le signe, ou dites ce qui est "
                      "compté.")
    if echeance is None or echeance <= aujourd_hui:
        return None, (f"indicateur à créer (départ 0) : la cible ({cite}) se juge sur le rythme demandé, mais "
                      "il manque une échéance à venir.")
    jours = (echeance - aujourd_hui).days
    if jours < DELAI_MIN_CREATION_JOURS:
        return False, (f"indicateur à créer (départ 0) : obtenir {cite} en {_duree(jours)}, c'est trop court "
                       "pour mettre en place la mesure puis l'action ; laissez-vous au moins un mois.")
    par_mois = cible / (jours / 30.44)
    par_mois = round(par_mois) if par_mois >= 10 else round(par_mois, 1)
    unite_mois = "points" if unite == "%" else unite
    return True, (f"départ à zéro (indicateur à créer) : un écart en pourcentage n'a pas de sens, on juge donc "
                  f"la cible elle-même : {cite} en {_duree(jours)}, soit environ {_lisible(par_mois, unite_mois)} "
                  "par mois. À portée si ce rythme ressemble à ce que l'équipe a déjà produit ; sinon, comparez "
                  "avec un premier mois d'essai ou une organisation semblable.")


def _juger_atteignable(depart, cible, unite, taux, variation_rel, echeance, aujourd_hui, sens=0, cite_cible=None,
                       unite_lue=None):
    """depart/cible : nombres ou None ; variation_rel : écart relatif signé déjà connu, ou None.

    ``cite_cible``, ``unite_lue`` : la cible et l'unité telles que l'apprenant les a écrites, pour
    l'explication d'un départ à zéro.
    """
    if cible is not None:
        if unite == "%" and taux and cible > 100:
            return False, f"un taux ne peut pas dépasser 100 % (cible : {format_nombre(cible)} %)."
        maximum = re.fullmatch(r"/\s*(\d+(?:[.,]\d+)?)\s*", unite)
        if maximum:
            maximum = float(maximum.group(1).replace(",", "."))
            if cible > maximum:
                return False, f"une note de {format_nombre(cible)}{unite} dépasse le maximum de l'échelle."
        if unite == "%" and taux and cible < 0:
            return False, f"un taux ne peut pas être négatif (cible : {format_nombre(cible)} %)."
    if variation_rel is not None and variation_rel < -1:
        return False, f"on ne peut pas baisser de plus de 100 % (baisse demandée : {_pourcent(-variation_rel)})."
    if depart is not None and cible is not None:
        if cible == depart:
            return None, "la cible est égale au départ : il n'y a pas d'écart dont juger la portée."
        if depart != 0:
            variation_rel = (cible - depart) / abs(depart)
    absolue = cible is not None and (cible == 0 or (unite == "%" and taux and cible == 100))
    if absolue:
        return None, (f"cible absolue ({format_nombre(cible)}{' %' if unite == '%' else ''}) : rarement tenue. "
                      "Il manque de quoi la justifier (historique, exemples) ; sinon visez un palier.")
    if depart == 0 and cible is not None:
        return _juger_depuis_zero(cible, unite_lue or unite, echeance, aujourd_hui, cite_cible)
    if variation_rel is None and cible is None:
        return None, ("il manque de quoi juger la portée : ce qui existe déjà (le point de départ) et l'effort "
                      "demandé, comparé à ce que l'équipe a déjà réussi.")
    if variation_rel is None:
        return None, ("il manque la valeur de départ (d'où partez-vous ?) : sans elle, impossible de dire si "
                      "la cible est à portée. Écrivez par exemple « de 12 % à 8 % ».")
    if echeance is None or echeance <= aujourd_hui:
        return None, (f"écart de {_ecart(variation_rel)} mais il manque une échéance à venir : sans délai, "
                      "impossible de juger le rythme demandé.")
    jours = (echeance - aujourd_hui).days
    rythme = abs(variation_rel) / (jours / 365.25)
    ecart = f"écart de {_ecart(variation_rel)} en {_duree(jours)}"
    if rythme <= RYTHME_MAX:
        return True, f"{ecart}, soit {_pourcent(rythme)} par an : à portée si les moyens suivent."
    return False, (f"{ecart}, soit {_pourcent(rythme)} par an : bien au-delà de ce qu'on tient d'ordinaire "
                   f"(au plus {_pourcent(RYTHME_MAX)} par an). Allongez le délai, baissez la cible ou "
                   "justifiez-la.")


def _juger_realisable(responsable, moyens, sans_moyens=None, externe=None):
    if externe:
        return False, (f"l'objectif dépend de ce que vous ne maîtrisez pas (« {externe} ») : formulez ce que "
                       "votre équipe fera, elle.")
    if sans_moyens and not moyens:
        return False, (f"« {sans_moyens} » : aucun moyen prévu. Dites avec quoi (temps, équipe, budget, outil) "
                       "l'objectif sera atteint.")
    if responsable and moyens:
        return True, f"porté par {responsable} ; moyens : {moyens}."
    if responsable:
        return None, f"porté par {responsable}, mais il manque les moyens : budget, équipe, outil ?"
    if moyens:
        return None, f"moyens cités ({moyens}), mais il manque le responsable : qui s'en charge ?"
    return None, ("il manque qui s'en charge et avec quels moyens (« responsable : … », « avec un budget "
                  "de … », « avec 2 commerciaux »).")


def _juger_temporel(echeances, flous, aujourd_hui):
    erreurs = [e for e in echeances if e.erreur]
    if erreurs:
        e = erreurs[0]
        return False, f"« {e.extrait} » est impossible : {e.erreur}. Corrigez la date."
    valides = [e for e in echeances if e.date is not None]
    if not valides:
        if flous:
            return False, (f"« {flous[0]} » n'est pas une échéance : donnez une date (« fin juin 2027 », "
                           "« 31/12/2027 ») ou une durée (« en 6 mois »).")
        return False, ("aucune échéance : dites pour quand (« d'ici fin juin 2027 », « en 6 mois », "
                       "« au T3 2027 »).")
    e = max(valides, key=lambda x: x.date)
    quand = formater_date(e.date)
    cite = f"« {e.extrait} »" if e.extrait and e.extrait != quand else ""
    if e.date < aujourd_hui:
        return False, (f"l'échéance {cite + ' ' if cite else ''}({quand}) est déjà passée (nous sommes le "
                       f"{formater_date(aujourd_hui)}) : choisissez une date à venir.")
    if e.date == aujourd_hui:
        return False, "l'échéance tombe aujourd'hui : laissez-vous le temps d'agir, choisissez une date à venir."
    jours = (e.date - aujourd_hui).days
    raison = f"échéance le {quand}" + (f" ({cite})" if cite else "") + f", dans {_duree(jours)}."
    if jours > HORIZON_LOINTAIN_ANS * 365.25:
        raison += " C'est lointain : prévoyez des jalons intermédiaires."
    elif e.remarque.startswith(("année", "annee")):
        raison += f" ({e.remarque})"
    return True, raison


def _contradiction(sens: int, depart, cible, verbe, unite: str = "") -> str | None:
    if sens == 0 or depart is None or cible is None or depart == cible:
        return None
    espace = "" if not unite or unite.startswith("/") else " "
    d, c = (f"{format_nombre(x)}{espace}{unite}" for x in (depart, cible))
    if sens < 0 and cible > depart:
        return (f"contradiction : « {verbe} » demande une baisse, mais la cible ({c}) est au-dessus du "
                f"départ ({d}).")
    if sens > 0 and cible < depart:
        return (f"contradiction : « {verbe} » demande une hausse, mais la cible ({c}) est en dessous du "
                f"départ ({d}).")
    return None


def _variation_relative(analyse: Analyse) -> float | None:
    if analyse.variation_mot:
        return analyse.variation_mot[1]
    v = analyse.variation
    if v is not None and v.unite == "%":
        sens = v.signe or analyse.sens or 1
        return abs(v.valeur) / 100 * (1 if sens > 0 else -1)
    return None


def _juger_mesurable_texte(a: Analyse):
    cible = a.cible
    if a.depart and cible and cible.valeur == a.depart.valeur and a.categorie != "maintien":
        return False, (f"la cible ({cible.cite}) est égale à la valeur de départ : il n'y a aucun écart à "
                       "mesurer. Changez la cible, ou écrivez « maintenir … » s'il s'agit de tenir un niveau.")
    if a.variation_mot:
        return True, f"cible chiffrée : « {a.variation_mot[0]} » (point de départ à préciser)."
    if a.variation is not None and a.variation.unite:
        depart = f" ; départ : {a.depart.cite}" if a.depart else " (point de départ à préciser)"
        relative = _variation_relative(a)
        ecart = _ecart(relative) if relative is not None else a.variation.lisible
        return True, f"écart chiffré : {ecart}{depart}."
    if cible is not None and cible.unite:
        depart = f" (départ : {a.depart.cite})" if a.depart else ""
        return True, f"cible chiffrée : {cible.cite}{depart}."
    if a.categorie == "livrable" and a.objet_singulier and a.concrets:
        return True, (f"livrable vérifiable : à l'échéance, « {a.verbe} … » sera fait ou pas fait "
                      "(un chiffre reste utile pour suivre l'avancement).")
    if cible is not None and a.indicateur_cible:
        depart = f" (départ : {a.depart.cite})" if a.depart else ""
        return True, f"cible chiffrée : {a.indicateur_cible} {cible.extrait}{depart} ; précisez l'unité si besoin."
    if cible is not None:
        return False, (f"« {cible.extrait} » : {cible.extrait} quoi ? Ajoutez l'unité ou ce qui est compté "
                       "(%, €, clients, jours…).")
    if a.quantificateur_flou:
        return False, (f"« {a.quantificateur_flou} » ne dit pas de combien : chiffrez la cible "
                       "(« de 12 % à 8 % », « +15 % », « 200 clients », « 4,5/5 »).")
    if a.nombres_dans_dates:
        return False, ("les seuls nombres sont ceux de l'échéance : chiffrez aussi la cible "
                       "(« de 12 % à 8 % », « 200 clients »).")
    return False, "aucun nombre : dites de combien ou jusqu'où (« de 12 % à 8 % », « 200 clients », « 4,5/5 »)."


def _sans_texte() -> dict:
    vide = ("le texte est vide : écrivez l'objectif en une phrase — un verbe d'action, ce qui doit changer, "
            "de combien, pour quand, qui s'en charge.")
    return {
        "specifique": (False, vide),
        "mesurable": (False, "aucun nombre : le texte est vide."),
        "atteignable": (None, "il manque tout : départ, cible et échéance."),
        "realisable": (None, "il manque qui s'en charge et avec quels moyens."),
        "temporel": (False, "aucune échéance : le texte est vide."),
    }


def evaluer(texte, aujourd_hui: _dt.date | None = None) -> dict[str, tuple[bool | None, str]]:
    """Vérifie un objectif SMART écrit en français.

    Renvoie ``{critere: (ok, raison)}`` pour ``specifique``, ``mesurable``,
    ``atteignable``, ``realisable``, ``temporel`` ; ``ok`` vaut ``True``, ``False``,
    ou ``None`` si le texte seul ne permet pas de trancher (la raison dit ce qui
    manque). ``aujourd_hui`` (``datetime.date``, par défaut aujourd'hui) décide si
    l'échéance est passée. Accepte aussi un ``Objectif`` (voir ``verifier``).

    >>> v = evaluer("Réduire le taux de retard de livraison de 12 % à 8 % d'ici fin juin 2027",
    ...             aujourd_hui=datetime.date(2026, 1, 15))
    >>> v["temporel"][0], v["mesurable"][0]
    (True, True)
    """
    if isinstance(texte, Objectif):
        return verifier(texte, aujourd_hui)
    aujourd_hui = _aujourd_hui(aujourd_hui)
    a = analyser(texte, aujourd_hui)
    if not mots(plier(a.texte)):
        return _sans_texte()
    depart = a.depart.valeur if a.depart else None
    cible_q = a.cible
    cible = cible_q.valeur if cible_q else None
    a_chiffre = bool(a.variation_mot or (a.variation is not None and a.variation.unite)
                     or (cible_q is not None and (cible_q.unite or a.indicateur_cible)))
    contradiction = _contradiction(a.sens, depart, cible, a.verbe, cible_q.unite if cible_q else "")
    echeances_valides = [e.date for e in a.echeances if e.date is not None]
    erreur_date = any(e.erreur for e in a.echeances)
    echeance = None if erreur_date or not echeances_valides else max(echeances_valides)
    unite = cible_q.unite if cible_q else ""
    if cible is None and a.variation is not None:
        unite = a.variation.unite
    atteignable = _juger_atteignable(depart, cible, unite, a.taux, _variation_relative(a), echeance, aujourd_hui,
                                     a.sens, f"« {cible_q.extrait} »" if cible_q else None)
    return {
        "specifique": _juger_specifique(a.verbe, a.categorie, a.concrets, a_chiffre, contradiction),
        "mesurable": _juger_mesurable_texte(a),
        "atteignable": atteignable,
        "realisable": _juger_realisable(a.responsable, a.moyens, a.sans_moyens, a.externe),
        "temporel": _juger_temporel(a.echeances, a.flous_temps, aujourd_hui),
    }


def verifier(objectif, aujourd_hui: _dt.date | None = None) -> dict[str, tuple[bool | None, str]]:
    """Vérifie un ``Objectif`` aux champs structurés ; même forme de résultat que ``evaluer``."""
    if not isinstance(objectif, Objectif):
        raise SaisieInvalide(
            f"objectif : attendu un smart.Objectif, reçu {type(objectif).__name__}. "
            "Pour un texte libre, utilisez smart.evaluer(texte)."
        )
    aujourd_hui = _aujourd_hui(aujourd_hui)
    quoi_nfc = normaliser(objectif.quoi)
    quoi_plie = plier(quoi_nfc)
    verbe_plie, categorie, debut_verbe, fin_verbe = reperer_verbe(quoi_plie)
    verbe = quoi_nfc[debut_verbe:fin_verbe] if verbe_plie else None
    concrets = mots_concrets(quoi_nfc, masquer(quoi_plie, debut_verbe, fin_verbe)
                             if verbe_plie in FORMES_VERBE else quoi_plie)
    sens = _SENS_CATEGORIE.get(categorie, 0)
    contradiction = _contradiction(sens, objectif.depart, objectif.cible, verbe, objectif.unite)

    indic_nfc = normaliser(objectif.indicateur)
    indic_plie = plier(indic_nfc)
    concrets_indicateur = mots_concrets(indic_nfc, indic_plie)
    unite = objectif.unite.strip()
    if not concrets_indicateur:
        mesurable = (False, f"« {objectif.indicateur} » n'est pas un indicateur qu'on peut compter : nommez ce "
                            "qui est mesuré (taux de retard, nombre de clients actifs, note moyenne sur 5…).")
    else:
        unite_lue = f" {unite}" if unite and not unite.startswith("/") else unite
        depart = (f", départ {format_nombre(objectif.depart)}{unite_lue}" if objectif.depart is not None
                  else " (départ à mesurer d'abord)")
        mesurable = (True, f"indicateur « {objectif.indicateur} », cible {format_nombre(objectif.cible)}"
                           f"{unite_lue}{depart}" + ("." if unite else " ; précisez l'unité."))
    taux = bool(_MOTS_TAUX.search(indic_plie)) or unite == "%"
    atteignable = _juger_atteignable(objectif.depart, objectif.cible, plier(unite), taux, None, objectif.echeance,
                                     aujourd_hui, sens, objectif._avec_unite(objectif.cible), unite)
    echeance = Echeance(objectif.echeance, formater_date(objectif.echeance), 0, 0)
    return {
        "specifique": _juger_specifique(verbe, categorie, concrets, True, contradiction),
        "mesurable": mesurable,
        "atteignable": atteignable,
        "realisable": _juger_realisable(objectif.responsable.strip() or None, objectif.moyens.strip() or None),
        "temporel": _juger_temporel([echeance], [], aujourd_hui),
    }


def est_smart(verdicts: dict) -> bool:
    """Vrai si les cinq critères sont remplis (aucun « non », aucun « à préciser »)."""
    return all(verdicts[c][0] is True for c in CRITERES)


def compter(verdicts: dict) -> dict[str, int]:
    """Nombre de critères remplis, non remplis, à préciser."""
    etats = [verdicts[c][0] for c in CRITERES]
    return {"remplis": etats.count(True), "non_remplis": etats.count(False), "a_preciser": etats.count(None)}


SYMBOLES = {True: "✅", False: "❌", None: "❓"}


def resume(verdicts: dict) -> str:
    """Une ligne par critère : symbole, lettre, raison."""
    return "\n".join(
        f"{SYMBOLES[verdicts[c][0]]} {LIBELLES[c]} : {verdicts[c][1]}" for c in CRITERES
    )


def comparer(textes, aujourd_hui: _dt.date | None = None):
    """Un tableau (pandas) : une ligne par objectif écrit, un symbole par critère (✅ ❌ ❓)."""
    import pandas as pd

    if isinstance(textes, str) or not hasattr(textes, "__iter__"):
        raise SaisieInvalide("textes : attendu une liste d'objectifs écrits, par exemple [\"Vendre plus\", …].")
    lignes = []
    for texte in textes:
        verdicts = evaluer(texte, aujourd_hui)
        lignes.append({"objectif": texte, **{LIBELLES[c]: SYMBOLES[verdicts[c][0]] for c in CRITERES}})
    return pd.DataFrame(lignes, columns=["objectif", *LIBELLES.values()])
