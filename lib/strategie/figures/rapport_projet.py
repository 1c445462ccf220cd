"""Rapport imprimable du projet de synthèse : une page HTML autonome, figures plotly comprises.

Ce module ne lit pas ``strategie.projet`` : le modèle lui passe le projet et son
bilan déjà calculé (``strategie.projet.rapport_html``), pour que le modèle et ses
figures ne s'importent pas l'un l'autre.
"""

from __future__ import annotations

import datetime as _dt
import html
import string
from itertools import count

from plotly.offline import get_plotlyjs

from strategie import coherence, palette
from strategie.canevas import BLOCS
from strategie.canevas_strategique import LIBELLES_ACTIONS, nombre_fr
from strategie.figures.canevas import NOTE_ILLISIBLE, figure_canevas
from strategie.figures.canevas_strategique import figure_courbes_de_valeur, figure_errc, tableau_errc_html
from strategie.figures.smart import figure_plan
from strategie.smart import CRITERES, LIBELLES, verifier
from strategie.smart._texte import format_nombre
from strategie.texte import cle_nom

__all__ = ["page_html"]

_MARQUES = {True: ("✔", "rempli"), False: ("✘", "non-rempli"), None: ("?", "a-preciser")}

_STYLE = string.Template("""
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: $ENCRE;
       max-width: 1100px; margin: 0 auto; padding: 1.5em; line-height: 1.45; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 2px solid $BORDURE; padding-bottom: 0.2em; margin-top: 1.6em; }
.sous-titre { color: $GRIS; margin-top: 0; }
nav ol { columns: 2; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 0.92em; }
th, td { border: 1px solid $BORDURE; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: $FOND_GRIS; }
.a-faire { background: $FOND_JAUNE; border-left: 4px solid $JAUNE; padding: 0.5em 0.8em; }
.fait { color: $VERT; } .manque { color: $ROUGE; }
.marque { text-align: center; font-weight: bold; }
.marque.rempli { color: $VERT; } .marque.non-rempli { color: $ROUGE; } .marque.a-preciser { color: $ORANGE_SOMBRE; }
.raisons { margin: 0.3em 0 0 1.2em; padding: 0; font-size: 0.9em; color: $GRIS; }
.errc td { width: 50%; border-width: 2px; }
.bilan { list-style: none; padding-left: 0; } .bilan li { margin: 0.35em 0; }
.figure { margin: 0.8em 0; }
footer { margin-top: 2em; font-size: 0.85em; color: $GRIS; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav, .ecran-seulement { display: none; }
  section { break-before: page; } section.premiere { break-before: auto; }
  h2, h3 { break-after: avoid; } tr, li, .figure, .errc, .a-faire { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .modebar-container { display: none !important; }
}
""").substitute(vars(palette))

# Plotly dessine à la largeur de l'écran : redessiner à la largeur du papier avant d'imprimer.
_SCRIPT_IMPRESSION = """
window.addEventListener("beforeprint", function () {
  document.querySelectorAll(".js-plotly-plot").forEach(function (p) { Plotly.Plots.resize(p); });
});
"""

_SECTIONS = (
    ("canevas", "1. Modélisation — le canevas"),
    ("coherence", "2. Réflexion — la cohérence du canevas"),
    ("canevas-strategique", "3. Réinvention — le canevas stratégique et la grille ERRC"),
    ("objectifs", "4. Action — les objectifs SMART"),
    ("plan", "5. Action — le plan d'exécution"),
    ("bilan", "6. Bilan du projet"),
)


def _e(texte: object) -> str:
    return html.escape(str(texte))


class _Page:
    """Assemble la page : une méthode par section, des figures plotly sans leur bibliothèque."""

    def __init__(self, projet, etapes, piliers: dict[str, str], aujourd_hui: _dt.date | None) -> None:
        self.projet = projet
        self.aujourd_hui = aujourd_hui
        self.etapes = {e.code: e for e in etapes}
        self.piliers = piliers
        self._numeros = count(1)

    def figure(self, construire, quoi: str) -> str:
        """Une figure plotly dans la page ; si les données l'empêchent, une phrase à sa place."""
        try:
            figure = construire()
        except Exception as exc:  # une note modifiée à la main peut tout contenir : le rapport s'écrit quand même
            return (f'<p class="a-faire">La figure « {_e(quoi)} » n\'a pas pu être dessinée : une donnée est mal '
                    f"formée ({exc.__class__.__name__}). Rouvrez l'outil du module qui la produit et "
                    "enregistrez de nouveau.</p>")
        # Une largeur fixe serait coupée sur papier : chaque figure suit la largeur de la page.
        figure.update_layout(width=None, autosize=True)
        corps = figure.to_html(full_html=False, include_plotlyjs=False, div_id=f"figure-{next(self._numeros)}",
                               config={"displaylogo": False, "responsive": True})
        return f'<div class="figure">{corps}</div>'

    def a_faire(self, *codes: str) -> str:
        messages = [self.etapes[c].message for c in codes if not self.etapes[c].ok]
        return "".join(f'<p class="a-faire">{_e(m)}</p>' for m in messages)

    # -- sections --
    def canevas(self) -> str:
        c = self.projet.canevas
        if c is None:
            return self.a_faire("canevas")
        lignes = "".join(
            f"<tr><th>{_e(c.intitule(cle))}</th><td>"
            + ("<br>".join(_e(t) if isinstance(t, str) else NOTE_ILLISIBLE for t in c.textes(cle))
               or '<span class="manque">vide</span>')
            + "</td></tr>"
            for cle in BLOCS
        )
        return (self.figure(lambda: figure_canevas(c), "le canevas") + f'<table class="canevas-notes">{lignes}</table>'
                + self.a_faire("canevas_rempli"))

    def coherence(self) -> str:
        c = self.projet.canevas
        if c is None:
            return self.a_faire("canevas")
        constats = coherence.verifier(c)
        if not constats:
            return (f'<p class="fait">✔ « {_e(c.nom)} » passe les {len(coherence.REGLES)} règles de cohérence : '
                    "chaque segment reçoit une proposition, un canal, une relation et un revenu ; chaque activité, "
                    "ressource et coût a sa raison d'être.</p>")
        items = "".join(
            f"<li><b>{_e(k.titre)}</b><br>{_e(k.explication)}<br><i>→ {_e(k.a_faire)}</i></li>" for k in constats
        )
        return f'<p class="manque">{len(constats)} constat(s) à traiter :</p><ol class="constats">{items}</ol>'

    def canevas_strategique(self) -> str:
        cs = self.projet.canevas_strategique
        if cs is None:
            return self.a_faire("canevas_strategique")
        morceaux = [self.figure(lambda: figure_courbes_de_valeur(cs, titre=cs.titre or "Courbes de valeur"),
                                "les courbes de valeur")]
        if cs.slogan:
            morceaux.append(f"<p><b>Slogan :</b> « {_e(cs.slogan)} »</p>")
        try:
            grille = self.projet.grille_errc()
        except Exception:  # le bilan dit déjà ce qui ne va pas avec la référence
            grille = None
        if grille is not None:
            reference = "la moyenne des concurrents" if cle_nom(self.projet.reference) == "moyenne" \
                else f"« {self.projet.reference} »"
            morceaux.append(f"<h3>Grille ERRC : de {_e(reference)} à « {_e(cs.focale)} »</h3>")
            morceaux.append(tableau_errc_html(grille, niveaux=True))
            noms = (f"Référence ({reference})", cs.focale)
            morceaux.append(self.figure(lambda: figure_errc(grille, cs.echelle, noms=noms), "la grille ERRC"))
            try:
                constats = cs.diagnostic()
            except Exception:  # le diagnostic est un plus : ne jamais perdre le rapport pour lui
                constats = []
            if constats:
                morceaux.append("<ul>" + "".join(f"<li>{_e(t)}</li>" for t in constats) + "</ul>")
        morceaux.append(self.a_faire("canevas_strategique", "offre_focale", "concurrents", "grille_errc", "slogan"))
        return "".join(morceaux)

    def objectifs(self) -> str:
        plan = self.projet.plan
        if plan is None or not plan.objectifs:
            return self.a_faire("plan", "objectifs_smart")
        entete = "".join(f"<th title='{LIBELLES[c]}'>{LIBELLES[c][0]}</th>" for c in CRITERES)
        lignes = []
        for o in plan.objectifs:
            verdicts = verifier(o, self.aujourd_hui)
            marques = "".join(
                f'<td class="marque {_MARQUES[verdicts[c][0]][1]}" title="{_e(verdicts[c][1])}">'
                f"{_MARQUES[verdicts[c][0]][0]}</td>" for c in CRITERES
            )
            raisons = "".join(f"<li>{LIBELLES[c]} : {_e(verdicts[c][1])}</li>"
                              for c in CRITERES if verdicts[c][0] is not True)
            depart = "à mesurer" if o.depart is None else format_nombre(o.depart)
            lignes.append(
                f"<tr><td>{_e(o.axe)}</td><td>{_e(o.quoi)}"
                + (f'<br><small>Moyens : {_e(o.moyens)}</small>' if o.moyens else "")
                + (f'<ul class="raisons">{raisons}</ul>' if raisons else "")
                + f"</td><td>{_e(o.indicateur)}</td><td>{_e(depart)} → {_e(format_nombre(o.cible))} {_e(o.unite)}</td>"
                f"<td>{o.echeance:%d/%m/%Y}</td><td>{_e(o.responsable)}</td>{marques}</tr>"
            )
        legende = "<p class='sous-titre'>✔ rempli · ✘ non rempli · ? information manquante</p>"
        return (
            "<table class='objectifs'><tr><th>Axe</th><th>Objectif</th><th>Indicateur</th><th>Départ → cible</th>"
            f"<th>Échéance</th><th>Responsable</th>{entete}</tr>{''.join(lignes)}</table>{legende}"
            + self.a_faire("objectifs_smart")
        )

    def plan(self) -> str:
        plan = self.projet.plan
        if plan is None:
            return self.a_faire("plan")
        grille = None
        try:
            grille = self.projet.grille_errc()
        except Exception:  # voir canevas_strategique
            pass
        lignes = []
        for axe, objectifs in plan.par_axe().items():
            facteurs = self.projet.facteurs_lies(axe)
            lus = ", ".join(
                _e(f) + (f" <i>({LIBELLES_ACTIONS[grille.action(f)].lower()})</i>" if grille is not None
                         and f in grille.details.index else "")
                for f in facteurs
            ) or '<span class="manque">aucun</span>'
            indicateurs = "<br>".join(_e(o.indicateur) for o in objectifs) or '<span class="manque">aucun</span>'
            lignes.append(f"<tr><td>{_e(axe)}</td><td>{lus}</td><td>{indicateurs}</td></tr>")
        tableau = ("<table class='plan'><tr><th>Axe stratégique</th><th>Facteurs du canevas stratégique</th>"
                   f"<th>Indicateurs suivis</th></tr>{''.join(lignes)}</table>")
        return (f"<p><b>{_e(plan.nom or 'Plan d’exécution')}</b></p>" + tableau
                + self.figure(lambda: figure_plan(plan, self.aujourd_hui), "le plan")
                + self.a_faire("objectifs_par_axe", "axes_relies", "facteurs_couverts"))

    def bilan(self) -> str:
        morceaux = []
        for pilier, nom in self.piliers.items():
            items = "".join(
                f'<li class="{"etape-ok" if e.ok else "etape-a-faire"}">{"☑" if e.ok else "☐"} '
                f"<b>{_e(e.titre)}</b> — {_e(e.message)}</li>"
                for e in self.etapes.values() if e.pilier == pilier
            )
            morceaux.append(f"<h3>{_e(nom)}</h3><ul class='bilan'>{items}</ul>")
        return "".join(morceaux)

    def rendre(self) -> str:
        p = self.projet
        faites = sum(e.ok for e in self.etapes.values())
        date = self.aujourd_hui or _dt.date.today()
        auteur = f"{_e(p.auteur)} · " if p.auteur else ""
        sommaire = "".join(f'<li><a href="#{ident}">{_e(titre)}</a></li>' for ident, titre in _SECTIONS)
        contenus = {
            "canevas": self.canevas, "coherence": self.coherence, "canevas-strategique": self.canevas_strategique,
            "objectifs": self.objectifs, "plan": self.plan, "bilan": self.bilan,
        }
        sections = "".join(
            f'<section id="{ident}"{" class=premiere" if rang == 0 else ""}><h2>{_e(titre)}</h2>'
            f"{contenus[ident]()}</section>"
            for rang, (ident, titre) in enumerate(_SECTIONS)
        )
        return (
            '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(p.titre)}</title><style>{_STYLE}</style>"
            f'<script type="text/javascript">{get_plotlyjs()}</script></head>'
            f'<body class="strategie-projet-rapport"><header><h1>{_e(p.titre)}</h1>'
            f'<p class="sous-titre">{auteur}rapport du {date:%d/%m/%Y} · {faites} étape(s) faite(s) sur '
            f"{len(self.etapes)}</p>"
            '<p class="ecran-seulement">Pour imprimer ou enregistrer en PDF : Ctrl+P (⌘+P sur Mac).</p>'
            f"<nav><b>Sommaire</b><ol>{sommaire}</ol></nav></header>{sections}"
            "<footer>Démarche du cours « Stratégie d'entreprise » : modélisation, réflexion, réinvention, action "
            "(Martin Gysler, série « Business Model You », 2015) ; le modèle d'affaires comme lien intégrateur d'un "
            "plan (Geneviève Meloche, « L'expérience client au cœur de l'écosystème de partenaires ») ; canevas "
            "stratégique, objectifs SMART et plan d'exécution (Éric Perrot, « Flashcamp #25 : de l'intention au "
            "plan d'exécution stratégique »).</footer>"
            f"<script>{_SCRIPT_IMPRESSION}</script></body></html>\n"
        )


def page_html(projet, etapes, piliers: dict[str, str], aujourd_hui: _dt.date | None = None) -> str:
    """Le rapport en une page HTML autonome (plotly.js inclus une fois), imprimable.

    ``projet`` : un ``strategie.projet.Projet`` déjà validé ; ``etapes`` : son bilan
    (``strategie.projet.bilan``) ; ``piliers`` : code → nom des piliers, dans l'ordre du rapport.
    """
    return _Page(projet, etapes, piliers, aujourd_hui).rendre()
