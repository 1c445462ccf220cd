"""Figures plotly du cours : des fonctions qui reçoivent un modèle et renvoient une ``go.Figure``.

Dans un carnet, une figure affichée est suivie de son résumé en texte (``strategie.accessibilite``).
"""

from strategie.accessibilite import installer_resume_des_figures as _installer_resume

_installer_resume()
