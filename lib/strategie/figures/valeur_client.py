"""Figures de la valeur client : récupération du coût d'acquisition, migration des déciles, baleine.

Chaque fonction reçoit un résultat de ``strategie.valeur_client`` et renvoie une
``go.Figure`` (les vues la montrent dans une ``FigureVivante``).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from strategie import francais
from strategie import palette

VERT, ROUGE, BLEU, GRIS = palette.VERT, palette.ROUGE, palette.BLEU_FONCE, palette.GRIS
# séparateurs : virgule décimale et espace des milliers dans chaque nombre écrit par plotly (« 1 200,5 »).
_MISE_EN_PAGE = dict(template="plotly_white", margin=dict(l=60, r=20, t=60, b=50), font=dict(size=13), separators=", ")


# Montant arrondi à l'euro (« 12 345 € ») : le formateur du cours, sans centimes.
euros = functools.partial(francais.euros, centimes=False)


def pourcent(part: float) -> str:
    """Part en pourcentage arrondi, à la française : « 42 % »."""
    return francais.pourcent(part, part=True)


def duree(periodes: float, unite: str = "période") -> str:
    """« 3 années », « 1 année », ou « jamais »."""
    if not np.isfinite(periodes):
        return "jamais"
    n = int(periodes)
    return f"{n}\u00a0{unite}{'s' if n > 1 else ''}"


def figure_attente(texte: str) -> go.Figure:
    """Une figure sans données qui dit quoi faire (dans une vue, avant un premier calcul réussi)."""
    fig = go.Figure()
    fig.update_layout(**_MISE_EN_PAGE, height=300, xaxis_visible=False, yaxis_visible=False)
    fig.add_annotation(text=texte, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=14, color=GRIS))
    return fig


def couleurs_recuperation(valeurs) -> list[str]:
    """Rouge tant que le coût d'acquisition n'est pas couvert, vert ensuite."""
    return [ROUGE if v < 0 else VERT for v in np.asarray(valeurs)]


def titre_recuperation(clv: float, delai: float, unite: str = "période") -> str:
    quand = "jamais récupéré" if not np.isfinite(delai) else (
        "nul" if delai == 0 else f"récupéré en {duree(delai, unite)}")
    return f"Valeur à vie : {euros(clv)} — coût d'acquisition {quand}"


def figure_recuperation(courbe: pd.DataFrame, clv: float, delai: float, unite: str = "période") -> go.Figure:
    """Barres de la valeur cumulée d'un client, période après période (``courbe_recuperation``)."""
    fig = go.Figure(
        go.Bar(
            x=courbe["periode"], y=courbe["valeur_cumulee"], marker_color=couleurs_recuperation(courbe["valeur_cumulee"]),
            name="valeur cumulée", hovertemplate=f"{unite} %{{x}}<br>valeur cumulée : %{{y:,.0f}}\u00a0€<extra></extra>",
        )
    )
    fig.add_hline(y=0, line_color=GRIS, line_width=1)
    fig.update_layout(
        **_MISE_EN_PAGE, title=titre_recuperation(clv, delai, unite), showlegend=False,
        xaxis_title=f"{unite.capitalize()} depuis l'acquisition", yaxis_title="Marges attendues actualisées − acquisition (€)",
    )
    return fig


def textes_migration(matrice: pd.DataFrame) -> np.ndarray:
    return matrice.to_numpy().astype(str)


def parts_lignes(matrice: pd.DataFrame) -> np.ndarray:
    """Part de chaque case dans sa ligne (où vont les clients d'un décile de chiffre d'affaires)."""
    valeurs = matrice.to_numpy().astype("float64")
    totaux = valeurs.sum(axis=1, keepdims=True)
    return np.divide(valeurs, totaux, out=np.zeros_like(valeurs), where=totaux > 0)


def titre_migration(part: float) -> str:
    return f"Du chiffre d'affaires au profit : {pourcent(part)} des clients changent d'au moins deux déciles"


def figure_migration(matrice: pd.DataFrame, part: float) -> go.Figure:
    """Carte de chaleur de la migration des déciles (``matrice_migration``), en part de chaque ligne."""
    fig = go.Figure(
        go.Heatmap(
            z=parts_lignes(matrice), x=list(matrice.columns), y=list(matrice.index), text=textes_migration(matrice),
            texttemplate="%{text}", colorscale="Blues", zmin=0, zmax=1,
            colorbar=dict(title="part de<br>la ligne", **axe_parts(1.0, 0.25)),
            customdata=np.vectorize(pourcent)(parts_lignes(matrice)),
            hovertemplate="décile CA %{y} → décile profit %{x}<br>%{text} clients (%{customdata} de la ligne)<extra></extra>",
        )
    )
    fig.update_layout(
        **_MISE_EN_PAGE, title=titre_migration(part),
        xaxis=dict(title="Décile selon le profit (1 = les plus rentables)", dtick=1, side="bottom"),
        yaxis=dict(title="Décile selon le chiffre d'affaires", dtick=1, autorange="reversed"),
    )
    return fig


def points_baleine(courbe: pd.DataFrame, points_max: int = 600) -> tuple[np.ndarray, np.ndarray, int]:
    """Points à tracer (au plus ``points_max``, le sommet toujours compris) et position du sommet."""
    y = courbe["part_profit_cumule"].to_numpy()
    x = courbe["part_clients"].to_numpy()
    sommet = int(y.argmax())
    garder = np.unique(np.concatenate([np.linspace(0, len(y) - 1, min(points_max, len(y))).round().astype(int), [sommet]]))
    return x[garder], y[garder], int(np.searchsorted(garder, sommet))


def traces_baleine(courbe: pd.DataFrame) -> dict:
    """Données des traces de la baleine : montée (clients rentables) et queue (clients qui détruisent de la valeur)."""
    x, y, i = points_baleine(courbe)
    return {
        "montee": (x[: i + 1], y[: i + 1]),
        "plafond": (x[i:], np.full(len(x) - i, y[i])),
        "queue": (x[i:], y[i:]),
        "sommet": (x[i], y[i]),
    }


def axe_parts(maximum: float = 1.0, pas: float = 0.2) -> dict:
    """Graduations d'un axe de parts à la française (« 40 % », espace insécable), de 0 à ``maximum``."""
    nombre = int(np.ceil(max(float(maximum), pas) / pas - 1e-9))
    valeurs = [round(i * pas, 6) for i in range(nombre + 1)]
    return dict(tickmode="array", tickvals=valeurs, ticktext=[pourcent(v) for v in valeurs])


def _parts_lisibles(x, y) -> np.ndarray:
    """Parts des clients et du profit écrites à la française (« 62 % »), pour le survol."""
    return np.column_stack([[pourcent(v) for v in x], [pourcent(v) for v in y]])


def titre_baleine(sommet: float, part_clients: float) -> str:
    return (f"Courbe de la baleine : {pourcent(part_clients)} des clients font {pourcent(sommet)} du profit, "
            f"les autres en détruisent {pourcent(sommet - 1)}")


def figure_baleine(courbe: pd.DataFrame) -> go.Figure:
    """Courbe de la baleine (``courbe_baleine``), la queue destructrice de valeur en rouge."""
    t = traces_baleine(courbe)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=t["montee"][0], y=t["montee"][1], mode="lines", line=dict(color=VERT, width=3),
                             name="clients rentables", customdata=_parts_lisibles(*t["montee"]),
                             hovertemplate="%{customdata[0]} des clients : %{customdata[1]} du profit<extra></extra>"))
    fig.add_trace(go.Scatter(x=t["plafond"][0], y=t["plafond"][1], mode="lines", line=dict(color=ROUGE, width=1, dash="dot"),
                             showlegend=False, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=t["queue"][0], y=t["queue"][1], mode="lines", line=dict(color=ROUGE, width=3),
                             fill="tonexty", fillcolor="rgba(179,38,30,0.18)", name="valeur détruite",
                             customdata=_parts_lisibles(*t["queue"]),
                             hovertemplate="%{customdata[0]} des clients : %{customdata[1]} du profit<extra></extra>"))
    fig.add_trace(go.Scatter(x=[t["sommet"][0]], y=[t["sommet"][1]], mode="markers", marker=dict(size=10, color=ROUGE),
                             name="sommet", customdata=_parts_lisibles([t["sommet"][0]], [t["sommet"][1]]),
                             hovertemplate="sommet : %{customdata[1]} du profit avec %{customdata[0]} des clients<extra></extra>"))
    fig.add_hline(y=1, line_color=GRIS, line_dash="dash", annotation_text="profit total (100\u202f%)", annotation_position="bottom right")
    fig.update_layout(
        **_MISE_EN_PAGE, title=titre_baleine(t["sommet"][1], t["sommet"][0]),
        xaxis=dict(title="Part des clients, du plus au moins rentable", range=[0, 1], **axe_parts(1.0)),
        yaxis=dict(title="Profit cumulé (part du profit total)", rangemode="tozero",
                   **axe_parts(max(1.0, float(np.nanmax(t["montee"][1])) if len(t["montee"][1]) else 1.0), 0.25)),
        legend=dict(orientation="h", y=-0.2),
    )
    return fig


def figure_deciles(tableau_ca: pd.DataFrame) -> go.Figure:
    """Chiffre d'affaires et profit de chaque décile de chiffre d'affaires (``tableau_deciles(compte, par=...)``)."""
    fig = go.Figure([
        go.Bar(x=tableau_ca.index, y=tableau_ca["chiffre_affaires"], name="chiffre d'affaires", marker_color=BLEU),
        go.Bar(x=tableau_ca.index, y=tableau_ca["profit"], name="profit",
               marker_color=[VERT if v >= 0 else ROUGE for v in tableau_ca["profit"]]),
    ])
    fig.update_layout(**_MISE_EN_PAGE, barmode="group", title="Chiffre d'affaires et profit par décile de chiffre d'affaires",
                      xaxis=dict(title="Décile (1 = les 10\u202f% plus gros clients)", dtick=1), yaxis_title="€")
    return fig


def figure_validation(resume: pd.DataFrame, attendus, frequence_max: int = 7) -> go.Figure:
    """Achats réels et projetés pendant la période de validation, selon le nombre d'achats répétés observés.

    ``resume`` vient de ``charger_cdnow(validation=True)`` ; ``attendus`` est la projection
    (``achats_attendus``) sur la durée de validation, un nombre par client.
    """
    groupe = np.minimum(resume["frequence"].to_numpy(), frequence_max)
    table = pd.DataFrame({"groupe": groupe, "reel": resume["frequence_validation"].to_numpy(), "projete": np.asarray(attendus)})
    moyennes = table.groupby("groupe")[["reel", "projete"]].mean()
    etiquettes = [str(g) if g < frequence_max else f"{frequence_max}+" for g in moyennes.index]
    fig = go.Figure([
        go.Scatter(x=etiquettes, y=moyennes["reel"], mode="lines+markers", name="réel", line=dict(color=GRIS, width=3)),
        go.Scatter(x=etiquettes, y=moyennes["projete"], mode="lines+markers", name="projeté (BG/NBD)",
                   line=dict(color=BLEU, width=3, dash="dash")),
    ])
    fig.update_layout(**_MISE_EN_PAGE, title="Achats de la période de validation, réels et projetés",
                      xaxis_title="Achats répétés pendant la calibration", yaxis_title="Achats moyens par client (validation)")
    return fig


# ---------------------------------------------------------------------------
# Vérifications de l'article BG/NBD (Fader, Hardie et Lee, 2005)
# ---------------------------------------------------------------------------

def figure_suivi_achats(suivi: pd.DataFrame, cumule: bool = False, unite: str = "semaine") -> go.Figure:
    """Achats répétés par période (ou cumulés), réels et attendus (``suivi_achats_repetes``) ;
    un trait vertical sépare la calibration de la validation."""
    reel, modele = ("reel_cumule", "modele_cumule") if cumule else ("reel", "modele")
    x = suivi.index.to_numpy()
    survol = [[francais.nombre(r), francais.nombre(m, 1)] for r, m in zip(suivi[reel], suivi[modele])]
    fig = go.Figure([
        go.Scatter(x=x, y=suivi[reel], mode="lines", name="réel", line=dict(color=GRIS, width=3),
                   customdata=survol, hovertemplate=f"{unite} %{{x}} : %{{customdata[0]}} achats réels<extra></extra>"),
        go.Scatter(x=x, y=suivi[modele], mode="lines", name="modèle BG/NBD", line=dict(color=BLEU, width=3, dash="dash"),
                   customdata=survol, hovertemplate=f"{unite} %{{x}} : %{{customdata[1]}} achats attendus<extra></extra>"),
    ])
    calibration = suivi.index[suivi["phase"] == "calibration"]
    if len(calibration) and len(calibration) < len(suivi):
        fig.add_vline(x=calibration.max() + 0.5, line_color=GRIS, line_dash="dot",
                      annotation_text="fin de la calibration", annotation_position="top left")
    quoi = "cumulés" if cumule else f"par {unite}"
    fig.update_layout(**_MISE_EN_PAGE, title=f"Achats répétés {quoi} : réels et attendus par le modèle",
                      xaxis_title=f"{unite.capitalize()} depuis le début de l'observation",
                      yaxis_title="Achats répétés" + (" cumulés" if cumule else ""), legend=dict(orientation="h", y=-0.2))
    return fig


def figure_nombre_achats(table: pd.DataFrame) -> go.Figure:
    """Clients par nombre d'achats répétés pendant la calibration (``ajustement_par_nombre_achats``)."""
    fig = go.Figure([
        go.Bar(x=table["libelle"], y=table["reel"], name="réel", marker_color=GRIS,
               customdata=[francais.nombre(v) for v in table["reel"]], hovertemplate="%{x} achats : %{customdata} clients<extra></extra>"),
        go.Bar(x=table["libelle"], y=table["modele"], name="modèle BG/NBD", marker_color=BLEU,
               customdata=[francais.nombre(v, 1) for v in table["modele"]],
               hovertemplate="%{x} achats : %{customdata} clients attendus<extra></extra>"),
    ])
    fig.update_layout(**_MISE_EN_PAGE, barmode="group", title="Clients selon leur nombre d'achats répétés (calibration)",
                      xaxis_title="Achats répétés pendant la calibration", yaxis_title="Clients")
    return fig


def figure_matrice(matrice: pd.DataFrame, titre: str, legende: str, parts: bool = False) -> go.Figure:
    """Carte de chaleur fréquence × récence (``matrice_probabilite_actif`` ou ``matrice_achats_attendus``)."""
    valeurs = matrice.to_numpy()
    ecrire = (lambda v: pourcent(v)) if parts else (lambda v: francais.nombre(v, 2))
    textes = np.vectorize(lambda v: "" if np.isnan(v) else ecrire(v), otypes=[object])(valeurs)
    fig = go.Figure(go.Heatmap(
        z=valeurs, x=[francais.nombre(c, 1) for c in matrice.columns], y=list(matrice.index), customdata=textes,
        colorscale="Blues", colorbar=dict(title=legende, **(axe_parts(1.0, 0.25) if parts else {})),
        zmin=0 if parts else None, zmax=1 if parts else None,
        hovertemplate="fréquence %{y}, récence %{x} : %{customdata}<extra></extra>",
    ))
    fig.update_layout(**_MISE_EN_PAGE, title=titre, xaxis_title="Récence (date du dernier achat)",
                      yaxis=dict(title="Fréquence (achats répétés)", autorange="reversed"))
    return fig


def figure_historique_actif(historique: pd.DataFrame, client=None) -> go.Figure:
    """Probabilité qu'un client soit actif, jour après jour, ses achats marqués (``historique_probabilite_actif``)."""
    achats = historique[historique["achat"]]
    fig = go.Figure([
        go.Scatter(x=historique.index, y=historique["probabilite_actif"], mode="lines", name="probabilité d'être actif",
                   line=dict(color=BLEU, width=3), customdata=[pourcent(v) for v in historique["probabilite_actif"]],
                   hovertemplate="%{x|%d/%m/%Y} : %{customdata}<extra></extra>"),
        go.Scatter(x=achats.index, y=achats["probabilite_actif"], mode="markers", name="achat",
                   marker=dict(color=VERT, size=10), hoverinfo="skip"),
    ])
    qui = "" if client is None else f" {client}"
    fig.update_layout(**_MISE_EN_PAGE, title=f"Client{qui} : probabilité d'être encore actif, jour après jour",
                      xaxis_title="Date", yaxis=dict(title="Probabilité d'être actif", range=[0, 1.05], **axe_parts(1.0, 0.25)),
                      legend=dict(orientation="h", y=-0.2))
    return fig
