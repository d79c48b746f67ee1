/* factions web UI: the network, evidence on click, filters, scenarios and uploads.
   Talks only to this server's JSON API (see /docs). */
(function () {
  "use strict";
  var cy = null, names = {}, current = null;
  function $(id) { return document.getElementById(id); }
  function esc(t) { var d = document.createElement("div"); d.textContent = t == null ? "" : String(t); return d.innerHTML.replace(/"/g, "&quot;").replace(/'/g, "&#39;"); }
  function api(path, opts) {
    return fetch(path, opts).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { var e = new Error(typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail)); e.status = r.status; throw e; }
        return body;
      });
    });
  }
  function sign(s) { return s > 0 ? "<span class='pos'>+</span>" : "<span class='neg'>−</span>"; }

  function draw(network) {
    current = network;
    network.nodes.forEach(function (n) { names[n.data.id] = n.data.name; });
    if (cy) { cy.destroy(); }
    cy = FactionsGraph.draw($("graph"), network, {});
    cy.on("tap", "edge", function (ev) { showTie(ev.target.data("source"), ev.target.data("target")); });
    cy.on("tap", "node", function (ev) { showActor(ev.target.id()); });
    if (!$("f-isolates").checked) { FactionsGraph.showIsolates(cy, false); }
    $("graph").setAttribute("data-nodes", network.nodes.length);
    $("graph").setAttribute("data-edges", network.edges.length);
  }

  function evidenceHtml(ev) {
    if (!ev.length) { return "<p class='hint'>No evidence sentence; see the sources.</p>"; }
    return ev.map(function (e) {
      return "<blockquote class='evidence-sentence'>" + esc(e.sentence) + "<br><small>" +
        "<a href='#' class='doc' data-doc='" + esc(e.doc_id) + "'>" + esc(e.doc_id) + "</a> [" + e.start + ":" + e.end + "]" +
        (e.date ? " · " + esc(e.date) : "") + (e.source ? " · " + esc(e.source) : "") + "</small></blockquote>";
    }).join("");
  }

  function bindDocs() {
    document.querySelectorAll("#detail a.doc").forEach(function (a) {
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        var id = a.getAttribute("data-doc");
        api("/api/documents/" + encodeURIComponent(id)).then(function (d) {
          $("doc-text").innerHTML = "<h3>" + esc(d.title || d.doc_id) + "</h3><pre class='doc-text'>" + esc(d.text) + "</pre>";
        }).catch(function (e) { $("doc-text").innerHTML = "<p class='hint'>" + esc(e.message) + "</p>"; });
      });
    });
  }

  function showTie(a, b) {
    api("/api/ties/" + encodeURIComponent(a) + "/" + encodeURIComponent(b)).then(function (t) {
      $("detail").innerHTML = "<h2>" + esc(t.a_name) + " – " + esc(t.b_name) + "</h2><p>" + sign(t.sign) + " " + esc(t.kind) +
        " · strength " + t.strength + " · confidence " + t.confidence + (t.frustrated ? " · <b>frustrated</b>" : "") +
        (t.start || t.end ? " · " + esc(t.start || "…") + " to " + esc(t.end || "…") : "") + "</p>" +
        "<h3>Evidence (" + t.evidence.length + ")</h3>" + evidenceHtml(t.evidence) +
        (t.sources.length ? "<h3>Sources</h3><ul>" + t.sources.map(function (s) { return "<li>" + esc(s) + "</li>"; }).join("") + "</ul>" : "") +
        "<div id='timeline'></div><div id='doc-text'></div>";
      bindDocs();
      return api("/api/timeline/" + encodeURIComponent(a) + "/" + encodeURIComponent(b)).then(function (tl) {
        if (tl.source !== "store" || !tl.points || !tl.points.length) { return; }
        $("timeline").innerHTML = "<h3>Over time</h3><table><tr><th>Window</th><th>Sign</th><th>Change</th><th>Findings</th></tr>" +
          tl.points.map(function (p) {
            var w = p.window && typeof p.window === "object" ? (p.window.label || p.window.start) : p.window;
            return "<tr><td>" + esc(w) + "</td><td>" + sign(p.sign) + "</td><td>" + esc(p.change) + "</td><td>" + esc(p.findings) + "</td></tr>";
          }).join("") + "</table>";
      }).catch(function () { /* no timeline for this tie */ });
    }).catch(function (e) { $("detail").textContent = e.message; });
  }

  function showActor(id) {
    api("/api/actors/" + encodeURIComponent(id)).then(function (a) {
      var html = "<h2>" + esc(a.name) + "</h2><p>" + esc(a.kind) + (a.bloc ? " · bloc " + a.bloc : "") +
        (a.seats ? " · " + a.seats + " seats" : "") + (a.aliases.length ? " · also " + esc(a.aliases.join(", ")) : "") + "</p>";
      html += "<h3>Ties (" + a.ties.length + ")</h3>";
      a.ties.forEach(function (t) {
        var other = t.a === a.id ? t.b_name : t.a_name;
        html += "<p>" + sign(t.sign) + " <b>" + esc(other) + "</b> (" + esc(t.kind) + ")</p>" + evidenceHtml(t.evidence);
      });
      if (a.affiliations.length) {
        html += "<h3>Affiliations</h3><ul>" + a.affiliations.map(function (f) {
          return "<li>" + esc(names[f.member] || f.member) + " " + esc(f.role) + " of " + esc(names[f.group] || f.group) + "</li>";
        }).join("") + "</ul>";
      }
      if (a.sources.length) { html += "<h3>Sources</h3><ul>" + a.sources.map(function (s) { return "<li>" + esc(s) + "</li>"; }).join("") + "</ul>"; }
      $("detail").innerHTML = html + "<div id='doc-text'></div>";
      bindDocs();
    }).catch(function (e) { $("detail").textContent = e.message; });
  }

  function loadGraph() {
    var q = new URLSearchParams();
    if ($("f-bloc").value) { q.set("bloc", $("f-bloc").value); }
    q.set("sign", $("f-sign").value);
    if ($("f-from").value.trim()) { q.set("date_from", $("f-from").value.trim()); }
    if ($("f-to").value.trim()) { q.set("date_to", $("f-to").value.trim()); }
    $("f-error").textContent = "";
    return api("/api/graph?" + q.toString()).then(draw).catch(function (e) {
      $("f-error").textContent = e.status === 422 ? "Dates are YYYY, YYYY-MM or YYYY-MM-DD." : e.message;
    });
  }

  function renderAnalysis() {
    Promise.all([api("/api/analysis"), api("/api/votes")]).then(function (r) {
      var an = r[0], v = r[1], html = "<h2>Balance</h2>";
      if (an.balance.available) {
        html += "<p>Frustration index " + an.balance.frustration_index + (an.balance.optimal ? " (proven optimal)" : "") +
          " · normalised balance " + (an.balance.normalised_frustration == null ? "n/a" : an.balance.normalised_frustration.toFixed(3)) +
          " · " + an.balance.frustrated_edges.length + " frustrated ties</p>";
      } else { html += "<p class='na'>" + esc(an.balance.reason) + "</p>"; }
      html += "<h2>Brokers</h2>";
      if (an.brokers.available) {
        html += "<table><tr><th>Actor</th><th>Removal effect</th><th>Frustrated ties</th><th>Positive betweenness</th></tr>" +
          an.brokers.actors.filter(function (b) { return an.brokers.display.isolates.indexOf(b.actor) < 0; }).slice(0, 8).map(function (b) {
            return "<tr><td>" + esc(an.brokers.display.names[b.actor] || b.actor) + "</td><td>" + esc(b.removal_effect) + "</td><td>" + esc(b.frustrated_ties) + "</td><td>" + esc(b.positive_betweenness) + "</td></tr>";
          }).join("") + "</table>";
      } else { html += "<p class='na'>" + esc(an.brokers.reason) + "</p>"; }
      html += "<h2>Motions</h2>";
      if (v.motions.available) {
        html += "<table id='motions'><tr><th>Motion</th><th>For</th><th>Needed</th><th>Verdict</th><th>Decisive</th></tr>" + v.motions.motions.map(function (m) {
          var verdict = m.passes ? "passes" : "fails", names = m.display.names;
          return "<tr><td>" + esc(m.display.name) + "</td><td>" + m.seats_for + "</td><td>" + m.seats_needed + "</td><td class='verdict-" + verdict + "'>" + verdict +
            "</td><td>" + esc(m.decisive.map(function (a) { return names[a] || a; }).join(", ")) + "</td></tr>";
        }).join("") + "</table>";
      } else { html += "<p class='na'>" + esc(v.motions.reason) + "</p>"; }
      $("analysis").innerHTML = html;
    });
  }

  function runScenario() {
    $("scenario-error").textContent = "";
    api("/api/scenario", { method: "POST", headers: { "Content-Type": "application/json" },
                           body: JSON.stringify({ yaml: $("scenario").value }) }).then(function (r) {
      var d = r.diff, html = "<h2>Scenario: " + esc(d.scenario) + "</h2>";
      var motions = Object.keys(d.changes.motions), changed = [];
      function verdict(m) { return m ? (m.passes ? "passes" : "fails") : "absent"; }
      html += "<table id='scenario-outcomes'><tr><th>Motion</th><th>For before</th><th>For after</th><th>Needed</th><th>Before</th><th>After</th></tr>" +
        motions.map(function (id) {
          var ch = d.changes.motions[id], b = ch.before, a = ch.after, vb = verdict(b), va = verdict(a);
          if (ch.outcome_changed) { changed.push(id); }
          return "<tr class='" + (ch.outcome_changed ? "changed" : "") + "'><td>" + esc(id) + "</td><td>" + (b ? b.seats_for : "") + "</td><td>" + (a ? a.seats_for : "") +
            "</td><td>" + (a || b).seats_needed + "</td><td class='verdict-" + vb + "'>" + vb + "</td><td class='verdict-" + va + "'>" + va + "</td></tr>";
        }).join("") + "</table>";
      html += "<p id='scenario-changed'>" + (changed.length ? "Changed outcome: " + esc(changed.join(", ")) : "No motion changes outcome.") + "</p>";
      html += "<p>Frustration index " + d.before.frustration_index + " → " + d.after.frustration_index + "</p>";
      var ties = [].concat(d.edits.ties_added || [], d.edits.ties_removed || [], d.edits.ties_flipped || []);
      if (ties.length) {
        html += "<p>Ties changed: " + esc(ties.join("; ")) + "</p>";
      }
      html += "<p class='hint'>The graph shows the network after the scenario; press Reset under Filter to go back.</p>";
      $("scenario-result").innerHTML = html;
      $("scenario-result").hidden = false;
      draw(r.network);
    }).catch(function (e) { $("scenario-error").textContent = e.message; });
  }

  function upload() {
    var f = $("upload").files[0];
    if (!f) { $("upload-status").textContent = "Choose a .txt file first."; return; }
    $("upload-status").textContent = "Extracting…";
    f.text().then(function (text) {
      return api("/api/extract?doc_id=" + encodeURIComponent(f.name.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9_.-]/g, "_")),
                 { method: "POST", headers: { "Content-Type": "text/plain; charset=utf-8" }, body: text });
    }).then(function (r) {
      $("upload-status").textContent = "Found " + r.relations.length + " ties and " + r.actors.length + " actors.";
      init();
    }).catch(function (e) { $("upload-status").textContent = e.message; });
  }

  function init() {
    api("/api/system").then(function (s) {
      $("title").textContent = s.name;
      document.title = s.name + " · factions";
      $("counts").textContent = s.actors + " actors · " + s.relations + " ties (" + s.positive + " +, " + s.negative + " −) · " + s.evidence + " evidence sentences";
    });
    api("/api/graph").then(function (net) {
      draw(net);
      var blocs = {};
      net.nodes.forEach(function (n) { if (n.data.bloc) { blocs[n.data.bloc] = true; } });
      var sel = $("f-bloc"); sel.length = 1;
      Object.keys(blocs).sort().forEach(function (b) { var o = document.createElement("option"); o.value = b; o.textContent = "bloc " + b; sel.appendChild(o); });
      $("legend-blocs").innerHTML = Object.keys(blocs).sort().map(function (b) {
        return "<i class='dot' style='background:" + FactionsGraph.blocColour(+b) + "'></i>bloc " + b;
      }).join("");
      var e = net.edges[0];
      if (e && /a: , b: /.test($("scenario").value)) {
        $("scenario").value = "name: flip-" + e.data.source + "-" + e.data.target + "\nsteps:\n- {op: flip_relation, a: " + e.data.source + ", b: " + e.data.target + "}\n";
      }
    });
    renderAnalysis();
  }

  $("f-apply").addEventListener("click", loadGraph);
  $("f-isolates").addEventListener("change", function () { if (cy) { FactionsGraph.showIsolates(cy, $("f-isolates").checked); } });
  $("f-reset").addEventListener("click", function () {
    $("f-bloc").value = ""; $("f-sign").value = "all"; $("f-from").value = ""; $("f-to").value = ""; $("f-isolates").checked = true;
    $("scenario-result").hidden = true; loadGraph();
  });
  $("run-scenario").addEventListener("click", runScenario);
  $("upload-go").addEventListener("click", upload);
  init();
})();
