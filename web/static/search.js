// Type-ahead for the search box: asks /api/suggest as the reader types and lists the first
// matches as links. Without this script the box is a plain form that opens the search page.
(function () {
  "use strict";
  var box = document.getElementById("search-box");
  var list = document.getElementById("suggestions");
  if (!box || !list || !window.fetch) { return; }
  var timer = null, asked = "", active = -1;

  function clear() { list.textContent = ""; list.hidden = true; active = -1; }

  function show(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = item.kind;
      a.appendChild(kind);
      a.appendChild(document.createTextNode(item.label.length > 110 ? item.label.slice(0, 109) + "…" : item.label));
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    active = -1;
  }

  function ask() {
    var q = box.value.trim();
    if (q.length < 2) { clear(); return; }
    if (q === asked) { return; }
    asked = q;
    fetch("/api/suggest?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (items) { if (box.value.trim() === q) { show(items); } })
      .catch(clear);
  }

  box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 150); });
  box.addEventListener("keydown", function (ev) {
    var items = list.querySelectorAll("li");
    if (!items.length) { return; }
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (active >= 0) { items[active].classList.remove("active"); }
      active = (active + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items[active].classList.add("active");
    } else if (ev.key === "Enter" && active >= 0) {
      ev.preventDefault();
      window.location.href = items[active].querySelector("a").href;
    } else if (ev.key === "Escape") {
      clear();
    }
  });
  document.addEventListener("click", function (ev) { if (!list.contains(ev.target) && ev.target !== box) { clear(); } });
}());
