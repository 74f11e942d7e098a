// pat-graph, banco de trabajo: sugerencias mientras se escribe (sin dependencias).
// Los textos llegan por JSON y se escriben con textContent: nunca se interpretan como HTML.
// data-sugerir="actor" limita las sugerencias a ese tipo (/api/buscar?tipo=…); con
// data-rellenar, elegir una escribe su id en el campo (formularios de consultas) en vez
// de abrir su página.
"use strict";
(function () {
  function attach(input) {
    var form = input.form;
    var list = input.parentElement.querySelector(".sugerencias") ||
      (form && form.querySelector(".sugerencias"));
    if (!list) { return; }
    var tipo = input.getAttribute("data-sugerir");
    var fill = input.hasAttribute("data-rellenar");
    var chosen = fill && input.parentElement.parentElement.querySelector(".elegido");
    var timer = null;
    var last = "";
    function clear() { list.replaceChildren(); list.hidden = true; }
    function show(items) {
      list.replaceChildren();
      items.forEach(function (it) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = it.url || ("/buscar?q=" + encodeURIComponent(it.key));
        a.textContent = it.name;
        var kind = document.createElement("small");
        kind.textContent = " " + it.kind_es + " · " + it.key;
        a.appendChild(kind);
        if (fill) {
          a.addEventListener("click", function (ev) {
            ev.preventDefault();
            input.value = it.key;
            last = it.key;
            if (chosen) { chosen.textContent = it.name; }
            clear();
            input.focus();
          });
        }
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
    }
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (chosen) { chosen.textContent = ""; }
      if (timer) { clearTimeout(timer); }
      if (q.length < 2) { clear(); return; }
      timer = setTimeout(function () {
        if (q === last) { return; }
        last = q;
        var params = new URLSearchParams({ q: q });
        if (tipo) { params.set("tipo", tipo); }
        var fecha = new URLSearchParams(window.location.search).get("fecha");
        if (fecha) { params.set("fecha", fecha); }
        fetch("/api/buscar?" + params.toString(), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (items) { if (input.value.trim() === q) { show(items); } })
          .catch(function () { clear(); });
      }, 150);
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { clear(); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-sugerir]").forEach(attach);
  });
})();
