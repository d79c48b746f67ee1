/* factions: draw a signed network with Cytoscape.js and the fCoSE layout (shared by the
   HTML report and the web UI). Blocs are coloured, positive ties solid green, negative ties
   dashed red, frustrated ties carry an amber halo, node size follows seats or degree. */
(function (global) {
  "use strict";
  var BLOC_COLOURS = ["#9e9e9e", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
                      "#8c564b", "#e377c2", "#17becf", "#bcbd22"];

  function blocColour(b) { return BLOC_COLOURS[(b || 0) % BLOC_COLOURS.length]; }

  function style() {
    return [
      { selector: "node", style: {
          "label": "data(name)", "width": "data(size)", "height": "data(size)",
          "background-color": function (n) { return blocColour(n.data("bloc")); },
          "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
          "text-wrap": "wrap", "text-max-width": 110, "color": "#222",
          "border-width": 1, "border-color": "#333" } },
      { selector: "node[kind = 'person']", style: { "shape": "ellipse" } },
      { selector: "node[kind = 'party'], node[kind = 'coalition']", style: { "shape": "round-rectangle" } },
      { selector: "node[kind = 'state']", style: { "shape": "hexagon" } },
      { selector: "node[kind = 'militia']", style: { "shape": "diamond" } },
      { selector: "edge", style: {
          "curve-style": "bezier", "width": function (e) { return 1.5 + 2.5 * (e.data("strength") || 1); },
          "opacity": 0.85 } },
      { selector: "edge[sign > 0]", style: { "line-color": "#2e7d32", "line-style": "solid" } },
      { selector: "edge[sign < 0]", style: { "line-color": "#c62828", "line-style": "dashed" } },
      { selector: "edge[?frustrated]", style: {
          "underlay-color": "#ffb300", "underlay-opacity": 0.55, "underlay-padding": 5 } },
      { selector: ":selected", style: { "border-width": 4, "border-color": "#000",
          "line-color": "#000", "overlay-opacity": 0.15 } },
      { selector: ".faded", style: { "opacity": 0.12 } }
    ];
  }

  function layoutOptions() {
    return { name: "fcose", quality: "proof", randomize: true, animate: false,
             nodeRepulsion: 9000, idealEdgeLength: 110, nodeSeparation: 90,
             packComponents: true, fit: true, padding: 30 };
  }

  function draw(container, elements, opts) {
    opts = opts || {};
    if (typeof cytoscape === "undefined") {
      container.textContent = "The graph library did not load.";
      return null;
    }
    if (typeof cytoscapeFcose !== "undefined" && !cytoscape("layout", "fcose")) {
      cytoscape.use(cytoscapeFcose);
    }
    // Start from distinct positions on a circle (no two nodes overlap before the layout runs).
    var nodes = (elements.nodes || []).map(function (n, i, all) {
      var t = 2 * Math.PI * i / Math.max(1, all.length), r = 40 * Math.sqrt(all.length + 1);
      return { data: n.data, position: n.position || { x: r * Math.cos(t), y: r * Math.sin(t) } };
    });
    var cy = cytoscape({
      container: container,
      elements: { nodes: nodes, edges: elements.edges || [] },
      style: style(),
      layout: layoutOptions(),
      minZoom: 0.2, maxZoom: 4
    });
    global.factionsCy = cy;
    return cy;
  }

  function relayout(cy) { cy.layout(layoutOptions()).run(); }

  // Show or hide the actors that have no tie (they are laid out apart, in a grid).
  function showIsolates(cy, show) {
    cy.nodes().filter(function (n) { return n.degree(false) === 0; })
      .style("display", show ? "element" : "none");
    cy.fit(cy.elements(":visible"), 30);
  }

  global.FactionsGraph = { draw: draw, relayout: relayout, blocColour: blocColour,
                           showIsolates: showIsolates };
})(window);
