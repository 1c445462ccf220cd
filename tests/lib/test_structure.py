"""Structure de la bibliothèque : aucun cycle d'import dans strategie, même caché dans une fonction."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[2] / "lib"
PAQUET = LIB / "strategie"


def _nom(chemin: Path, racine: Path = LIB) -> str:
    parties = list(chemin.relative_to(racine).with_suffix("").parts)
    if parties[-1] == "__init__":
        parties.pop()
    return ".".join(parties)


def graphe_des_imports(paquet: Path = PAQUET) -> dict[str, set[str]]:
    """Module → modules du paquet qu'il importe, en lisant tous les ``import`` (y compris dans les fonctions).

    ``from a.b import c`` compte pour ``a.b.c`` si c'est un module, sinon pour ``a.b`` ;
    les imports relatifs sont résolus. Un import dans une fonction compte : il ne fait que
    retarder le cycle jusqu'au premier appel.
    """
    racine = paquet.parent
    modules = {_nom(p, racine): p for p in paquet.rglob("*.py")}
    graphe: dict[str, set[str]] = {}
    for nom, chemin in modules.items():
        cibles: set[str] = set()
        for noeud in ast.walk(ast.parse(chemin.read_text(encoding="utf-8"), filename=str(chemin))):
            if isinstance(noeud, ast.Import):
                cibles.update(a.name for a in noeud.names if a.name in modules)
            elif isinstance(noeud, ast.ImportFrom):
                if noeud.level:
                    base = nom.split(".") if chemin.name == "__init__.py" else nom.split(".")[:-1]
                    base = base[: len(base) - (noeud.level - 1)]
                    source = ".".join(base + ([noeud.module] if noeud.module else []))
                else:
                    source = noeud.module or ""
                for alias in noeud.names:
                    if f"{source}.{alias.name}" in modules:
                        cibles.add(f"{source}.{alias.name}")
                    elif source in modules:
                        cibles.add(source)
        cibles.discard(nom)
        graphe[nom] = cibles
    return graphe


def cycles(graphe: dict[str, set[str]]) -> list[list[str]]:
    """Les composantes fortement connexes de plus d'un module (algorithme de Tarjan, sans récursion)."""
    rang: dict[str, int] = {}
    bas: dict[str, int] = {}
    pile: list[str] = []
    sur_pile: set[str] = set()
    trouves: list[list[str]] = []
    for depart in sorted(graphe):
        if depart in rang:
            continue
        travail = [(depart, iter(sorted(graphe[depart])))]
        rang[depart] = bas[depart] = len(rang)
        pile.append(depart)
        sur_pile.add(depart)
        while travail:
            v, suivants = travail[-1]
            for w in suivants:
                if w not in rang:
                    rang[w] = bas[w] = len(rang)
                    pile.append(w)
                    sur_pile.add(w)
                    travail.append((w, iter(sorted(graphe.get(w, ())))))
                    break
                if w in sur_pile:
                    bas[v] = min(bas[v], rang[w])
            else:
                travail.pop()
                if travail:
                    bas[travail[-1][0]] = min(bas[travail[-1][0]], bas[v])
                if bas[v] == rang[v]:
                    composante = []
                    while True:
                        w = pile.pop()
                        sur_pile.discard(w)
                        composante.append(w)
                        if w == v:
                            break
                    if len(composante) > 1:
                        trouves.append(sorted(composante))
    return trouves


def test_aucun_cycle_d_import_dans_strategie():
    """Aucun groupe de modules de strategie ne s'importe mutuellement, même par un import dans une fonction."""
    graphe = graphe_des_imports()
    assert len(graphe) > 50, "le paquet strategie n'a pas été lu"
    trouves = cycles(graphe)
    assert not trouves, "cycles d'import dans strategie : " + " ; ".join(
        " ↔ ".join(c) + " (" + ", ".join(f"{a} → {b}" for a in c for b in sorted(graphe[a]) if b in c) + ")"
        for c in trouves
    )


def _paquet(tmp_path: Path, fichiers: dict[str, str]) -> Path:
    for nom, texte in fichiers.items():
        chemin = tmp_path / "p" / nom
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_text(texte, encoding="utf-8")
    return tmp_path / "p"


@pytest.mark.parametrize("fichiers, attendu", [
    # cycle caché dans une fonction, comme projet.py ↔ figures/projet.py avant correction
    ({"__init__.py": "", "a.py": "def f():\n    from p.b import g\n", "b.py": "from p.a import f\n"},
     [["p.a", "p.b"]]),
    # import relatif dans un sous-paquet, comme smart/objectif.py ↔ smart/verificateur.py
    ({"__init__.py": "", "s/__init__.py": "", "s/x.py": "from . import y\n",
      "s/y.py": "def h():\n    import p.s.x\n"},
     [["p.s.x", "p.s.y"]]),
    # cycle à trois, dont un nom importé depuis un paquet (qui compte pour son __init__)
    ({"__init__.py": "", "a.py": "import p.b\n", "b.py": "from p.c import rien\n",
      "c/__init__.py": "from p.a import z\n"},
     [["p.a", "p.b", "p.c"]]),
    # une chaîne sans retour n'est pas un cycle
    ({"__init__.py": "", "a.py": "import p.b\n", "b.py": "import os\nfrom p import c\n", "c.py": ""}, []),
])
def test_le_detecteur_trouve_les_cycles(tmp_path, fichiers, attendu):
    """Le détecteur signale un cycle par import dans une fonction, relatif ou à trois, et rien sur une chaîne."""
    assert cycles(graphe_des_imports(_paquet(tmp_path, fichiers))) == attendu


# -- docs/CONTRIBUER.md : le tableau « module → fichiers » ------------------------------------------

RACINE = LIB.parent
COLONNES = ("Leçon", "Modèle", "Figure", "Widget", "Devoir", "Tests")


def tableau_des_modules(texte: str) -> tuple[dict[str, str], dict[str, dict[str, list[str]]]]:
    """Le tableau de la section « Module → fichiers » : dossier de base par colonne, chemins par module."""
    section = texte.split("## Module → fichiers", 1)[1].split("\n## ", 1)[0]
    lignes = [ligne for ligne in section.splitlines() if ligne.startswith("|")]
    entete = [c.strip() for c in lignes[0].strip("|").split("|")]
    bases = {}
    for cellule in entete[1:]:
        nom, _, base = cellule.partition(" (`")
        bases[nom] = base.rstrip("`)")
    modules = {}
    for ligne in lignes[2:]:
        cellules = [c.strip() for c in ligne.strip("|").split("|")]
        modules[cellules[0]] = {
            nom: [m.strip("`") for m in cellule.split("<br>") if m.strip()]
            for nom, cellule in zip(bases, cellules[1:])
        }
    return bases, modules


def test_le_tableau_module_fichiers_de_contribuer_est_juste():
    """Chaque module 00–18 a sa ligne, chaque case un chemin au moins, et chaque chemin existe ;
    chaque leçon et chaque devoir du dépôt y figurent."""
    bases, modules = tableau_des_modules((RACINE / "docs" / "CONTRIBUER.md").read_text(encoding="utf-8"))
    assert tuple(bases) == COLONNES, f"colonnes du tableau : {tuple(bases)}, attendu {COLONNES}"
    assert sorted(modules) == [f"{n:02d}" for n in range(19)], f"modules du tableau : {sorted(modules)}"
    absents = [
        f"module {num}, {colonne} : {bases[colonne]}{chemin}"
        for num, cases in modules.items() for colonne, chemins in cases.items() for chemin in chemins
        if not (RACINE / bases[colonne] / chemin).exists()
    ]
    assert not absents, "chemins du tableau qui n'existent pas : " + " ; ".join(absents)
    vides = [f"module {num}, {c}" for num, cases in modules.items() for c in COLONNES if not cases.get(c)]
    assert not vides, "cases vides : " + ", ".join(vides)
    cites = {(RACINE / bases[c] / ch).resolve() for cases in modules.values() for c in ("Leçon", "Devoir")
             for ch in cases[c]}
    oublies = [p.relative_to(RACINE).as_posix()
               for p in [*(RACINE / "course").glob("[0-9][0-9]-*.ipynb"), *(RACINE / "solutions").glob("*/*.ipynb")]
               if p.resolve() not in cites and ".ipynb_checkpoints" not in p.parts]
    assert not oublies, "leçons ou devoirs absents du tableau : " + ", ".join(sorted(oublies))
    for num, cases in modules.items():
        assert all(c.startswith(f"{num}-") for c in cases["Leçon"] + cases["Devoir"]), \
            f"module {num} : une leçon ou un devoir d'un autre module ({cases['Leçon'] + cases['Devoir']})"


def test_le_lecteur_du_tableau_voit_un_chemin_faux(tmp_path):
    """Le lecteur du tableau rend les chemins tels qu'écrits : un chemin faux ne passe pas pour juste."""
    texte = ("## Module → fichiers\n\n| Module | Leçon (`course/`) | Modèle (`lib/strategie/`) |\n| --- | --- | --- |\n"
             "| 00 | `00-demarrer.ipynb` | `demarrer.py`<br>`nulle_part.py` |\n\n## Suite\n| 99 | x |\n")
    bases, modules = tableau_des_modules(texte)
    assert bases == {"Leçon": "course/", "Modèle": "lib/strategie/"}
    assert modules == {"00": {"Leçon": ["00-demarrer.ipynb"], "Modèle": ["demarrer.py", "nulle_part.py"]}}
    assert not (RACINE / bases["Modèle"] / "nulle_part.py").exists()
