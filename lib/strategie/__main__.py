"""Commande ``strategie`` (installée avec la bibliothèque).

    strategie corriger DEVOIR [SOUMISSIONS] [options]

``corriger`` est l'outil des formateurs ; il vit dans son propre paquet
(``strategie-correction``, dossier lib/correction/), que les apprenants
n'installent pas. Le guide du formateur est docs/formateur.md.
"""

from __future__ import annotations

import sys

AIDE = """utilisation : strategie COMMANDE …

Outils du cours « Stratégie d'entreprise ».

commandes :
  corriger    corriger un devoir : notes, retours et rapport depuis un dossier de soumissions
              (outil des formateurs ; strategie corriger --help pour le détail)
"""


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(AIDE, end="")
        return 0 if argv else 2
    if argv[0] != "corriger":
        print(AIDE, end="", file=sys.stderr)
        print(f"strategie : commande inconnue « {argv[0]} » (commandes : corriger).", file=sys.stderr)
        return 2
    try:
        from strategie_correction.cli import main as corriger
    except ImportError:
        print(
            "strategie corriger : l'outil de correction des formateurs n'est pas installé ici.\n"
            "Installez-le depuis le dossier du cours : python -m pip install -e lib/correction "
            "(make installer le fait).",
            file=sys.stderr,
        )
        return 1
    return corriger(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
