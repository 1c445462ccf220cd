"""Figures du module 14 : tableau de bord (avancement, statut, tendance) et plan d'exécution."""

from __future__ import annotations

import datetime as _dt
import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from strategie.erreurs import SaisieInvalide
from strategie.smart import CRITERES, LIBELLES, PlanExecution, TableauDeBord, verifier
from strategie.smart._texte import format_nombre
from strategie.smart.tableau import FLECHES, NON_MESURE, STATUTS
from strategie import palette
from strategie.figures._commun import message_central

COULEURS_STATUTS = {
    "atteint": palette.VERT_ATTEINT,
    "en bonne voie": palette.VERT_BONNE_VOIE,
    "à surveiller": palette.ORANGE_SURVEILLER,
    "en retard": palette.ROUGE_RETARD,
    "non mesuré": palette.GRIS_PALE,
}
_ECHELLE_SMART = [[0, palette.ROUGE_RETARD], [0.6, palette.ORANGE_SURVEILLER], [1, palette.VERT_ATTEINT]]
_COLONNES_REQUISES = {"indicateur", "cible", "reel", "avancement", "attendu", "statut", "tendance", "unite"}


def _donnees(tableau, date_point) -> pd.DataFrame:
    if isinstance(tableau, TableauDeBord):
        return tableau.calculer(date_point)
    if isinstance(tableau, pd.DataFrame) and _COLONNES_REQUISES <= set(tableau.columns):
        return tableau
    raise SaisieInvalide("tableau : attendu un smart.TableauDeBord ou le résultat de sa méthode calculer().")


def _valeur(x: float, unite: str) -> str:
    if x != x:
        return "—"
    if not unite:
        return format_nombre(x)
    return f"{format_nombre(x)}{'' if unite.startswith('/') else ' '}{unite}"


# Les barres sont dessinées dans ces bornes (en %) : une erreur d'unité (99 999 pour 9,9) doit donner une
# figure lisible, pas un axe à des millions de graduations. Le vrai avancement reste dans l'infobulle et le message.
AVANCEMENT_AFFICHE = (-100.0, 300.0)
_GRADUATIONS_MAX = 12


def _pas_de_graduation(etendue: float) -> int:
    """Un pas « rond » (20, 50, 100…) qui donne au plus une douzaine de graduations."""
    for pas in (20, 25, 50, 100, 200, 250, 500, 1000):
        if etendue / pas <= _GRADUATIONS_MAX:
            return pas
    return int(10 ** np.ceil(np.log10(max(etendue, 1.0) / _GRADUATIONS_MAX)))


def graduations(bas: float, haut: float) -> list[int]:
    """Les graduations de l'axe d'avancement, de ``bas`` à ``haut`` (en %), 0 et 100 compris si possible."""
    pas = _pas_de_graduation(haut - bas)
    premiere = int(np.floor(bas / pas)) * pas
    return list(range(premiere, int(haut) + 1, pas))


def hors_echelle(avancement: float) -> bool:
    """Vrai si un avancement (une part : 1 = cible) sort de ce que la figure dessine."""
    x = float(avancement) * 100
    return x == x and not AVANCEMENT_AFFICHE[0] <= x <= AVANCEMENT_AFFICHE[1]


def figure_tableau_de_bord(tableau, date_point: _dt.date | None = None, titre: str | None = None) -> go.Figure:
    """Barres d'avancement par indicateur, colorées selon le statut ; losange = avancement attendu.

    ``tableau`` : un ``TableauDeBord`` (calculé à ``date_point``) ou le ``DataFrame`` de ``calculer()``.
    Une barre qui sortirait de −100 % à 300 % est coupée au bord (le survol donne sa vraie valeur).
    """
    df = _donnees(tableau, date_point).iloc[::-1].reset_index(drop=True)  # premier indicateur en haut
    figure = go.Figure()
    avance = df["avancement"].to_numpy(float) * 100 if len(df) else np.array([])
    dessine = np.clip(avance, *AVANCEMENT_AFFICHE)
    for statut in STATUTS:
        masque = (df["statut"] == statut).to_numpy() if len(df) else np.array([], bool)
        if not masque.any():
            continue
        lignes = df[masque]
        ecrit = [("—" if a != a else f"{format_nombre(round(a))}\u202f%") for a in avance[masque]]
        figure.add_trace(go.Bar(
            x=np.nan_to_num(dessine[masque], nan=0.0), y=lignes["indicateur"], orientation="h", name=statut,
            marker_color=COULEURS_STATUTS[statut],
            customdata=np.stack([lignes["statut"], lignes["tendance"], ecrit], axis=-1),
            hovertemplate="<b>%{y}</b><br>avancement : %{customdata[2]}<br>statut : %{customdata[0]}"
                          "<br>tendance : %{customdata[1]}<extra></extra>",
        ))
    if len(df):
        figure.add_trace(go.Scatter(
            x=df["attendu"] * 100, y=df["indicateur"], mode="markers", name="avancement attendu",
            marker=dict(symbol="diamond", size=11, color=palette.ENCRE_ANTHRACITE, line=dict(color="white", width=1)),
            hovertemplate="<b>%{y}</b><br>attendu à cette date : %{x:.0f} %<extra></extra>",
        ))
    maximum = float(np.nanmax(np.append(dessine, 100.0))) if len(dessine) else 100.0
    minimum = float(np.nanmin(np.append(dessine, 0.0))) if len(dessine) else 0.0
    droite = max(maximum, 100) + 12
    if len(df):  # valeurs dans une colonne à part, à droite des barres : rien ne les cache
        etiquettes = [
            NON_MESURE if st == NON_MESURE else f"{_valeur(r, u)} (cible {_valeur(c, u)}) {FLECHES.get(t, '')}"
            + (" (barre coupée)" if hors_echelle(a) else "")
            for st, r, c, u, t, a in zip(df["statut"], df["reel"], df["cible"], df["unite"], df["tendance"],
                                         df["avancement"])
        ]
        figure.add_trace(go.Scatter(
            x=[droite] * len(df), y=df["indicateur"], mode="text", text=etiquettes, textposition="middle right",
            showlegend=False, hoverinfo="skip",
        ))
    else:  # une figure d'attente dit quoi faire
        figure.add_annotation(**message_central(
            "Aucun indicateur dans ce tableau de bord :<br>"
            "ajoutez-en un avec sa méthode ajouter(indicateur, depart, cible).", couleur=palette.GRIS_ARDOISE,
        ))
    figure.add_vline(x=100, line_dash="dash", line_color=palette.VERT_ATTEINT, annotation_text="cible",
                     annotation_position="top")
    figure.add_vline(x=0, line_color=palette.GRIS_ARDOISE, annotation_text="départ", annotation_position="top")
    figure.update_layout(
        title=titre or "Tableau de bord : où en est chaque indicateur ?",
        xaxis=dict(title="avancement du départ vers la cible (%)", range=[min(minimum, 0) - 10, droite + 75],
                   ticksuffix=" %", tickvals=graduations(min(minimum, 0), max(maximum, 100))),
        yaxis=dict(title=None, automargin=True),
        barmode="overlay", legend=dict(title="statut", orientation="h", y=-0.25),
        height=max(300, 80 + 55 * len(df)), margin=dict(l=10, r=20, t=70, b=10),
        plot_bgcolor="white",
    )
    return figure


def figure_plan(plan: PlanExecution, aujourd_hui: _dt.date | None = None) -> go.Figure:
    """Le plan d'exécution en soleil : stratégie → axes → objectifs, couleur = critères SMART remplis."""
    if not isinstance(plan, PlanExecution):
        raise SaisieInvalide("plan : attendu un smart.PlanExecution.")
    racine = plan.nom or "Stratégie"
    ids, etiquettes, parents, couleurs, survols = ["racine"], [racine], [""], [palette.FOND_CENTRE], [racine]
    encre = [palette.ENCRE_SOMBRE]  # texte foncé sur le centre et les axes clairs, blanc sur les objectifs colorés
    for numero, (axe, objectifs) in enumerate(plan.par_axe().items()):
        ident = f"axe-{numero}"
        ids.append(ident)
        etiquettes.append(axe)
        parents.append("racine")
        couleurs.append(palette.GRIS_VIDE if objectifs else palette.FOND_ROUGE_PALE)
        encre.append(palette.ENCRE_SOMBRE)
        survols.append(f"{len(objectifs)} objectif(s)" if objectifs else "aucun objectif : axe non décliné")
        for rang, o in enumerate(objectifs):
            verdicts = verifier(o, aujourd_hui)
            remplis = sum(verdicts[c][0] is True for c in CRITERES)
            ids.append(f"{ident}-{rang}")
            etiquettes.append(o.quoi if len(o.quoi) <= 40 else o.quoi[:38] + "…")
            parents.append(ident)
            couleurs.append(sample_colorscale(_ECHELLE_SMART, remplis / 5)[0])
            encre.append("white")
            manques = [LIBELLES[c] for c in CRITERES if verdicts[c][0] is not True]
            survols.append(html.escape(f"{o.indicateur} → {format_nombre(o.cible)} {o.unite} · "
                                       f"{remplis}/5 critères" + (f" (à revoir : {', '.join(manques)})"
                                                                  if manques else "")))
    figure = go.Figure(go.Sunburst(
        ids=ids, labels=etiquettes, parents=parents, customdata=survols, marker=dict(colors=couleurs), leaf=dict(opacity=1),
        textfont=dict(color=encre), hovertemplate="<b>%{label}</b><br>%{customdata}<extra></extra>",
    ))
    figure.update_layout(title="Plan d'exécution : chaque objectif rattaché à un axe<br><sup>couleur d'un "
                               "objectif : critères SMART remplis, du rouge (0) au vert (5)</sup>", margin=dict(t=60, l=10, r=10, b=10),
                         height=480)
    return figure
