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
              (la forme que montre la documentation de ``nbgrader zip_collect``).

Par défaut (``auto``), le motif Moodle est choisi dès qu'un nom contient
``_assignsubmission_``, celui de Blackboard dès qu'un nom contient
``_attempt_`` ; sinon ``dossiers`` pour un dossier, ``zips`` pour un fichier. Le dossier des soumissions peut aussi être le zip unique que
Moodle produit avec « Télécharger tous les travaux remis ».

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
}
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


@dataclass
class _Depot:
    chemin: Path
    genre: str                      # "dossier" | "zip" | "fichier"
    brut: str
    nom: str
    horodatage: datetime | None
    fichier: str | None = None      # nom d'origine d'un carnet déposé seul


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


def _depots(dossier: Path, motif: re.Pattern | None) -> tuple[list[_Depot], list[str]]:
    """Ce que contient le dossier des soumissions ; les noms non reconnus à part."""
    entrees = sorted(p for p in dossier.iterdir() if not _ignore(p.name) and not p.name.startswith("."))
    if motif is None and any("_assignsubmission_" in p.name for p in entrees):
        motif = re.compile(MOTIFS["moodle"])
    elif motif is None and any("_attempt_" in p.name for p in entrees):
        motif = re.compile(MOTIFS["blackboard"])
    depots, inconnus = [], []
    for chemin in entrees:
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
        if trouve is None and genre == "fichier" and motif is None:
            trouve = None  # a loose file with the default pattern must end in .zip or .ipynb
        if trouve is None or not (trouve.group("eleve") or "").strip():
            inconnus.append(chemin.name)
            continue
        groupes = trouve.groupdict()
        brut = groupes["eleve"].strip()
        horodatage = _horodatage_du_nom(groupes.get("horodatage"))
        fichier = groupes.get("fichier") if genre == "fichier" else None
        if genre == "fichier" and not fichier:
            fichier = chemin.name
        depots.append(_Depot(chemin, genre, brut, (groupes.get("nom") or brut).strip(), horodatage, fichier))
    return depots, inconnus


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
                nom = membre.filename.replace("\\", "/")
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


def _unite(depots: list[_Depot], devoir: str, temporaire: Path) -> tuple[dict[str, Path], datetime, str]:
    """Les fichiers d'un dépôt (un dossier, un zip, ou des fichiers isolés réunis)."""
    premier = depots[0]
    if premier.genre == "fichier":
        fichiers = {Path(d.fichier or d.chemin.name).name: d.chemin for d in depots}
        moments = [d.horodatage or _mtime(d.chemin) for d in depots]
        return fichiers, max(moments), ", ".join(d.chemin.name for d in depots)
    if premier.genre == "zip":
        cible = temporaire / hashlib.sha1(str(premier.chemin).encode()).hexdigest()[:16]
        if cible.exists():
            shutil.rmtree(cible)
        cible.mkdir(parents=True)
        extraire_zip(premier.chemin, cible)
        base = _contenu(cible, devoir)
        moment = premier.horodatage or lire_horodatage_nbgrader(base / "timestamp.txt") or _mtime(premier.chemin)
        return _fichiers(base), moment, premier.chemin.name
    base = premier.chemin / devoir if (premier.chemin / devoir).is_dir() else _contenu(premier.chemin, devoir)
    fichiers = _fichiers(base)
    moment = premier.horodatage or lire_horodatage_nbgrader(base / "timestamp.txt")
    if moment is None:
        dates = [_mtime(p) for p in fichiers.values()] or [_mtime(premier.chemin)]
        moment = max(dates)
    return fichiers, moment, premier.chemin.name + "/"


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

    # Group by nbgrader id: loose files of one student form one deposit, each folder or zip another.
    par_eleve: dict[str, list[list[_Depot]]] = {}
    for depot in depots:
        unites = par_eleve.setdefault(normaliser_identifiant(depot.brut), [])
        if depot.genre == "fichier":
            isoles = next((u for u in unites if u[0].genre == "fichier"), None)
            if isoles is not None:
                isoles.append(depot)
                continue
        unites.append([depot])

    soumissions: list[Soumission] = []
    for eleve, unites in sorted(par_eleve.items()):
        lues = []
        for unite in unites:
            try:
                fichiers, moment, origine = _unite(unite, devoir, temporaire)
                erreur = None
            except ErreurImportation as exc:
                fichiers, moment, origine, erreur = {}, unite[0].horodatage or _mtime(unite[0].chemin), unite[0].chemin.name, exc
            lues.append((moment, origine, fichiers, erreur, unite[0]))
        lues.sort(key=lambda lu: (lu[0], lu[1]))
        moment, origine, fichiers, erreur, depot = lues[-1]
        anomalies: list[Anomalie] = []
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
            origine=origine, anomalies=anomalies, en_place=en_place and depot.brut == eleve,
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
