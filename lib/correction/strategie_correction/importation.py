"""Importer les soumissions dans l'arborescence de nbgrader.

Le dossier des soumissions contient, au choix :

* un sous-dossier par élève, nommé par son identifiant (``alice/``), qui
  contient ses carnets, directement ou dans un dossier au nom du devoir
  (c'est la forme de ``submitted/`` après ``nbgrader collect``) ;
* les fichiers exportés d'une plateforme (LMS) : un zip (ou un carnet) par
  élève, dont le nom porte l'identifiant. Le nom est lu avec une expression
  régulière (option ``--motif``) qui doit avoir un groupe ``eleve`` et peut
  avoir les groupes ``nom`` (nom affiché) et ``horodatage`` (date du dépôt).

Motifs fournis (option ``--lms``) :

``dossiers``  le nom du dossier est l'identifiant ;
``zips``      ``alice.zip``, ``José García.zip`` ou ``alice_2024-03-01T10-30.zip``
              (l'horodatage, facultatif, départage deux dépôts du même élève) ;
``moodle``    ``Prénom Nom_123456_assignsubmission_file_…`` (dossier, zip ou
              carnet) : l'identifiant est le numéro de participant Moodle ;
``blackboard`` ``Devoir_jdupont_attempt_2024-03-01-10-30-00_fichier.ipynb``
              (la forme que montre la documentation de ``nbgrader zip_collect``) ;
``canvas``    ``dupontjean_123456_7890123_fichier.ipynb`` (ou ``…_LATE_123456_…`` pour un
              dépôt en retard) : l'identifiant est le numéro d'utilisateur Canvas ;
``brightspace`` ``12345-67890 - Dupont, Jean - 1 mars 2026 1030 - fichier.ipynb`` (fichier)
              ou le dossier ``12345-67890 - Jean Dupont - Sep 24, 2024 926 PM`` ; le
              ``index.html`` de l'export n'est pas un élève.

Par défaut (``auto``), le motif Moodle est choisi dès qu'un nom contient
``_assignsubmission_``, celui de Blackboard dès qu'un nom contient
``_attempt_``, celui de Brightspace dès qu'un nom commence par ``NNN-NNN - ``,
celui de Canvas dès que tous les noms suivent sa forme ; sinon ``dossiers`` pour
un dossier, ``zips`` pour un fichier. Le dossier des soumissions peut aussi être
le zip unique que la plateforme produit (« Télécharger tous les travaux remis »).

Tous les dépôts d'un élève sur Moodle (un dossier « fichiers » et un dossier
« texte en ligne », par exemple), sur Canvas (un fichier par pièce jointe) ou
dans un même dépôt Brightspace sont réunis en une seule soumission. Un zip
déposé par l'élève est ouvert (un niveau, avec les mêmes limites de taille) ; les
noms d'un zip sans le drapeau UTF-8 sont relus en UTF-8 ou en cp850 (Windows).

Deux dépôts du même élève : le plus récent est noté (horodatage du nom, puis
``timestamp.txt``, puis date de modification du fichier). Un identifiant
avec accents, espaces ou ponctuation est adapté pour nbgrader
(``José García`` → ``Jose_Garcia``) ; le nom d'origine reste dans notes.csv.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from strategie_correction.statuts import Anomalie

MOTIFS: dict[str, str] = {
    "dossiers": r"^(?P<eleve>.+)$",
    "zips": (
        r"^(?P<eleve>.+?)"
        r"(?:_(?P<horodatage>\d{4}-?\d{2}-?\d{2}(?:[T_-]?\d{2}[-:h]?\d{2}(?:[-:]?\d{2})?)?))?"
        r"\.(?:zip|ipynb)$"
    ),
    "moodle": r"^(?P<nom>.+?)_(?P<eleve>\d+)_assignsubmission_(?:file|onlinetext)_?(?P<fichier>.*)$",
    "blackboard": r"^.*?_(?P<eleve>[^_]+)_attempt_(?P<horodatage>[0-9-]+)_?(?P<fichier>.*)$",
    # Canvas "Download Submissions": name_[LATE_]userid_attachmentid_filename (see tests/correction/test_lms.py).
    "canvas": r"^(?P<nom>[^_]+?)(?P<retard>_LATE)?_(?P<eleve>\d+)_(?P<piece>\d+)_(?P<fichier>.+)$",
    # Brightspace "Download": "NNN-NNN - Name - date[ - filename]" and an index.html.
    "brightspace": r"^(?P<numeros>\d+-\d+) - (?P<eleve>.+?) - (?P<date>[^-]+?)(?: - (?P<fichier>.+))?$",
}
# Platforms whose deposits of one learner are put together into one submission.
_REUNIS = {"moodle", "canvas", "brightspace"}
_EN_TETE_BRIGHTSPACE = re.compile(r"^\d+-\d+ - ")
_EN_TETE_CANVAS = re.compile(MOTIFS["canvas"])
LMS = ("auto", *MOTIFS)

# Names that an OS or an editor leaves behind: never part of a submission.
_IGNORES = {"__MACOSX", ".ipynb_checkpoints", "__pycache__", ".DS_Store", "Thumbs.db", "desktop.ini"}
TAILLE_MAX = 200 * 1024 * 1024      # uncompressed bytes per submission
FICHIERS_MAX = 500


class ErreurImportation(Exception):
    """Le dossier des soumissions ou le motif ne conviennent pas (message en français)."""


@dataclass
class Soumission:
    """Le travail d'un élève, prêt à être copié dans ``submitted/<eleve>/<devoir>/``."""

    eleve: str                      # identifiant nbgrader (sûr pour un nom de dossier)
    brut: str                       # identifiant tel qu'il a été trouvé
    nom: str                        # nom affiché
    fichiers: dict[str, Path]       # chemin relatif -> fichier source
    horodatage: datetime            # date du dépôt (UTC)
    origine: str                    # ce qui a été lu (dossier, zip…)
    anomalies: list[Anomalie] = field(default_factory=list)
    en_place: bool = False          # déjà dans submitted/ : rien à copier
    lms: str = "dossiers"           # forme reconnue (moodle, canvas, brightspace, zips…)


@dataclass
class _Depot:
    chemin: Path
    genre: str                      # "dossier" | "zip" | "fichier"
    brut: str
    nom: str
    horodatage: datetime | None
    fichier: str | None = None      # nom d'origine d'un carnet déposé seul
    lms: str = "dossiers"
    lot: str | None = None          # dépôts d'un même élève à réunir (même lot)
    retard: bool = False            # la plateforme marque le dépôt en retard


def compiler_motif(lms: str = "auto", motif: str | None = None) -> re.Pattern | None:
    """Le motif choisi, vérifié ; ``None`` pour le choix automatique."""
    if motif:
        try:
            compile_ = re.compile(motif)
        except re.error as exc:
            raise ErreurImportation(f"Le motif --motif n'est pas une expression régulière valide : {exc}.") from None
        if "eleve" not in compile_.groupindex:
            raise ErreurImportation(
                "Le motif --motif doit avoir un groupe nommé « eleve » qui capture l'identifiant, "
                r"par exemple : ^(?P<eleve>[^_]+)_.*\.zip$"
            )
        return compile_
    if lms not in LMS:
        raise ErreurImportation(f"--lms vaut {lms!r} ; choisissez parmi : {', '.join(LMS)}.")
    return None if lms == "auto" else re.compile(MOTIFS[lms])


def normaliser_identifiant(brut: str) -> str:
    """Un identifiant utilisable par nbgrader : lettres ASCII, chiffres, ``.``, ``_`` et ``-``."""
    ascii_ = unicodedata.normalize("NFKD", brut).encode("ascii", "ignore").decode("ascii")
    propre = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_.strip()).strip("._-")
    if not propre:
        propre = "eleve_" + hashlib.sha1(brut.encode("utf-8")).hexdigest()[:8]
    return propre


def _horodatage_du_nom(texte: str | None) -> datetime | None:
    if not texte:
        return None
    chiffres = re.sub(r"\D", "", texte)
    for longueur, forme in ((14, "%Y%m%d%H%M%S"), (12, "%Y%m%d%H%M"), (8, "%Y%m%d")):
        if len(chiffres) == longueur:
            try:
                return datetime.strptime(chiffres, forme).replace(tzinfo=timezone.utc)
            except ValueError:
                return None
    return None


def lire_horodatage_nbgrader(chemin: Path) -> datetime | None:
    """La date d'un ``timestamp.txt`` de nbgrader (``2024-03-01 10:30:00.000000 UTC``)."""
    try:
        texte = chemin.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    texte = re.sub(r"\s*(UTC|Z)$", "", texte)
    try:
        moment = datetime.fromisoformat(texte)
    except ValueError:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def ecrire_horodatage_nbgrader(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")


def _mtime(chemin: Path) -> datetime:
    return datetime.fromtimestamp(chemin.stat().st_mtime, tz=timezone.utc).replace(microsecond=0)


def _ignore(nom: str) -> bool:
    return nom in _IGNORES or nom.startswith("._") or nom.startswith(".~")


def _forme_auto(entrees: list[Path]) -> str | None:
    """La plateforme que trahissent les noms du dossier, ou None (dossiers, zips)."""
    noms = [p.name for p in entrees if p.name.lower() != "index.html"]
    if any("_assignsubmission_" in n for n in noms):
        return "moodle"
    if any("_attempt_" in n for n in noms):
        return "blackboard"
    if noms and any(_EN_TETE_BRIGHTSPACE.match(n) for n in noms):
        return "brightspace"
    # Canvas names are plain enough to be a learner's own: all of them must follow the form.
    if noms and all(_EN_TETE_CANVAS.match(n) for n in noms):
        return "canvas"
    return None


def _horodatage_brightspace(texte: str | None) -> datetime | None:
    """« Sep 24, 2024 926 PM » (forme anglaise de Brightspace) ; sinon les chiffres de la date."""
    if not texte:
        return None
    for forme in ("%b %d, %Y %I%M %p", "%b %d, %Y %I:%M %p", "%d %b %Y %H%M", "%d %b, %Y %H%M"):
        try:
            return datetime.strptime(texte.strip(), forme).replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    return _horodatage_du_nom(texte)


def _depots(dossier: Path, motif: re.Pattern | None, forme: str | None = None) -> tuple[list[_Depot], list[str]]:
    """Ce que contient le dossier des soumissions ; les noms non reconnus à part."""
    entrees = sorted(p for p in dossier.iterdir() if not _ignore(p.name) and not p.name.startswith("."))
    if motif is None:
        forme = _forme_auto(entrees)
        if forme is not None:
            motif = re.compile(MOTIFS[forme])
    depots, inconnus = [], []
    for chemin in entrees:
        if forme == "brightspace" and chemin.name.lower() == "index.html" and chemin.is_file():
            continue  # Brightspace's table of the download, not a learner
        if chemin.is_symlink():
            inconnus.append(chemin.name)
            continue
        if chemin.is_dir():
            genre = "dossier"
        elif chemin.suffix.lower() == ".zip":
            genre = "zip"
        else:
            genre = "fichier"
        actif = motif or re.compile(MOTIFS["dossiers" if genre == "dossier" else "zips"])
        trouve = actif.match(chemin.name)
        if trouve is None or not (trouve.group("eleve") or "").strip():
            inconnus.append(chemin.name)
            continue
        groupes = trouve.groupdict()
        if genre == "zip" and forme in _REUNIS and groupes.get("fichier"):
            genre = "fichier"   # a zip the learner uploaded: opened (and said so) with the rest of their files
        brut = groupes["eleve"].strip()
        nom = (groupes.get("nom") or brut).strip()
        if forme == "brightspace":
            horodatage = _horodatage_brightspace(groupes.get("date"))
            lot = "brightspace " + (groupes.get("date") or "")   # one deposit = one date
            if "," in brut:  # "Last, First" -> "First Last"
                nom_, prenom = (p.strip() for p in brut.split(",", 1))
                nom = f"{prenom} {nom_}"
                brut = nom
            else:
                nom = brut
        else:
            horodatage = _horodatage_du_nom(groupes.get("horodatage"))
            lot = forme if forme in _REUNIS else None
        fichier = groupes.get("fichier") if genre == "fichier" else None
        if genre == "fichier" and not fichier:
            fichier = chemin.name
        if forme == "moodle":
            nom = nom.replace("_", " ")
        depots.append(_Depot(
            chemin, genre, brut, nom, horodatage, fichier, lms=forme or ("dossiers" if genre == "dossier" else "zips"),
            lot=lot, retard=bool(groupes.get("retard")),
        ))
    return depots, inconnus


def _nom_membre(membre: zipfile.ZipInfo) -> str:
    """Le nom d'un membre de zip : sans le drapeau UTF-8, zipfile le lit en cp437 ; relu en UTF-8 ou cp850."""
    nom = membre.filename
    if not membre.flag_bits & 0x800:
        try:
            octets = nom.encode("cp437")
        except UnicodeEncodeError:
            octets = None
        if octets is not None:
            try:
                nom = octets.decode("utf-8")
            except UnicodeDecodeError:
                nom = octets.decode("cp850")   # Windows' Western European code page (é, è, ç…)
    return unicodedata.normalize("NFC", nom)


def extraire_zip(archive: Path, destination: Path) -> None:
    """Extrait un zip sans rien écrire hors de ``destination`` (ni liens, ni chemins absolus)."""
    try:
        with zipfile.ZipFile(archive) as zf:
            membres = [m for m in zf.infolist() if not m.is_dir()]
            if len(membres) > FICHIERS_MAX:
                raise ErreurImportation(f"l'archive contient {len(membres)} fichiers (au plus {FICHIERS_MAX})")
            if sum(m.file_size for m in membres) > TAILLE_MAX:
                raise ErreurImportation(f"l'archive décompressée dépasse {TAILLE_MAX // 2**20} Mo")
            racine = destination.resolve()
            for membre in membres:
                nom = _nom_membre(membre).replace("\\", "/")
                parties = [p for p in nom.split("/") if p not in ("", ".")]
                if not parties or ".." in parties or any(_ignore(p) for p in parties):
                    continue
                if stat.S_ISLNK(membre.external_attr >> 16):
                    continue
                cible = racine.joinpath(*parties)
                if racine not in cible.resolve().parents:
                    continue
                cible.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(membre) as source, open(cible, "wb") as sortie:
                    shutil.copyfileobj(source, sortie)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError) as exc:
        raise ErreurImportation(f"l'archive est illisible ({exc})") from None


def _contenu(racine: Path, devoir: str) -> Path:
    """Descend dans un dossier d'emballage unique ou dans le dossier du devoir."""
    courant = racine
    for _ in range(4):
        visibles = [p for p in courant.iterdir() if not _ignore(p.name) and not p.name.startswith(".")]
        fichiers = [p for p in visibles if p.is_file() and p.name != "timestamp.txt"]
        dossiers = [p for p in visibles if p.is_dir() and not p.is_symlink()]
        if (courant / devoir).is_dir() and not any(p.suffix.lower() == ".ipynb" for p in fichiers):
            courant = courant / devoir
        elif len(dossiers) == 1 and not fichiers:
            courant = dossiers[0]
        else:
            break
    return courant


def _fichiers(dossier: Path) -> dict[str, Path]:
    resultat: dict[str, Path] = {}
    total = 0
    for chemin in sorted(dossier.rglob("*")):
        relatif = chemin.relative_to(dossier)
        if any(_ignore(p) for p in relatif.parts) or chemin.is_symlink() or not chemin.is_file():
            continue
        total += chemin.stat().st_size
        if len(resultat) >= FICHIERS_MAX or total > TAILLE_MAX:
            raise ErreurImportation(
                f"la soumission dépasse {FICHIERS_MAX} fichiers ou {TAILLE_MAX // 2**20} Mo"
            )
        resultat[relatif.as_posix()] = chemin
    return resultat


def _extraire_vers(archive: Path, temporaire: Path, devoir: str) -> Path:
    cible = temporaire / hashlib.sha1(str(archive).encode()).hexdigest()[:16]
    if cible.exists():
        shutil.rmtree(cible)
    cible.mkdir(parents=True)
    extraire_zip(archive, cible)
    return _contenu(cible, devoir)


def _ouvrir_zips_internes(fichiers: dict[str, Path], devoir: str, temporaire: Path) -> tuple[dict[str, Path], list[str]]:
    """Ouvre les zips qu'un élève a déposés (un niveau) ; renvoie les fichiers et les zips ouverts.

    Le contenu prend la place du zip ; un nom déjà pris reste sous ``<zip sans .zip>/``. Un zip dans le
    zip n'est pas ouvert (il reste un fichier, signalé comme fichier en trop) : pas de zip en abyme.
    """
    ouverts = []
    resultat = dict(fichiers)
    total = sum(p.stat().st_size for p in fichiers.values())
    for relatif in sorted(fichiers):
        if not relatif.lower().endswith(".zip"):
            continue
        base = _extraire_vers(fichiers[relatif], temporaire / "internes", devoir)
        contenus = _fichiers(base)
        total += sum(p.stat().st_size for p in contenus.values())
        if len(resultat) + len(contenus) > FICHIERS_MAX or total > TAILLE_MAX:
            raise ErreurImportation(f"la soumission dépasse {FICHIERS_MAX} fichiers ou {TAILLE_MAX // 2**20} Mo")
        del resultat[relatif]
        parent = relatif.rsplit("/", 1)[0] + "/" if "/" in relatif else ""
        for nom, chemin in contenus.items():
            cle = parent + nom
            if cle in resultat:
                cle = relatif[: -len(".zip")] + "/" + nom
            resultat[cle] = chemin
        ouverts.append(relatif)
    return resultat, ouverts


def _fichiers_du_depot(depot: _Depot, devoir: str, temporaire: Path) -> tuple[dict[str, Path], datetime]:
    if depot.genre == "fichier":
        return {Path(depot.fichier or depot.chemin.name).name: depot.chemin}, depot.horodatage or _mtime(depot.chemin)
    if depot.genre == "zip":
        base = _extraire_vers(depot.chemin, temporaire, devoir)
        moment = depot.horodatage or lire_horodatage_nbgrader(base / "timestamp.txt") or _mtime(depot.chemin)
        return _fichiers(base), moment
    base = depot.chemin / devoir if (depot.chemin / devoir).is_dir() else _contenu(depot.chemin, devoir)
    fichiers = _fichiers(base)
    moment = depot.horodatage or lire_horodatage_nbgrader(base / "timestamp.txt")
    if moment is None:
        dates = [_mtime(p) for p in fichiers.values()] or [_mtime(depot.chemin)]
        moment = max(dates)
    return fichiers, moment


def _unite(depots: list[_Depot], devoir: str, temporaire: Path) -> tuple[dict[str, Path], datetime, str, list[str]]:
    """Les fichiers d'un dépôt (un dossier, un zip, ou plusieurs dépôts réunis) et les zips internes ouverts."""
    fichiers: dict[str, Path] = {}
    moments = []
    for depot in depots:
        propres, moment = _fichiers_du_depot(depot, devoir, temporaire)
        moments.append(moment)
        for relatif, chemin in propres.items():
            cle = relatif
            if cle in fichiers:  # the same name in two folders of one learner (Moodle): both kept
                cle = f"{normaliser_identifiant(depot.chemin.name)}/{relatif}"
            fichiers[cle] = chemin
    if len(fichiers) > FICHIERS_MAX:
        raise ErreurImportation(f"la soumission dépasse {FICHIERS_MAX} fichiers")
    if depots[0].genre == "dossier" and len(depots) == 1:
        origine = depots[0].chemin.name + "/"
    else:
        origine = ", ".join(d.chemin.name + ("/" if d.genre == "dossier" else "") for d in depots)
    fichiers, ouverts = _ouvrir_zips_internes(fichiers, devoir, temporaire)
    return fichiers, max(moments), origine, ouverts


def lister(
    dossier: Path, devoir: str, temporaire: Path, *, lms: str = "auto", motif: str | None = None,
    en_place: bool = False,
) -> tuple[list[Soumission], list[str]]:
    """Les soumissions du dossier, une par élève (la plus récente), et les noms non reconnus.

    ``temporaire`` reçoit les zips extraits. ``en_place`` : le dossier est le
    ``submitted/`` du cours (rien ne sera copié).
    """
    dossier = Path(dossier)
    if dossier.is_file() and dossier.suffix.lower() == ".zip":
        cible = temporaire / "export"
        if cible.exists():
            shutil.rmtree(cible)
        cible.mkdir(parents=True)
        try:
            extraire_zip(dossier, cible)
        except ErreurImportation as exc:
            raise ErreurImportation(f"Le zip des soumissions {dossier} : {exc}.") from None
        dossier = cible
        # A wrapping folder around the students' deposits (but not a single student's own folder).
        while True:
            visibles = [p for p in dossier.iterdir() if not _ignore(p.name) and not p.name.startswith(".")]
            if len(visibles) == 1 and visibles[0].is_dir() and not any(
                    p.suffix.lower() in (".ipynb", ".zip") for p in visibles[0].iterdir() if p.is_file()):
                dossier = visibles[0]
            else:
                break
    if dossier.is_file():
        raise ErreurImportation(
            f"« {dossier} » est un fichier, pas un dossier ni un zip. Donnez le dossier des soumissions ou le "
            "zip exporté de votre plateforme (« Télécharger tous les travaux remis »)."
        )
    if not dossier.is_dir():
        raise ErreurImportation(
            f"Le dossier des soumissions {dossier} n'existe pas. Donnez un dossier avec un "
            "sous-dossier par élève, ou le dossier des zips exportés de votre plateforme."
        )
    depots, inconnus = _depots(dossier, compiler_motif(lms, motif))
    if en_place:
        # submitted/ holds every assignment: keep the students who handed in this one.
        depots = [d for d in depots if d.genre == "dossier" and (d.chemin / devoir).is_dir()]
        inconnus = []

    # Group by nbgrader id: loose files of one student form one deposit, each folder or zip another, and
    # the deposits of one lot (all of a learner's Moodle folders, one Brightspace date…) one deposit.
    par_eleve: dict[str, list[list[_Depot]]] = {}
    for depot in depots:
        unites = par_eleve.setdefault(normaliser_identifiant(depot.brut), [])
        cle = depot.lot if depot.lot is not None else ("fichiers" if depot.genre == "fichier" else None)
        if cle is not None:
            meme = next((u for u in unites if (u[0].lot if u[0].lot is not None else
                                                ("fichiers" if u[0].genre == "fichier" else None)) == cle), None)
            if meme is not None:
                meme.append(depot)
                continue
        unites.append([depot])

    soumissions: list[Soumission] = []
    for eleve, unites in sorted(par_eleve.items()):
        lues = []
        for unite in unites:
            try:
                fichiers, moment, origine, ouverts = _unite(unite, devoir, temporaire)
                erreur = None
            except ErreurImportation as exc:
                fichiers, moment, origine, ouverts, erreur = (
                    {}, unite[0].horodatage or _mtime(unite[0].chemin), unite[0].chemin.name, [], exc)
            lues.append((moment, origine, fichiers, erreur, unite[0], ouverts, any(d.retard for d in unite)))
        lues.sort(key=lambda lu: (lu[0], lu[1]))
        moment, origine, fichiers, erreur, depot, ouverts, retard = lues[-1]
        anomalies: list[Anomalie] = []
        if ouverts:
            anomalies.append(Anomalie(
                "archive_ouverte",
                f"Archive(s) déposée(s) par l'élève ouverte(s) : {', '.join(ouverts)} ; leur contenu est noté.",
            ))
        if retard:
            anomalies.append(Anomalie(
                "retard_signale",
                "La plateforme a marqué ce dépôt « en retard » (LATE). La note n'en tient pas compte : appliquez "
                "votre règle de retard (échéance et pénalité dans nbgrader, ou à la main).",
            ))
        if erreur is not None:
            anomalies.append(Anomalie(
                "archive_invalide",
                f"Le dépôt « {origine} » n'a pas pu être lu : {erreur}. Demandez à l'élève de déposer "
                "de nouveau son carnet (.ipynb) ou une archive zip ordinaire.",
            ))
        if len(lues) > 1:
            ignores = ", ".join(f"« {lu[1]} » ({lu[0]:%Y-%m-%d %H:%M})" for lu in lues[:-1])
            anomalies.append(Anomalie(
                "soumissions_multiples",
                f"{len(lues)} dépôts pour cet élève : le plus récent, « {origine} » ({moment:%Y-%m-%d %H:%M}), "
                f"est noté ; ignoré(s) : {ignores}. Si ce n'est pas le bon, retirez l'autre dépôt et relancez.",
            ))
        bruts = sorted({lu[4].brut for lu in lues})
        if any(b != eleve for b in bruts):
            anomalies.append(Anomalie(
                "identifiant_normalise",
                f"Identifiant « {' / '.join(bruts)} » enregistré dans nbgrader sous « {eleve} » "
                "(sans accents ni espaces). Reportez la note sous le nom d'origine dans votre plateforme.",
            ))
        soumissions.append(Soumission(
            eleve=eleve, brut=depot.brut, nom=depot.nom, fichiers=fichiers, horodatage=moment,
            origine=origine, anomalies=anomalies, en_place=en_place and depot.brut == eleve, lms=depot.lms,
        ))
    return soumissions, inconnus


def empreinte(soumission: Soumission) -> str:
    """Une empreinte stable du contenu déposé (noms, octets) et de sa date."""
    h = hashlib.sha256()
    for relatif in sorted(soumission.fichiers):
        if relatif == "timestamp.txt":
            continue
        h.update(relatif.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(soumission.fichiers[relatif].read_bytes()).digest())
    h.update(soumission.horodatage.isoformat().encode())
    return h.hexdigest()


def contenu(soumission: Soumission) -> dict[str, bytes]:
    """Les octets de la soumission telle qu'elle est notée : fichiers déposés et ``timestamp.txt``."""
    from strategie_correction.instantanes import lire_fichier_sur

    octets = {r: lire_fichier_sur(p) for r, p in soumission.fichiers.items() if r != "timestamp.txt"}
    octets["timestamp.txt"] = (ecrire_horodatage_nbgrader(soumission.horodatage) + "\n").encode()
    return octets


def importer(soumission: Soumission, cible: Path) -> None:
    """Copie la soumission dans ``cible`` (``submitted/<eleve>/<devoir>``) si elle a changé.

    Les fichiers déposés sont copiés tels quels (la réparation se fait sur une
    copie de travail, au moment de la correction) et ``timestamp.txt`` reçoit
    la date du dépôt. Le remplacement passe par un dossier temporaire : une
    interruption ne laisse jamais un dossier à moitié copié sous son vrai nom.
    """
    if soumission.en_place:
        return
    attendu = contenu(soumission)
    if cible.is_dir():
        present = {
            p.relative_to(cible).as_posix(): p for p in cible.rglob("*") if p.is_file() and not p.is_symlink()
        }
        if set(present) == set(attendu) and all(present[r].read_bytes() == o for r, o in attendu.items()):
            return
    provisoire = cible.parent / f".{cible.name}.import"
    if provisoire.exists():
        shutil.rmtree(provisoire)
    for relatif, octets in attendu.items():
        chemin = provisoire / relatif
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_bytes(octets)
    if cible.exists():
        shutil.rmtree(cible)
    provisoire.rename(cible)
