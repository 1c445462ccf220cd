"""Figures plotly du cours : des fonctions qui reçoivent un modèle et renvoient une ``go.Figure``."""
