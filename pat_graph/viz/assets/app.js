/* pat-graph network page. Data texts are only ever written with textContent. */
(function () {
  "use strict";
  var PAT = window.PAT = window.PAT || {};
  PAT.errors = PAT.errors || [];
  PAT.violations = [];
  PAT.ready = false;
  window.addEventListener("error", function (e) { PAT.errors.push(String(e.message || e)); });
  document.addEventListener("securitypolicyviolation", function (e) {
    PAT.violations.push(e.violatedDirective + " " + e.blockedURI);
  });

  var D = JSON.parse(document.getElementById("pat-data").textContent);
  PAT.data = D;
  var opts = D.options || {};

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function byId(id) { return document.getElementById(id); }
  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  byId("pat-title").textContent = D.title || "";
  byId("pat-subtitle").textContent = D.subtitle || "";

  // ------------------------------------------------------------ nodes & edges
  var big = (D.nodes || []).length > (opts.big_threshold || 1500);
  var nodeIndex = {};
  var visNodes = (D.nodes || []).map(function (n) {
    nodeIndex[n.id] = n;
    var v = {
      id: n.id, label: n.l, title: n.tip, shape: n.shape, size: n.size,
      color: { background: n.color, border: n.a ? "#D62728" : "#333333",
               highlight: { background: n.color, border: "#000000" } },
      borderWidth: n.a ? 4 : 1,
      font: { size: 12 + (n.a ? 2 : 0) }
    };
    if (n.x !== undefined) { v.x = n.x; v.y = n.y; }
    return v;
  });
  var edgeIndex = {};
  var visEdges = (D.edges || []).map(function (e) {
    edgeIndex[e.id] = e;
    return {
      id: e.id, from: e.from, to: e.to, title: e.tip, width: e.w,
      dashes: !!e.dashed,
      color: { color: e.color, highlight: "#000000", opacity: e.rec ? 1 : (opts.edge_opacity || 1) },
      arrows: e.arrow ? { to: { enabled: true, scaleFactor: 0.5 } } : undefined
    };
  });
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  PAT.nodes = nodes;
  PAT.edges = edges;
  byId("pat-counts").textContent = visNodes.length + " nodos · " + visEdges.length + " vínculos";

  var physicsOn = !!opts.physics;
  byId("pat-physics").checked = physicsOn;
  var network = new vis.Network(byId("pat-network"), { nodes: nodes, edges: edges }, {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: opts.seed || 7 },
    physics: { enabled: physicsOn, solver: "forceAtlas2Based",
               stabilization: { enabled: physicsOn, iterations: 150, updateInterval: 50, fit: true },
               minVelocity: 1.0 },
    edges: { smooth: opts.smooth ? { type: "continuous" } : false, selectionWidth: 2 },
    nodes: { scaling: { label: { drawThreshold: opts.label_threshold || 7 } } },
    interaction: { hover: !big, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big }
  });
  PAT.network = network;
  network.once("afterDrawing", function () {
    PAT.firstDraw = performance.now();
    if (!physicsOn) { PAT.stable = PAT.firstDraw; }
    PAT.ready = true;
    // inside a notebook iframe: tell the host page (counts only, no data)
    if (window.parent !== window) {
      window.parent.postMessage({ patGraph: "drawn", nodes: nodes.length, edges: edges.length }, "*");
    }
  });
  // start from the Python layout, relax it briefly, then hold still (the checkbox resumes physics)
  network.once("stabilizationIterationsDone", function () {
    if (!PAT.stable) PAT.stable = performance.now();
    network.setOptions({ physics: { enabled: false } });
    byId("pat-physics").checked = false;
  });
  network.on("stabilized", function () { if (!PAT.stable) PAT.stable = performance.now(); });
  if (!physicsOn) network.fit({ animation: false });

  byId("pat-physics").addEventListener("change", function (e) {
    network.setOptions({ physics: { enabled: e.target.checked } });
  });
  byId("pat-fit").addEventListener("click", function () { network.fit(); });

  // ------------------------------------------------------------ legend
  function legendRow(box, marker, text) {
    var row = el("div", null, "pat-legend-row");
    row.appendChild(marker);
    row.appendChild(el("span", text));
    box.appendChild(row);
  }
  var legend = byId("pat-legend");
  var L = D.legend || {};
  if ((L.sectors || []).length) {
    legend.appendChild(el("h3", "Sectores (color del actor)"));
    var sbox = el("div"); sbox.id = "pat-legend-sectors"; legend.appendChild(sbox);
    L.sectors.forEach(function (s) {
      var sw = el("span", null, "pat-swatch"); sw.style.background = s.color;
      legendRow(sbox, sw, s.name);
      sbox.lastChild.setAttribute("data-sector", s.code);
    });
  }
  if ((L.colors || []).length) {
    legend.appendChild(el("h3", L.colors_title || "Colores"));
    L.colors.forEach(function (s) {
      var sw = el("span", null, "pat-swatch"); sw.style.background = s.color;
      legendRow(legend, sw, s.name);
    });
  }
  var SHAPE_GLYPH = { dot: "●", diamond: "◆", square: "■", star: "★", triangle: "▲",
                      triangleDown: "▼", hexagon: "⬢", box: "▭", ellipse: "⬭" };
  if ((L.shapes || []).length) {
    legend.appendChild(el("h3", "Tipos de nodo (forma)"));
    L.shapes.forEach(function (s) {
      var g = el("span", SHAPE_GLYPH[s.shape] || "●", "pat-shape"); g.style.color = s.color || "#444";
      legendRow(legend, g, s.name);
    });
  }
  if ((L.rels || []).length) {
    legend.appendChild(el("h3", "Vínculos (línea)"));
    L.rels.forEach(function (r) {
      var ln = el("span", null, "pat-line" + (r.dashed ? " dashed" : "")); ln.style.borderTopColor = r.color;
      legendRow(legend, ln, r.name);
    });
  }
  (L.notes || []).forEach(function (t) { legend.appendChild(el("p", t, "pat-muted")); });

  // ------------------------------------------------------------ filters
  var F = D.filters || {};
  var active = {};
  function fillSelect(id, key, values) {
    var sel = byId(id);
    sel.appendChild(el("option", "Todos")).value = "";
    (values || []).forEach(function (v) { sel.appendChild(el("option", v[1])).value = v[0]; });
    if (!values || !values.length) sel.disabled = true;
    sel.addEventListener("change", function () { active[key] = sel.value; applyFilters(); });
  }
  fillSelect("pat-f-sector", "s", F.sector);
  fillSelect("pat-f-kind", "k", F.kind);
  fillSelect("pat-f-dept", "d", F.department);
  fillSelect("pat-f-ik", "ik", F.instance_kind);
  function visible(n) {
    if (active.s && n.t === "Actor" && n.s !== active.s) return false;
    if (active.k && !(n.t === "Actor" && n.k === active.k)) return false;
    if (active.d && n.d && n.d !== active.d) return false;
    if (active.ik && (n.ik || []).indexOf(active.ik) < 0) return false;
    return true;
  }
  function applyFilters() {
    var upd = [];
    (D.nodes || []).forEach(function (n) { upd.push({ id: n.id, hidden: !visible(n) }); });
    nodes.update(upd);
    PAT.visibleCount = upd.filter(function (u) { return !u.hidden; }).length;
  }
  PAT.setFilter = function (key, value) { active[key] = value; applyFilters(); return PAT.visibleCount; };

  // ------------------------------------------------------------ search
  var results = byId("pat-search-results");
  function search(q) {
    var f = fold(q).trim();
    if (!f) return [];
    var hits = [];
    (D.nodes || []).forEach(function (n) {
      if (n.t === "Actor" && (fold(n.name).indexOf(f) >= 0 || fold(n.l).indexOf(f) >= 0)) hits.push(n);
    });
    return hits.slice(0, 50);
  }
  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    showNode(id);
  }
  PAT.search = function (q) { return search(q).map(function (n) { return n.id; }); };
  PAT.focus = focusNode;
  byId("pat-search").addEventListener("input", function (e) {
    while (results.firstChild) results.removeChild(results.firstChild);
    search(e.target.value).forEach(function (n) {
      var li = el("li", n.name);
      li.setAttribute("data-id", n.id);
      li.addEventListener("click", function () { focusNode(n.id); });
      results.appendChild(li);
    });
  });
  byId("pat-search").addEventListener("keydown", function (e) {
    if (e.key === "Enter") { var h = search(e.target.value); if (h.length) focusNode(h[0].id); }
  });

  // ------------------------------------------------------------ details
  var details = byId("pat-details");
  function propsTable(obj) {
    var t = el("table", null, "pat-props");
    Object.keys(obj || {}).forEach(function (k) {
      var tr = el("tr"); tr.appendChild(el("td", k)); tr.appendChild(el("td", obj[k])); t.appendChild(tr);
    });
    return t;
  }
  function clearDetails() { while (details.firstChild) details.removeChild(details.firstChild); }
  function showNode(id) {
    var n = nodeIndex[id]; if (!n) return;
    clearDetails();
    details.appendChild(el("h3", n.name));
    details.appendChild(el("p", n.type_es + (n.s ? " · " + n.sector_es : ""), "pat-muted"));
    if (n.a) details.appendChild(el("p", "Punto de articulación: si este actor sale, la red de actores se parte.", "pat-flag"));
    if (n.m) details.appendChild(el("p", D.metric_name + ": " + n.m, "pat-muted"));
    details.appendChild(el("h4", "Propiedades"));
    details.appendChild(propsTable(n.p));
    details.appendChild(el("h4", "Procedencia"));
    details.appendChild(propsTable(n.pv));
  }
  function showEdge(id) {
    var e = edgeIndex[id]; if (!e) return;
    clearDetails();
    details.appendChild(el("h3", (nodeIndex[e.from] || {}).name + " — " + (nodeIndex[e.to] || {}).name));
    if (e.bridge) details.appendChild(el("p", "Vínculo puente: sin él la red de actores se parte.", "pat-flag"));
    if (e.reason) details.appendChild(el("p", "Acuerdo recomendado: " + e.reason, "pat-flag"));
    (e.rels || []).forEach(function (r) {
      details.appendChild(el("h4", r.type_es));
      details.appendChild(propsTable(Object.assign({}, r.p || {}, r.pv || {})));
    });
    if (e.more) details.appendChild(el("p", "… y " + e.more + " vínculos más.", "pat-muted"));
  }
  PAT.showNode = showNode;
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });

  // ------------------------------------------------------------ gaps
  var G = D.gaps;
  if (G) {
    byId("pat-gaps-box").hidden = false;
    var gbox = byId("pat-gaps");
    function section(title, items, idOf) {
      gbox.appendChild(el("h3", title + " (" + items.length + ")"));
      var ul = el("ul", null, "pat-list");
      if (!items.length) ul.appendChild(el("li", "Ninguno."));
      items.forEach(function (it) {
        var li = el("li", it.text);
        var ids = idOf(it);
        if (ids && ids.length) li.addEventListener("click", function () {
          network.selectNodes(ids); network.fit({ nodes: ids, animation: false });
          if (ids.length === 1) showNode(ids[0]);
        });
        ul.appendChild(li);
      });
      gbox.appendChild(ul);
      return ul;
    }
    section("Pares de sectores sin vínculo", G.missing_sector_pairs || [], function () { return []; })
      .id = "pat-missing-pairs";
    section("Puntos de articulación", G.articulation || [], function (it) { return [it.id]; });
    section("Vínculos puente", G.bridges || [], function (it) { return [it.a, it.b]; });
    section("Acuerdos recomendados", G.recommended || [], function (it) { return [it.a, it.b]; });
  }
})();
