// pat-graph, visor de redes (/red): sigma.js (WebGL) sobre graphology.
// Los datos llegan por JSON de la misma dirección (formato=json) y todo texto de los datos
// se escribe con textContent: un nombre nunca se interpreta como HTML.
"use strict";
(function () {
  var PAT = window.PAT = window.PAT || {};
  PAT.errors = [];
  PAT.ready = false;
  window.addEventListener("error", function (e) { PAT.errors.push(String(e.message || e)); });

  function byId(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function fmt(n) { return Number(n).toLocaleString("es-CO"); }
  function rgba(hex, a) {
    var h = String(hex || "#888888").replace("#", "");
    if (h.length === 3) { h = h[0] + h[0] + h[1] + h[1] + h[2] + h[2]; }
    var v = parseInt(h, 16);
    return "rgba(" + (v >> 16 & 255) + "," + (v >> 8 & 255) + "," + (v & 255) + "," + a + ")";
  }

  function start(D) {
    var box = byId("pat-network");
    var nodes = D.nodes || [], edges = D.edges || [], rels = D.rels || [];
    PAT.data = D;
    byId("red-subtitulo").textContent = D.subtitle || "";
    var many = edges.length > 20000;
    var edgeAlpha = many ? 0.18 : 0.5;

    // ---------------------------------------------------------------- graph
    var G = new graphology.Graph({ type: "undirected", multi: false, allowSelfLoops: false });
    nodes.forEach(function (n) {
      G.addNode(n.id, { x: n.x, y: n.y, size: n.z, color: n.c, label: n.l,
                        forceLabel: !!n.top, borderColor: n.a ? "#D62728" : undefined });
    });
    var relColor = rels.map(function (r) {
      return rgba(r.color, /recomendado/i.test(r.name || "") ? 0.9 : edgeAlpha);
    });
    var widthScale = many ? 0.25 : 0.8;
    edges.forEach(function (e, i) {
      var low = 0;
      while (low < rels.length - 1 && !(e[3] >> low & 1)) { low++; }
      G.addEdgeWithKey("e" + i, nodes[e[0]].id, nodes[e[1]].id, {
        size: Math.min(0.4 + Math.log2(1 + e[2]) * widthScale, 5), color: relColor[low]
      });
    });
    // labels at the opening zoom: the most central actors, kept apart (the payload's
    // "top"); every other label appears once the zoom makes its node large enough
    var idx = {};
    nodes.forEach(function (n, i) { idx[n.id] = i; });
    PAT.graphAt = performance.now();

    // ---------------------------------------------------------------- state
    var active = {};          // filter key -> value
    var hiddenNode = null;    // Uint8Array or null (no filter)
    var hiddenEdge = null;
    var selected = null, neighbours = null;

    function passes(n) {
      if (active.s && n.t === "Actor" && n.s !== active.s) { return false; }
      if (active.k && !(n.t === "Actor" && n.k === active.k)) { return false; }
      if (active.ik && (n.ik || []).indexOf(active.ik) < 0) { return false; }
      if (active.d && n.d !== active.d) { return false; }
      return true;
    }
    function applyFilters() {
      var any = Object.keys(active).some(function (k) { return active[k] !== ""; });
      if (!any) { hiddenNode = hiddenEdge = null; }
      else {
        var okNode = new Uint8Array(nodes.length), deg = new Uint32Array(nodes.length);
        hiddenEdge = new Uint8Array(edges.length);
        nodes.forEach(function (n, i) { okNode[i] = passes(n) ? 1 : 0; });
        var bit = active.r === "" || active.r === undefined ? -1 : Number(active.r);
        edges.forEach(function (e, i) {
          var ok = okNode[e[0]] && okNode[e[1]] && (bit < 0 || (e[3] >> bit & 1));
          if (ok) { deg[e[0]]++; deg[e[1]]++; } else { hiddenEdge[i] = 1; }
        });
        // never an orphan: a node left without a visible tie is hidden too
        hiddenNode = new Uint8Array(nodes.length);
        nodes.forEach(function (n, i) { if (!okNode[i] || deg[i] === 0) { hiddenNode[i] = 1; } });
      }
      count();
      refresh();
    }
    // the relation bits of the proposed (recommended) agreements: lines, not ties
    var proposedBits = 0;
    rels.forEach(function (r, b) { if (r.proposed) { proposedBits |= 1 << b; } });
    function words(n, one, many) { return fmt(n) + " " + (n === 1 ? one : many); }
    function count() {
      var nv = 0, ev = 0, pv = 0;
      nodes.forEach(function (n, i) { if (!hiddenNode || !hiddenNode[i]) { nv++; } });
      edges.forEach(function (e, i) {
        if (hiddenEdge && hiddenEdge[i]) { return; }
        if (e[3] & ~proposedBits) { ev++; } else { pv++; }
      });
      PAT.visibleNodes = nv; PAT.visibleEdges = ev + pv; PAT.visibleTies = ev;
      PAT.visibleProposals = pv;
      byId("red-conteo").textContent = words(nv, "nodo", "nodos") + " · "
        + words(ev, "vínculo", "vínculos") + (pv ? " · " + words(pv, "propuesta", "propuestas") : "")
        + (nv < nodes.length ? " (de " + fmt(nodes.length) + " nodos)" : "");
    }
    // for the tests: how many visible nodes have no visible tie (must be 0 under a filter)
    PAT.orphans = function () {
      var deg = new Uint32Array(nodes.length);
      edges.forEach(function (e, i) {
        if (!hiddenEdge || !hiddenEdge[i]) { deg[e[0]]++; deg[e[1]]++; }
      });
      var o = 0;
      nodes.forEach(function (n, i) { if ((!hiddenNode || !hiddenNode[i]) && deg[i] === 0) { o++; } });
      return o;
    };

    // ---------------------------------------------------------------- renderer
    var renderer;
    try {
      renderer = new Sigma(G, box, {
        renderEdgeLabels: false, labelRenderedSizeThreshold: D.label_size || 10, labelDensity: 0.6,
        labelGridCellSize: 140, labelFont: "system-ui, sans-serif", labelSize: 12,
        defaultEdgeColor: "#cccccc", zIndex: false, hideEdgesOnMove: many,
        nodeReducer: null, edgeReducer: null
      });
    } catch (err) {
      box.appendChild(el("p", "Este navegador no pudo dibujar la red (WebGL no disponible): "
        + err.message, "visor-aviso"));
      PAT.errors.push(String(err));
      return;
    }
    // the reducers (filters, highlight) are installed when first needed: the opening
    // frame does not pay for them
    var reducers = {
        nodeReducer: function (key, attr) {
          var i = idx[key];
          if (hiddenNode && hiddenNode[i]) { return Object.assign({}, attr, { hidden: true }); }
          if (selected !== null) {
            if (key === selected) { return Object.assign({}, attr, { highlighted: true, zIndex: 2, forceLabel: true }); }
            if (neighbours[key]) { return Object.assign({}, attr, { zIndex: 1, forceLabel: neighboursCount <= 12 }); }
            return Object.assign({}, attr, { color: "#e4e4e4", label: "", forceLabel: false, zIndex: 0 });
          }
          return attr;
        },
        edgeReducer: function (key, attr) {
          var i = Number(key.slice(1));
          if (hiddenEdge && hiddenEdge[i]) { return Object.assign({}, attr, { hidden: true }); }
          if (selected !== null) {
            var e = edges[i];
            if (nodes[e[0]].id !== selected && nodes[e[1]].id !== selected) {
              return Object.assign({}, attr, { hidden: true });
            }
            return Object.assign({}, attr, { color: "rgba(40,40,40,0.7)", zIndex: 1 });
          }
          return attr;
        }
    };
    var reducing = false;
    function refresh() {
      if (!reducing) {
        reducing = true;
        if (!many) { renderer.setSetting("zIndex", true); }  // sorting 100k ties costs ~1 s
        renderer.setSetting("nodeReducer", reducers.nodeReducer);
        renderer.setSetting("edgeReducer", reducers.edgeReducer);
      }
      renderer.refresh();
    }
    PAT.renderer = renderer;
    PAT.graph = G;
    PAT.rendererAt = performance.now();
    var neighboursCount = 0;

    // ---------------------------------------------------------------- select
    var detail = byId("red-detalle");
    function table(obj) {
      var t = el("table", null, "visor-props");
      Object.keys(obj || {}).forEach(function (k) {
        var tr = el("tr"); tr.appendChild(el("td", k)); tr.appendChild(el("td", obj[k]));
        t.appendChild(tr);
      });
      return t;
    }
    function select(id) {
      if (id === null || !G.hasNode(id)) {
        selected = null; neighbours = null; refresh();
        PAT.selected = null; return;
      }
      selected = id; neighbours = {};
      G.forEachNeighbor(id, function (m) { neighbours[m] = true; });
      neighboursCount = Object.keys(neighbours).length;
      PAT.selected = id; PAT.neighbours = Object.keys(neighbours);
      refresh();
      var n = nodes[idx[id]];
      detail.replaceChildren();
      detail.appendChild(el("h3", n.n));
      detail.appendChild(el("p", n.te + (n.se ? " · " + n.se : ""), "nota"));
      detail.appendChild(el("p", fmt(neighboursCount) + " vecinos en esta red", "nota"));
      if (n.a) { detail.appendChild(el("p", "Punto de articulación: si sale, la red de actores se parte.")); }
      var link = el("p"); link.id = "red-enlace"; detail.appendChild(link);
      var params = new URLSearchParams({ id: id });
      var fecha = new URLSearchParams(window.location.search).get("fecha");
      if (fecha) { params.set("fecha", fecha); }
      fetch("/api/red/nodo?" + params.toString(), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (info) {
          if (!info || selected !== id) { return; }
          if (info.url) {
            var a = el("a", "Abrir su página"); a.href = info.url; link.appendChild(a);
          } else { link.textContent = "Sin página propia en el banco de trabajo."; }
          detail.appendChild(el("h4", "Propiedades"));
          detail.appendChild(table(info.p));
          detail.appendChild(el("h4", "Procedencia"));
          detail.appendChild(table(info.pv));
        })
        .catch(function (err) { PAT.errors.push(String(err)); });
    }
    PAT.select = select;
    renderer.on("clickNode", function (ev) { select(ev.node); });
    renderer.on("clickStage", function () { select(null); });
    function focus(id) {
      select(id);
      var d = renderer.getNodeDisplayData(id);
      if (d) { renderer.getCamera().animate({ x: d.x, y: d.y, ratio: 0.25 }, { duration: 300 }); }
    }
    PAT.focus = focus;

    // ---------------------------------------------------------------- search (every kind)
    var results = byId("red-resultados");
    var folded = nodes.map(function (n) { return fold(n.n) + " " + fold(n.l); });
    function search(q) {
      var f = fold(q).trim(), hits = [];
      if (!f) { return hits; }
      for (var i = 0; i < nodes.length && hits.length < 30; i++) {
        if (folded[i].indexOf(f) >= 0) { hits.push(nodes[i]); }
      }
      return hits;
    }
    PAT.search = function (q) { return search(q).map(function (n) { return n.id; }); };
    byId("red-buscar").addEventListener("input", function (e) {
      results.replaceChildren();
      search(e.target.value).forEach(function (n) {
        var li = el("li", n.n);
        li.appendChild(el("small", " " + n.te));
        li.setAttribute("data-id", n.id);
        li.addEventListener("click", function () { focus(n.id); });
        results.appendChild(li);
      });
    });
    byId("red-buscar").addEventListener("keydown", function (e) {
      if (e.key === "Enter") { var h = search(e.target.value); if (h.length) { focus(h[0].id); } }
    });

    // ---------------------------------------------------------------- filters
    var F = D.filters || {};
    [["red-f-sector", "s", F.sector], ["red-f-tipo", "k", F.kind],
     ["red-f-instancia", "ik", F.instance_kind], ["red-f-depto", "d", F.department],
     ["red-f-relacion", "r", F.rel]].forEach(function (spec) {
      var sel = byId(spec[0]);
      sel.appendChild(el("option", "Todos")).value = "";
      (spec[2] || []).forEach(function (v) { sel.appendChild(el("option", v[1])).value = String(v[0]); });
      sel.disabled = !(spec[2] || []).length;
      sel.addEventListener("change", function () { active[spec[1]] = sel.value; select(null); applyFilters(); });
    });
    PAT.setFilter = function (key, value) { active[key] = String(value); applyFilters(); return PAT.visibleNodes; };

    // ---------------------------------------------------------------- time slider
    var dates = D.dates || [];
    var slider = byId("red-fecha"), out = byId("red-fecha-texto");
    var current = new URLSearchParams(window.location.search).get("fecha");
    var iso = box.getAttribute("data-fecha") || "";  // the fecha de corte, ISO (server-read)
    slider.max = String(dates.length);  // the last stop: no cut-off date
    var at = dates.length;
    if (iso) {
      at = 0;
      while (at + 1 < dates.length && dates[at + 1][0] <= iso) { at++; }
    }
    slider.value = String(at);
    function label(i) { return i >= dates.length ? "hoy (sin fecha de corte)" : "el " + dates[i][1]; }
    out.textContent = current ? "el " + current : label(at);
    slider.disabled = !dates.length;
    slider.addEventListener("input", function () { out.textContent = label(Number(slider.value)); });
    slider.addEventListener("change", function () {
      var i = Number(slider.value);
      var next = new URL(window.location.href);
      if (i >= dates.length) { next.searchParams.delete("fecha"); }
      else { next.searchParams.set("fecha", dates[i][1]); }
      window.location.assign(next.pathname + next.search);
    });

    // ---------------------------------------------------------------- buttons
    byId("red-ver-todo").addEventListener("click", function () {
      renderer.getCamera().animatedReset({ duration: 300 });
    });
    byId("red-png").addEventListener("click", function () { PAT.png(true); });
    // the current view as a PNG: every sigma layer drawn, in order, on a white canvas
    PAT.png = function (download) {
      renderer.refresh();  // renders now: the WebGL buffers hold this frame
      var canvases = renderer.getCanvases();
      var first = canvases[Object.keys(canvases)[0]];
      var w = first.width, h = first.height;
      var c = document.createElement("canvas");
      c.width = w; c.height = h;
      var ctx = c.getContext("2d");
      ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, w, h);
      Object.keys(canvases).forEach(function (k) {
        if (k !== "mouse") { ctx.drawImage(canvases[k], 0, 0, w, h); }
      });
      return new Promise(function (resolve) {
        c.toBlob(function (blob) {
          if (download && blob) {
            var a = document.createElement("a");
            a.href = URL.createObjectURL(blob);
            a.download = "red.png";
            document.body.appendChild(a); a.click(); a.remove();
            setTimeout(function () { URL.revokeObjectURL(a.href); }, 5000);
          }
          resolve(blob ? blob.size : 0);
        }, "image/png");
      });
    };

    // ---------------------------------------------------------------- legend
    var legend = byId("red-leyenda"), L = D.legend || {};
    function row(marker, text) {
      var r = el("div", null, "visor-fila"); r.appendChild(marker); r.appendChild(el("span", text));
      legend.appendChild(r);
    }
    if ((L.sectors || []).length) {
      legend.appendChild(el("h4", "Sectores (color del actor)"));
      L.sectors.forEach(function (s) { var m = el("span", null, "visor-color"); m.style.background = s.color; row(m, s.name); });
    }
    if ((L.labels || []).length > 1) {
      legend.appendChild(el("h4", "Otros nodos"));
      L.labels.forEach(function (s) { var m = el("span", null, "visor-color"); m.style.background = s.color; row(m, s.name); });
    }
    if (rels.length) {
      legend.appendChild(el("h4", "Vínculos"));
      rels.forEach(function (r) { var m = el("span", null, "visor-linea"); m.style.borderTopColor = r.color; row(m, r.name); });
    }
    (L.notes || []).forEach(function (t) { legend.appendChild(el("p", t, "nota")); });

    // ---------------------------------------------------------------- gaps (department views)
    var GP = D.gaps;
    if (GP) {
      byId("red-brechas-caja").hidden = false;
      var gbox = byId("red-brechas");
      [["Pares de sectores sin vínculo", GP.missing_sector_pairs || [], function () { return null; }],
       ["Puntos de articulación", GP.articulation || [], function (it) { return it.id; }],
       ["Vínculos puente", GP.bridges || [], function (it) { return it.a; }],
       ["Acuerdos recomendados", GP.recommended || [], function (it) { return it.a; }]
      ].forEach(function (sec) {
        gbox.appendChild(el("h4", sec[0] + " (" + sec[1].length + ")"));
        var ul = el("ul", null, "visor-lista");
        if (!sec[1].length) { ul.appendChild(el("li", "Ninguno.")); }
        sec[1].forEach(function (it) {
          var li = el("li", it.text), id = sec[2](it);
          if (id && G.hasNode(id)) { li.addEventListener("click", function () { focus(id); }); }
          ul.appendChild(li);
        });
        gbox.appendChild(ul);
      });
    }

    count();
    // "listo": the first frame after the first render (what the benchmark times)
    requestAnimationFrame(function () {
      PAT.firstPaint = performance.now();
      PAT.ready = true;
      box.setAttribute("data-listo", "1");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = byId("pat-network");
    if (!box) { return; }
    fetch(box.getAttribute("data-datos"), { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) { throw new Error("el servidor respondió " + r.status); }
        return r.json();
      })
      .then(function (D) { PAT.dataAt = performance.now(); start(D); })
      .catch(function (err) {
        PAT.errors.push(String(err));
        byId("red-conteo").textContent = "No se pudo cargar la red: " + err.message;
      });
  });
})();
