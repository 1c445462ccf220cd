"""Préparer la copie de travail d'une soumission avant de la noter.

Ce que l'élève a déposé est lu sans rien croire : le fichier peut ne pas être
du JSON, être dans un ancien format, porter un autre nom, venir avec des
fichiers en trop ; des cellules de tests peuvent avoir été modifiées,
supprimées, déplacées, ou leurs métadonnées de notation changées (points,
drapeaux, étiquette ``skip-execution`` qui empêcherait un test de tourner).

La copie de travail reprend la structure du carnet distribué (``exercises/``) :
chaque cellule protégée (consigne, données, tests) est remise telle qu'elle a
été distribuée, chaque cellule de réponse garde le texte de l'élève avec les
métadonnées d'origine, une cellule supprimée est remise à sa place, et les
cellules que l'élève a ajoutées restent où il les a mises. La note reflète
donc ce que l'élève a vraiment répondu, jugé par les vrais tests (nbgrader
remet ensuite les tests cachés depuis le gradebook).
"""

from __future__ import annotations

import copy
import json
import warnings
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from strategie_correction.statuts import Anomalie

_CLES_NOTATION = ("grade", "solution", "locked", "task", "points")
# What nbgrader itself adds to a submission (submit, collect): never a learner's extra file.
FICHIERS_NBGRADER = frozenset({"timestamp.txt", "submission_secret.txt"})


@dataclass
class Preparation:
    """Les carnets à noter (nom sans .ipynb -> carnet nbformat) et ce qui a été constaté."""

    carnets: dict = field(default_factory=dict)
    anomalies: list[Anomalie] = field(default_factory=list)
    ignores: list[str] = field(default_factory=list)


@dataclass
class _Candidat:
    chemin: str
    carnet: object | None = None
    erreur: str | None = None
    detail: str = ""
    ancien_format: int | None = None


def _grade_id(cellule) -> str | None:
    meta = cellule.get("metadata", {}).get("nbgrader")
    if isinstance(meta, dict):
        gid = meta.get("grade_id")
        return gid if isinstance(gid, str) and gid else None
    return None


def _texte(source) -> str:
    texte = "".join(source) if isinstance(source, list) else str(source or "")
    return "\n".join(ligne.rstrip() for ligne in texte.strip().splitlines())


def _notation(cellule) -> dict:
    meta = cellule.get("metadata", {}).get("nbgrader", {}) or {}
    valeurs = {}
    for cle in _CLES_NOTATION:
        valeur = meta.get(cle, False if cle != "points" else None)
        if cle == "points" and valeur is not None:
            try:
                valeur = float(valeur)
            except (TypeError, ValueError):
                valeur = str(valeur)
        valeurs[cle] = valeur
    valeurs["type"] = cellule.get("cell_type")
    valeurs["etiquettes"] = sorted(t for t in cellule.get("metadata", {}).get("tags", []) or [] if isinstance(t, str))
    return valeurs


def lire_carnet(chemin: str, octets: bytes) -> _Candidat:
    """Lit un carnet déposé : JSON valide, format 4 (converti au besoin), cellules bien formées."""
    import nbformat

    candidat = _Candidat(chemin)
    try:
        texte = octets.decode("utf-8-sig")
        brut = json.loads(texte)
    except (UnicodeDecodeError, ValueError) as exc:
        candidat.erreur = "json"
        candidat.detail = "encodage non UTF-8" if isinstance(exc, UnicodeDecodeError) else str(exc)
        return candidat
    if not isinstance(brut, dict) or "nbformat" not in brut:
        candidat.erreur = "structure"
        return candidat
    try:
        version = int(brut["nbformat"])
        with warnings.catch_warnings():  # duplicate cell ids and the like: repaired below anyway
            warnings.simplefilter("ignore")
            carnet = nbformat.reads(texte, as_version=4, capture_validation_error={})
    except Exception:  # nbformat raises many kinds of errors on malformed notebooks
        candidat.erreur = "structure"
        return candidat
    cellules = carnet.get("cells")
    if not isinstance(cellules, list) or any(
        not isinstance(c, dict) or c.get("cell_type") not in ("code", "markdown", "raw") for c in cellules
    ):
        candidat.erreur = "structure"
        return candidat
    for cellule in cellules:
        if not isinstance(cellule.get("metadata"), dict):
            cellule["metadata"] = nbformat.NotebookNode()
        if not isinstance(cellule.get("source"), str):
            cellule["source"] = _texte(cellule.get("source")) if isinstance(cellule.get("source"), list) else ""
    if version < 4:
        candidat.ancien_format = version
    candidat.carnet = carnet
    return candidat


def _reinstaller(eleve, publie) -> tuple[object, list[Anomalie]]:
    """Remet les cellules protégées et les métadonnées du carnet distribué, garde les réponses."""
    import nbformat

    references = {}
    ordre = []
    for cellule in publie.cells:
        gid = _grade_id(cellule)
        if gid:
            references[gid] = cellule
            ordre.append(gid)

    modifies, proteges, metadonnees, sortie, vus = [], [], [], [], set()
    for cellule in eleve.cells:
        gid = _grade_id(cellule)
        if gid is None or gid not in references or gid in vus:
            # The learner's own cell (or a copy of a graded one): kept, but it grades nothing.
            propre = copy.deepcopy(cellule)
            propre["metadata"].pop("nbgrader", None)
            sortie.append(propre)
            continue
        vus.add(gid)
        reference = references[gid]
        attendu, trouve = _notation(reference), _notation(cellule)
        ecarts = [cle for cle in attendu if attendu[cle] != trouve[cle]]
        if ecarts:
            metadonnees.append(f"{gid} ({', '.join(ecarts)})")
        nouvelle = copy.deepcopy(reference)
        meta_ref = reference["metadata"]["nbgrader"]
        if meta_ref.get("solution"):
            nouvelle["source"] = cellule.get("source", "")
        elif _texte(cellule.get("source")) != _texte(reference.get("source")):
            if meta_ref.get("grade"):
                modifies.append(gid)
            elif reference.get("cell_type") == "code":
                proteges.append(gid)
        sortie.append(nouvelle)

    manquantes = [gid for gid in ordre if gid not in vus]
    supprimes, reponses = [], []
    for gid in manquantes:
        reference = references[gid]
        meta_ref = reference["metadata"]["nbgrader"]
        # Just before the next graded cell still present: after the learner's own cells that
        # follow the previous one (a copied answer, a scratch cell), as in the distributed order.
        suivants = set(ordre[ordre.index(gid) + 1:])
        position = next((rang for rang, c in enumerate(sortie) if _grade_id(c) in suivants), len(sortie))
        sortie.insert(position, copy.deepcopy(reference))
        if meta_ref.get("solution"):
            reponses.append(gid)
        elif meta_ref.get("grade"):
            supprimes.append(gid)

    # Unique cell ids (nbformat 4.5), the release's ones first.
    pris = {c.get("id") for c in sortie if _grade_id(c)}
    for numero, cellule in enumerate(sortie):
        if _grade_id(cellule):
            continue
        if not cellule.get("id") or cellule.get("id") in pris:
            cellule["id"] = f"eleve-{numero:03d}"
        pris.add(cellule["id"])
        if cellule.get("cell_type") == "code":
            cellule["outputs"] = []
            cellule["execution_count"] = None

    resultat = nbformat.v4.new_notebook()
    resultat.metadata = copy.deepcopy(publie.metadata)
    resultat.nbformat, resultat.nbformat_minor = 4, max(int(publie.get("nbformat_minor", 5)), 5)
    resultat.cells = [nbformat.from_dict(c) for c in sortie]

    anomalies = []
    if supprimes:
        anomalies.append(Anomalie(
            "tests_supprimes",
            f"Cellule(s) de tests supprimée(s) : {', '.join(supprimes)}. Elles ont été remises à leur place "
            "et la réponse de l'élève a été notée avec les vrais tests.",
        ))
    if modifies:
        anomalies.append(Anomalie(
            "tests_modifies",
            f"Cellule(s) de tests modifiée(s) : {', '.join(modifies)}. Les tests d'origine ont été remis ; "
            "la note vient des vrais tests. Parlez-en à l'élève si la modification visait à passer les tests.",
        ))
    if proteges:
        anomalies.append(Anomalie(
            "code_protege_modifie",
            f"Cellule(s) protégée(s) modifiée(s) : {', '.join(proteges)}. Le contenu distribué a été remis.",
        ))
    if metadonnees:
        anomalies.append(Anomalie(
            "metadonnees_modifiees",
            f"Métadonnées de notation changées : {'; '.join(metadonnees)}. Les valeurs du devoir distribué "
            "(points, drapeaux, type, étiquettes) ont été remises avant la notation.",
        ))
    if reponses:
        anomalies.append(Anomalie(
            "reponse_supprimee",
            f"Cellule(s) de réponse supprimée(s) : {', '.join(reponses)}. Elles ont été remises vides : "
            "ces questions valent 0 sauf si l'élève a répondu ailleurs dans le carnet.",
        ))
    return resultat, anomalies


def preparer(fichiers: dict[str, bytes], publies: dict) -> Preparation:
    """La copie de travail d'une soumission.

    ``fichiers`` : chemin relatif -> octets de ce que l'élève a déposé ;
    ``publies`` : nom de carnet (sans .ipynb) -> carnet distribué (nbformat 4).
    """
    preparation = Preparation()
    candidats: list[_Candidat] = []
    autres: list[str] = []
    for chemin in sorted(fichiers):
        if chemin in FICHIERS_NBGRADER:
            continue
        if chemin.lower().endswith(".ipynb"):
            candidats.append(lire_carnet(chemin, fichiers[chemin]))
        else:
            autres.append(chemin)

    valides = [c for c in candidats if c.erreur is None]
    pris: set[str] = set()
    for nom in sorted(publies):
        ids_attendus = {_grade_id(c) for c in publies[nom].cells} - {None}
        exact = [c for c in valides if PurePosixPath(c.chemin).name == f"{nom}.ipynb" and c.chemin not in pris]
        choisi, renomme = (exact[0] if exact else None), False
        if choisi is None:
            restants = [c for c in valides if c.chemin not in pris]
            scores = sorted(
                ((len(ids_attendus & ({_grade_id(x) for x in c.carnet.cells} - {None})), c.chemin, c) for c in restants),
                key=lambda t: (-t[0], t[1]),
            )
            if scores and scores[0][0] > 0:
                choisi = scores[0][2]
            elif len(restants) == 1 and len(publies) == 1:
                choisi = restants[0]
            renomme = choisi is not None
        if choisi is None:
            illisibles = [c for c in candidats if c.erreur is not None and c.chemin not in pris]
            meme_nom = [c for c in illisibles if PurePosixPath(c.chemin).name == f"{nom}.ipynb"]
            fautif = (meme_nom or illisibles or [None])[0]
            if fautif is not None:
                pris.add(fautif.chemin)
                if fautif.erreur == "json":
                    preparation.anomalies.append(Anomalie(
                        "json_invalide",
                        f"« {fautif.chemin} » n'est pas un carnet lisible : JSON invalide ({fautif.detail}). "
                        "Le fichier a sans doute été abîmé (édité hors de Jupyter, copie interrompue). "
                        "Demandez à l'élève de le déposer de nouveau ; la note est 0 en attendant.",
                    ))
                else:
                    preparation.anomalies.append(Anomalie(
                        "carnet_invalide",
                        f"« {fautif.chemin} » est du JSON mais pas un carnet Jupyter valide. Demandez à l'élève "
                        "de le déposer de nouveau depuis JupyterLab ; la note est 0 en attendant.",
                    ))
            else:
                deposes = ", ".join(c.chemin for c in candidats) or "aucun carnet"
                preparation.anomalies.append(Anomalie(
                    "carnet_absent",
                    f"Carnet {nom}.ipynb introuvable (déposé : {deposes}). Vérifiez que l'élève a rendu le bon "
                    "fichier ; la note de ce carnet est 0.",
                ))
            continue
        pris.add(choisi.chemin)
        if renomme:
            preparation.anomalies.append(Anomalie(
                "carnet_renomme",
                f"« {choisi.chemin} » a été noté comme {nom}.ipynb (le nom attendu). Rien à faire, sauf "
                "rappeler à l'élève de garder le nom d'origine.",
            ))
        if choisi.ancien_format is not None:
            preparation.anomalies.append(Anomalie(
                "format_ancien",
                f"« {choisi.chemin} » était au format nbformat {choisi.ancien_format} ; il a été converti au "
                "format 4 puis noté normalement.",
            ))
        carnet, anomalies = _reinstaller(choisi.carnet, publies[nom])
        preparation.carnets[nom] = carnet
        preparation.anomalies.extend(anomalies)

    preparation.ignores = sorted(autres + [c.chemin for c in candidats if c.chemin not in pris])
    if preparation.ignores:
        montres = ", ".join(preparation.ignores[:6]) + (" …" if len(preparation.ignores) > 6 else "")
        preparation.anomalies.append(Anomalie(
            "fichiers_en_trop",
            f"Fichier(s) en trop, mis de côté sans être exécutés : {montres}. Ils restent dans submitted/ "
            "si vous voulez les regarder.",
        ))
    return preparation
