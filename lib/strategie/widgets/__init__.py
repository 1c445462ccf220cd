"""Vues interactives (ipywidgets) du cours : le seul endroit qui importe ipywidgets.

Chaque vue est mince : elle lit les champs, appelle la logique de
``strategie.<outil>`` et affiche le résultat ou un message en français.
"""
