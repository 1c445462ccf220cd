"""Écrit binder/requirements.txt : les versions exactes de ce que les apprenants installent.

    .venv/bin/python tools/verrou_binder.py            # réécrit le verrou depuis l'environnement installé
    .venv/bin/python tools/verrou_binder.py --verifier # sort en erreur si le verrou n'est plus à jour

Le verrou est la fermeture des dépendances de ``strategie[cours]`` (la bibliothèque, JupyterLab en
français, nbgrader pour le bouton Validate), lue dans l'environnement où les tests passent : un
ensemble qui marche, sans les outils de test ni l'outil de correction des formateurs.
"""

from __future__ import annotations

import argparse
import sys
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

RACINE = Path(__file__).resolve().parent.parent
VERROU = RACINE / "binder" / "requirements.txt"
EXTRAS = ("cours",)
ENTETE = (
    "# Binder des apprenants : versions exactes, écrites par tools/verrou_binder.py depuis l'environnement\n"
    "# où tous les tests passent (ne pas éditer à la main). La bibliothèque du cours est installée par\n"
    "# postBuild (pip install --no-deps -e .) ; ni outils de test ni outil de correction ici.\n"
)


def fermeture(racine: str = "strategie", extras: tuple[str, ...] = EXTRAS) -> dict[str, str]:
    """{nom: version} de toutes les distributions installées qu'exige ``racine[extras]``."""
    vues: dict[str, str] = {}
    a_voir: list[tuple[str, frozenset[str]]] = [(racine, frozenset(extras))]
    while a_voir:
        nom, avec = a_voir.pop()
        dist = metadata.distribution(nom)
        cle = canonicalize_name(dist.metadata["Name"])
        deja = cle in vues
        vues[cle] = dist.version
        for texte in dist.requires or []:
            exigence = Requirement(texte)
            environnements = [dict(default_environment(), extra=e) for e in (avec or {""})]
            if exigence.marker and not any(exigence.marker.evaluate(env) for env in environnements):
                continue
            if "extra" in str(exigence.marker or "") and not avec:
                continue
            enfant = canonicalize_name(exigence.name)
            if enfant not in vues or (exigence.extras and not deja):
                a_voir.append((exigence.name, frozenset(exigence.extras)))
    return vues


def texte_verrou() -> str:
    paquets = fermeture()
    paquets.pop("strategie", None)
    lignes = [f"{nom}=={version}" for nom, version in sorted(paquets.items())]
    return ENTETE + "\n".join(lignes) + "\n"


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verifier", action="store_true")
    options = parser.parse_args(arguments)
    attendu = texte_verrou()
    if options.verifier:
        if VERROU.read_text(encoding="utf-8") != attendu:
            print("binder/requirements.txt n'est plus à jour : lancez .venv/bin/python tools/verrou_binder.py")
            return 1
        print("binder/requirements.txt est à jour.")
        return 0
    VERROU.write_text(attendu, encoding="utf-8")
    print(f"{len(attendu.splitlines()) - ENTETE.count(chr(10))} versions écrites dans {VERROU.relative_to(RACINE)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
