// exopa site search: filters window.EXOPA_SEARCH (loaded by search-data.js) by English and Chinese labels,
// synonyms and identifiers. No network access, so it works from file:// as well as from any static host.
(function () {
  "use strict";
  var box = document.getElementById("search-box");
  var list = document.getElementById("search-results");
  var count = document.getElementById("search-count");
  var entries = window.EXOPA_SEARCH || [];
  var LIMIT = 100;

  function rank(entry, query) {
    // 0: exact label or id, 1: prefix, 2: substring; -1: no match
    var fields = [entry[1].toLowerCase(), entry[1].slice(6).toLowerCase(), entry[2].toLowerCase(),
                  entry[3].toLowerCase(), entry[4].toLowerCase()];
    var best = -1;
    fields.forEach(function (field) {
      var parts = field.split(/ \| |; /);
      parts.forEach(function (text) {
        var r = text === query ? 0 : text.indexOf(query) === 0 ? 1 : text.indexOf(query) > 0 ? 2 : -1;
        if (r >= 0 && (best < 0 || r < best)) { best = r; }
      });
    });
    return best;
  }

  function show() {
    var query = box.value.trim().toLowerCase();
    list.textContent = "";
    if (!query) { count.textContent = ""; return; }
    var hits = [];
    entries.forEach(function (entry) {
      var r = rank(entry, query);
      if (r >= 0) { hits.push([r, entry]); }
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1][2].localeCompare(b[1][2]); });
    count.textContent = hits.length + (hits.length === 1 ? " match" : " matches") +
      (hits.length > LIMIT ? " (first " + LIMIT + " shown)" : "");
    hits.slice(0, LIMIT).forEach(function (hit) {
      var entry = hit[1];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry[0];
      link.textContent = entry[2];
      item.appendChild(link);
      if (entry[3]) {
        var zh = document.createElement("span");
        zh.lang = "zh";
        zh.textContent = " " + entry[3];
        item.appendChild(zh);
      }
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = " " + entry[1] + " · " + entry[5];
      item.appendChild(meta);
      list.appendChild(item);
    });
  }

  box.addEventListener("input", show);
  if (window.location.hash.indexOf("#q=") === 0) {
    box.value = decodeURIComponent(window.location.hash.slice(3));
  }
  show();
})();
