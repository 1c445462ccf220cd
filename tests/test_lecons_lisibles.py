"""Une leçon se lit sans l'exécuter : chaque tableau et chaque figure qu'elle calcule est dit en markdown.

Les leçons sont enregistrées sans sorties : dans JupyterLab, avant d'exécuter, un lecteur ne voit
que le markdown. Chaque tableau ou figure produit par une cellule de code (hors des outils
interactifs, qu'on utilise après exécution) doit donc avoir, dans la cellule markdown la plus proche
avant ou après (d'autres cellules de code peuvent s'intercaler), ce qu'il faut en retenir :

* un tableau : un tableau markdown, ou au moins deux des valeurs qu'il affiche (un texte, un
  nombre tel qu'il est écrit dans le tableau ; majuscules et espaces insécables indifférents) ;
* une figure : une lecture de la figure d'au moins vingt mots (le site montre la figure elle-même).

Les sorties viennent des leçons exécutées par la construction du site (tests/test_site.py applique
:func:`manques_de_lecture` à chacune) ; ici, les règles elles-mêmes sur des carnets fabriqués.
"""

from __future__ import annotations

import html
import re

MOTS_MINIMUM_FIGURE = 20
VALEURS_MINIMUM_TABLEAU = 2
# What a table shows without saying anything: booleans, empty lists, small row numbers.
_MUETTES = re.compile(r"^(True|False|None|nan|\[\]|\d{1,2})$")


def _normaliser(texte: str) -> str:
    # French numbers: the library writes narrow no-break spaces, a lesson's author types plain ones.
    return re.sub(r"[\u202f\xa0 ]+", " ", texte.replace("**", "").replace("`", ""))


def _texte(valeur) -> str:
    return "".join(valeur) if isinstance(valeur, list) else str(valeur)


def valeurs_du_tableau(code_html: str) -> set[str]:
    """Les valeurs du corps d'un tableau HTML (cellules et étiquettes de lignes), normalisées."""
    corps = "".join(re.findall(r"<tbody>(.*?)</tbody>", code_html, re.S)) or code_html
    valeurs = set()
    for cellule in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", corps, re.S):
        valeur = _normaliser(html.unescape(re.sub(r"<[^>]+>", "", cellule))).strip().strip("[]")
        if len(valeur) >= 2 and not valeur.endswith("...") and not _MUETTES.match(valeur):
            valeurs.add(valeur)
    return valeurs


def _genres(cellule: dict) -> list[tuple[str, str]]:
    """[(« tableau » | « figure », html)] des sorties d'une cellule de code, hors outils interactifs."""
    genres = []
    for sortie in cellule.get("outputs", []):
        donnees = sortie.get("data", {})
        if "application/vnd.plotly.v1+json" in donnees:
            genres.append(("figure", ""))
            continue
        code_html = _texte(donnees.get("text/html", ""))
        if not code_html or "strategie-widget-fige" in code_html or "widget-view" in "".join(donnees):
            continue
        if "strategie-plotly" in code_html:
            genres.append(("figure", code_html))
        elif "<table" in code_html:
            genres.append(("tableau", code_html))
    return genres


def _prose(markdown: str) -> str:
    sans_code = re.sub(r"```.*?```", "", markdown, flags=re.S)
    return "\n".join(ligne for ligne in sans_code.splitlines() if not ligne.lstrip().startswith("#"))


def manques_de_lecture(carnet: dict, nom: str) -> list[str]:
    """Les tableaux et figures d'un carnet exécuté que le markdown voisin ne dit pas (messages en français)."""
    cellules = carnet["cells"]
    manques = []
    for i, cellule in enumerate(cellules):
        if cellule["cell_type"] != "code":
            continue
        avant = [c for c in cellules[:i] if c["cell_type"] == "markdown"][-1:]
        apres = [c for c in cellules[i + 1:] if c["cell_type"] == "markdown"][:1]
        markdown = "\n".join(_texte(v["source"]) for v in avant + apres)
        for genre, code_html in _genres(cellule):
            if genre == "figure":
                mots = len(_prose(markdown).split())
                if mots < MOTS_MINIMUM_FIGURE:
                    manques.append(f"{nom}, cellule {i + 1} : figure sans lecture dans le markdown le plus "
                                   f"proche, avant ou après ({mots} mots, il en faut {MOTS_MINIMUM_FIGURE})")
            elif not re.search(r"^\s*\|?\s*:?-{3,}", markdown, re.M):
                valeurs = valeurs_du_tableau(code_html)
                lu = _normaliser(markdown).casefold()  # « la billetterie en ligne » cite « Billetterie en ligne »
                citees = {v for v in valeurs if v.casefold() in lu}
                if len(citees) < min(VALEURS_MINIMUM_TABLEAU, len(valeurs)):
                    exemples = ", ".join(sorted(valeurs)[:4])
                    manques.append(f"{nom}, cellule {i + 1} : tableau produit seulement par le code ; le markdown "
                                   f"voisin n'en cite que {len(citees)} valeur(s) (par ex. {exemples})")
    return manques


# --- Les règles, sur des carnets fabriqués --------------------------------------------------

TABLEAU = ("<table><thead><tr><th>segment</th><th>potentiel</th></tr></thead><tbody>"
           "<tr><th>0</th><td>Étudiants</td><td>450\u202f000\xa0€</td></tr>"
           "<tr><th>1</th><td>Familles</td><td>True</td></tr></tbody></table>")


def _carnet(avant: str, sortie: dict, apres: str = "") -> dict:
    cellules = [{"cell_type": "markdown", "source": avant},
                {"cell_type": "code", "source": "x", "outputs": [sortie]}]
    if apres:
        cellules.append({"cell_type": "markdown", "source": apres})
    return {"cells": cellules}


def _tableau() -> dict:
    return {"output_type": "execute_result", "data": {"text/html": TABLEAU, "text/plain": "…"}}


def _figure() -> dict:
    return {"output_type": "display_data", "data": {"application/vnd.plotly.v1+json": {"data": []}}}


def test_un_tableau_que_le_markdown_ne_dit_pas_est_signale():
    manques = manques_de_lecture(_carnet("## Les segments\n\nVoici le tableau.", _tableau()), "essai.ipynb")
    assert len(manques) == 1 and "essai.ipynb, cellule 2 : tableau" in manques[0]
    assert manques_de_lecture(_carnet("Les Étudiants dominent.", _tableau()), "essai.ipynb"), \
        "une seule valeur citée ne suffit pas"


def test_un_tableau_cite_ou_recopie_en_markdown_passe():
    # The lesson's author types ordinary spaces where the library writes no-break ones.
    assert not manques_de_lecture(_carnet("x", _tableau(), "Les Étudiants pèsent 450 000 € de potentiel."), "e")
    recopie = "| segment | potentiel |\n|---|---|\n| Étudiants | 450 000 € |"
    assert not manques_de_lecture(_carnet(recopie, _tableau()), "e")


def test_les_valeurs_muettes_ne_comptent_pas():
    assert valeurs_du_tableau(TABLEAU) == {"Étudiants", "450 000 €", "Familles"}


def test_une_figure_sans_lecture_est_signalee_et_une_figure_lue_passe():
    assert manques_de_lecture(_carnet("## Figure\n\n```python\nfigure()\n```", _figure()), "e")
    lecture = ("Lecture : la barre des étudiants est la plus haute, celle des familles la plus basse ; "
               "le potentiel se concentre donc sur un seul segment, qu'il faut servir en premier.")
    assert not manques_de_lecture(_carnet("## Figure", _figure(), lecture), "e")


def test_un_outil_interactif_n_est_pas_un_tableau_a_recopier():
    widget = {"output_type": "display_data",
              "data": {"text/html": f'<div class="strategie-widget-fige">{TABLEAU}</div>'}}
    assert not manques_de_lecture(_carnet("Réglez l'outil.", widget), "e")
    vue = {"output_type": "display_data",
           "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "x"}, "text/html": TABLEAU}}
    assert not manques_de_lecture(_carnet("Réglez l'outil.", vue), "e")
