"""Génère exercises/ depuis solutions/ avec nbgrader (``make exercises``).

    python tools/generer_exercices.py [--destination DOSSIER] [DEVOIR …]

Sans devoir : tous les dossiers de solutions/. nbgrader travaille dans un
dossier temporaire (sans gradebook) ; le résultat est normalisé par
tools/carnets.py puis remplace exercises/<devoir>/.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from carnets import RACINE, ecrire, normaliser  # noqa: E402

import json  # noqa: E402


def devoirs_sources() -> list[str]:
    return sorted(p.name for p in (RACINE / "solutions").iterdir() if p.is_dir() and not p.name.startswith("."))


def generer(devoirs: list[str], destination: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="strategie-exercices-") as tmp:
        racine = Path(tmp)
        shutil.copy(RACINE / "nbgrader_config.py", racine)
        for devoir in devoirs:
            shutil.copytree(
                RACINE / "solutions" / devoir,
                racine / "solutions" / devoir,
                ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
            )
        commande = [
            sys.executable, "-m", "nbgrader", "generate_assignment", "*",
            "--no-db", "--force", "--log-level=WARN", f"--CourseDirectory.root={racine}",
        ]
        resultat = subprocess.run(commande, cwd=racine, capture_output=True, text=True)
        if resultat.returncode != 0:
            sys.stderr.write(resultat.stdout + resultat.stderr)
            raise SystemExit(f"nbgrader generate_assignment a échoué (code {resultat.returncode})")
        for devoir in devoirs:
            produit = racine / "exercises" / devoir
            cible = destination / devoir
            if cible.exists():
                shutil.rmtree(cible)
            shutil.copytree(produit, cible)
            for carnet in cible.rglob("*.ipynb"):
                ecrire(normaliser(json.loads(carnet.read_text(encoding="utf-8"))), carnet)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("devoirs", nargs="*", help="devoirs à générer (par défaut : tous)")
    parser.add_argument("--destination", type=Path, default=RACINE / "exercises")
    args = parser.parse_args()
    devoirs = args.devoirs or devoirs_sources()
    inconnus = [d for d in devoirs if not (RACINE / "solutions" / d).is_dir()]
    if inconnus:
        raise SystemExit(f"Devoir(s) inconnu(s) dans solutions/ : {', '.join(inconnus)}")
    args.destination.mkdir(parents=True, exist_ok=True)
    generer(devoirs, args.destination)
    if not args.devoirs:
        # A whole regeneration also removes releases whose source is gone.
        for orphelin in sorted(p for p in args.destination.iterdir() if p.is_dir() and p.name not in devoirs):
            shutil.rmtree(orphelin)
    print(f"exercises/ généré pour {len(devoirs)} devoir(s) : {', '.join(devoirs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
