"""Vues du module 14 : constructeur d'objectif avec liste SMART en direct ; tableau de bord."""

from __future__ import annotations

import datetime as _dt
import html

import ipywidgets as widgets

from strategie.erreurs import SaisieInvalide
from strategie.figures.smart import COULEURS_STATUTS, figure_tableau_de_bord, hors_echelle
from strategie.smart import (
    CRITERES,
    LIBELLES,
    Objectif,
    TableauDeBord,
    conseil_de_revue,
    est_smart,
    evaluer,
    lire_nombre,
    verifier,
)
from strategie.smart._texte import format_nombre
from strategie.smart.tableau import FLECHES
from strategie import palette
from strategie.widgets._commun import FigureVivante, ZoneMessage, protege

_DISPOSITION = widgets.Layout(width="calc(100% - 4px)")  # avec 100 %, les marges du widget faisaient déborder
_STYLE = {"description_width": "9em"}
_OBLIGATOIRES = {"quoi": "quoi", "indicateur": "indicateur", "cible": "cible", "echeance": "échéance"}


# Des glyphes simples (des polices courantes) plutôt que des emoji, en couleur, avec un texte pour lecteur d'écran.
_MARQUES = {
    True: (f'<span style="color:{palette.VERT};font-weight:bold" title="rempli">✔</span>', "rempli"),
    False: (f'<span style="color:{palette.ROUGE};font-weight:bold" title="à corriger">✘</span>', "à corriger"),
    None: (f'<span style="color:{palette.ORANGE_SOMBRE};font-weight:bold" title="information manquante">?</span>',
           "information manquante"),
}

_CLASSES = {True: "rempli", False: "a-corriger", None: "a-preciser"}


def liste_html(verdicts: dict | None, attente: str = "La liste SMART apparaîtra ici.") -> str:
    """La liste SMART en HTML : une marque (✔ ✘ ?), la lettre et la raison par critère (sinon ``attente``)."""
    if not verdicts:
        return f'<div class="strategie-smart-liste"><i>{html.escape(attente)}</i></div>'
    lignes = "".join(
        f'<tr class="strategie-smart-{c} strategie-smart-{_CLASSES[verdicts[c][0]]}">'
        f'<td style="padding:2px 6px">{_MARQUES[verdicts[c][0]][0]}</td>'
        f'<td style="padding:2px 6px"><b>{LIBELLES[c]}</b></td>'
        f'<td style="padding:2px 6px">{html.escape(verdicts[c][1])}</td></tr>'
        for c in CRITERES
    )
    bilan = ("<b>SMART : les cinq critères sont remplis.</b>" if est_smart(verdicts)
             else " · ".join(f"{marque} {texte}" for marque, texte in _MARQUES.values()))
    return f'<div class="strategie-smart-liste"><table>{lignes}</table><div>{bilan}</div></div>'


class ConstructeurObjectif(widgets.VBox):
    """Écrire un objectif, champ par champ ou en texte libre, et voir la liste SMART se mettre à jour.

    ``axes`` : les axes stratégiques proposés ; ``aujourd_hui`` : date de référence (défaut : aujourd'hui).
    Après chaque saisie : ``self.verdicts`` (dict du vérificateur) et ``self.objectif`` (un
    ``Objectif`` quand les champs obligatoires sont remplis et valides, sinon ``None``).
    """

    def __init__(self, axes=None, aujourd_hui: _dt.date | None = None, objectif: Objectif | None = None):
        self.aujourd_hui = aujourd_hui
        self.objectif: Objectif | None = None
        self.verdicts: dict | None = None
        self.message = ZoneMessage()

        def texte(description, indication):
            return widgets.Text(description=description, placeholder=indication, layout=_DISPOSITION, style=_STYLE)

        self.champ_quoi = texte("Quoi", "Réduire les retards de livraison des commandes en ligne")
        self.champ_indicateur = texte("Indicateur", "taux de commandes livrées en retard")
        self.champ_depart = texte("Départ", "12")
        self.champ_cible = texte("Cible", "8")
        self.champ_unite = texte("Unité", "%")
        self.champ_echeance = texte("Échéance", "30/06/2027, fin juin 2027, T3 2027…")
        self.champ_responsable = texte("Responsable", "Julie Martin (logistique)")
        self.champ_moyens = texte("Moyens", "un second transporteur, 20 k€")
        axes = [a for a in (axes or []) if isinstance(a, str) and a.strip()]
        if axes:
            self.champ_axe = widgets.Dropdown(options=[""] + axes, description="Axe stratégique", style=_STYLE,
                                              layout=_DISPOSITION)
        else:
            self.champ_axe = texte("Axe stratégique", "Excellence opérationnelle")
        self.champ_texte = widgets.Textarea(
            placeholder="Ou écrivez l'objectif en une phrase : « Réduire le taux de retard de 12 % à 8 % "
                        "d'ici fin juin 2027, responsable : Julie, avec un second transporteur »",
            tooltip="L'objectif en une phrase", layout=widgets.Layout(width="calc(100% - 4px)", height="5em"),
        )
        self.mode = widgets.ToggleButtons(options=["Champs", "Texte libre"], value="Champs",
                                          description="Saisie", style=_STYLE)
        self.liste = widgets.HTML(liste_html(None))
        self.phrase = widgets.HTML("")
        self.champs = {
            "quoi": self.champ_quoi, "indicateur": self.champ_indicateur, "depart": self.champ_depart,
            "cible": self.champ_cible, "unite": self.champ_unite, "echeance": self.champ_echeance,
            "responsable": self.champ_responsable, "moyens": self.champ_moyens, "axe": self.champ_axe,
        }
        self.boite_champs = widgets.VBox(list(self.champs.values()))
        self.boite_texte = widgets.VBox([self.champ_texte])
        self.boite_texte.layout.display = "none"
        super().__init__([self.mode, self.boite_champs, self.boite_texte, self.message, self.liste, self.phrase])
        self.add_class("strategie-smart")
        if objectif is not None:
            self.remplir(objectif)
        for champ in [*self.champs.values(), self.champ_texte, self.mode]:
            champ.observe(self._actualiser, names="value")
        self._actualiser()

    def remplir(self, objectif: Objectif) -> None:
        """Met un objectif existant dans les champs."""
        valeurs = {
            "quoi": objectif.quoi, "indicateur": objectif.indicateur,
            "depart": "" if objectif.depart is None else format_nombre(objectif.depart).replace("\u202f", " "),
            "cible": format_nombre(objectif.cible).replace("\u202f", " "), "unite": objectif.unite,
            "echeance": f"{objectif.echeance:%d/%m/%Y}", "responsable": objectif.responsable,
            "moyens": objectif.moyens, "axe": objectif.axe,
        }
        for nom, valeur in valeurs.items():
            champ = self.champs[nom]
            if isinstance(champ, widgets.Dropdown) and valeur not in champ.options:
                champ.options = [*champ.options, valeur]
            champ.value = valeur

    def _phrase_partielle(self) -> str:
        v = {nom: str(champ.value or "").strip() for nom, champ in self.champs.items()}
        morceaux = [v["quoi"]]
        unite = f" {v['unite']}" if v["unite"] else ""
        if v["indicateur"] or v["cible"]:
            valeurs = (f"de {v['depart']}{unite} à {v['cible']}{unite}" if v["depart"] and v["cible"]
                       else f"à {v['cible']}{unite}" if v["cible"] else "")
            morceaux.append(f": {v['indicateur']} {valeurs}".rstrip())
        if v["echeance"]:
            morceaux.append(f"d'ici {v['echeance']}")
        if v["responsable"]:
            morceaux.append(f", responsable : {v['responsable']}")
        if v["moyens"]:
            morceaux.append(f", moyens : {v['moyens']}")
        return " ".join(m for m in morceaux if m).replace(" ,", ",")

    @protege()
    def _actualiser(self, *_):
        texte_libre = self.mode.value == "Texte libre"
        self.boite_champs.layout.display = "none" if texte_libre else None
        self.boite_texte.layout.display = None if texte_libre else "none"
        self.message.effacer()
        self.objectif = None
        if texte_libre:
            self.verdicts = evaluer(self.champ_texte.value or "", self.aujourd_hui)
            self.liste.value = liste_html(self.verdicts)
            self.phrase.value = ""
            return
        manquants = [libelle for nom, libelle in _OBLIGATOIRES.items() if not str(self.champs[nom].value).strip()]
        if manquants:
            phrase = self._phrase_partielle()
            self.verdicts = evaluer(phrase, self.aujourd_hui) if phrase else None
            self.liste.value = liste_html(self.verdicts)
            self.phrase.value = ""
            self.message.info(f"À remplir encore : {', '.join(manquants)}. La liste lit ce qui est déjà écrit.")
            return
        # Une saisie refusée plus bas (date impossible, nombre…) ne doit pas laisser les verdicts de la précédente.
        self.verdicts = None
        self.liste.value = liste_html(None, "La liste SMART reviendra quand le champ signalé sera corrigé.")
        self.phrase.value = ""
        objectif = Objectif(
            quoi=self.champ_quoi.value, indicateur=self.champ_indicateur.value,
            depart=lire_nombre(self.champ_depart.value, "Départ", vide_permis=True),
            cible=lire_nombre(self.champ_cible.value, "Cible"), unite=self.champ_unite.value,
            echeance=self.champ_echeance.value, responsable=self.champ_responsable.value,
            moyens=self.champ_moyens.value, axe=self.champ_axe.value,
        )
        self.objectif = objectif
        self.verdicts = verifier(objectif, self.aujourd_hui)
        self.liste.value = liste_html(self.verdicts)
        self.phrase.value = f'<p class="strategie-smart-phrase"><i>{html.escape(objectif.phrase())}</i></p>'
        if est_smart(self.verdicts):
            self.message.succes("Objectif SMART : les cinq critères sont remplis.")


def tableau_html(df) -> str:
    """Le tableau de bord calculé, en table HTML colorée par statut."""
    if df is None or not len(df):
        return "<i>Aucun indicateur.</i>"
    lignes = []
    for _, ligne in df.iterrows():
        unite = ligne["unite"]

        def valeur(x):
            if x != x:
                return "—"
            return f"{format_nombre(x)}{'' if not unite or unite.startswith('/') else ' '}{unite}"

        couleur = COULEURS_STATUTS[ligne["statut"]]
        lignes.append(
            f"<tr><td>{html.escape(ligne['indicateur'])}</td><td>{valeur(ligne['depart'])}</td>"
            f"<td>{valeur(ligne['cible'])}</td><td>{valeur(ligne['reel'])}</td>"
            f'<td><span style="background:{couleur};color:white;padding:1px 6px;border-radius:3px">'
            f"{html.escape(ligne['statut'])}</span></td>"
            f"<td>{FLECHES.get(ligne['tendance'], '')} {html.escape(ligne['tendance'])}</td></tr>"
        )
    entete = ("<tr><th>indicateur</th><th>départ</th><th>cible</th><th>réel</th><th>statut</th>"
              "<th>tendance</th></tr>")
    return f'<table class="strategie-smart-tableau">{entete}{"".join(lignes)}</table>'


class TableauDeBordVue(widgets.VBox):
    """Un tableau de bord vivant : ajouter une mesure, changer la date du point, lire statuts et conseil."""

    def __init__(self, tableau: TableauDeBord, date_point: _dt.date | None = None):
        if not isinstance(tableau, TableauDeBord):
            raise SaisieInvalide("tableau : attendu un smart.TableauDeBord (voir smart.TableauDeBord()).")
        self.tableau = tableau
        self.message = ZoneMessage()
        self.df = tableau.calculer(date_point)
        self.figure = FigureVivante(figure_tableau_de_bord(self.df))
        self.choix = widgets.Dropdown(options=tableau.indicateurs, description="Indicateur", style=_STYLE)
        self.valeur = widgets.Text(description="Nouvelle mesure", placeholder="ex. 10,5", style=_STYLE)
        self.bouton = widgets.Button(description="Ajouter la mesure", button_style="primary", icon="plus",
                                    layout=widgets.Layout(width="auto"))
        self.date = widgets.DatePicker(description="Date du point", value=date_point or _dt.date.today(),
                                       style=_STYLE)
        self.table = widgets.HTML(tableau_html(self.df))
        self.conseil = widgets.HTML("")
        self.bouton.on_click(self._ajouter_mesure)
        self.date.observe(self._changer_date, names="value")
        super().__init__([
            widgets.HBox([self.choix, self.valeur, self.bouton]), self.date, self.message, self.figure,
            self.table, self.conseil,
        ])
        self.add_class("strategie-smart-tableau-de-bord")
        self._rafraichir()

    def _rafraichir(self) -> None:
        self.df = self.tableau.calculer(self.date.value)
        self.figure.montrer(figure_tableau_de_bord(self.df))
        self.table.value = tableau_html(self.df)
        self.conseil.value = f'<p class="strategie-smart-conseil"><b>À la revue :</b> ' \
                             f"{html.escape(conseil_de_revue(self.df))}</p>"

    @protege()
    def _ajouter_mesure(self, *_):
        if not self.choix.value:
            raise SaisieInvalide("Indicateur : le tableau de bord est vide ; ajoutez d'abord un indicateur.")
        valeur = lire_nombre(self.valeur.value, "Nouvelle mesure")
        self.tableau.mesurer(self.choix.value, valeur)
        self.valeur.value = ""
        self._rafraichir()
        ligne = self.df[self.df["indicateur"] == self.choix.value].iloc[0]
        texte = f"Mesure ajoutée : {self.choix.value} → {ligne['statut']}, {ligne['tendance']}."
        if hors_echelle(ligne["avancement"]):
            self.message.info(
                f"{texte} Cette mesure place l'indicateur très loin de sa cible (avancement de "
                f"{format_nombre(round(ligne['avancement'] * 100))}\u202f%, barre coupée sur la figure) : "
                "vérifiez l'unité et le nombre tapés."
            )
        else:
            self.message.succes(texte)

    @protege()
    def _changer_date(self, *_):
        if self.date.value is None:
            raise SaisieInvalide("Date du point vide : choisissez une date dans le calendrier.")
        self.message.effacer()
        self._rafraichir()
