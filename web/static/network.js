// Draws the network view with Cytoscape.js from the elements the page carries as JSON; a click
// on an entity opens its page. The same relations are listed under the drawing as plain links.
(function () {
  "use strict";
  var el = document.getElementById("network");
  var data = document.getElementById("network-data");
  if (!el || !data || typeof window.cytoscape !== "function") { return; }
  var colours = { Condition: "#e41a1c", Symptom: "#ff7f00", ExamSign: "#377eb8", DiagnosticTest: "#4daf4a",
    Treatment: "#008b8b", Drug: "#984ea3", DrugClass: "#a65628", RiskFactor: "#f781bf", Cause: "#999999",
    Mechanism: "#66c2a5", AnatomicalSite: "#b3b3b3", Trigger: "#e6ab02", ImagingFinding: "#1f78b4" };
  var cy = window.cytoscape({
    container: el,
    elements: JSON.parse(data.textContent),
    layout: { name: "cose", animate: false, nodeRepulsion: function () { return 400000; }, idealEdgeLength: function () { return 120; }, nodeOverlap: 20, padding: 20 },
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 11, "text-wrap": "wrap", "text-max-width": 120,
        "background-color": function (n) { return colours[n.data("type")] || "#888888"; }, "width": 18, "height": 18 } },
      { selector: "node[?centre]", style: { "width": 30, "height": 30, "font-weight": "bold", "border-width": 3,
        "border-color": "#222222" } },
      { selector: "edge", style: { "label": "data(label)", "font-size": 9, "curve-style": "bezier",
        "target-arrow-shape": "triangle", "line-color": "#9aa7b4", "target-arrow-color": "#9aa7b4",
        "text-rotation": "autorotate", "color": "#555555" } }
    ]
  });
  cy.on("tap", "node", function (ev) {
    window.location.href = "/entity?iri=" + encodeURIComponent(ev.target.id());
  });
}());
