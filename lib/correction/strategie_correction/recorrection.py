"""Recorrection après une correction des tests : ``strategie corriger DEVOIR --recorriger``.

Un formateur corrige un test (ou un barème) dans ``solutions/DEVOIR`` après avoir noté. La
recorrection :

1. compare, cellule notée par cellule notée (``grade_id`` de nbgrader), le devoir actuel à la
   version qui a servi à noter chaque élève : à chaque correction, le moteur enregistre dans
   ``<sortie>/.etat/versions/`` une empreinte par cellule et les carnets distribués de cette
   version (à défaut, celle du gradebook) ;
2. si rien de ce qui compte pour les notes n'a changé, le dit et ne fait rien ;
3. sinon renote les soumissions de ce devoir avec la chaîne ordinaire de ``strategie corriger``
   (même moteur, mêmes ateliers isolés, mêmes réglages que la dernière correction), en gardant
   les notes manuelles du formgrader ;
4. dit quelles notes ont changé, de combien et pour qui (texte, ``recorrection.csv``).

Comparer au carnet *distribué* d'avant sert aussi pendant la notation : une cellule de tests que
l'élève a reçue dans son ancienne version n'est pas « modifiée par l'élève » (voir
:func:`revoir_anomalies`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from strategie_correction.carnet_de_notes import ErreurCorrection

MOINS = "\u2212"
# Ce qu'un changement de version du devoir peut faire apparaître à tort chez un élève.
CODES_DU_FORMATEUR = ("tests_modifies", "tests_supprimes", "code_protege_modifie", "metadonnees_modifiees")
GENRES = {
    "tests": "tests", "manuelle": "réponse notée à la main", "reponse": "cellule de réponse",
    "protegee": "code protégé", "texte": "texte protégé", "tache": "tâche",
}


# -- empreintes ------------------------------------------------------------------------------------------
def _sha(texte: str) -> str:
    return hashlib.sha256(texte.encode("utf-8")).hexdigest()


def _genre(grade: bool, solution: bool, locked: bool, task: bool, type_: str) -> str:
    if grade and (solution or type_ == "markdown"):
        return "manuelle"
    if grade:
        return "tests"
    if solution:
        return "reponse"
    if task:
        return "tache"
    return "protegee" if type_ == "code" else "texte"


def empreintes_carnet(carnet: dict) -> dict:
    """{grade_id: {genre, points, source}} des cellules nbgrader d'un carnet (JSON)."""
    cellules = {}
    for c in carnet.get("cells", []):
        meta = c.get("metadata", {}).get("nbgrader") or {}
        gid = meta.get("grade_id")
        if not isinstance(gid, str) or not gid:
            continue
        grade = bool(meta.get("grade"))
        source = c.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        cellules[gid] = {
            "genre": _genre(grade, bool(meta.get("solution")), bool(meta.get("locked")), bool(meta.get("task")),
                            c.get("cell_type", "code")),
            "points": float(meta.get("points") or 0) if grade else None,
            "source": _sha(source),
        }
    return cellules


def empreintes_dossier(source: Path) -> dict:
    """Les empreintes d'un devoir : ses carnets cellule par cellule, et ses autres fichiers."""
    carnets, fichiers = {}, {}
    for chemin in sorted(source.rglob("*")):
        if not chemin.is_file() or ".ipynb_checkpoints" in chemin.parts or "__pycache__" in chemin.parts:
            continue
        relatif = chemin.relative_to(source).as_posix()
        if chemin.suffix == ".ipynb" and chemin.parent == source:
            try:
                carnets[chemin.stem] = empreintes_carnet(json.loads(chemin.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                carnets[chemin.stem] = {}
        else:
            fichiers[relatif] = hashlib.sha256(chemin.read_bytes()).hexdigest()
    return {"carnets": carnets, "fichiers": fichiers}


def empreintes_gradebook(gb, devoir: str) -> dict | None:
    """Les mêmes empreintes, lues dans le gradebook (version enregistrée par nbgrader) ; None s'il n'y est pas."""
    from nbgrader.api import MissingEntry

    try:
        assignment = gb.find_assignment(devoir)
    except MissingEntry:
        return None
    carnets = {}
    for nb in assignment.notebooks:
        notes = {c.name: c for c in nb.grade_cells}
        solutions = {c.name for c in nb.solution_cells}
        taches = {c.name: c for c in nb.task_cells}
        sources = {c.name: c for c in nb.source_cells}
        cellules = {}
        for gid in set(notes) | solutions | set(taches) | set(sources):
            sc = sources.get(gid)
            type_ = (sc.cell_type if sc else None) or (notes[gid].cell_type if gid in notes else "markdown")
            cellules[gid] = {
                "genre": _genre(gid in notes, gid in solutions, bool(sc and sc.locked), gid in taches, type_),
                "points": float(notes[gid].max_score or 0) if gid in notes else None,
                "source": _sha(sc.source or "") if sc else _sha(""),
            }
        carnets[nb.name] = cellules
    return {"carnets": carnets, "fichiers": None}  # the gradebook keeps no other file


def dossier_versions(etat: Path) -> Path:
    return etat / "versions"


def enregistrer_version(etat: Path, source_hash: str, source: Path, publication: Path | None) -> None:
    """(moteur, à chaque correction) La version du devoir qui sert à noter : empreintes et carnets distribués."""
    dossier = dossier_versions(etat) / source_hash[:16]
    if (dossier / "empreintes.json").is_file() and (publication is None or any(dossier.glob("*.ipynb"))):
        return
    dossier.mkdir(parents=True, exist_ok=True)
    if publication is not None and publication.is_dir():
        for carnet in publication.glob("*.ipynb"):
            shutil.copyfile(carnet, dossier / carnet.name)
    donnees = {"source": source_hash, "enregistree_le": time.strftime("%Y-%m-%d %H:%M"), **empreintes_dossier(source)}
    provisoire = dossier / "empreintes.json.tmp"
    provisoire.write_text(json.dumps(donnees, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    provisoire.replace(dossier / "empreintes.json")


def lire_version(etat: Path, source_hash: str) -> dict | None:
    try:
        return json.loads((dossier_versions(etat) / source_hash[:16] / "empreintes.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# -- ce qui a changé --------------------------------------------------------------------------------------
@dataclass
class Changement:
    carnet: str
    cellule: str          # grade_id, ou chemin d'un fichier du devoir
    nature: str           # phrase française : « tests modifiés », « points : 2 → 3 »…
    structure: bool = False   # cellule ou carnet ajouté ou retiré : le gradebook doit être refait

    def libelle(self, plusieurs_carnets: bool) -> str:
        nom = f"{self.carnet} / {self.cellule}" if plusieurs_carnets and self.carnet else self.cellule
        return f"{nom} : {self.nature}"


def comparer(ancien: dict, nouveau: dict) -> list[Changement]:
    """Les changements qui peuvent changer une note (les textes et les réponses modèles ne comptent pas)."""
    from strategie_correction.rapport import nombre_fr

    changements: list[Changement] = []
    a_carnets, n_carnets = ancien.get("carnets", {}), nouveau.get("carnets", {})
    for carnet in sorted(set(a_carnets) | set(n_carnets)):
        if carnet not in n_carnets:
            changements.append(Changement(carnet, f"{carnet}.ipynb", "carnet retiré du devoir", True))
            continue
        if carnet not in a_carnets:
            changements.append(Changement(carnet, f"{carnet}.ipynb", "carnet ajouté au devoir", True))
            continue
        a, n = a_carnets[carnet], n_carnets[carnet]
        for gid in [g for g in n if g not in a] + sorted(g for g in a if g not in n) + [g for g in n if g in a]:
            if gid not in a:
                points = f", {nombre_fr(n[gid]['points'])} point(s)" if n[gid]["points"] else ""
                changements.append(Changement(carnet, gid, f"cellule ajoutée ({GENRES[n[gid]['genre']]}{points})", True))
            elif gid not in n:
                points = f", {nombre_fr(a[gid]['points'])} point(s)" if a[gid]["points"] else ""
                changements.append(Changement(carnet, gid, f"cellule retirée ({GENRES[a[gid]['genre']]}{points})", True))
            elif a[gid]["genre"] != n[gid]["genre"]:
                changements.append(Changement(
                    carnet, gid, f"devient {GENRES[n[gid]['genre']]} (était {GENRES[a[gid]['genre']]})", True))
            else:
                genre = n[gid]["genre"]
                if genre in ("tests", "manuelle") and (a[gid]["points"] or 0) != (n[gid]["points"] or 0):
                    changements.append(Changement(
                        carnet, gid, f"points modifiés : {nombre_fr(a[gid]['points'])} → {nombre_fr(n[gid]['points'])}"))
                if genre == "tests" and a[gid]["source"] != n[gid]["source"]:
                    changements.append(Changement(carnet, gid, "tests modifiés"))
                if genre == "protegee" and a[gid]["source"] != n[gid]["source"]:
                    changements.append(Changement(carnet, gid, "code protégé modifié (exécuté avant les tests)"))
    a_fichiers, n_fichiers = ancien.get("fichiers"), nouveau.get("fichiers") or {}
    if a_fichiers is not None:
        for chemin in sorted(set(a_fichiers) | set(n_fichiers)):
            if chemin not in n_fichiers:
                changements.append(Changement("", chemin, "fichier retiré du devoir"))
            elif chemin not in a_fichiers:
                changements.append(Changement("", chemin, "fichier ajouté au devoir"))
            elif a_fichiers[chemin] != n_fichiers[chemin]:
                changements.append(Changement("", chemin, "fichier du devoir modifié"))
    return changements


def cellules_touchees(changements: list[Changement]) -> set[tuple[str, str]]:
    return {(c.carnet, c.cellule) for c in changements if c.carnet}


# -- pendant la notation : ce que l'élève a reçu n'est pas une modification de l'élève ----------------------------
def revoir_anomalies(contenu: dict[str, bytes], anomalies: list[dict], versions: list[Path]) -> list[dict]:
    """Les anomalies d'une soumission, jugées aussi contre les carnets distribués d'avant.

    Après une correction des tests, la cellule de l'élève est l'ancienne version distribuée : contre le
    nouveau carnet elle paraît « modifiée ». Si, contre une version distribuée plus ancienne, la
    soumission a moins de ces anomalies, ce sont celles-là qui disent ce que l'élève a fait (la note,
    elle, vient toujours des tests actuels).
    """
    codes = [a for a in anomalies if a.get("code") in CODES_DU_FORMATEUR]
    if not codes or not contenu:
        return anomalies
    import nbformat

    from strategie_correction import reparation

    meilleures = None
    for dossier in versions:
        try:
            publies = {p.stem: nbformat.read(p, as_version=4) for p in sorted(dossier.glob("*.ipynb"))}
        except Exception:  # noqa: BLE001 - an unreadable old release is simply not a candidate
            continue
        if not publies:
            continue
        autres = [a.en_dict() for a in reparation.preparer(contenu, publies).anomalies if a.code in CODES_DU_FORMATEUR]
        if meilleures is None or len(autres) < len(meilleures):
            meilleures = autres
    if meilleures is None or len(meilleures) >= len(codes):
        return anomalies
    return [a for a in anomalies if a.get("code") not in CODES_DU_FORMATEUR] + meilleures


# -- les notes avant et après ------------------------------------------------------------------------------
def _instantane(gb, devoir: str) -> dict:
    """Notes et champs manuels de chaque soumission du gradebook."""
    from strategie_correction import carnet_de_notes as cdn

    notes, cellules, max_score = cdn.lire(gb, devoir)
    manuels, soumissions = {}, {}
    for s in gb.find_assignment(devoir).submissions:
        soumissions[s.student.id] = {"timestamp": s.timestamp, "extension": s.extension}
        for carnet in s.notebooks:
            for g in carnet.grades:
                manuels[(s.student.id, carnet.name, g.name)] = {
                    "manual_score": g.manual_score, "extra_credit": g.extra_credit,
                    "needs_manual_grade": bool(g.needs_manual_grade),
                }
            for c in carnet.comments:
                manuels.setdefault((s.student.id, carnet.name, c.name), {})["manual_comment"] = c.manual_comment
    return {"notes": notes, "max": max_score, "manuels": manuels, "soumissions": soumissions,
            "cellules": [(c["carnet"], c["cellule"]) for c in cellules]}


class _Etapes:
    """Ce que la recorrection ajoute au moteur : avant la notation, puis avant l'export."""

    def __init__(self, devoir: str, avant: dict, touchees: set, structure: bool):
        self.devoir, self.avant, self.touchees, self.structure = devoir, avant, touchees, structure
        self.apres_notes: dict | None = None
        self.a_revoir: list[tuple[str, str, str]] = []

    def avant_notation(self, c) -> None:
        """Cellules ajoutées ou retirées : nbgrader refuse de changer un devoir qui a des soumissions.

        Les soumissions sont retirées du gradebook, le devoir y est enregistré de nouveau, puis elles
        sont recréées avec leur date, leur prolongation et les notes manuelles des cellules qui restent.
        """
        if not self.structure:
            return
        from nbgrader.api import Gradebook, MissingEntry

        from strategie_correction import carnet_de_notes as cdn
        from strategie_correction.moteur import _ecrire_json

        with Gradebook(c.db_url, c.course_id) as gb:
            for eleve in self.avant["soumissions"]:
                try:
                    gb.remove_submission(self.devoir, eleve)
                except MissingEntry:
                    pass
        cdn.generer_devoir(c.cfg, c.cours, self.devoir, c.temporaire)
        source_hash = cdn.empreinte_dossier(c.source)
        _ecrire_json(c.etat / "devoir.json", {"source": source_hash})
        enregistrer_version(c.etat, source_hash, c.source, c.temporaire / "publication" / self.devoir)
        with Gradebook(c.db_url, c.course_id) as gb:
            for eleve, infos in self.avant["soumissions"].items():
                extra = {k: v for k, v in infos.items() if v is not None}
                gb.update_or_create_submission(self.devoir, eleve, **extra)
                self._restaurer(gb, eleve, notes=True)
            gb.db.commit()

    def _restaurer(self, gb, eleve: str, notes: bool) -> None:
        from nbgrader.api import MissingEntry

        for (qui, carnet, nom), champs in self.avant["manuels"].items():
            if qui != eleve:
                continue
            try:
                if notes and "manual_score" in champs:
                    grade = gb.find_grade(nom, carnet, self.devoir, eleve)
                    grade.manual_score, grade.extra_credit = champs["manual_score"], champs["extra_credit"]
                if notes and champs.get("manual_comment") is not None:
                    gb.find_comment(nom, carnet, self.devoir, eleve).manual_comment = champs["manual_comment"]
                if not notes and "needs_manual_grade" in champs:
                    grade = gb.find_grade(nom, carnet, self.devoir, eleve)
                    if (carnet, nom) in self.touchees and grade.manual_score is not None:
                        self.a_revoir.append((eleve, carnet, nom))  # its test or its points changed: to review
                    elif grade.auto_score is not None or grade.manual_score is not None:
                        # The answer did not change: a note given in the formgrader stays validated.
                        grade.needs_manual_grade = champs["needs_manual_grade"]
            except MissingEntry:
                continue  # a cell removed from the assignment

    def avant_export(self, c) -> None:
        from nbgrader.api import Gradebook

        with Gradebook(c.db_url, c.course_id) as gb:
            for eleve in self.avant["soumissions"]:
                self._restaurer(gb, eleve, notes=False)
            gb.db.commit()
            self.apres_notes = _instantane(gb, self.devoir)


# -- le rapport ----------------------------------------------------------------------------------------------
@dataclass
class NoteChangee:
    eleve: str
    nom: str
    ancienne: float | None      # None : pas noté avant (nouvel élève)
    nouvelle: float
    ancien_max: float | None
    nouveau_max: float
    questions: list[tuple[str, float | None, float | None]]  # (cellule, avant, après)

    @property
    def ecart(self) -> float:
        return self.nouvelle - (self.ancienne or 0.0)


@dataclass
class Recorrection:
    """Ce qu'a fait une recorrection d'un devoir."""

    devoir: str
    changements: list[Changement] = field(default_factory=list)
    renotes: int = 0
    inchangees: int = 0
    notes_changees: list[NoteChangee] = field(default_factory=list)
    ancien_max: float | None = None
    nouveau_max: float | None = None
    a_revoir: list[tuple[str, str, str]] = field(default_factory=list)
    version_inconnue: int = 0
    deja_a_jour: int = 0
    bilan: object | None = None
    csv: Path | None = None
    plusieurs_carnets: bool = False
    date_version: str | None = None

    @property
    def rien_a_faire(self) -> bool:
        return self.bilan is None


def _fr(valeur) -> str:
    from strategie_correction.rapport import nombre_fr

    return "—" if valeur is None else nombre_fr(valeur)


def _signe(valeur: float) -> str:
    texte = _fr(abs(valeur))
    return ("+" if valeur > 0 else MOINS if valeur < 0 else "") + texte


def _questions(q: NoteChangee) -> str:
    return ", ".join(f"{nom} {_fr(a)} → {_fr(b)}" for nom, a, b in q.questions)


def texte(r: Recorrection) -> str:
    """Le compte rendu en français (nombres à la française)."""
    lignes = []
    if not r.changements and not r.version_inconnue:
        lignes.append(f"Recorrection de {r.devoir} : rien de ce qui compte pour les notes n'a changé dans solutions/"
                      f"{r.devoir} depuis la dernière correction (tests, points, cellules notées, fichiers) : "
                      "aucune soumission renotée, aucune note changée.")
        return "\n".join(lignes)
    depuis = ""
    if r.date_version:
        try:
            depuis = time.strftime(" (version du %d/%m/%Y à %H:%M)", time.strptime(r.date_version, "%Y-%m-%d %H:%M"))
        except ValueError:
            depuis = f" (version du {r.date_version})"
    if r.changements:
        lignes.append(f"Recorrection de {r.devoir} : {len(r.changements)} changement(s) dans solutions/{r.devoir} "
                      f"depuis la dernière correction{depuis} :")
        lignes += [f"  - {c.libelle(r.plusieurs_carnets)}" for c in r.changements]
    if r.version_inconnue:
        lignes.append(f"La version du devoir qui a servi à noter {r.version_inconnue} élève(s) n'est plus connue "
                      "(correction faite avant l'enregistrement des versions) : ils sont renotés par précaution.")
    if r.bilan is None:
        return "\n".join(lignes)
    niveaux = sorted({l["isolation"] for l in r.bilan.lignes if l.get("isolation")}) or [r.bilan.isolation]
    lignes.append(f"{r.renotes} soumission(s) renotée(s) en {r.bilan.duree:.0f} s, par la chaîne de strategie corriger "
                  f"et avec les réglages de la dernière correction (isolation : {', '.join(niveaux)}).")
    if r.ancien_max is not None and r.nouveau_max is not None and r.ancien_max != r.nouveau_max:
        lignes.append(f"Note maximale : {_fr(r.ancien_max)} → {_fr(r.nouveau_max)}.")
    if r.notes_changees:
        lignes.append(f"Notes changées : {len(r.notes_changees)} élève(s) ; {r.inchangees} note(s) inchangée(s).")
        largeur = max(len(q.eleve) for q in r.notes_changees)
        for q in sorted(r.notes_changees, key=lambda q: (q.ecart, q.eleve)):
            questions = f" ; {_questions(q)}" if q.questions else ""
            lignes.append(f"  {q.eleve:<{largeur}} : {_fr(q.ancienne)} → {_fr(q.nouvelle)} ({_signe(q.ecart)}){questions}")
    else:
        lignes.append(f"Aucune note n'a changé ({r.inchangees} note(s) inchangée(s)).")
    for eleve, carnet, nom in r.a_revoir:
        lignes.append(f"À revoir dans le formgrader : la note manuelle de {eleve} pour {nom} (le test ou ses points "
                      "ont changé).")
    if r.csv is not None:
        lignes.append(f"Changements : {r.csv}")
    lignes.append(f"Notes : {r.bilan.notes_csv} (retours HTML et exports refaits pour les notes changées)")
    return "\n".join(lignes)


COLONNES_CSV = ["student_id", "nom", "ancienne_note", "nouvelle_note", "ecart", "ancien_max", "nouveau_max", "questions"]


def ecrire_csv(r: Recorrection, chemin: Path) -> None:
    """Une ligne par note changée ; nombres au point décimal, comme notes.csv (tableurs, plateformes)."""
    from strategie_correction.rapport import nombre

    tampon = io.StringIO()
    ecrivain = csv.DictWriter(tampon, fieldnames=COLONNES_CSV, lineterminator="\n")
    ecrivain.writeheader()
    for q in sorted(r.notes_changees, key=lambda q: q.eleve):
        ecrivain.writerow({
            "student_id": q.eleve, "nom": q.nom, "ancienne_note": nombre(q.ancienne), "nouvelle_note": nombre(q.nouvelle),
            "ecart": nombre(q.ecart), "ancien_max": nombre(q.ancien_max), "nouveau_max": nombre(q.nouveau_max),
            "questions": "; ".join(f"{nom} {nombre(a) or '-'} -> {nombre(b) or '-'}" for nom, a, b in q.questions),
        })
    provisoire = chemin.with_suffix(".csv.tmp")
    provisoire.write_text(tampon.getvalue(), encoding="utf-8")
    provisoire.replace(chemin)


def _differences(r: Recorrection, avant: dict, apres: dict, lignes: list[dict], plusieurs: bool) -> None:
    def score(notes: dict, eleve: str, cle) -> float | None:
        cellule = notes.get(eleve, {}).get("cellules", {}).get(cle)
        return None if cellule is None or cellule["score"] is None else float(cellule["score"])

    for l in lignes:
        if l["statut"] == "nom_non_reconnu":
            continue
        eleve = l["student_id"]
        etait = avant["notes"].get(eleve)
        ancienne = etait["score"] if etait else (0.0 if eleve in avant.get("connus", ()) else None)
        nouvelle = float(l["score"])
        questions = []
        for cle in sorted(set(avant["notes"].get(eleve, {}).get("cellules", {})) | set(apres["notes"].get(eleve, {}).get("cellules", {}))):
            a, b = score(avant["notes"], eleve, cle), score(apres["notes"], eleve, cle)
            if a != b:
                questions.append((f"{cle[0]} / {cle[1]}" if plusieurs else cle[1], a, b))
        if ancienne is not None and abs(nouvelle - ancienne) < 1e-9:
            r.inchangees += 1  # same grade (points may have moved between questions): counted, not listed
            continue
        r.notes_changees.append(NoteChangee(eleve, l.get("nom") or eleve, ancienne, nouvelle, r.ancien_max,
                                            r.nouveau_max, questions))


# -- la commande ------------------------------------------------------------------------------------------------
def _lire_json(chemin: Path) -> dict | None:
    try:
        return json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _reglages(etat: Path, etats: list[dict]) -> dict:
    """Les options de la dernière correction (dossier des soumissions, réglages), pour noter pareil."""
    derniere = _lire_json(etat / "correction.json")
    if derniere:
        return {k: v for k, v in derniere.items() if k != "date"}
    # Graded before correction.json existed: the settings are in each learner's options hash.
    options = Counter(e.get("options") for e in etats if e.get("options"))
    if not options:
        return {}
    try:
        o = json.loads(options.most_common(1)[0][0])
    except ValueError:
        return {}
    return {"delai_cellule": o.get("delai"), "memoire_mo": o.get("memoire"), "limite_sortie_ko": o.get("sortie"),
            "isolation": o.get("isolation")}


def recorriger(devoir: str, *, cours: Path | str | None = None, sortie: Path | str | None = None, flux=None,
               progression: bool = True, **options) -> Recorrection:
    """Renote ``devoir`` si ses cellules notées ont changé depuis la dernière correction ; voir le module.

    ``options`` : celles de :func:`strategie_correction.moteur.corriger`, qui remplacent les réglages de la
    dernière correction (par défaut, ceux-là sont repris : dossier des soumissions, délais, isolation…).
    """
    from nbgrader.api import Gradebook

    from strategie_correction import carnet_de_notes as cdn
    from strategie_correction import moteur

    cours = Path(cours or Path.cwd()).resolve()
    if not cours.is_dir():
        raise ErreurCorrection(f"Le dossier du cours {cours} n'existe pas.")
    donnee = Path(sortie).resolve() if sortie else None
    if donnee is not None and not donnee.is_dir():
        raise ErreurCorrection(
            f"Le dossier de sortie {donnee} n'existe pas : donnez avec --sortie le dossier de notes.csv de la "
            f"correction à refaire (par défaut notes/{devoir} dans le dossier du cours)."
        )
    correction = moteur.Correction(moteur.Options(devoir=devoir, cours=cours, sortie=donnee, progression=progression),
                                   flux=flux)
    correction._preparer_cours(creer=False)
    etat = correction.etat
    etats = [e for e in (_lire_json(p) for p in sorted((etat / "eleves").glob("*.json"))) if e]
    if not etats:
        raise ErreurCorrection(
            f"Le devoir {devoir} n'a jamais été corrigé ici (rien dans {correction.sortie}) : corrigez-le d'abord "
            f"(strategie corriger {devoir} SOUMISSIONS), ou donnez --cours / --sortie de la correction à refaire."
        )

    r = Recorrection(devoir, plusieurs_carnets=len(correction.carnets) > 1)
    actuelle_hash = cdn.empreinte_dossier(correction.source)
    actuelle = empreintes_dossier(correction.source)
    anciennes = Counter()
    for e in etats:
        try:
            anciennes[json.loads(e.get("options") or "{}").get("source")] += 1
        except ValueError:
            anciennes[None] += 1
    r.deja_a_jour = anciennes.pop(actuelle_hash, 0)
    devoir_enregistre = (_lire_json(etat / "devoir.json") or {}).get("source")
    with Gradebook(correction.db_url, correction.course_id) as gb:
        du_gradebook = empreintes_gradebook(gb, devoir)
        changements: dict[tuple, Changement] = {}
        for version, n in anciennes.items():
            ancienne = lire_version(etat, version) if version else None
            if ancienne is None and version and version == devoir_enregistre:
                ancienne = du_gradebook  # nbgrader's record of the version that was graded
            if ancienne is None:
                r.version_inconnue += n
                continue
            r.date_version = r.date_version or ancienne.get("enregistree_le")
            for c in comparer(ancienne, actuelle):
                changements.setdefault((c.carnet, c.cellule, c.nature), c)
        r.changements = list(changements.values())
        if not r.changements and not r.version_inconnue:
            return r
        avant = _instantane(gb, devoir)
        avant["connus"] = {e["eleve"] for e in etats}
        # nbgrader refuses to change the cells of an assignment with submissions: compare with its record.
        structure = any(c.structure for c in r.changements) or (
            du_gradebook is not None and any(c.structure for c in comparer(du_gradebook, actuelle)))
    r.ancien_max = avant["max"]

    reglages = _reglages(etat, etats)
    reglages.update({k: v for k, v in options.items() if v is not None})
    soumissions = reglages.pop("soumissions", None)
    if soumissions and not Path(soumissions).exists():
        correction.dire(f"Le dossier des soumissions de la dernière correction ({soumissions}) n'existe plus : "
                        "les soumissions sont relues dans submitted/ du cours.")
        soumissions = None
    for cle in ("feuille_moodle",):
        if reglages.get(cle) and not Path(reglages[cle]).is_file():
            reglages[cle] = None
    connues = set(moteur.Options.__dataclass_fields__) - {"devoir", "soumissions", "cours", "sortie", "crochets"}
    reglages = {k: v for k, v in reglages.items() if k in connues}
    if reglages.get("feuille_moodle"):
        reglages["feuille_moodle"] = Path(reglages["feuille_moodle"])
    etapes = _Etapes(devoir, avant, cellules_touchees(r.changements), structure)
    r.bilan = moteur.corriger(devoir, soumissions, cours=cours, sortie=correction.sortie, flux=flux,
                              progression=progression, crochets=etapes, **reglages)
    r.renotes = r.bilan.corrigees
    r.a_revoir = etapes.a_revoir
    apres = etapes.apres_notes or {"notes": {}, "max": r.bilan.lignes[0]["max_score"] if r.bilan.lignes else None}
    r.nouveau_max = apres["max"]
    _differences(r, avant, apres, r.bilan.lignes, r.plusieurs_carnets)
    r.csv = correction.sortie / "recorrection.csv"
    ecrire_csv(r, r.csv)
    (correction.sortie / "recorrection.txt").write_text(texte(r) + "\n", encoding="utf-8")
    return r


def devoirs_corriges(cours: Path) -> list[str]:
    """Les devoirs déjà corrigés dans ``notes/`` du cours (ceux qu'une recorrection peut refaire)."""
    racine = Path(cours) / "notes"
    if not racine.is_dir():
        return []
    return sorted(d.name for d in racine.iterdir() if d.is_dir() and any((d / ".etat" / "eleves").glob("*.json")))
