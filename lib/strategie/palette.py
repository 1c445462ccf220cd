"""Les couleurs du cours, en un seul endroit : figures, vues et rapports les nomment d'ici.

Une couleur littérale (« #5f6368 ») n'apparaît nulle part ailleurs dans la bibliothèque
(tests/lib/test_aides_communes.py le vérifie) : pour changer une teinte, on la change ici,
et toutes les figures qui la portent suivent.

>>> GRIS, VERT, ROUGE
('#5f6368', '#137333', '#b3261e')
"""

from __future__ import annotations

# --- encres et gris (textes, axes, bordures, fonds neutres) ---------------------------------------
ENCRE = "#202124"  # texte principal
ENCRE_NOIRE = "#212121"
ENCRE_SOMBRE = "#222222"
ENCRE_ANTHRACITE = "#333333"
GRIS_FONCE = "#3c4043"
GRIS_ARDOISE = "#555555"
GRIS = "#5f6368"  # texte secondaire : légendes, notes, consignes
GRIS_CONSIGNE = "#616161"
GRIS_NOTE = "#666"
GRIS_MOYEN = "#80868b"
GRIS_MOYENNE = "#8c8c8c"  # la moyenne des concurrents
GRIS_CLAIR = "#9aa0a6"
GRIS_NEUTRE = "#9e9e9e"  # ce qui ne compte pas (inchangé, hors budget, hasard)
GRIS_PALE = "#bdbdbd"
GRIS_POINTILLE = "#bdc1c6"
GRIS_VIDE = "#d9d9d9"
BORDURE = "#dadce0"
GRILLE = "#e0e0e0"
GRILLE_CLAIRE = "#e5e5e5"
FOND_ARDOISE = "#eceff1"
FOND_CENTRE = "#f0f0f0"
FOND_GRIS = "#f1f3f4"
FOND_TRES_CLAIR = "#f8f9fa"
BLANC = "#ffffff"

# --- verts (réussi, atteint, ce qui rapporte) -------------------------------------------------------
VERT_SOMBRE = "#0d652d"
VERT = "#137333"
VERT_VIF = "#188038"
VERT_ATTEINT = "#1b7837"
VERT_VERIFICATION = "#1b7a3a"
VERT_COOPERATION = "#2e7d32"
VERT_VIF_CLAIR = "#34a853"
VERT_BONNE_VOIE = "#7fbf7b"
FOND_VERT_SOUTENU = "#b7e1cd"
FOND_VERT = "#e6f4ea"
FOND_VERT_PALE = "#e8f5e9"

# --- rouges (à corriger, manque, ce qui coûte) ------------------------------------------------------
ROUGE_SOMBRE = "#a50e0e"
ROUGE = "#b3261e"
ROUGE_FOCALE = "#c0392b"  # la courbe de l'entreprise étudiée
ROUGE_ALERTE = "#c5221f"
ROUGE_TRAHISON = "#c62828"
ROUGE_RETARD = "#d73027"
ROUGE_VIF = "#d93025"
ROUGE_VIF_CLAIR = "#ea4335"
FOND_ROUGE_SOUTENU = "#f4c7c3"
FOND_ROUGE_PALE = "#fbe3e1"
FOND_ROUGE = "#fce8e6"
FOND_ROUGE_CLAIR = "#fdecea"
FOND_ROSE = "#ffebee"

# --- bleus, cyan, violet (information, renforcer) --------------------------------------------------
BLEU_FONCE = "#174ea6"
BLEU = "#1a73e8"
BLEU_VERIFICATION = "#1f4e9a"
BLEU_VIF_CLAIR = "#4285f4"
FOND_BLEU = "#e8f0fe"
CYAN = "#12b5cb"
VIOLET = "#a142f4"

# --- orangés et jaunes (à préciser, à surveiller, mise en avant) -----------------------------------
ORANGE_SOMBRE = "#b06000"
ORANGE_VERIFICATION = "#b35c00"
ORANGE_FONCE = "#e37400"
ORANGE = "#e8710a"
ORANGE_SURVEILLER = "#f1a340"
JAUNE_SURLIGNAGE = "#f9a825"  # le contour de ce qu'on désigne (pari, invité, issue)
JAUNE = "#f9ab00"
JAUNE_VIF_CLAIR = "#fbbc04"
FOND_JAUNE = "#fef7e0"

# --- séries ------------------------------------------------------------------------------------------
# Les concurrents du canevas stratégique, dans l'ordre où ils sont tracés.
SERIES_CONCURRENTS = ("#4a78a8", GRIS_MOYENNE, "#5d9c59", "#8e6bb0", "#a0785a", "#3aa0b0", "#b5a642", "#c07aa8")

# Une couleur stable par stratégie du dilemme du prisonnier (par son nom interne).
COULEURS_STRATEGIES = {
    "donnant_donnant": "#1e88e5", "donnant_donnant_patient": "#64b5f6", "rancunier": "#6a1b9a",
    "toujours_cooperer": "#ec407a", "toujours_trahir": ENCRE_NOIRE, "hasard": GRIS_NEUTRE,
    "donnant_donnant_mefiant": "#0d47a1", "pavlov": "#43a047", "alternant": "#ff9800",
    "donnant_donnant_double": "#3949ab", "donnant_donnant_dur": "#283593",
    "donnant_donnant_genereux": "#26c6da", "joss": "#8d6e63", "sondeur": "#fdd835",
    "detective": "#795548", "majorite_douce": "#00897b",
    # Les participants du premier tournoi d'Axelrod (1980) qui ne sont pas des classiques du cours.
    "tideman_chieruzzi": "#5c6bc0", "nydegger": "#8e24aa", "grofman": "#26a69a", "shubik": "#7e57c2",
    "stein_rapoport": "#0277bd", "davis": "#ad1457", "graaskamp": "#f57c00", "downing": "#6d4c41",
    "feld": "#c0ca33", "tullock": "#78909c", "anonyme": GRIS_PALE,
}
# Pour les stratégies écrites par l'apprenant, dans l'ordre où elles arrivent.
COULEURS_AUTRES_STRATEGIES = ("#e53935", "#5e35b1", "#00acc1", "#7cb342", "#f4511e", "#d81b60", "#546e7a")
