"""Autoévaluations des leçons : quelques questions non notées après chaque section.

Logique pure (sans ipywidgets) : les types de questions, la correction d'une réponse avec
son explication en français, le chargement des questions depuis un fichier de données et la
sauvegarde des réponses de l'apprenant. La vue est dans ``strategie.widgets.autoevaluation`` ;
dans une leçon, une cellule suffit :

.. code-block:: python

    from strategie.widgets.autoevaluation import Autoevaluation

    Autoevaluation("00-demarrer", "carnet")

Les questions de la leçon ``NN-slug`` sont dans ``strategie/donnees/autoevaluation/NN-slug.toml``,
une table par section (dans l'ordre de la leçon), 3 à 5 questions chacune :

.. code-block:: toml

    [sections.carnet]
    titre = "le carnet et ses cellules"          # « Autoévaluation : <titre> »

    [[sections.carnet.questions]]
    id = "executer"                               # stable : la réponse enregistrée y est rattachée
    type = "choix_unique"
    enonce = "Quel raccourci exécute une cellule ?"
    choix = ["Entrée", "Maj + Entrée", "Ctrl + S"]
    reponse = "Maj + Entrée"
    explication = "**Maj + Entrée** exécute la cellule…"   # montrée après toute réponse
    [sections.carnet.questions.pieges]            # facultatif : message pour un mauvais choix
    "Ctrl + S" = "Ctrl + S enregistre sans exécuter."

Champs propres à chaque ``type`` (tous ont ``id``, ``enonce``, ``explication``) :

* ``choix_unique`` : ``choix``, ``reponse`` (le texte du bon choix), ``pieges`` ;
* ``choix_multiple`` : ``choix``, ``reponses`` (liste), ``pieges`` ;
* ``nombre`` : ``reponse``, ``tolerance`` (écart accepté, 0 par défaut), ``unite`` (« € », « % »…),
  ``pieges`` (clé : une valeur fausse typique, « 4000 ») ; « 4,5 » et « 4.5 » sont acceptés ;
* ``classement`` : ``categories`` et la table ``elements`` (élément = "sa catégorie") ;
* ``code`` : ``solution`` (une ligne de Python), ``contexte`` (variables connues, table),
  ``variable`` (si la réponse est une affectation ``variable = …``), ``pieges`` (clé : la
  réponse tapée). La réponse est évaluée sans risque (``evaluer_expression``), jamais dans
  l'espace de noms du carnet, et comparée à la valeur de ``solution``.

Dans les textes, `code` et **gras** sont mis en forme ; rien d'autre. En Python, les mêmes
questions s'écrivent avec ``questionnaire(lecon, section, [dict, …])`` ou les classes
``ChoixUnique``, ``Nombre``… (``Code`` accepte alors aussi ``verifier=fonction``).

>>> q = Nombre(enonce="Combien font 9 / 2 ?", reponse=4.5, explication="9 / 2 = 4,5.")
>>> q.corriger("4,5").statut, q.corriger(" 4.5 ").statut, q.corriger("5").statut
('juste', 'juste', 'faux')
>>> q.corriger("abc").statut
'illisible'
"""

from __future__ import annotations

import ast
import math
import operator
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from numbers import Real
from pathlib import Path
from collections.abc import Callable, Mapping, Sequence

from strategie._fichiers import ecrire_json_atomique, lire_json
from strategie.erreurs import FichierInvalide, SaisieInvalide
from strategie import francais
from strategie.francais import ESPACE_FINE, ESPACE_INSECABLE, nombre

__all__ = [
    "Verdict", "ChoixUnique", "ChoixMultiple", "Nombre", "Classement", "Code",
    "Questionnaire", "questionnaire", "charger", "sections", "lire_nombre", "evaluer_expression",
    "Sauvegarde", "FICHIER_REPONSES",
]

FICHIER_REPONSES = "mon-autoevaluation.json"
FORMAT = "strategie-autoevaluation"
VERSION = 1

# Statuts : « juste » et « faux » sont de vraies réponses (explication montrée, réponse enregistrée) ;
# « vide » et « illisible » demandent de répondre ou de réécrire (l'explication reste cachée).
JUSTE, FAUX, VIDE, ILLISIBLE = "juste", "faux", "vide", "illisible"


@dataclass(frozen=True)
class Verdict:
    """Ce que l'apprenant lit après avoir vérifié une réponse."""

    statut: str
    message: str
    explication: str = ""
    details: tuple[str, ...] = ()

    @property
    def repondu(self) -> bool:
        """Vrai si la réponse a été lue et corrigée (juste ou fausse)."""
        return self.statut in (JUSTE, FAUX)

    @property
    def juste(self) -> bool:
        return self.statut == JUSTE


def _texte(valeur: object) -> str:
    return valeur if isinstance(valeur, str) else ""


def _verdict(juste: bool, question: "_Question", details: Sequence[str] = ()) -> Verdict:
    if juste:
        return Verdict(JUSTE, "Juste.", question.explication, tuple(details))
    return Verdict(FAUX, "Pas tout à fait.", question.explication, tuple(details))


def _exiger(condition: bool, message: str) -> None:
    if not condition:
        raise SaisieInvalide(message)


@dataclass(frozen=True, kw_only=True)
class _Question:
    enonce: str
    explication: str
    id: str = ""

    def __post_init__(self) -> None:
        _exiger(isinstance(self.enonce, str) and self.enonce.strip() != "", "Une question doit avoir un « enonce » non vide.")
        _exiger(isinstance(self.explication, str) and self.explication.strip() != "",
                f"La question « {self.enonce} » doit avoir une « explication » non vide (montrée après la réponse).")

    def corriger(self, reponse: object) -> Verdict:  # pragma: no cover - abstract
        raise NotImplementedError

    def reponse_valide(self, brute: object) -> object | None:
        """Une réponse relue d'un fichier, si elle convient encore à la question ; sinon ``None``."""
        return brute if isinstance(brute, str) else None

    def reponse_juste(self) -> object:
        """Une réponse que ``corriger`` juge juste (pour vérifier les données et pour les tests)."""
        raise NotImplementedError  # pragma: no cover - abstract


def _tuple_de_textes(valeurs: object, champ: str, enonce: str) -> tuple[str, ...]:
    ok = isinstance(valeurs, (list, tuple)) and all(isinstance(v, str) and v.strip() for v in valeurs)
    _exiger(ok, f"« {champ} » de la question « {enonce} » doit être une liste de textes non vides.")
    valeurs = tuple(valeurs)
    _exiger(len(set(valeurs)) == len(valeurs), f"« {champ} » de la question « {enonce} » contient un doublon.")
    return valeurs


def _pieges(pieges: object, enonce: str) -> dict[str, str]:
    ok = isinstance(pieges, Mapping) and all(isinstance(k, str) and isinstance(v, str) and v for k, v in pieges.items())
    _exiger(ok, f"« pieges » de la question « {enonce} » doit associer une réponse (texte) à un message.")
    return dict(pieges)


@dataclass(frozen=True, kw_only=True)
class ChoixUnique(_Question):
    """Une seule bonne réponse parmi ``choix`` ; ``reponse`` est le texte du bon choix.

    ``pieges`` associe un mauvais choix au message qui dit pourquoi il est faux.
    """

    choix: Sequence[str] = ()
    reponse: str = ""
    pieges: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "choix", _tuple_de_textes(self.choix, "choix", self.enonce))
        _exiger(len(self.choix) >= 2, f"La question « {self.enonce} » doit proposer au moins deux choix.")
        _exiger(self.reponse in self.choix, f"La réponse « {self.reponse} » de la question « {self.enonce} » n'est pas parmi ses choix.")
        object.__setattr__(self, "pieges", _pieges(self.pieges, self.enonce))
        inconnus = [k for k in self.pieges if k not in self.choix]
        _exiger(not inconnus, f"« pieges » de la question « {self.enonce} » nomme des choix absents : {inconnus}.")

    def corriger(self, reponse: object) -> Verdict:
        if reponse is None or reponse == "":
            return Verdict(VIDE, "Choisissez une réponse, puis vérifiez.")
        if reponse not in self.choix:
            return Verdict(ILLISIBLE, "Choisissez l'une des réponses proposées.")
        piege = self.pieges.get(reponse)
        return _verdict(reponse == self.reponse, self, [piege] if piege and reponse != self.reponse else [])

    def reponse_valide(self, brute: object) -> object | None:
        return brute if brute in self.choix else None

    def reponse_juste(self) -> str:
        return self.reponse


@dataclass(frozen=True, kw_only=True)
class ChoixMultiple(_Question):
    """Cocher toutes les bonnes réponses (``reponses``) et seulement elles."""

    choix: Sequence[str] = ()
    reponses: Sequence[str] = ()
    pieges: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "choix", _tuple_de_textes(self.choix, "choix", self.enonce))
        object.__setattr__(self, "reponses", _tuple_de_textes(self.reponses, "reponses", self.enonce))
        _exiger(len(self.choix) >= 2, f"La question « {self.enonce} » doit proposer au moins deux choix.")
        _exiger(bool(self.reponses), f"La question « {self.enonce} » doit avoir au moins une bonne réponse.")
        absentes = [r for r in self.reponses if r not in self.choix]
        _exiger(not absentes, f"Les réponses {absentes} de la question « {self.enonce} » ne sont pas parmi ses choix.")
        object.__setattr__(self, "pieges", _pieges(self.pieges, self.enonce))
        inconnus = [k for k in self.pieges if k not in self.choix]
        _exiger(not inconnus, f"« pieges » de la question « {self.enonce} » nomme des choix absents : {inconnus}.")

    def corriger(self, reponse: object) -> Verdict:
        if reponse is None or (isinstance(reponse, (list, tuple, set, frozenset)) and not reponse):
            return Verdict(VIDE, "Cochez au moins une case, puis vérifiez.")
        if not isinstance(reponse, (list, tuple, set, frozenset)) or any(r not in self.choix for r in reponse):
            return Verdict(ILLISIBLE, "Cochez des réponses parmi celles proposées.")
        cochees, bonnes = set(reponse), set(self.reponses)
        if cochees == bonnes:
            return _verdict(True, self)
        trouvees, en_trop = len(cochees & bonnes), len(cochees - bonnes)
        details = [f"Bonnes cases cochées : {trouvees} sur {len(bonnes)} ; cases cochées à tort : {en_trop}."]
        details += [self.pieges[c] for c in self.choix if c in cochees - bonnes and c in self.pieges]
        return _verdict(False, self, details)

    def reponse_valide(self, brute: object) -> object | None:
        if isinstance(brute, list) and all(b in self.choix for b in brute):
            return [c for c in self.choix if c in brute]
        return None

    def reponse_juste(self) -> list[str]:
        return list(self.reponses)


# Une seule règle pour toutes les cases du cours : la lecture vit avec le formatage des nombres à la française.
lire_nombre = francais.lire_nombre


@dataclass(frozen=True, kw_only=True)
class Nombre(_Question):
    """Une réponse chiffrée ; juste à ``tolerance`` près. Virgule ou point acceptés.

    ``pieges`` associe une valeur fausse typique (écrite comme un nombre, « 4000 ») à un message.
    """

    reponse: float = 0.0
    tolerance: float = 0.0
    unite: str = ""
    pieges: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__post_init__()
        ok = not isinstance(self.reponse, bool) and isinstance(self.reponse, Real) and math.isfinite(self.reponse)
        _exiger(ok, f"« reponse » de la question « {self.enonce} » doit être un nombre.")
        ok = not isinstance(self.tolerance, bool) and isinstance(self.tolerance, Real) and self.tolerance >= 0
        _exiger(ok, f"« tolerance » de la question « {self.enonce} » doit être un nombre positif ou nul.")
        _exiger(isinstance(self.unite, str), f"« unite » de la question « {self.enonce} » doit être un texte.")
        pieges = _pieges(self.pieges, self.enonce)
        try:
            object.__setattr__(self, "_valeurs_pieges", [(lire_nombre(k), v) for k, v in pieges.items()])
        except SaisieInvalide:
            raise SaisieInvalide(f"« pieges » de la question « {self.enonce} » : chaque clé doit être un nombre.") from None
        object.__setattr__(self, "pieges", pieges)

    def _proche(self, a: float, b: float, tolerance: float) -> bool:
        return abs(a - b) <= tolerance + 1e-9 * max(1.0, abs(b))

    def attendue(self) -> str:
        """La bonne réponse écrite à la française (« 4,5 € », « 12 % »)."""
        texte = nombre(self.reponse, _decimales(self.reponse))
        if self.unite:
            texte += (ESPACE_FINE if self.unite == "%" else ESPACE_INSECABLE) + self.unite
        if self.tolerance:
            texte += f" (à {nombre(self.tolerance, _decimales(self.tolerance))} près)"
        return texte

    def corriger(self, reponse: object) -> Verdict:
        if reponse is None or (isinstance(reponse, str) and not reponse.strip()):
            return Verdict(VIDE, "Écrivez un nombre, puis vérifiez (4,5 ou 4.5 : les deux s'acceptent).")
        try:
            valeur = lire_nombre(reponse, self.unite)
        except SaisieInvalide as exc:
            return Verdict(ILLISIBLE, str(exc))
        if self._proche(valeur, self.reponse, self.tolerance):
            return _verdict(True, self)
        details = [f"Réponse attendue : {self.attendue()}."]
        details += [m for v, m in self._valeurs_pieges if self._proche(valeur, v, 0.0)]
        return _verdict(False, self, details)

    def reponse_juste(self) -> str:
        return f"{self.reponse:.{_decimales(self.reponse)}f}".replace(".", ",")


def _decimales(x: float) -> int:
    """Le plus petit nombre de décimales (jusqu'à 6) qui écrit ``x`` exactement."""
    return next((d for d in range(7) if math.isclose(round(x, d), x, rel_tol=0, abs_tol=1e-12)), 6)


@dataclass(frozen=True, kw_only=True)
class Classement(_Question):
    """Ranger chaque élément dans une catégorie : ``elements`` associe l'élément à sa bonne catégorie."""

    categories: Sequence[str] = ()
    elements: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "categories", _tuple_de_textes(self.categories, "categories", self.enonce))
        _exiger(len(self.categories) >= 2, f"La question « {self.enonce} » doit avoir au moins deux catégories.")
        ok = isinstance(self.elements, Mapping) and len(self.elements) >= 2 and all(
            isinstance(k, str) and k.strip() for k in self.elements)
        _exiger(ok, f"« elements » de la question « {self.enonce} » doit associer au moins deux éléments à leur catégorie.")
        hors = {k: v for k, v in self.elements.items() if v not in self.categories}
        _exiger(not hors, f"Dans la question « {self.enonce} », ces éléments ont une catégorie inconnue : {hors}.")
        object.__setattr__(self, "elements", dict(self.elements))

    def corriger(self, reponse: object) -> Verdict:
        if not isinstance(reponse, Mapping):
            reponse = {}
        choisies = {e: reponse.get(e) for e in self.elements if reponse.get(e) in self.categories}
        if not choisies:
            return Verdict(VIDE, "Choisissez une catégorie pour chaque élément, puis vérifiez.")
        manquants = [e for e in self.elements if e not in choisies]
        if manquants:
            return Verdict(ILLISIBLE, "Classez encore : " + ", ".join(f"« {e} »" for e in manquants) + ".")
        erreurs = [e for e in self.elements if choisies[e] != self.elements[e]]
        if not erreurs:
            return _verdict(True, self)
        bien = len(self.elements) - len(erreurs)
        details = [f"Bien classés : {bien} sur {len(self.elements)}."]
        details += [f"« {e} » va dans « {self.elements[e]} » (et non « {choisies[e]} »)." for e in erreurs]
        return _verdict(False, self, details)

    def reponse_valide(self, brute: object) -> object | None:
        if not isinstance(brute, Mapping):
            return None
        garde = {e: c for e, c in brute.items() if e in self.elements and c in self.categories}
        return garde or None

    def reponse_juste(self) -> dict[str, str]:
        return dict(self.elements)


# --- Évaluation sûre d'une petite expression (sans eval, sans accès aux variables de la leçon) ---

_OPERATEURS = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow,
}
_UNAIRES = {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Not: operator.not_}
_COMPARAISONS = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge,
}
_FONCTIONS: dict[str, Callable] = {"round": round, "abs": abs, "min": min, "max": max, "sum": sum, "len": len}
_LONGUEUR_MAX = 300  # characters typed
_TAILLE_MAX = 10_000  # éléments d'un texte ou d'une liste construits par « * » (pas d'explosion de mémoire)


class _NonPermis(Exception):
    pass


def _evaluer(noeud: ast.AST, contexte: Mapping[str, object]) -> object:
    if isinstance(noeud, ast.Expression):
        return _evaluer(noeud.body, contexte)
    if isinstance(noeud, ast.Constant) and isinstance(noeud.value, (int, float, str, bool)):
        return noeud.value
    if isinstance(noeud, ast.Name):
        if noeud.id in contexte:
            return contexte[noeud.id]
        if noeud.id in _FONCTIONS:
            raise _NonPermis(f"« {noeud.id} » est une fonction : appelez-la avec des parenthèses, par exemple {noeud.id}(…).")
        connus = ", ".join(sorted(contexte)) or "aucune"
        raise _NonPermis(f"« {noeud.id} » n'est pas défini ici (variables disponibles : {connus}). "
                         "Vérifiez l'orthographe, sans accent ni majuscule.")
    if isinstance(noeud, (ast.Tuple, ast.List)):
        valeurs = [_evaluer(e, contexte) for e in noeud.elts]
        return tuple(valeurs) if isinstance(noeud, ast.Tuple) else valeurs
    if isinstance(noeud, ast.BinOp) and type(noeud.op) in _OPERATEURS:
        gauche, droite = _evaluer(noeud.left, contexte), _evaluer(noeud.right, contexte)
        if isinstance(noeud.op, ast.Pow) and isinstance(droite, (int, float)) and abs(droite) > 1000:
            raise _NonPermis("Cette puissance est trop grande pour une autoévaluation.")
        if isinstance(noeud.op, ast.Mult):
            for seq, n in ((gauche, droite), (droite, gauche)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > _TAILLE_MAX:
                    raise _NonPermis("Le résultat serait trop long pour une autoévaluation.")
        resultat = _OPERATEURS[type(noeud.op)](gauche, droite)
        if isinstance(resultat, int) and resultat.bit_length() > 4000:
            raise _NonPermis("Ce nombre est trop grand pour une autoévaluation.")
        return resultat
    if isinstance(noeud, ast.UnaryOp) and type(noeud.op) in _UNAIRES:
        return _UNAIRES[type(noeud.op)](_evaluer(noeud.operand, contexte))
    if isinstance(noeud, ast.BoolOp):
        valeurs = [_evaluer(v, contexte) for v in noeud.values]
        return all(valeurs) if isinstance(noeud.op, ast.And) else any(valeurs)
    if isinstance(noeud, ast.Compare) and all(type(o) in _COMPARAISONS for o in noeud.ops):
        gauche = _evaluer(noeud.left, contexte)
        for op, droite_noeud in zip(noeud.ops, noeud.comparators):
            droite = _evaluer(droite_noeud, contexte)
            if not _COMPARAISONS[type(op)](gauche, droite):
                return False
            gauche = droite
        return True
    if (isinstance(noeud, ast.Call) and isinstance(noeud.func, ast.Name) and noeud.func.id in _FONCTIONS
            and noeud.func.id not in contexte and not noeud.keywords):
        return _FONCTIONS[noeud.func.id](*[_evaluer(a, contexte) for a in noeud.args])
    raise _NonPermis("Ici, seules des opérations simples sont acceptées : nombres, textes, variables de "
                     "l'énoncé, + − * / ** %, comparaisons, parenthèses et round, abs, min, max, sum, len.")


def evaluer_expression(texte: str, contexte: Mapping[str, object] | None = None, variable: str = "") -> object:
    """Évalue sans risque une petite expression Python tapée par l'apprenant.

    Rien n'est exécuté : l'arbre syntaxique est parcouru et seules des opérations simples
    sont permises, sur les seules variables de ``contexte`` (jamais celles du carnet).
    Avec ``variable``, la réponse doit être une affectation ``variable = expression``.
    Lève ``SaisieInvalide`` avec un message qui dit quoi corriger.

    >>> evaluer_expression("prix * quantite", {"prix": 4.0, "quantite": 1000})
    4000.0
    >>> evaluer_expression("prix = 4,5", variable="prix")
    (4, 5)
    """
    contexte = dict(contexte or {})
    texte = _texte(texte).strip()
    if len(texte) > _LONGUEUR_MAX:
        raise SaisieInvalide(f"Réponse trop longue : une ligne de moins de {_LONGUEUR_MAX} caractères suffit.")
    try:
        arbre = ast.parse(texte, mode="exec")
    except SyntaxError as exc:
        raise SaisieInvalide(f"Python ne comprend pas cette ligne (colonne {exc.offset or 1}) : "
                             "vérifiez les parenthèses, les guillemets et les opérateurs.") from None
    if len(arbre.body) != 1:
        raise SaisieInvalide("Écrivez une seule ligne de code.")
    instruction = arbre.body[0]
    if variable:
        cible = instruction.targets[0] if isinstance(instruction, ast.Assign) and len(instruction.targets) == 1 else None
        if not isinstance(cible, ast.Name):
            raise SaisieInvalide(f"Écrivez une affectation de la forme « {variable} = … ».")
        if cible.id != variable:
            raise SaisieInvalide(f"La variable à définir s'appelle « {variable} » (vous avez écrit « {cible.id} »).")
        expression = instruction.value
    else:
        if isinstance(instruction, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            raise SaisieInvalide("Écrivez seulement l'expression, sans « = » (par exemple prix * quantite).")
        if not isinstance(instruction, ast.Expr):
            raise SaisieInvalide("Écrivez une expression, par exemple prix * quantite.")
        expression = instruction.value
    try:
        return _evaluer(ast.Expression(expression), contexte)
    except _NonPermis as exc:
        raise SaisieInvalide(str(exc)) from None
    except ZeroDivisionError:
        raise SaisieInvalide("Cette expression divise par zéro.") from None
    except RecursionError:
        raise SaisieInvalide("Cette expression est trop imbriquée : simplifiez-la.") from None
    except (TypeError, ValueError, OverflowError) as exc:
        raise SaisieInvalide(f"Python ne peut pas calculer cette expression ({exc.__class__.__name__}) : "
                             "vérifiez les types (nombre ou texte) de ce que vous combinez.") from None


def _egales(a: object, b: object) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, Real) and isinstance(b, Real):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_egales(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


@dataclass(frozen=True, kw_only=True)
class Code(_Question):
    """Une petite ligne de Python, évaluée sans risque dans ``contexte`` (voir ``evaluer_expression``).

    La réponse est juste si sa valeur égale celle de ``solution`` (même contexte), ou, si
    ``verifier`` est donné (en Python seulement), si ``verifier(valeur)`` renvoie vrai (ou
    ``(vrai_ou_faux, message)``). ``pieges`` associe une réponse tapée (espaces ignorés) à un message.
    """

    solution: str = ""
    contexte: Mapping[str, object] = field(default_factory=dict)
    variable: str = ""
    verifier: Callable[[object], object] | None = None
    pieges: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__post_init__()
        _exiger(isinstance(self.contexte, Mapping) and all(isinstance(k, str) and k.isidentifier() for k in self.contexte),
                f"« contexte » de la question « {self.enonce} » doit associer des noms de variables à des valeurs.")
        _exiger(isinstance(self.variable, str) and (not self.variable or self.variable.isidentifier()),
                f"« variable » de la question « {self.enonce} » doit être un nom de variable Python.")
        _exiger(isinstance(self.solution, str) and self.solution.strip() != "",
                f"La question « {self.enonce} » doit donner sa « solution » (une ligne de Python).")
        _exiger(self.verifier is None or callable(self.verifier), f"« verifier » de la question « {self.enonce} » doit être une fonction.")
        object.__setattr__(self, "contexte", dict(self.contexte))
        object.__setattr__(self, "pieges", {_sans_espaces(k): v for k, v in _pieges(self.pieges, self.enonce).items()})
        try:
            attendu = evaluer_expression(self.solution, self.contexte, self.variable)
        except SaisieInvalide as exc:
            raise SaisieInvalide(f"La « solution » de la question « {self.enonce} » ne s'évalue pas : {exc}") from None
        object.__setattr__(self, "_attendu", attendu)

    def corriger(self, reponse: object) -> Verdict:
        texte = _texte(reponse)
        if not texte.strip():
            return Verdict(VIDE, "Écrivez une ligne de Python, puis vérifiez.")
        try:
            valeur = evaluer_expression(texte, self.contexte, self.variable)
        except SaisieInvalide as exc:
            return Verdict(ILLISIBLE, str(exc))
        details: list[str] = []
        if self.verifier is not None:
            resultat = self.verifier(valeur)
            juste, message = (resultat if isinstance(resultat, tuple) else (resultat, ""))
            juste = bool(juste)
            if message:
                details.append(str(message))
        else:
            juste = _egales(valeur, self._attendu)
        if not juste:
            piege = self.pieges.get(_sans_espaces(texte))
            if piege:
                details.append(piege)
            elif (isinstance(valeur, tuple) and len(valeur) == 2 and isinstance(self._attendu, Real)
                  and all(isinstance(v, int) for v in valeur) and "," in texte):
                details.append("Avec une virgule, Python construit une paire de deux nombres, "
                               f"`{valeur}` : en Python, les décimales s'écrivent avec un point (`4.5`).")
            details.append(f"Une réponse juste : `{self.solution}`.")
        return _verdict(juste, self, details)

    def reponse_juste(self) -> str:
        return self.solution


def _sans_espaces(texte: str) -> str:
    return re.sub(r"\s+", "", texte)


# --- Questionnaires et fichiers de données ---

_TYPES: dict[str, type[_Question]] = {
    "choix_unique": ChoixUnique, "choix_multiple": ChoixMultiple, "nombre": Nombre,
    "classement": Classement, "code": Code,
}
_CHAMPS: dict[str, set[str]] = {
    nom: {f for f in cls.__dataclass_fields__ if f != "verifier"} for nom, cls in _TYPES.items()
}


@dataclass(frozen=True)
class Questionnaire:
    """Les questions d'une section de leçon. ``cle(question)`` nomme une réponse dans la sauvegarde."""

    lecon: str
    section: str
    questions: Sequence[_Question]
    titre: str = ""

    def __post_init__(self) -> None:
        _exiger(isinstance(self.lecon, str) and bool(self.lecon.strip()), "Donnez le nom de la leçon, par exemple « 00-demarrer ».")
        _exiger(isinstance(self.section, str) and bool(self.section.strip()), "Donnez le nom de la section, par exemple « carnet ».")
        questions = list(self.questions)
        _exiger(bool(questions) and all(isinstance(q, _Question) for q in questions),
                f"La section « {self.section} » doit contenir au moins une question (ChoixUnique, Nombre…).")
        # Les questions sans identifiant sont numérotées : q1, q2… (un identifiant explicite résiste au réordre).
        numerotees = [q if q.id else _avec_id(q, f"q{i}") for i, q in enumerate(questions, start=1)]
        ids = [q.id for q in numerotees]
        doublons = sorted({i for i in ids if ids.count(i) > 1})
        _exiger(not doublons, f"Dans la section « {self.section} », des questions ont le même id : {doublons}.")
        object.__setattr__(self, "questions", tuple(numerotees))

    def cle(self, question: _Question) -> str:
        return f"{self.lecon}/{self.section}/{question.id}"


def _avec_id(question: _Question, ident: str) -> _Question:
    from dataclasses import replace

    return replace(question, id=ident)


def _dossier_donnees() -> Path:
    return Path(str(resources.files("strategie") / "donnees" / "autoevaluation"))


def _lire_toml(chemin: Path) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            raise FichierInvalide("Les autoévaluations demandent Python 3.11 ou plus récent "
                                  "(ou, avec Python 3.10, le paquet tomli : pip install tomli).") from None
    try:
        with open(chemin, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise FichierInvalide(f"Le fichier d'autoévaluation « {chemin.name} » est mal écrit : {exc}.") from None


def _question_depuis(description: Mapping, ou: str) -> _Question:
    if not isinstance(description, Mapping):
        raise FichierInvalide(f"{ou} : une question est une table TOML ([[sections.….questions]]).")
    genre = description.get("type")
    if genre not in _TYPES:
        raise FichierInvalide(f"{ou} : « type » doit valoir {', '.join(_TYPES)} (reçu : {genre!r}).")
    champs = {k: v for k, v in description.items() if k != "type"}
    inconnus = sorted(set(champs) - _CHAMPS[genre])
    if inconnus:
        raise FichierInvalide(f"{ou} : champs inconnus pour une question « {genre} » : {inconnus} "
                              f"(champs possibles : {sorted(_CHAMPS[genre])}).")
    try:
        return _TYPES[genre](**champs)
    except SaisieInvalide as exc:
        raise FichierInvalide(f"{ou} : {exc}") from None
    except TypeError:
        raise FichierInvalide(f"{ou} : il manque « enonce » ou « explication ».") from None


def questionnaire(lecon: str, section: str, descriptions: Sequence[Mapping], titre: str = "") -> Questionnaire:
    """Un questionnaire écrit en Python avec les mêmes tables que le fichier TOML.

    >>> q = questionnaire("00-demarrer", "essai", [{"type": "nombre", "enonce": "9 / 2 ?",
    ...                                            "reponse": 4.5, "explication": "4,5."}])
    >>> q.questions[0].corriger("4,5").statut
    'juste'
    """
    ou = f"section « {section} »"
    if not isinstance(descriptions, Sequence) or isinstance(descriptions, str):
        raise SaisieInvalide(f"{ou} : donnez une liste de questions (des dict).")
    questions = [_question_depuis(d, f"{ou}, question {i}") for i, d in enumerate(descriptions, start=1)]
    return Questionnaire(lecon, section, questions, titre)


def _lire_lecon(lecon: str, dossier: Path | None = None) -> tuple[Path, dict]:
    if not isinstance(lecon, str) or not re.fullmatch(r"[0-9a-z][0-9a-z-]*", lecon):
        raise SaisieInvalide(f"Nom de leçon invalide : {lecon!r} (attendu, par exemple, « 00-demarrer »).")
    chemin = (dossier or _dossier_donnees()) / f"{lecon}.toml"
    if not chemin.is_file():
        raise FichierInvalide(f"Pas d'autoévaluation pour la leçon « {lecon} » : créez {chemin}.")
    donnees = _lire_toml(chemin)
    if not isinstance(donnees.get("sections"), Mapping):
        raise FichierInvalide(f"« {chemin.name} » doit contenir des tables [sections.<nom>].")
    return chemin, donnees["sections"]


def sections(lecon: str, dossier: Path | None = None) -> list[str]:
    """Les noms des sections qui ont une autoévaluation dans la leçon, dans l'ordre du fichier."""
    return list(_lire_lecon(lecon, dossier)[1])


def charger(lecon: str, section: str, dossier: Path | None = None) -> Questionnaire:
    """Le questionnaire d'une section, lu dans ``donnees/autoevaluation/<lecon>.toml``."""
    chemin, toutes = _lire_lecon(lecon, dossier)
    if section not in toutes:
        raise FichierInvalide(f"« {chemin.name} » n'a pas de section « {section} » (sections : {', '.join(toutes)}).")
    table = toutes[section]
    ou = f"{chemin.name}, section « {section} »"
    if not isinstance(table, Mapping) or not isinstance(table.get("questions"), list):
        raise FichierInvalide(f"{ou} : ajoutez des questions avec [[sections.{section}.questions]].")
    questions = [_question_depuis(q, f"{ou}, question {i}") for i, q in enumerate(table["questions"], start=1)]
    titre = table.get("titre", "")
    try:
        return Questionnaire(lecon, section, questions, titre if isinstance(titre, str) else "")
    except SaisieInvalide as exc:
        raise FichierInvalide(f"{ou} : {exc}") from None


# --- Les réponses de l'apprenant, gardées d'une exécution à l'autre ---


class Sauvegarde:
    """Les réponses vérifiées de l'apprenant, dans un petit JSON (``mon-autoevaluation.json``).

    Chaque enregistrement relit le fichier, change une seule réponse et réécrit le tout d'un
    coup (écriture atomique) : deux leçons ouvertes ne s'effacent pas. Un fichier qui
    n'a pas été écrit par les autoévaluations (illisible, autre format, plus récent) n'est
    jamais remplacé : les réponses restent alors en mémoire et ``probleme`` dit quoi faire.
    """

    def __init__(self, chemin: str | os.PathLike = FICHIER_REPONSES):
        self.chemin = Path(chemin).absolute()  # les messages disent dans quel dossier est le fichier
        self.probleme = ""

    def _lire(self) -> dict[str, object]:
        if not self.chemin.exists():
            return {}
        if not self.chemin.is_file():
            raise FichierInvalide(f"« {self.chemin} » est un dossier, pas un fichier de réponses.")
        donnees = lire_json(self.chemin, "vos réponses")
        if not isinstance(donnees, dict) or donnees.get("format") != FORMAT:
            raise FichierInvalide(f"« {self.chemin} » n'a pas été écrit par les autoévaluations du cours.")
        version = donnees.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= VERSION:
            raise FichierInvalide(f"« {self.chemin} » vient d'une autre version du cours (format {version!r}).")
        reponses = donnees.get("reponses")
        if not isinstance(reponses, dict):
            raise FichierInvalide(f"« {self.chemin} » n'a pas de champ « reponses » lisible.")
        return reponses

    def _signaler(self, exc: Exception) -> str:
        self.probleme = (
            f"{exc} Les autoévaluations repartent de zéro et ce fichier ne sera pas remplacé : "
            f"pour garder vos prochaines réponses, renommez ou supprimez « {self.chemin.name} », "
            "puis relancez la cellule."
        )
        return self.probleme

    def lire(self) -> dict[str, object]:
        """Toutes les réponses enregistrées ; ``{}`` (et ``probleme`` rempli) si le fichier ne se lit pas."""
        try:
            reponses = self._lire()
        except FichierInvalide as exc:
            self._signaler(exc)
            return {}
        self.probleme = ""
        return reponses

    def enregistrer(self, cle: str, reponse: object) -> bool:
        """Garde ``reponse`` sous ``cle`` ; renvoie faux (et remplit ``probleme``) si c'est impossible."""
        try:
            reponses = self._lire()
        except FichierInvalide as exc:
            self._signaler(exc)
            return False
        reponses[cle] = reponse
        try:
            ecrire_json_atomique({"format": FORMAT, "version": VERSION, "reponses": reponses}, self.chemin, FICHIER_REPONSES)
        except (OSError, SaisieInvalide) as exc:
            self.probleme = f"Vos réponses n'ont pas pu être enregistrées dans « {self.chemin} » ({exc})."
            return False
        self.probleme = ""
        return True
