"""Commande des formateurs ``strategie corriger DEVOIR [SOUMISSIONS] [options]``.

Aussi lancée par ``strategie-corriger`` ou ``python -m strategie_correction``.
Le guide du formateur est docs/formateur.md.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path


def _entier_positif(texte: str) -> int:
    try:
        valeur = int(texte)
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {texte} » n'est pas un nombre entier") from None
    if valeur <= 0:
        raise argparse.ArgumentTypeError(f"« {texte} » doit être un entier strictement positif")
    return valeur


class _Format(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class _Analyseur(argparse.ArgumentParser):
    """argparse, messages d'erreur et titres en français."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Format)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"

    def error(self, message):
        traductions = {
            "the following arguments are required": "arguments obligatoires manquants",
            "invalid choice": "choix invalide",
            "unrecognized arguments": "arguments inconnus",
            "expected one argument": "une valeur est attendue",
            "choose from": "choisissez parmi",
        }
        for anglais, francais in traductions.items():
            message = message.replace(anglais, francais)
        if message.startswith("argument "):
            message = "option " + message[len("argument "):]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


def analyseur() -> argparse.ArgumentParser:
    c = _Analyseur(
        prog="strategie corriger", add_help=False,
        description=(
            "Corrige un devoir depuis le dossier du cours : importe les soumissions dans submitted/, "
            "les note en parallèle (code des élèves isolé), produit les retours en français dans "
            "feedback/, puis notes.csv et rapport.html dans notes/DEVOIR/. Relancer la commande ne "
            "refait que ce qui a changé ; c'est aussi ainsi qu'on exporte les notes manuelles du formgrader."
        ),
        epilog=(
            "Exemples : strategie corriger 01-business-model-canvas depots/ ; "
            "strategie corriger 01-business-model-canvas export-moodle.zip --lms moodle ; "
            "strategie corriger 01-business-model-canvas (soumissions déjà collectées dans submitted/) ; "
            "strategie corriger 01-business-model-canvas --recorriger (après avoir corrigé un test dans solutions/)."
        ),
    )
    c.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    c.add_argument("devoir", nargs="?", help="nom du devoir (dossier de solutions/), par exemple 01-business-model-canvas "
                   "(facultatif avec --recorriger : tous les devoirs déjà corrigés)")
    c.add_argument(
        "soumissions", nargs="?", type=Path,
        help="dossier des soumissions (un sous-dossier par élève, ou les zips d'une plateforme), ou le zip "
             "« tous les travaux » de Moodle ; par défaut submitted/ du cours (après nbgrader collect)",
    )
    c.add_argument(
        "--recorriger", action="store_true",
        help="après une correction des tests ou du barème dans solutions/ : comparer chaque cellule notée à la "
             "version qui a servi à noter, renoter seulement les devoirs touchés (mêmes soumissions, mêmes réglages) "
             "et dire quelles notes ont changé, de combien et pour qui (recorrection.csv) ; sans changement, ne rien faire",
    )
    c.add_argument("--cours", type=Path, default=Path.cwd(), help="dossier du cours (par défaut : le dossier courant)")
    c.add_argument("--sortie", type=Path, help="dossier de notes.csv et rapport.html (par défaut : notes/DEVOIR)")
    c.add_argument(
        "--lms", default=None, choices=["auto", "dossiers", "zips", "moodle", "canvas", "brightspace", "blackboard"],
        help="forme des noms de dépôt (par défaut : auto) ; voir docs/formateur.md",
    )
    c.add_argument(
        "--motif", help="expression régulière des noms de dépôt, avec un groupe (?P<eleve>…) et, au choix, "
                        "(?P<nom>…) et (?P<horodatage>…) ; remplace --lms",
    )
    c.add_argument("--feuille-moodle", type=Path, help="feuille d'évaluation téléchargée de Moodle (CSV) à remplir "
                   "(par défaut : un CSV avec une colonne « Identifier » déposé dans le dossier des notes)")
    c.add_argument("--paralleles", type=_entier_positif, help="ateliers de correction en parallèle (par défaut : deux par cœur, plus un)")
    c.add_argument("--sans-noyau-d-avance", action="store_true",
                   help="démarrer chaque noyau à la demande, au lieu de démarrer celui de l'élève suivant pendant "
                        "qu'un élève est noté (plus lent ; pour comparer ou pour une machine à court de mémoire)")
    c.add_argument("--delai-cellule", type=_entier_positif, help="secondes permises par cellule (par défaut : Execute.timeout du cours)")
    c.add_argument("--delai-total", type=_entier_positif, help="secondes permises par soumission (par défaut : 10 × délai par cellule, au moins 300)")
    c.add_argument("--memoire", type=_entier_positif, help="mémoire permise au code d'un élève, en Mo (par défaut : 2048)")
    c.add_argument("--limite-sortie", type=_entier_positif, help="sortie gardée par cellule, en Ko (par défaut : 1000)")
    c.add_argument(
        "--isolation", default=None, choices=["auto", "bwrap", "landlock"],
        help="isolation du code des élèves : auto (la meilleure disponible), bwrap (espaces de noms Linux) "
             "ou landlock (Landlock et seccomp, là où les espaces de noms sont interdits)",
    )
    c.add_argument(
        "--sans-isolation", action="store_true",
        help="corriger même sans isolation disponible : une soumission à la fois, chaque ligne de notes.csv "
             "marquée « non isolée » (à réserver à des soumissions de confiance)",
    )
    c.add_argument("--sans-retours", action="store_true", help="ne pas produire les retours HTML (feedback/)")
    c.add_argument("--silencieux", action="store_true", help="ni barre de progression ni résumé")
    return c


def _resume(bilan) -> str:
    from strategie_correction.rapport import nombre_fr as nombre
    from strategie_correction.statuts import LIBELLES

    lignes = [l for l in bilan.lignes]
    notees = [l for l in lignes if l.get("note_valide")]
    texte = [
        f"Correction terminée en {bilan.duree:.0f} s : {len(lignes)} élève(s), {bilan.corrigees} corrigé(s) "
        f"maintenant, {bilan.reprises} déjà à jour.",
    ]
    if notees:
        moyenne = sum(l["score"] for l in notees) / len(notees)
        texte.append(f"Moyenne des soumissions notées : {nombre(moyenne)} / {nombre(notees[0]['max_score'])}.")
    for statut, nombre_ in sorted(bilan.comptes.items(), key=lambda kv: (kv[0] != "ok", kv[0])):
        texte.append(f"  {statut:<24} {nombre_:>4}  {LIBELLES.get(statut, '')}")
    attente = sum(1 for l in lignes if l.get("a_noter_main"))
    if attente:
        texte.append(
            f"{attente} élève(s) ont des réponses rédigées à noter dans le formgrader ; relancez ensuite la "
            "même commande pour exporter les notes manuelles."
        )
    texte.append(f"Isolation : {bilan.isolation}")
    texte.append(f"Notes : {bilan.notes_csv}")
    texte.append(f"Rapport : {bilan.rapport_html}")
    return "\n".join(texte)


def _sur_sigterm(signum, frame):
    raise KeyboardInterrupt


def _recorriger(args) -> int:
    from strategie_correction import recorrection

    options = dict(
        lms=args.lms, motif=args.motif, paralleles=args.paralleles, delai_cellule=args.delai_cellule,
        delai_total=args.delai_total, memoire_mo=args.memoire, limite_sortie_ko=args.limite_sortie,
        isolation="aucune" if args.sans_isolation else args.isolation, feuille_moodle=args.feuille_moodle,
        retours=False if args.sans_retours else None, noyau_d_avance=False if args.sans_noyau_d_avance else None,
    )
    if args.devoir:
        devoirs = [args.devoir]
    else:
        cours = Path(args.cours)
        if args.sortie is not None or args.soumissions is not None:
            print("strategie corriger : --recorriger sans DEVOIR vérifie tous les devoirs déjà corrigés ; pour "
                  "donner --sortie ou un dossier de soumissions, nommez le devoir.", file=sys.stderr)
            return 2
        devoirs = recorrection.devoirs_corriges(cours)
        if not devoirs:
            print(f"strategie corriger : aucun devoir déjà corrigé dans {cours.resolve() / 'notes'} : rien à "
                  "recorriger (lancez la commande depuis le dossier du cours, ou donnez --cours).", file=sys.stderr)
            return 1
    inchanges = []
    for devoir in devoirs:
        resultat = recorrection.recorriger(
            devoir, cours=args.cours, sortie=args.sortie, progression=not args.silencieux,
            soumissions=args.soumissions, **options)
        if resultat.rien_a_faire and not resultat.version_inconnue and len(devoirs) > 1:
            inchanges.append(devoir)
        elif not args.silencieux:
            print(recorrection.texte(resultat))
    if inchanges and not args.silencieux:
        print(f"Devoirs inchangés depuis leur dernière correction (rien de renoté) : {', '.join(inchanges)}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parseur = analyseur()
    args = parseur.parse_args(argv)
    if not args.devoir and not args.recorriger:
        parseur.error("the following arguments are required: devoir")
    from strategie_correction.carnet_de_notes import ErreurCorrection
    from strategie_correction.importation import ErreurImportation
    from strategie_correction.moteur import corriger

    if args.feuille_moodle is not None and not args.feuille_moodle.is_file():
        print(f"strategie corriger : la feuille d'évaluation Moodle {args.feuille_moodle} n'existe pas : téléchargez-la "
              "depuis le devoir (Consulter tous les travaux remis › Télécharger la feuille d'évaluation) et donnez son chemin.",
              file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, _sur_sigterm)
    try:
        if args.recorriger:
            return _recorriger(args)
        bilan = corriger(
            args.devoir, args.soumissions, cours=args.cours, sortie=args.sortie, lms=args.lms or "auto", motif=args.motif,
            paralleles=args.paralleles, delai_cellule=args.delai_cellule, delai_total=args.delai_total,
            memoire_mo=args.memoire or 2048, limite_sortie_ko=args.limite_sortie or 1000,
            isolation="aucune" if args.sans_isolation else (args.isolation or "auto"),
            retours=not args.sans_retours, progression=not args.silencieux, feuille_moodle=args.feuille_moodle,
            noyau_d_avance=not args.sans_noyau_d_avance,
        )
    except (ErreurCorrection, ErreurImportation, RuntimeError) as exc:
        print(f"strategie corriger : {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "\nCorrection interrompue. Ce qui était fini est enregistré : relancez la même commande pour terminer.",
            file=sys.stderr,
        )
        return 130
    if not args.silencieux:
        print(_resume(bilan))
    return 0


if __name__ == "__main__":
    sys.exit(main())
