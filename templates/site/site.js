/* narrative site: search over a prebuilt index, live reload under `narrative serve`.
   Results are built with textContent and createElement only: no author text is parsed as HTML. */
"use strict";
(function () {
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function search() {
    var box = document.getElementById("q");
    var list = document.getElementById("results");
    var status = document.getElementById("search-status");
    if (!box || !list || !window.NARRATIVE_SEARCH) return;
    var base = document.body.getAttribute("data-base") || "";
    var docs = window.NARRATIVE_SEARCH.map(function (d) {
      return { d: d, name: fold(d.t + " " + d.a), all: fold(d.t + " " + d.a + " " + d.s) };
    });
    function run() {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      list.textContent = "";
      if (!words.length) { status.textContent = "Type to search."; return; }
      var hits = docs.filter(function (x) {
        return words.every(function (w) { return x.all.indexOf(w) >= 0; });
      });
      hits.sort(function (a, b) {
        var an = words.every(function (w) { return a.name.indexOf(w) >= 0; }) ? 0 : 1;
        var bn = words.every(function (w) { return b.name.indexOf(w) >= 0; }) ? 0 : 1;
        return an - bn;
      });
      hits.slice(0, 100).forEach(function (x) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = base + x.d.u;
        a.textContent = x.d.t;
        var kind = document.createElement("span");
        kind.className = "tag";
        kind.textContent = x.d.k;
        li.appendChild(a);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(kind);
        if (x.d.s) {
          var p = document.createElement("p");
          p.className = "muted";
          p.textContent = x.d.s;
          li.appendChild(p);
        }
        list.appendChild(li);
      });
      status.textContent = hits.length + (hits.length === 1 ? " result" : " results");
    }
    box.addEventListener("input", run);
    var q = new URLSearchParams(location.search).get("q");
    if (q) { box.value = q; }
    run();
  }
  window.narrativeLive = function (url) {
    if (!window.EventSource) return;
    var source = new EventSource(url);
    source.addEventListener("reload", function () {
      var y = window.scrollY;
      sessionStorage.setItem("narrative-scroll", String(y));
      location.reload();
    });
  };
  document.addEventListener("DOMContentLoaded", function () {
    var y = sessionStorage.getItem("narrative-scroll");
    if (y !== null) { sessionStorage.removeItem("narrative-scroll"); window.scrollTo(0, Number(y)); }
    search();
  });
})();
