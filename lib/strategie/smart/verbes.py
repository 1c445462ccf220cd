"""Lexique des verbes d'action des objectifs SMART : catégories, formes conjuguées, repérage dans un texte.

Module à part pour que ``Objectif`` (qui reconnaît un objectif de maintien) et le
vérificateur le lisent tous deux sans s'importer l'un l'autre.
"""

from __future__ import annotations

import re

# --- lexiques (pliés : minuscules, sans accents) ---
_VERBES = {
    "hausse": """augmenter accroitre hausser relever elever gagner doubler tripler quadrupler multiplier croitre
                 monter etendre elargir remonter rehausser""",
    "baisse": """reduire diminuer baisser abaisser ramener limiter diviser couper raccourcir ecourter contenir
                 supprimer eliminer resorber alleger descendre""",
    "maintien": "maintenir stabiliser garder conserver tenir preserver",
    "livrable": """lancer ouvrir livrer publier deployer mettre signer obtenir certifier creer fermer migrer
                   installer inaugurer organiser finaliser achever terminer implanter integrer recruter embaucher
                   equiper automatiser rediger remplacer""",
    "fort": """atteindre porter passer vendre former traiter repondre realiser generer economiser acquerir
               convertir visiter rencontrer contacter appeler produire fabriquer expedier facturer encaisser
               collecter fideliser recuperer resoudre servir accueillir inscrire viser conquerir""",
    "flou": """ameliorer optimiser developper renforcer dynamiser booster travailler favoriser accompagner
               valoriser moderniser progresser continuer poursuivre essayer tenter etre devenir avoir veiller
               penser reflechir maximiser minimiser perfectionner consolider redynamiser stimuler encourager
               soutenir promouvoir innover transformer evoluer faire rester gerer satisfaire s'occuper
               occuper repenser revoir""",
}
CATEGORIE_VERBE = {v: cat for cat, liste in _VERBES.items() for v in liste.split()}


# --- conjugated forms: « nous augmenterons », « l'équipe réduira », « a signé », « répondra » ---
# Irregular verbs: present (je, tu, il, nous, vous, ils), future stem, past participle, present participle.
_IRREGULIERS = {
    "tenir": ("tiens tiens tient tenons tenez tiennent", "tiendr", "tenu", "tenant"),
    "ouvrir": ("ouvre ouvres ouvre ouvrons ouvrez ouvrent", "ouvrir", "ouvert", "ouvrant"),
    "accueillir": ("accueille accueilles accueille accueillons accueillez accueillent", "accueiller", "accueilli",
                   "accueillant"),
    "servir": ("sers sers sert servons servez servent", "servir", "servi", "servant"),
    "querir": ("quiers quiers quiert querons querez quierent", "querr", "quis", "querant"),
    "uire": ("uis uis uit uisons uisez uisent", "uir", "uit", "uisant"),
    "eindre": ("eins eins eint eignons eignez eignent", "eindr", "eint", "eignant"),
    "resoudre": ("resous resous resout resolvons resolvez resolvent", "resoudr", "resolu", "resolvant"),
    "croitre": ("crois crois croit croissons croissez croissent", "croitr", "cru", "croissant"),
    "mettre": ("mets mets met mettons mettez mettent", "mettr", "mis", "mettant"),
    "crire": ("cris cris crit crivons crivez crivent", "crir", "crit", "crivant"),
    "suivre": ("suis suis suit suivons suivez suivent", "suivr", "suivi", "suivant"),
    "mouvoir": ("meus meus meut mouvons mouvez meuvent", "mouvr", "mu", "mouvant"),
    "venir": ("viens viens vient venons venez viennent", "viendr", "venu", "venant"),
    "appeler": ("appelle appelles appelle appelons appelez appellent", "appeller", "appele", "appelant"),
}
_SANS_CONJUGAISON = frozenset({"etre", "avoir", "faire", "satisfaire", "s'occuper"})  # too many homographs
_FIN_FUTUR = ("ai", "as", "a", "ons", "ez", "ont", "ais", "ait", "ions", "iez", "aient")


def _formes(infinitif: str) -> tuple[set[str], set[str], set[str]]:
    """Les formes d'un verbe du lexique : (sans ambiguïté, présent qui peut aussi être un nom, participes)."""
    modele = next((m for m in _IRREGULIERS if infinitif.endswith(m)), None)
    if modele:
        prefixe = infinitif[: len(infinitif) - len(modele)]
        present, futur, participe, _ = _IRREGULIERS[modele]
        present = [prefixe + f for f in present.split()]
        futur, participe = prefixe + futur, prefixe + participe
    elif infinitif.endswith("dre"):  # vendre, répondre, descendre, étendre
        r = infinitif[:-2]
        present = [r + "s", r + "s", r, r + "ons", r + "ez", r + "ent"]
        futur, participe = r + "r", r + "u"
    elif infinitif.endswith("ir"):  # second group: élargir, convertir
        r = infinitif[:-2]
        present = [r + "is", r + "is", r + "it", r + "issons", r + "issez", r + "issent"]
        futur, participe = infinitif, r + "i"
    elif infinitif.endswith("er"):
        r = infinitif[:-2]
        nous = r + ("e" if r.endswith("g") else "") + "ons"
        present = [r + "e", r + "es", r + "e", nous, r + "ez", r + "ent"]
        futur, participe = infinitif, r + "e"
    else:
        return set(), set(), set()
    surs = {infinitif, *present[3:], *(futur + f for f in _FIN_FUTUR)}
    presents = {present[0], present[2]} - surs  # on n'écrit pas un objectif avec « tu … »
    terminaisons = ("", "e", "es") if participe.endswith("s") else ("", "e", "s", "es")
    participes = {participe + f for f in terminaisons} - surs - presents
    return surs, presents, participes


# Les homographes sont écartés (« maintenant », « un croissant », « cru »).
_HOMOGRAPHES = frozenset("maintenant croissant tenant servant gagnant courant cru tiens suis".split())
FORMES_VERBE: dict[str, tuple[str, str]] = {}  # folded form → (infinitive, "sur" | "present" | "participe")
for _infinitif in CATEGORIE_VERBE:
    FORMES_VERBE[_infinitif] = (_infinitif, "sur")
for _infinitif in CATEGORIE_VERBE:
    if _infinitif in _SANS_CONJUGAISON:
        continue
    for _sorte, _liste in zip(("sur", "present", "participe"), _formes(_infinitif)):
        for _forme in _liste - _HOMOGRAPHES:
            FORMES_VERBE.setdefault(_forme, (_infinitif, _sorte))
# Un participe passé n'est un verbe qu'après un auxiliaire (« avons signé », « sera réduite ») ; sinon c'est un
# adjectif (« commandes livrées »).
_AUXILIAIRES = frozenset(
    """ai as avons avez ont aura aurai aurons aurez auront aurait auraient avoir est sont sera serons serez
    seront serait seraient sommes etes etre ete soit soient etait""".split()
)
_ADVERBES_AUXILIAIRE = frozenset("deja bien entierement totalement enfin effectivement".split())
# Après ces mots, une forme ambiguë est un nom ou un adjectif (« le produit », « l'an passé »).
_AVANT_NOM = frozenset(
    """le la les l un une des du de d au aux ce cet cette ces notre nos votre vos leur leurs son sa ses mon ma mes
    an annee mois semaine trimestre semestre exercice sous par pour sur avec sans en dans chez entre et ou tout
    tres plus moins dernier derniere derniers dernieres premier premiere nouveau nouvelle nouvel prochain
    prochaine seul seule meme bon bonne grand grande petit petite gros grosse""".split()
)
_SENS_CATEGORIE = {"hausse": 1, "baisse": -1}
_LOCUTIONS = [  # vérifiées avant les verbes seuls
    (re.compile(r"(?<![a-z])faire\s+(passer|baisser|croitre|progresser|mieux)(?![a-z])"), None),
    (re.compile(r"(?<![a-z])mettre\s+en\s+(place|ligne|service|oeuvre|production)(?![a-z])"), "livrable"),
]
_NON_VERBES = frozenset(
    """premier dernier dossier fichier panier cahier quartier chantier atelier calendrier papier particulier
    foyer loyer hiver avenir loisir plaisir desir soir espoir pouvoir savoir devoir manager leader
    marcher""".split()
)
_AMORCES = frozenset(
    """objectif objectifs notre nos mon ma mes but est sont de d nous voulons allons devons souhaitons
    il faut on va doit je veux vais dois l equipe doit devra cette annee a afin pour elle ils elles
    allons irons voulons comptons""".split()
)


def _categorie_mot(mot: str) -> str | None:
    forme = FORMES_VERBE.get(mot)
    return CATEGORIE_VERBE[forme[0]] if forme else None


# Verbes inconnus conjugués au futur (« nous digitaliserons », « l'équipe automatisera »).
_FUTUR_INCONNU = ("erons", "eront", "erez", "irons", "iront", "irez", "erai", "irai")


def reperer_verbe(plie: str) -> tuple[str | None, str | None, int, int]:
    """Le verbe d'action, sa catégorie (hausse, baisse, maintien, livrable, fort ou flou) et sa position
    dans le texte plié.

    Le verbe peut être conjugué à tout temps et toute personne (« nous augmenterons », « l'équipe réduira »,
    « a signé »). Une forme sans ambiguïté (infinitif, futur, « -ons », « -ez », « -ent ») passe avant une
    forme qui peut aussi être un nom (« le produit », « la baisse ») ; celle-ci ne compte pas après un article.
    """
    premiere_locution = None
    for motif, categorie in _LOCUTIONS:
        m = motif.search(plie)
        if m and (premiere_locution is None or m.start() < premiere_locution[0]):
            if categorie is None:
                complement = m.group(1)
                categorie = {"passer": "fort", "baisser": "baisse", "croitre": "hausse"}.get(complement, "flou")
            premiere_locution = (m.start(), m.end(), categorie)
    liste = list(re.finditer(r"[a-z]+", plie))
    surs, ambigus = [], []
    for i, mt in enumerate(liste):
        forme = FORMES_VERBE.get(mt.group(0))
        if forme is None:
            continue
        avant = [m.group(0) for m in liste[max(0, i - 2):i]]
        if forme[1] == "sur":
            surs.append(mt)
        elif forme[1] == "participe":
            if avant and (avant[-1] in _AUXILIAIRES or (
                    len(avant) == 2 and avant[0] in _AUXILIAIRES and avant[1] in _ADVERBES_AUXILIAIRE)):
                ambigus.append(mt)
        elif not avant or avant[-1] not in _AVANT_NOM:
            ambigus.append(mt)
    choisi = (surs or ambigus or [None])[0]
    if choisi is not None and not (premiere_locution and premiere_locution[0] <= choisi.start()):
        return choisi.group(0), _categorie_mot(choisi.group(0)), choisi.start(), choisi.end()
    if premiere_locution:
        debut, fin, categorie = premiere_locution
        return plie[debut:fin], categorie, debut, fin
    for mt in liste:
        mot = mt.group(0)
        if mot in _AMORCES:
            continue
        if len(mot) >= 5 and mot.endswith(("er", "ir")) and mot not in _NON_VERBES:
            return mot, "fort", mt.start(), mt.end()
        if len(mot) >= 7 and mot.endswith(_FUTUR_INCONNU + ("era", "ira")):
            return mot, "fort", mt.start(), mt.end()
        break
    return None, None, -1, -1


def trouver_verbe(plie: str) -> tuple[str | None, str | None]:
    """Le premier verbe d'action connu (forme pliée) et sa catégorie."""
    return reperer_verbe(plie)[:2]
