"""Des tests visibles qui enseignent, et une vérification en français question par question.

Deux usages.

**Dans une cellule de tests visibles** (solutions/NN-slug), pour qu'aucune erreur Python brute
(``NameError``, ``TypeError: 'NoneType'…``, ``IndexError``, ``NotImplementedError``) ne soit le
seul retour de l'apprenant :

* ``reponse(nom, attendu=None, *, aide=None)`` cherche la variable ``nom`` de l'apprenant et
  vérifie qu'elle est remplie (ni absente, ni ``...``, ni ``None``) et, si demandé, de quel type
  elle est ; renvoie sa valeur ;
* ``appeler(fonction, *args, conseil=None, none_permis=False, **kwargs)`` appelle une fonction
  de l'apprenant (donnée par son nom, de préférence) et change le squelette laissé en place,
  l'oubli de ``return`` et les autres erreurs en une phrase qui dit quoi corriger ;
* ``classement(nom, attendus, *, choix=None, lecon=None, aide=None)`` vérifie une partie d'un
  dictionnaire de classement, avec pour chaque élément vérifié l'idée fausse à corriger.

Exemple de cellule de tests (la docstring dit exactement ce qui est vérifié)::

    \"\"\"Vérifie que `marge` renvoie (avec return) prix − coût sur marge(10, 6) et marge(7, 2).\"\"\"
    from strategie.verification import appeler
    resultat = appeler("marge", 10, 6)
    assert resultat != -4, "marge(10, 6) renvoie -4 : vous calculez coût − prix. …"
    assert resultat == 4, f"marge(10, 6) devrait valoir 4, votre fonction renvoie {resultat!r}. …"
    ### BEGIN HIDDEN TESTS
    assert marge(3, 5) == -2, "…"
    ### END HIDDEN TESTS

Toutes les erreurs levées sont des ``AssertionError`` (``SansReponse`` en est une) : nbgrader
compte un test qui échoue comme avant, et rien n'est changé dans le noyau (aucun gestionnaire
d'exceptions, aucun accès à IPython : le correcteur signalerait un noyau truqué).

**Dans la dernière cellule d'un carnet d'exercices** : ``verifier()`` relit le carnet enregistré,
exécute ses tests visibles dans le noyau de l'apprenant et montre un tableau en français :
question, points, statut (« réussie », « à revoir », « sans réponse ») et message, sans trace.
"""

from __future__ import annotations

import io
import json
import os
import re
import reprlib
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from html import escape
from inspect import signature
from numbers import Integral, Real
from pathlib import Path
from typing import Any
from strategie import palette

__all__ = [
    "SansReponse", "reponse", "appeler", "classement", "verifier", "Resultat", "Verification",
    "REUSSIE", "A_REVOIR", "SANS_REPONSE", "PAR_LE_FORMATEUR",
]

REUSSIE = "réussie"
A_REVOIR = "à revoir"
SANS_REPONSE = "sans réponse"
PAR_LE_FORMATEUR = "notée par le formateur"


class SansReponse(AssertionError):
    """La réponse n'est pas encore donnée (variable absente, ``...``, squelette laissé en place).

    Une ``AssertionError`` : pour nbgrader, le test échoue comme un autre ; ``verifier()`` y lit
    le statut « sans réponse ».
    """


# -- recherche de la réponse de l'apprenant --------------------------------------------------------

_ABSENTE = object()

_NOMS_TYPES = {
    dict: "un dictionnaire {clé: valeur}",
    list: "une liste [ … ]",
    tuple: "un tuple ( … , … )",
    set: "un ensemble { … }",
    str: "un texte (entre guillemets)",
    int: "un nombre entier",
    float: "un nombre",
    bool: "True ou False",
}

_court = reprlib.Repr()
_court.maxstring, _court.maxother, _court.maxlist, _court.maxdict = 60, 60, 6, 4


def _montrer(valeur: Any) -> str:
    """Une valeur, en court (les longs textes et les gros tableaux sont tronqués)."""
    return _court.repr(valeur)


def _decrire(valeur: Any) -> str:
    """Ce qu'est une valeur, en français : « un texte », « un dictionnaire », « None »…"""
    if valeur is None:
        return "None (rien)"
    if valeur is ...:
        return "... (pas encore rempli)"
    if isinstance(valeur, bool):
        return f"le booléen {valeur}"
    if isinstance(valeur, str):
        return f"le texte {_montrer(valeur)}"
    if isinstance(valeur, Integral):
        return f"le nombre entier {valeur}"
    if isinstance(valeur, Real):
        return f"le nombre {valeur}"
    for type_, nom in ((dict, "un dictionnaire"), (list, "une liste"), (tuple, "un tuple"), (set, "un ensemble")):
        if isinstance(valeur, type_):
            return nom
    if callable(valeur) and hasattr(valeur, "__name__"):
        return f"la fonction {valeur.__name__}"
    if type(valeur).__name__ == "module":
        return f"le module {valeur.__name__}"
    return f"un objet {type(valeur).__name__}"


def _nom_type(attendu: Any) -> str:
    if isinstance(attendu, tuple):
        return " ou ".join(_nom_type(a) for a in attendu)
    if attendu is callable:
        return "une fonction (définie avec def)"
    return _NOMS_TYPES.get(attendu, f"un objet {getattr(attendu, '__name__', attendu)}")


def _est_du_type(valeur: Any, attendu: Any) -> bool:
    if isinstance(attendu, tuple):
        return any(_est_du_type(valeur, a) for a in attendu)
    if attendu is callable:
        return callable(valeur)
    if attendu is bool:
        return isinstance(valeur, bool)
    if attendu in (int, float):
        # Un booléen n'est pas un nombre pour un apprenant ; les nombres numpy, si.
        familles = {int: Integral, float: Real}
        return isinstance(valeur, familles[attendu]) and not isinstance(valeur, bool)
    return isinstance(valeur, attendu)


def _completer(message: str, aide: str | None) -> str:
    return f"{message} {aide.strip()}" if aide else message


def _message_absente(nom: str, aide: str | None) -> str:
    return _completer(
        f"`{nom}` n'existe pas encore : remplacez `raise NotImplementedError()` par votre réponse, puis "
        "exécutez la cellule de la question (Maj + Entrée). Si cette cellule affiche une erreur, "
        "corrigez-la d'abord : sa dernière ligne dit laquelle.",
        aide,
    )


def _non_remplis(valeur: Any) -> list[str] | None:
    """Les éléments encore à ``...`` d'un dictionnaire ou d'une liste (None si la valeur n'en est pas un)."""
    if isinstance(valeur, dict):
        return [str(cle) for cle, v in valeur.items() if v is ...]
    if isinstance(valeur, (list, tuple)):
        return [f"élément {i + 1}" for i, v in enumerate(valeur) if v is ...]
    return None


def _examiner(nom: str, valeur: Any, attendu: Any, aide: str | None) -> Any:
    __tracebackhide__ = True  # IPython et pytest cachent ce cadre : l'apprenant voit la ligne du test et la phrase
    if valeur is _ABSENTE:
        raise SansReponse(_message_absente(nom, aide))
    if valeur is ...:
        raise SansReponse(_completer(
            f"`{nom}` vaut encore `...` : remplacez les points de suspension par votre réponse, puis "
            "exécutez la cellule de la question.", aide))
    if valeur is None:
        raise AssertionError(_completer(
            f"`{nom}` vaut None : la réponse n'est pas remplie, ou elle vient d'une fonction qui ne renvoie "
            "rien (print affiche une valeur mais ne la garde pas ; il faut return).", aide))
    restes = _non_remplis(valeur)
    if restes and len(restes) == len(valeur):
        raise SansReponse(_completer(
            f"`{nom}` n'est pas encore rempli : remplacez chaque `...` par votre réponse, puis exécutez la "
            "cellule de la question.", aide))
    if restes:
        liste = ", ".join(f"« {r} »" for r in restes[:8]) + (" …" if len(restes) > 8 else "")
        raise AssertionError(_completer(
            f"Dans `{nom}`, il reste des `...` à remplacer : {liste}.", aide))
    if attendu is not None and not _est_du_type(valeur, attendu):
        message = f"`{nom}` doit être {_nom_type(attendu)} ; c'est {_decrire(valeur)}."
        if isinstance(valeur, str) and attendu in (int, float, (int, float)):
            message += " Enlevez les guillemets : un nombre s'écrit sans guillemets."
        elif attendu is str and not isinstance(valeur, str):
            message += f' Mettez le texte entre guillemets, par exemple {nom} = "…".'
        raise AssertionError(_completer(message, aide))
    return valeur


def _globales_appelant(profondeur: int = 2) -> dict:
    # L'espace de noms de la cellule de test : dans un carnet, les variables globales de l'apprenant.
    return sys._getframe(profondeur).f_globals


def reponse(nom: str, attendu: Any = None, *, aide: str | None = None) -> Any:
    """La valeur de la variable ``nom`` de l'apprenant, vérifiée ; sinon une phrase qui dit quoi faire.

    Cherche ``nom`` dans les variables globales de la cellule qui appelle (le noyau de
    l'apprenant). Lève :

    * ``SansReponse`` si la variable n'existe pas, vaut ``...`` ou si toutes les valeurs du
      dictionnaire (ou de la liste) valent encore ``...`` ;
    * ``AssertionError`` si elle vaut ``None``, s'il reste quelques ``...``, ou si elle n'est pas du
      type ``attendu`` : ``dict``, ``list``, ``tuple``, ``set``, ``str``, ``int`` (entier),
      ``float`` (tout nombre, entier compris ; jamais un booléen), ``bool``, ``callable`` (une
      fonction), une classe (``PlanRelations``…) ou un tuple de ces types.

    ``aide`` complète le message (l'idée fausse la plus probable, la section à relire).

    >>> prenom = "Camille"
    >>> reponse("prenom", str)
    'Camille'
    """
    __tracebackhide__ = True
    return _examiner(nom, _globales_appelant().get(nom, _ABSENTE), attendu, aide)


# -- appel de la fonction de l'apprenant ------------------------------------------------------------

_CONSEILS_ERREURS = {
    IndexError: "un indice sort de la liste ou du texte : prévoyez le cas d'une liste vide ou trop courte "
                "(par exemple l'historique vide du premier tour).",
    KeyError: "une clé n'existe pas dans le dictionnaire : vérifiez son orthographe, ou prévoyez le cas où elle manque.",
    ZeroDivisionError: "une division par zéro : prévoyez le cas où le diviseur vaut 0.",
    TypeError: "une opération mélange des types incompatibles (un texte et un nombre, None et un nombre…).",
    NameError: "un nom inconnu dans la fonction : faute de frappe, ou variable définie ailleurs ?",
    AttributeError: "cet objet n'a pas cet attribut ou cette méthode : vérifiez l'orthographe et le type de l'objet.",
    ValueError: "une valeur ne convient pas à l'opération demandée.",
    RecursionError: "la fonction s'appelle elle-même sans fin.",
}


def _appel(nom: str, args: tuple, kwargs: dict) -> str:
    morceaux = [_montrer(a) for a in args] + [f"{k}={_montrer(v)}" for k, v in kwargs.items()]
    return f"{nom}({', '.join(morceaux)})"


def appeler(fonction: Any, *args: Any, conseil: str | None = None, none_permis: bool = False, **kwargs: Any) -> Any:
    """Appelle une fonction de l'apprenant et renvoie son résultat ; toute erreur devient une phrase.

    ``fonction`` est de préférence le **nom** de la fonction (``appeler("marge", 10, 6)``) : une
    fonction absente donne alors « `marge` n'existe pas encore… » au lieu d'un ``NameError``. Les
    autres arguments sont passés à la fonction. Lève :

    * ``SansReponse`` si la fonction n'existe pas ou contient encore ``raise NotImplementedError()`` ;
    * ``AssertionError`` si ce n'est pas une fonction, si elle n'accepte pas ces arguments, si
      elle renvoie ``None`` (oubli de ``return``, sauf ``none_permis=True``) ou si elle lève une
      autre erreur (``IndexError`` sur un historique vide…). Le message nomme l'appel, dit ce qui
      s'est passé et quoi corriger ; ``conseil`` le complète. L'erreur d'origine reste chaînée
      (``raise … from``).
    """
    __tracebackhide__ = True
    if isinstance(fonction, str):
        nom = fonction
        valeur = _globales_appelant().get(nom, _ABSENTE)
        if valeur is _ABSENTE:
            raise SansReponse(_completer(
                f"La fonction `{nom}` n'existe pas encore : complétez sa cellule (def {nom}(…): … return …), "
                "puis exécutez-la (Maj + Entrée). Si cette cellule affiche une erreur, corrigez-la d'abord.",
                conseil))
        fonction = valeur
    else:
        nom = getattr(fonction, "__name__", "la fonction")
    if not callable(fonction):
        raise AssertionError(_completer(
            f"`{nom}` doit être une fonction, définie avec def {nom}(…): ; c'est {_decrire(fonction)}.", conseil))
    appel = _appel(nom, args, kwargs)
    try:
        signature(fonction).bind(*args, **kwargs)
    except TypeError as exc:
        raise AssertionError(_completer(
            f"{appel} est impossible : la fonction n'accepte pas ces arguments ({exc}). Gardez les "
            "paramètres donnés par l'énoncé, dans le même ordre.", conseil)) from exc
    except ValueError:
        pass  # pas de signature à lire (une fonction native) : on laisse l'appel le dire
    try:
        resultat = fonction(*args, **kwargs)
    except NotImplementedError as exc:
        raise SansReponse(_completer(
            f"La fonction `{nom}` contient encore `raise NotImplementedError()` : remplacez cette ligne par "
            "votre code (terminé par return …), puis exécutez la cellule de la question.", conseil)) from exc
    except Exception as exc:  # noqa: BLE001 — toute erreur de l'apprenant devient une phrase
        from strategie.erreurs import SaisieInvalide

        if isinstance(exc, SaisieInvalide):
            explication = str(exc)
        else:
            explication = next((texte for type_, texte in _CONSEILS_ERREURS.items() if isinstance(exc, type_)),
                               "corrigez le code de la fonction.")
            explication = f"{explication} (Python dit : {type(exc).__name__}: {exc})"
        raise AssertionError(_completer(f"{appel} a échoué : {explication}", conseil)) from exc
    if resultat is None and not none_permis:
        raise AssertionError(_completer(
            f"{appel} ne renvoie rien (None) : terminez la fonction par return suivi du résultat. "
            "print affiche une valeur mais ne la renvoie pas.", conseil))
    return resultat


# -- vérification d'une partie d'un classement --------------------------------------------------------

def _meme_reponse(valeur: Any, bonne: Any) -> bool:
    if isinstance(bonne, (set, frozenset)) and not isinstance(valeur, str):
        try:
            return set(valeur) == set(bonne)
        except TypeError:
            return False
    return valeur == bonne


def classement(nom: str, attendus: dict, *, choix: Any = None, lecon: str | None = None,
               aide: str | None = None) -> dict:
    """Vérifie le dictionnaire de classement ``nom`` sur les éléments de ``attendus`` ; renvoie le dictionnaire.

    ``attendus`` associe à chaque élément vérifié sa bonne réponse, ou un couple
    ``(bonne réponse, pourquoi)`` où *pourquoi* nomme l'idée fausse à corriger (« un forum
    d'entraide, ce sont les clients qui s'aident : une communauté »). Une bonne réponse qui est un
    ``set`` accepte une liste des mêmes éléments, dans n'importe quel ordre.

    Dans l'ordre, lève ``SansReponse`` si rien n'est rempli, puis ``AssertionError`` si un élément
    a disparu, si une réponse n'est pas parmi ``choix`` (quand il est donné : une liste ou les
    clés d'un dictionnaire, vérifié sur **toutes** les réponses), ou si des éléments vérifiés
    sont mal classés : le message les liste avec leur *pourquoi*, puis renvoie à ``lecon``.
    Si la bonne réponse est elle-même un couple, écrivez ``((a, b), "pourquoi")``.

    Exemple (choisir au moins un tiers des éléments, ceux que la leçon dit faciles à confondre) ::

        classement("types", {
            "Un conseiller attitré suit chaque client fortuné de la banque": (
                "assistance_dediee", "Un conseiller nommé pour un client précis : assistance personnelle dédiée."),
            "Un forum où les utilisateurs d'un logiciel s'entraident": (
                "communautes", "Les clients s'aident entre eux : une communauté, pas de la co-création."),
        }, choix=TYPES, lecon="course/05-relation-client.ipynb, « Six types de relation »")
    """
    __tracebackhide__ = True
    valeur = _examiner(nom, _globales_appelant().get(nom, _ABSENTE), dict, aide)
    disparus = [cle for cle in attendus if cle not in valeur]
    if disparus:
        raise AssertionError(_completer(
            f"Ces éléments ont disparu de `{nom}` : {', '.join(f'« {c} »' for c in disparus)}. Gardez les "
            "textes de gauche (les clés) tels qu'ils sont donnés et ne remplacez que les `...`.", aide))
    if choix is not None:
        possibles = list(choix)

        def _permise(v: Any) -> bool:
            try:
                return v in possibles
            except TypeError:
                return False

        hors = {cle: v for cle, v in valeur.items() if not _permise(v)}
        if hors:
            details = " ; ".join(f"« {c} » → {_montrer(v)}" for c, v in list(hors.items())[:6])
            raise AssertionError(_completer(
                f"Ces réponses de `{nom}` ne font pas partie des choix possibles : {details}. Choisissez parmi "
                f"{', '.join(repr(p) for p in possibles)} (écrits exactement ainsi, entre guillemets).", aide))
    fautes = []
    for cle, attendu in attendus.items():
        bonne, pourquoi = attendu if isinstance(attendu, tuple) and len(attendu) == 2 else (attendu, "")
        if not _meme_reponse(valeur[cle], bonne):
            fautes.append(f"« {cle} » : vous avez répondu {_montrer(valeur[cle])}. "
                          + (pourquoi.strip() or "Ce n'est pas la bonne réponse."))
    if fautes:
        parmi = " : la seule vérifiée ici" if len(attendus) == 1 else f" parmi les {len(attendus)} vérifiées ici"
        entete = f"`{nom}` : {len(fautes)} réponse{'s' if len(fautes) > 1 else ''} à revoir{parmi}."
        fin = f" Relisez {lecon}." if lecon else ""
        raise AssertionError(_completer(entete + "\n- " + "\n- ".join(fautes) + fin, aide))
    return valeur


# -- la vérification en français de l'apprenant : verifier() -------------------------------------------

_CACHES = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.S)
_TITRE_QUESTION = re.compile(r"^#{1,6}\s*(Question\b.*?)\s*$", re.M)
_POINTS_DU_TITRE = re.compile(r"\s*\([^()]*\bpoints?\b[^()]*\)\s*$")
_SQUELETTE = "NotImplementedError"
_TEXTES_VIDES = ("VOTRE RÉPONSE ICI", "YOUR ANSWER HERE")

ENREGISTRER_ET_EXECUTER = (
    "verifier() relit le carnet enregistré et utilise les réponses déjà exécutées dans ce noyau : "
    "enregistrez (Ctrl + S), exécutez toutes les cellules (menu Exécuter → Exécuter toutes les cellules), "
    "puis relancez verifier()."
)


@dataclass(frozen=True)
class Resultat:
    """Le résultat d'une cellule notée.

    ``question`` : le titre « Question N — … » qui la précède ; ``statut`` : ``REUSSIE``,
    ``A_REVOIR``, ``SANS_REPONSE`` ou ``PAR_LE_FORMATEUR`` ; ``message`` : le texte de
    l'AssertionError (jamais une trace) ; ``verifie`` : la docstring du test ; ``remarque`` :
    enregistrer ou exécuter ; ``automatique`` : faux pour une réponse notée à la main.
    """

    question: str
    grade_id: str
    points: float
    statut: str
    message: str = ""
    verifie: str = ""
    remarque: str = ""
    automatique: bool = True


class Verification(list):
    """La liste des ``Resultat`` d'un carnet, affichée en tableau HTML dans JupyterLab.

    ``carnet`` est le fichier relu (None s'il est introuvable), ``conseils`` les phrases à lire
    avant le tableau (enregistrer, exécuter, carnet introuvable…).
    """

    def __init__(self, resultats=(), carnet: Path | None = None, conseils: list[str] | None = None):
        super().__init__(resultats)
        self.carnet = carnet
        self.conseils = list(conseils or [])

    def compte(self, statut: str) -> int:
        """Le nombre de questions notées automatiquement qui ont ce statut."""
        return sum(1 for r in self if r.automatique and r.statut == statut)

    def resume(self) -> str:
        auto = [r for r in self if r.automatique]
        if not auto:
            return "Aucune question notée automatiquement n'a été vérifiée."
        return (f"Tests visibles : {self.compte(REUSSIE)} réussie(s), {self.compte(A_REVOIR)} à revoir, "
                f"{self.compte(SANS_REPONSE)} sans réponse, sur {len(auto)}. « Réussie » veut dire que les tests "
                "visibles passent : à la correction, des tests cachés vérifient le reste.")

    def __repr__(self) -> str:
        lignes = list(self.conseils)
        for r in self:
            lignes.append(f"[{r.statut}] {r.question} ({_points(r.points)}) — {r.message or r.verifie}")
            if r.remarque:
                lignes.append(f"    {r.remarque}")
        if self:
            lignes.append(self.resume())
        return "\n".join(lignes) or "Rien à vérifier."

    def _repr_html_(self) -> str:
        couleurs = {REUSSIE: palette.VERT_VERIFICATION, A_REVOIR: palette.ORANGE_VERIFICATION, SANS_REPONSE: palette.GRIS_NOTE, PAR_LE_FORMATEUR: palette.BLEU_VERIFICATION}
        morceaux = ['<div class="strategie-verification">']
        for conseil in self.conseils:
            morceaux.append(f"<p>{_en_html(conseil)}</p>")
        if self:
            morceaux.append(
                '<table><thead><tr><th style="text-align:left">Question</th><th>Points</th>'
                '<th>Statut</th><th style="text-align:left">Message</th></tr></thead><tbody>')
            for r in self:
                question = f"<strong>{_en_html(r.question)}</strong>"
                if r.verifie:
                    question += f'<br><small>{_en_html(r.verifie)}</small>'
                message = _en_html(r.message)
                if r.remarque:
                    message += f'<br><em>{_en_html(r.remarque)}</em>'
                morceaux.append(
                    f'<tr style="vertical-align:top"><td style="text-align:left">{question}</td><td>{_points(r.points)}</td>'
                    f'<td class="strategie-statut" style="color:{couleurs.get(r.statut, "inherit")};'
                    f'font-weight:bold;white-space:nowrap">{escape(r.statut)}</td>'
                    f'<td style="text-align:left">{message}</td></tr>')
            morceaux.append(f"</tbody></table><p>{_en_html(self.resume())}</p>")
        morceaux.append("</div>")
        return "".join(morceaux)


def _points(points: float) -> str:
    from strategie.francais import nombre

    return f"{nombre(points)} pt" + ("s" if points >= 2 else "")


def _en_html(texte: str) -> str:
    # `code` devient <code>, les retours à la ligne restent des retours à la ligne.
    sur = escape(texte)
    sur = re.sub(r"`([^`]+)`", r"<code>\1</code>", sur)
    return sur.replace("\n", "<br>")


def _source(cellule: dict) -> str:
    source = cellule.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def _nbgrader(cellule: dict) -> dict:
    return cellule.get("metadata", {}).get("nbgrader", {}) or {}


def _trouver_carnet(chemin: str | os.PathLike | None, espace: dict) -> tuple[Path | None, str]:
    """Le carnet à relire, ou None et la phrase qui dit pourquoi."""
    if chemin is not None:
        fichier = Path(chemin).expanduser()
        if fichier.is_file():
            return fichier, ""
        return None, f"Le carnet « {chemin} » est introuvable (dossier courant : {Path.cwd()}). Vérifiez son nom."
    session = espace.get("__session__")  # posé par JupyterLab : le chemin du carnet
    if isinstance(session, str) and session.endswith(".ipynb"):
        for candidat in (Path(session), Path.cwd() / Path(session).name):
            if candidat.is_file():
                return candidat, ""
    carnets = sorted(p for p in Path.cwd().glob("*.ipynb") if not p.name.startswith("."))
    if len(carnets) == 1:
        return carnets[0], ""
    if not carnets:
        return None, ("Aucun carnet trouvé dans ce dossier : donnez le chemin du vôtre, par exemple "
                      'verifier("00-demarrer.ipynb").')
    return None, ("Plusieurs carnets dans ce dossier : donnez le nom du vôtre, par exemple "
                  f'verifier("{carnets[0].name}").')


def _titre(cellules: list[dict], position: int, defaut: str) -> str:
    for cellule in reversed(cellules[:position]):
        if cellule.get("cell_type") == "markdown":
            titres = _TITRE_QUESTION.findall(_source(cellule))
            if titres:
                return _POINTS_DU_TITRE.sub("", titres[-1])
    return defaut


def _docstring(source: str) -> str:
    premiere = (source.strip().splitlines() or [""])[0].strip()
    for guillemets in ('"""', "'''"):
        if premiere.startswith(guillemets) and premiere.endswith(guillemets) and len(premiere) > 6:
            return premiere[3:-3].strip()
    return ""


def _executer_test(source: str, nom: str, espace: dict) -> tuple[str, str]:
    """Exécute un test visible dans l'espace de l'apprenant ; renvoie (statut, message)."""
    tampon = io.StringIO()
    try:
        code = compile(source, f"<tests {nom}>", "exec")
        with redirect_stdout(tampon), redirect_stderr(tampon):
            exec(code, espace)  # noqa: S102 — les tests visibles de l'apprenant, dans son propre noyau
    except SansReponse as exc:
        return SANS_REPONSE, str(exc)
    except AssertionError as exc:
        return A_REVOIR, str(exc) or "Un test visible échoue (sans message) : relisez la cellule de tests."
    except NameError as exc:
        manquant = getattr(exc, "name", None) or str(exc)
        return SANS_REPONSE, (f"`{manquant}` n'existe pas encore : exécutez la cellule de la question et celles "
                              "du dessus, dans l'ordre (Exécuter → Exécuter toutes les cellules).")
    except SyntaxError as exc:
        return A_REVOIR, f"La cellule de tests n'est plus du Python valide ({exc.msg}) : ne la modifiez pas."
    except Exception as exc:  # noqa: BLE001 — une phrase, jamais une trace d'erreur
        return A_REVOIR, (f"Le test s'est arrêté sur une erreur {type(exc).__name__} : {exc}. Vérifiez le type de "
                          "votre réponse (texte, nombre, dictionnaire…) et relisez l'énoncé.")
    return REUSSIE, ""


def verifier(chemin: str | os.PathLike | None = None) -> Verification:
    """Vérifie le carnet d'exercices question par question, en français ; renvoie la liste des résultats.

    Le carnet est ``chemin`` s'il est donné, sinon celui que JupyterLab indique au noyau
    (``__session__``), sinon le seul ``*.ipynb`` du dossier courant. Il est relu **sur le disque**
    (d'où le conseil d'enregistrer d'abord). Pour chaque cellule de tests notée, ses tests
    **visibles** sont exécutés dans l'espace de l'apprenant (les variables de la cellule qui
    appelle ``verifier()``) ; les tests cachés n'existent pas dans le carnet de l'apprenant, et
    un bloc caché éventuel (carnet du formateur) est retiré. Statuts : « réussie », « à revoir »
    (le message du test, jamais une trace), « sans réponse » (variable absente, ``...``,
    squelette laissé) ; les réponses rédigées sont « notées par le formateur » (ou « sans
    réponse » si elles n'ont pas été écrites).

    Pourquoi ``verifier()`` n'exécute pas les cellules de réponse : il vérifie ce que le noyau
    contient, comme les tests visibles que l'apprenant lance à la main. Réexécuter les réponses
    depuis le disque relancerait en silence des calculs (et leurs erreurs) dans le noyau de
    l'apprenant, et ferait double emploi avec **Validate**, qui redémarre un noyau neuf et
    exécute tout le carnet enregistré. En contrepartie, ``verifier()`` compare le carnet
    enregistré à ce que le noyau a exécuté (``In``) et le dit quand une réponse enregistrée n'a
    pas été exécutée, ou quand une réponse exécutée n'est pas enregistrée.

    Pendant Validate et la correction (variable d'environnement ``NBGRADER_EXECUTION``), ne fait
    rien : la note vient des tests, pas de cette cellule.

    Affichage : le résultat, dernière expression d'une cellule, s'affiche en tableau HTML
    (``_repr_html_``) ; ``print(verifier())`` donne le même contenu en texte.
    """
    espace = _globales_appelant()
    if os.environ.get("NBGRADER_EXECUTION"):
        return Verification(conseils=["verifier() ne s'exécute pas pendant Validate ni pendant la correction."])
    carnet, probleme = _trouver_carnet(chemin, espace)
    if carnet is None:
        return Verification(conseils=[probleme])
    try:
        cellules = json.loads(carnet.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return Verification(carnet=carnet, conseils=[f"Le carnet « {carnet.name} » est illisible ({exc})."])

    executees = {s.strip() for s in espace.get("In", []) if isinstance(s, str)}
    resultats: list[Resultat] = []
    reponse_courante: str | None = None
    for position, cellule in enumerate(cellules):
        meta = _nbgrader(cellule)
        source = _source(cellule)
        if meta.get("solution") and cellule.get("cell_type") == "code" and not meta.get("grade"):
            reponse_courante = source
            continue
        if not meta.get("grade"):
            continue
        gid = meta.get("grade_id", f"cellule {position + 1}")
        titre = _titre(cellules, position, gid)
        points = float(meta.get("points", 0))
        if cellule.get("cell_type") != "code" or meta.get("solution") or meta.get("task"):
            vide = not source.strip() or any(t in source for t in _TEXTES_VIDES) or _SQUELETTE in source
            resultats.append(Resultat(
                titre, gid, points, SANS_REPONSE if vide else PAR_LE_FORMATEUR,
                "Réponse pas encore écrite : double-cliquez sur la cellule pour l'éditer." if vide
                else "Notée à la main par le formateur : relisez votre réponse.", automatique=False))
            continue
        statut, message = _executer_test(_CACHES.sub("", source), gid, espace)
        remarque = ""
        if reponse_courante is not None:
            if _SQUELETTE in reponse_courante and statut == REUSSIE:
                remarque = ("La réponse enregistrée contient encore `raise NotImplementedError()` : supprimez "
                            "cette ligne, puis enregistrez (Ctrl + S).")
            elif executees and reponse_courante.strip() not in executees and _SQUELETTE not in reponse_courante:
                remarque = ("La réponse enregistrée n'est pas celle que le noyau a exécutée (modifiée depuis, ou "
                            "pas encore exécutée) : enregistrez, puis exécutez toutes les cellules.")
            elif not executees and statut == SANS_REPONSE and _SQUELETTE not in reponse_courante:
                remarque = "Votre réponse est enregistrée mais pas exécutée : exécutez la cellule de la question."
        resultats.append(Resultat(titre, gid, points, statut, message, _docstring(source), remarque))

    conseils = [ENREGISTRER_ET_EXECUTER]
    auto = [r for r in resultats if r.automatique]
    if auto and all(r.statut == SANS_REPONSE for r in auto):
        conseils.append("Aucune réponse n'est exécutée dans ce noyau pour l'instant : si vous avez déjà répondu, "
                        "exécutez toutes les cellules avant de vérifier.")
    if not resultats:
        conseils.append(f"Le carnet « {carnet.name} » n'a aucune question notée.")
    return Verification(resultats, carnet=carnet, conseils=conseils)
