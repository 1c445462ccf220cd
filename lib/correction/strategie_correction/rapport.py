"""notes.csv et rapport.html : la classe d'un coup d'œil, anomalies en premier."""

from __future__ import annotations

import csv
import html
import io
import statistics
from pathlib import Path

from strategie_correction.statuts import GRAVITE, LIBELLES

COLONNES = [
    "student_id", "nom", "score", "max_score", "statut", "message",
    "anomalies", "a_noter_main", "soumis_le", "origine", "isolation",
]


def nombre(valeur) -> str:
    """Un nombre pour les fichiers que relisent les LMS (notes.csv) : point décimal, au plus 2 décimales."""
    if valeur is None:
        return ""
    texte = f"{float(valeur):.2f}".rstrip("0").rstrip(".")
    return "0" if texte in ("-0", "") else texte


def nombre_fr(valeur) -> str:
    """Le même nombre pour un lecteur : virgule décimale (« 3,87 »)."""
    return nombre(valeur).replace(".", ",")


def ecrire_csv(lignes: list[dict], chemin: Path) -> None:
    """Une ligne par élève, triée par identifiant ; même contenu à chaque exécution."""
    tampon = io.StringIO()
    ecrivain = csv.DictWriter(tampon, fieldnames=COLONNES, lineterminator="\n", extrasaction="ignore")
    ecrivain.writeheader()
    for ligne in sorted(lignes, key=lambda l: l["student_id"]):
        ecrivain.writerow({
            **ligne, "score": nombre(ligne["score"]), "max_score": nombre(ligne["max_score"]),
            "anomalies": " ".join(ligne.get("anomalies", [])),
        })
    provisoire = chemin.with_suffix(".csv.tmp")
    provisoire.write_text(tampon.getvalue(), encoding="utf-8")
    provisoire.replace(chemin)


def _histogramme(pourcentages: list[float]) -> str:
    classes = [0] * 10
    for p in pourcentages:
        classes[min(9, int(p // 10))] += 1
    haut = max(classes) or 1
    largeur, hauteur, pas = 420, 150, 42
    barres = []
    for i, n in enumerate(classes):
        h = int((hauteur - 30) * n / haut)
        x = i * pas + 4
        barres.append(
            f'<rect x="{x}" y="{hauteur - 20 - h}" width="{pas - 8}" height="{h}" fill="#3b6ea5">'
            f"<title>{i * 10}–{(i + 1) * 10} % : {n} élève(s)</title></rect>"
            f'<text x="{x + (pas - 8) / 2}" y="{hauteur - 24 - h}" font-size="11" text-anchor="middle">{n or ""}</text>'
            f'<text x="{x + (pas - 8) / 2}" y="{hauteur - 6}" font-size="10" text-anchor="middle">{i * 10}</text>'
        )
    return (
        f'<svg class="histogramme" width="{largeur}" height="{hauteur}" role="img" '
        f'aria-label="Distribution des notes en pourcentage">{"".join(barres)}</svg>'
        '<p class="legende">Notes en pourcentage du maximum, par tranches de 10 %.</p>'
    )


def ecrire_html(
    lignes: list[dict], questions: list[dict], chemin: Path, *, devoir: str, isolation: list[str],
    duree: float | None = None, max_score: float | None = None,
) -> None:
    e = html.escape
    notees = [l for l in lignes if l["statut"] not in ("nom_non_reconnu",) and l.get("note_valide", True)]
    pourcentages = [100 * l["score"] / l["max_score"] for l in notees if l.get("max_score")]
    anomalies = sorted((l for l in lignes if l["statut"] != "ok"), key=lambda l: (GRAVITE[l["statut"]], l["student_id"]))
    attente = sum(1 for l in lignes if l.get("a_noter_main"))

    resume = [f"<li>{len(lignes)} élève(s), dont {len(anomalies)} avec une anomalie (liste ci-dessous).</li>"]
    if pourcentages:
        scores = [l["score"] for l in notees]
        resume.append(
            f"<li>Moyenne {nombre_fr(statistics.mean(scores))} / {nombre_fr(max_score)}, médiane "
            f"{nombre_fr(statistics.median(scores))}, min {nombre_fr(min(scores))}, max {nombre_fr(max(scores))}.</li>"
        )
    if attente:
        resume.append(
            f"<li>{attente} élève(s) ont des réponses rédigées à noter dans le formgrader : leur note est "
            "provisoire jusqu'à la prochaine exécution de <code>strategie corriger</code>.</li>"
        )
    if duree is not None:
        resume.append(f"<li>Durée de cette exécution : {duree:.0f} s.</li>")
    for texte in isolation:
        resume.append(f"<li>Isolation en vigueur : {e(texte)}</li>")

    def tableau(rangs: list[dict], classe: str) -> str:
        corps = "".join(
            f'<tr class="statut-{e(l["statut"])}"><td>{e(l["student_id"])}</td><td>{e(l.get("nom") or "")}</td>'
            f'<td class="n">{nombre_fr(l["score"])} / {nombre_fr(l["max_score"])}</td>'
            f'<td><code>{e(l["statut"])}</code><br><small>{e(LIBELLES.get(l["statut"], ""))}</small></td>'
            f'<td>{e(l["message"])}</td></tr>'
            for l in rangs
        )
        return (
            f'<table class="{classe}"><thead><tr><th>Élève</th><th>Nom</th><th>Note</th><th>Statut</th>'
            f"<th>Message</th></tr></thead><tbody>{corps}</tbody></table>"
        )

    lignes_q = []
    for q in questions:
        taux = q["reussite"]
        barre = f'<span class="barre" style="width:{int(taux)}%"></span>' if taux is not None else ""
        lignes_q.append(
            f'<tr><td><code>{e(q["cellule"])}</code></td><td>{e(q["genre"])}</td><td class="n">{nombre_fr(q["points"])}</td>'
            f'<td class="n">{"" if taux is None else f"{taux:.0f} %"}</td><td class="jauge">{barre}</td>'
            f'<td class="n">{"" if q["moyenne"] is None else nombre_fr(q["moyenne"])}</td>'
            f'<td class="n">{q["en_attente"] or ""}</td></tr>'
        )

    page = f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Correction — {e(devoir)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #222; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.5em 0 1.5em; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }}
td.n {{ text-align: right; white-space: nowrap; }}
tr.statut-ok td {{ background: #fff; }}
table.anomalies tr td {{ background: #fff4e5; }}
td.jauge {{ width: 12em; }} .barre {{ display: inline-block; height: 0.8em; background: #3b6ea5; }}
.legende {{ color: #555; font-size: 0.9em; }}
</style></head><body>
<h1>Correction du devoir {e(devoir)}</h1>
<ul class="resume">{"".join(resume)}</ul>
<h2 id="anomalies">Anomalies ({len(anomalies)})</h2>
{tableau(anomalies, "anomalies") if anomalies else "<p>Aucune anomalie : toutes les soumissions ont été notées normalement.</p>"}
<h2 id="distribution">Distribution des notes</h2>
{_histogramme(pourcentages) if pourcentages else "<p>Aucune note.</p>"}
<h2 id="questions">Réussite par question</h2>
<table class="questions"><thead><tr><th>Cellule notée</th><th>Notation</th><th>Points</th><th>Réussite complète</th><th></th>
<th>Moyenne</th><th>À noter à la main</th></tr></thead><tbody>{"".join(lignes_q)}</tbody></table>
<p class="legende">Réussite complète : part des soumissions notées qui ont tous les points de la cellule.</p>
<h2 id="eleves">Tous les élèves</h2>
{tableau(sorted(lignes, key=lambda l: l["student_id"]), "eleves")}
</body></html>
"""
    provisoire = chemin.with_suffix(".html.tmp")
    provisoire.write_text(page, encoding="utf-8")
    provisoire.replace(chemin)
