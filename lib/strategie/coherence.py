"""Cohérence d'un canevas complet : les blocs tiennent-ils ensemble ?

Un modèle d'affaires est un système : chaque segment doit recevoir une
proposition de valeur, être atteint par un canal, entretenu par une relation
et rapporter (ou être financé par) un flux de revenus ; ce qui se passe à
gauche du canevas (activités, ressources, partenaires) doit servir ce qui se
passe au centre et à droite ; chaque coût doit avoir une cause.

Ces vérifications lisent les **liens entre notes** (``Canevas.lier``). Chaque
constat dit la règle en cause, les notes concernées, ce qui ne va pas et ce
qu'il faut faire. Elles ne plantent jamais, quel que soit le canevas : un
lien vers une note disparue devient un constat, pas une erreur.

>>> from strategie.canevas import Canevas
>>> c = Canevas("Atelier de vélos")
>>> seg = c.ajouter("segments", "Cyclistes du quotidien")
>>> [k.regle for k in verifier(c, regles=["segment_sans_canal"])]
['segment_sans_canal']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from strategie.canevas import BLOCS, Canevas
from strategie.erreurs import SaisieInvalide

# Le côté valeur : le centre (proposition de valeur) et les blocs de droite.
COTE_DROIT = ("proposition_de_valeur", "canaux", "relation_client", "segments_clients", "flux_de_revenus")
# Le côté efficacité : un chemin par ces notes peut rejoindre le côté valeur.
COTE_GAUCHE = ("activites_cles", "ressources_cles", "partenaires_cles")
# Ce dont chaque segment a besoin, dans l'ordre où les vérifications le signalent.
BESOINS_DU_SEGMENT = ("proposition_de_valeur", "canaux", "relation_client", "flux_de_revenus")


@dataclass(frozen=True)
class Regle:
    """Une règle de cohérence : son code, son titre et pourquoi elle compte."""

    code: str
    titre: str
    pourquoi: str


REGLES: dict[str, Regle] = {
    r.code: r
    for r in (
        Regle("bloc_vide", "Chacun des neuf blocs est rempli",
              "Un modèle complet répond aux neuf questions du canevas ; un bloc vide est une question sans réponse."),
        Regle("segment_sans_proposition", "Chaque segment reçoit une proposition de valeur",
              "Sans proposition de valeur, un segment n'a aucune raison de venir vers vous."),
        Regle("segment_sans_canal", "Chaque segment est atteint par un canal",
              "Sans canal, le segment ne peut ni vous découvrir, ni acheter, ni recevoir votre offre."),
        Regle("segment_sans_relation", "Chaque segment a une relation client",
              "Sans relation, rien ne dit comment vous gagnez ce segment, le gardez et le faites grandir."),
        Regle("segment_sans_revenu", "Chaque segment est relié à un flux de revenus",
              "Un segment rapporte, ou quelqu'un paie pour lui (subvention, commandite, autre segment) : "
              "le canevas doit le dire."),
        Regle("proposition_sans_segment", "Chaque proposition de valeur sert un segment",
              "Une offre sans destinataire est une idée, pas encore une valeur."),
        Regle("activite_sans_cible", "Chaque activité clé sert le côté valeur",
              "Une activité clé doit produire la proposition de valeur ou faire vivre un canal, une relation, "
              "un revenu ; sinon c'est un coût sans raison."),
        Regle("ressource_sans_cible", "Chaque ressource clé sert le côté valeur",
              "Une ressource clé rend possible une proposition, un canal, une relation ou un revenu, "
              "directement ou par une activité ; sinon elle dort."),
        Regle("cout_sans_origine", "Chaque coût remonte à une activité, une ressource ou un partenaire",
              "Un coût dont on ignore la cause ne se pilote pas : on ne sait ni le réduire ni juger s'il vaut la peine."),
        Regle("note_orpheline", "Aucune note n'est isolée",
              "Une note liée à rien flotte dans le canevas : elle ne participe pas au modèle. (Partenaires, "
              "canaux, relations, revenus ; dans les autres blocs, la règle du bloc signale déjà la note isolée.)"),
        Regle("lien_casse", "Aucun lien ne pointe vers une note disparue",
              "Un lien vers une note retirée fausse la lecture du modèle."),
    )
}

# Blocs sans règle propre : une note isolée y est signalée comme orpheline.
# (Un segment, une proposition, une activité, une ressource ou un coût isolé enfreint déjà la règle de son bloc.)
BLOCS_ORPHELINS = ("partenaires_cles", "canaux", "relation_client", "flux_de_revenus")

# À quoi relier une note isolée de chaque bloc.
_A_LIER = {
    "partenaires_cles": "à l'activité ou à la ressource que ce partenaire apporte",
    "relation_client": "au segment avec lequel cette relation se noue",
    "canaux": "au segment que ce canal atteint",
    "flux_de_revenus": "au segment qui paie ce revenu (ou pour lequel il est versé)",
}


@dataclass(frozen=True)
class Constat:
    """Un problème de cohérence : la règle, les notes concernées, l'explication, ce qu'il faut faire."""

    regle: str
    notes: tuple[str, ...]
    explication: str
    a_faire: str
    titre: str = ""

    def __post_init__(self) -> None:
        if not self.titre:
            regle = REGLES.get(self.regle)
            object.__setattr__(self, "titre", regle.titre if regle else self.regle)

    def vers_dict(self) -> dict:
        return {"regle": self.regle, "titre": self.titre, "notes": list(self.notes),
                "explication": self.explication, "a_faire": self.a_faire}

    def __str__(self) -> str:
        return f"[{self.titre}] {self.explication} → {self.a_faire}"


# -- lire un canevas sans se fier à son contenu ------------------------------------------
# Les notes sont de simples objets modifiables : un apprenant a pu y mettre n'importe quoi.
# Les vérifications les lisent par ces aides pour que rien ne puisse les faire échouer.

def _texte(note) -> str:
    texte = getattr(note, "texte", "")
    return texte if isinstance(texte, str) else str(texte)


def _liens_bruts(note) -> list:
    liens = getattr(note, "liens", [])
    if isinstance(liens, (list, tuple, set, frozenset)):
        return list(liens)
    return []


def intitule_court(canevas: Canevas, cle: str) -> str:
    """Intitulé court d'un bloc dans la vue du canevas (« Clients » plutôt que « Clients : qui vous aidez »)."""
    bloc = BLOCS.get(cle)
    if bloc is None:
        return str(cle)
    vue = getattr(canevas, "vue", "organisation")
    return bloc.intitule(vue).split(":")[0].strip()


class _Graphe:
    """Les notes d'un canevas et leurs liens valides, vus comme un graphe non orienté."""

    def __init__(self, canevas: Canevas) -> None:
        self.notes = {}
        for note in list(canevas.notes):
            ident = getattr(note, "id", None)
            if isinstance(ident, str) and ident not in self.notes:
                self.notes[ident] = note
        self.voisins: dict[str, set[str]] = {i: set() for i in self.notes}
        self.casses: list[tuple[str, str]] = []
        for ident, note in self.notes.items():
            for cible in _liens_bruts(note):
                if not isinstance(cible, str) or cible not in self.notes:
                    self.casses.append((ident, str(cible)))
                elif cible != ident:
                    self.voisins[ident].add(cible)
                    self.voisins[cible].add(ident)

    def bloc(self, ident: str) -> str:
        bloc = getattr(self.notes[ident], "bloc", "")
        return bloc if isinstance(bloc, str) else str(bloc)

    def du_bloc(self, cle: str) -> list[str]:
        return [i for i in self.notes if self.bloc(i) == cle]

    def voisins_du_bloc(self, ident: str, cle: str) -> list[str]:
        return [v for v in self.voisins[ident] if self.bloc(v) == cle]

    def atteint_le_cote_droit(self, depart: str) -> bool:
        """Vrai si un chemin mène de ``depart`` au côté valeur en ne passant que par le côté gauche."""
        vus, a_voir = {depart}, [depart]
        while a_voir:
            courant = a_voir.pop()
            for voisin in self.voisins[courant]:
                if voisin in vus:
                    continue
                if self.bloc(voisin) in COTE_DROIT:
                    return True
                if self.bloc(voisin) in COTE_GAUCHE:
                    vus.add(voisin)
                    a_voir.append(voisin)
        return False


# -- les règles ---------------------------------------------------------------

def _bloc_vide(canevas: Canevas, g: _Graphe) -> list[Constat]:
    occupes = {g.bloc(i) for i in g.notes}
    vue = getattr(canevas, "vue", "organisation")
    constats = []
    for cle, bloc in BLOCS.items():
        if cle not in occupes:
            question = bloc.question_personnelle if vue == "personnel" else bloc.question
            constats.append(Constat(
                "bloc_vide", (),
                f"Le bloc « {intitule_court(canevas, cle)} » est vide : le modèle ne répond pas encore à la question "
                f"« {question} »",
                f"Ajoutez au moins une note dans « {intitule_court(canevas, cle)} » (c.ajouter(\"{cle}\", \"…\")).",
            ))
    return constats


_MANQUE_DU_SEGMENT = {
    "proposition_de_valeur": (
        "segment_sans_proposition",
        "on ne sait pas ce que vous lui apportez",
        "Liez-le à la proposition de valeur qui le sert, ou écrivez-en une ; si vous ne lui apportez rien, "
        "retirez ce segment.",
    ),
    "canaux": (
        "segment_sans_canal",
        "rien ne dit comment il vous découvre, achète et reçoit votre offre",
        "Liez-le au canal par lequel vous l'atteignez (site web, comptoir, partenaire…), ou ajoutez ce canal.",
    ),
    "relation_client": (
        "segment_sans_relation",
        "rien ne dit comment vous le gagnez, le gardez et le faites grandir",
        "Liez-le au type de relation que vous entretenez avec lui (accueil personnel, communauté, "
        "libre-service…), ou ajoutez cette relation.",
    ),
    "flux_de_revenus": (
        "segment_sans_revenu",
        "on ne voit ni ce qu'il paie ni qui paie pour lui",
        "Liez-le au flux de revenus qu'il apporte ; s'il est servi gratuitement, liez-le au revenu qui finance "
        "ce service (subvention, commandite, autre segment).",
    ),
}


def _segments(canevas: Canevas, g: _Graphe, cle_besoin: str) -> list[Constat]:
    code, manque, a_faire = _MANQUE_DU_SEGMENT[cle_besoin]
    constats = []
    for ident in g.du_bloc("segments_clients"):
        if not g.voisins_du_bloc(ident, cle_besoin):
            constats.append(Constat(
                code, (ident,),
                f"Le segment « {_texte(g.notes[ident])} » n'est lié à aucune note du bloc "
                f"« {intitule_court(canevas, cle_besoin)} » : {manque}.",
                a_faire,
            ))
    return constats


def _propositions(canevas: Canevas, g: _Graphe) -> list[Constat]:
    return [
        Constat(
            "proposition_sans_segment", (ident,),
            f"La proposition « {_texte(g.notes[ident])} » n'est liée à aucune note du bloc "
            f"« {intitule_court(canevas, 'segments_clients')} » : on ne sait pas pour qui elle crée de la valeur.",
            "Liez-la au segment qu'elle sert ; si elle ne sert personne, retirez-la.",
        )
        for ident in g.du_bloc("proposition_de_valeur")
        if not g.voisins_du_bloc(ident, "segments_clients")
    ]


def _cote_gauche(canevas: Canevas, g: _Graphe, cle: str) -> list[Constat]:
    if cle == "activites_cles":
        code, quoi, conseil = ("activite_sans_cible", "L'activité",
                               "si elle ne sert rien de tout cela, demandez-vous s'il faut la garder : ne gardez "
                               "que les activités qui vous démarquent.")
    else:
        code, quoi, conseil = ("ressource_sans_cible", "La ressource",
                               "si elle ne sert rien de tout cela, est-elle vraiment clé ?")
    droite = ", ".join(f"« {intitule_court(canevas, b)} »" for b in COTE_DROIT)
    return [
        Constat(
            code, (ident,),
            f"{quoi} « {_texte(g.notes[ident])} » ne mène à aucun bloc du côté valeur ({droite}), "
            "ni directement ni par une autre activité, ressource ou un partenaire.",
            f"Liez-la à ce qu'elle rend possible (la proposition qu'elle produit, le canal ou la relation "
            f"qu'elle fait vivre) ; {conseil}",
        )
        for ident in g.du_bloc(cle)
        if not g.atteint_le_cote_droit(ident)
    ]


def _couts(canevas: Canevas, g: _Graphe) -> list[Constat]:
    origines = ", ".join(f"« {intitule_court(canevas, b)} »" for b in COTE_GAUCHE)
    return [
        Constat(
            "cout_sans_origine", (ident,),
            f"Le coût « {_texte(g.notes[ident])} » n'est lié à aucune note de {origines} : "
            "on ne sait pas ce qui l'entraîne, donc ni comment le réduire ni s'il vaut la peine.",
            "Liez-le à l'activité, à la ressource ou au partenaire qui le cause.",
        )
        for ident in g.du_bloc("structure_de_couts")
        if not any(g.voisins_du_bloc(ident, b) for b in COTE_GAUCHE)
    ]


def _orphelines(canevas: Canevas, g: _Graphe) -> list[Constat]:
    constats = []
    for ident, note in g.notes.items():
        cle = g.bloc(ident)
        if g.voisins[ident] or cle in BLOCS and cle not in BLOCS_ORPHELINS:
            continue
        cible = _A_LIER.get(cle, "aux notes avec lesquelles elle travaille")
        constats.append(Constat(
            "note_orpheline", (ident,),
            f"La note « {_texte(note)} » (bloc « {intitule_court(canevas, cle)} ») n'est liée à aucune autre note : "
            "elle ne participe pas encore au modèle.",
            f"Liez-la {cible} ; si elle ne sert à rien, retirez-la.",
        ))
    return constats


def _casses(canevas: Canevas, g: _Graphe) -> list[Constat]:
    return [
        Constat(
            "lien_casse", (ident,),
            f"La note « {_texte(g.notes[ident])} » pointe vers une note qui n'existe pas ou plus ({cible}).",
            f"Retirez ce lien : c.note({ident!r}).liens.remove({cible!r}) ; recréez la note si elle manque.",
        )
        for ident, cible in g.casses
    ]


_VERIFICATIONS = {
    "bloc_vide": _bloc_vide,
    "segment_sans_proposition": lambda c, g: _segments(c, g, "proposition_de_valeur"),
    "segment_sans_canal": lambda c, g: _segments(c, g, "canaux"),
    "segment_sans_relation": lambda c, g: _segments(c, g, "relation_client"),
    "segment_sans_revenu": lambda c, g: _segments(c, g, "flux_de_revenus"),
    "proposition_sans_segment": _propositions,
    "activite_sans_cible": lambda c, g: _cote_gauche(c, g, "activites_cles"),
    "ressource_sans_cible": lambda c, g: _cote_gauche(c, g, "ressources_cles"),
    "cout_sans_origine": _couts,
    "note_orpheline": _orphelines,
    "lien_casse": _casses,
}


# -- public API ----------------------------------------------------------------

def _canevas_valide(canevas: object) -> Canevas:
    if not isinstance(canevas, Canevas):
        raise SaisieInvalide(
            f"Les vérifications portent sur un Canevas (reçu : {type(canevas).__name__}). "
            "Créez-en un avec Canevas(\"…\") ou ouvrez le vôtre avec strategie.canevas.ouvrir(\"mon-canevas.json\")."
        )
    return canevas


def _regles_valides(regles: Iterable[str] | None) -> list[str]:
    if regles is None:
        return list(REGLES)
    if isinstance(regles, str):
        regles = [regles]
    choisies = []
    for code in regles:
        if code not in REGLES:
            raise SaisieInvalide(
                f"Règle inconnue dans « regles » : {code!r}. Règles possibles : {', '.join(REGLES)}."
            )
        if code not in choisies:
            choisies.append(code)
    return choisies


def tableau_des_regles():
    """Les règles de cohérence : code, titre et pourquoi elles comptent (tableau pandas)."""
    import pandas as pd

    return pd.DataFrame(
        [{"regle": r.code, "titre": r.titre, "pourquoi": r.pourquoi} for r in REGLES.values()]
    ).set_index("regle")


def verifier(canevas: Canevas, regles: Iterable[str] | None = None) -> list[Constat]:
    """Tous les constats de cohérence d'un canevas (liste vide : le canevas est cohérent).

    ``regles`` limite la vérification à certaines règles (codes de ``REGLES``).
    Les constats suivent l'ordre de ``REGLES`` puis l'ordre des notes.
    """
    canevas = _canevas_valide(canevas)
    choisies = _regles_valides(regles)
    graphe = _Graphe(canevas)
    constats: list[Constat] = []
    for code in REGLES:
        if code in choisies:
            constats.extend(_VERIFICATIONS[code](canevas, graphe))
    return constats


def est_coherent(canevas: Canevas) -> bool:
    """Vrai si le canevas passe toutes les vérifications."""
    return not verifier(canevas)


def regles_violees(canevas: Canevas) -> set[str]:
    """Les codes des règles qui ont au moins un constat."""
    return {k.regle for k in verifier(canevas)}


def rapport(canevas: Canevas):
    """Les constats sous forme de tableau pandas : règle, titre, notes, textes, explication, à faire."""
    import pandas as pd

    constats = verifier(canevas)
    graphe = _Graphe(canevas)
    lignes = [
        {**k.vers_dict(), "notes": ", ".join(k.notes),
         "textes": " ; ".join(_texte(graphe.notes[i]) for i in k.notes if i in graphe.notes)}
        for k in constats
    ]
    return pd.DataFrame(lignes, columns=["regle", "titre", "notes", "textes", "explication", "a_faire"])


def resume(canevas: Canevas):
    """Nombre de constats par règle (toutes les règles, zéro compris), en tableau pandas."""
    import pandas as pd

    comptes = {code: 0 for code in REGLES}
    for k in verifier(canevas):
        comptes[k.regle] += 1
    return pd.DataFrame(
        [{"regle": code, "titre": REGLES[code].titre, "constats": n} for code, n in comptes.items()],
        columns=["regle", "titre", "constats"],
    ).set_index("regle")


def expliquer(canevas: Canevas) -> str:
    """Le rapport de cohérence en texte, à lire avec ``print``."""
    constats = verifier(canevas)
    nom = getattr(canevas, "nom", "canevas")
    if not constats:
        return f"✅ « {nom} » passe toutes les vérifications de cohérence ({len(REGLES)} règles)."
    lignes = [f"« {nom} » : {len(constats)} constat(s) à traiter."]
    for numero, k in enumerate(constats, start=1):
        notes = f" (notes : {', '.join(k.notes)})" if k.notes else ""
        lignes.append(f"{numero}. {k.titre}{notes}\n   {k.explication}\n   → {k.a_faire}")
    return "\n".join(lignes)


def constats_par_note(canevas: Canevas) -> dict[str, list[Constat]]:
    """Pour chaque note concernée, la liste de ses constats."""
    resultat: dict[str, list[Constat]] = {}
    for k in verifier(canevas):
        for ident in k.notes:
            resultat.setdefault(ident, []).append(k)
    return resultat


def paires_liees(canevas: Canevas) -> list[tuple[str, str]]:
    """Les liens valides du canevas, chacun une seule fois (identifiants triés dans la paire)."""
    graphe = _Graphe(_canevas_valide(canevas))
    return sorted({tuple(sorted((a, b))) for a, voisins in graphe.voisins.items() for b in voisins})


def matrice_segments(canevas: Canevas):
    """Pour chaque segment, le nombre de notes liées dans chacun des quatre blocs dont il a besoin.

    Une case à 0 est un manque (proposition, canal, relation ou revenu).
    Lignes : segments (texte de la note) ; colonnes : clés des blocs de ``BESOINS_DU_SEGMENT``.
    """
    import pandas as pd

    graphe = _Graphe(_canevas_valide(canevas))
    lignes, index = [], []
    for ident in graphe.du_bloc("segments_clients"):
        texte = _texte(graphe.notes[ident])
        index.append(texte if texte not in index else f"{texte} ({ident})")
        lignes.append([len(graphe.voisins_du_bloc(ident, b)) for b in BESOINS_DU_SEGMENT])
    tableau = pd.DataFrame(lignes, index=pd.Index(index, name="segment"), columns=list(BESOINS_DU_SEGMENT))
    return tableau.astype(int)
