// Dessine les figures plotly des leçons : chaque <div class="strategie-plotly"> est suivi de ses
// données en JSON. plotly.js (copié du paquet plotly qui a calculé les figures) n'est chargé que
// sur les pages qui en ont.
(function () {
  "use strict";
  const ici = document.currentScript && document.currentScript.src;
  // Libellés de la barre d'outils en français, nombres au format français.
  const FRANCAIS = {
    moduleType: "locale",
    name: "fr",
    dictionary: {
      "Autoscale": "Échelle automatique",
      "Box Select": "Sélection rectangulaire",
      "Click to enter Colorscale title": "Cliquez pour saisir le titre de l'échelle de couleurs",
      "Compare data on hover": "Comparer les données au survol",
      "Download plot": "Télécharger la figure",
      "Download plot as a png": "Télécharger la figure (PNG)",
      "Lasso Select": "Sélection au lasso",
      "Orbital rotation": "Rotation orbitale",
      "Pan": "Déplacer",
      "Produced with Plotly.js": "Réalisé avec Plotly.js",
      "Reset axes": "Réinitialiser les axes",
      "Reset view": "Réinitialiser la vue",
      "Reset": "Réinitialiser",
      "Show closest data on hover": "Donnée la plus proche au survol",
      "Snapshot succeeded": "Image enregistrée",
      "Taking snapshot - this may take a few seconds": "Enregistrement de l'image…",
      "Toggle Spike Lines": "Lignes de repère",
      "Toggle show closest data on hover": "Donnée la plus proche au survol",
      "Zoom in": "Zoom avant",
      "Zoom out": "Zoom arrière",
      "Zoom": "Zoom",
    },
    format: { decimal: ",", thousands: "\u202f", grouping: [3] },
  };

  function dessiner(div) {
    const donnees = JSON.parse(div.nextElementSibling.textContent);
    const mise_en_page = Object.assign({}, donnees.layout || {});
    // Plotly's default height, as in JupyterLab: a figure never takes the (empty) height of its block.
    if (mise_en_page.height === undefined) mise_en_page.height = 450;
    Plotly.newPlot(div, donnees.data || [], mise_en_page, {
      responsive: true, displaylogo: false, locale: "fr",
    });
  }

  function demarrer() {
    const figures = document.querySelectorAll(".strategie-plotly");
    if (!figures.length) return;
    const script = document.createElement("script");
    script.src = new URL("plotly.min.js", ici).href;
    script.onload = function () {
      Plotly.register(FRANCAIS);
      figures.forEach(dessiner);
    };
    document.head.appendChild(script);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", demarrer);
  else demarrer();
})();
