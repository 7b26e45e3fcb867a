(function () {
  "use strict";
  // The page is complete without this script: it only adds sorting, filtering, copying and the CSV download.
  // It reads the report's own DOM and never turns text into markup (textContent only, no innerHTML).
  var doc = document;
  function all(sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); }
  all(".js-only").forEach(function (e) { e.hidden = false; });

  var clip = doc.getElementById("nta-clip");
  function copyText(text, button) {
    clip.value = text;
    clip.select();
    var ok = false;
    try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
    if (!ok && navigator.clipboard) navigator.clipboard.writeText(text).then(function () {}, function () {});
    if (button) {
      var was = button.getAttribute("data-label") || button.textContent;
      button.setAttribute("data-label", was);
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = was; }, 1500);
    }
  }
  all("button.copy").forEach(function (b) {
    b.addEventListener("click", function (ev) {
      ev.preventDefault();
      var target = doc.getElementById(b.getAttribute("data-for"));
      if (target) copyText(target.textContent, b);
    });
  });

  function iocRows() {
    return all("#ioc-table tbody tr").map(function (tr) {
      return all("td", tr).map(function (td) { return td.textContent; });
    });
  }
  all("button.copy-iocs").forEach(function (b) {
    b.addEventListener("click", function () {
      copyText(iocRows().map(function (r) { return r[1]; }).join("\n"), b);
    });
  });
  function csvCell(v) {
    if (/^[=+\-@\t\r]/.test(v)) v = "'" + v; // a spreadsheet must not read a value as a formula
    return /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  var csvLink = doc.getElementById("ioc-csv");
  if (csvLink) {
    var lines = ["type,value,context"].concat(iocRows().map(function (r) { return r.map(csvCell).join(","); }));
    csvLink.setAttribute("href", "data:text/csv;charset=utf-8," + encodeURIComponent(lines.join("\r\n") + "\r\n"));
  }

  all(".ftable").forEach(function (table) {
    var body = table.querySelector(".fbody");
    var rows = all(".frow", body);
    var count = table.parentNode.querySelector(".fcount");
    var input = table.parentNode.querySelector("input.ffilter");
    function applyFilter() {
      var words = input ? input.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
      var shown = 0;
      rows.forEach(function (r) {
        var text = r.querySelector("summary").textContent.toLowerCase() + " " + (r.getAttribute("data-filter") || "").toLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        r.classList.toggle("hidden-by-filter", !ok);
        if (ok) shown++;
      });
      if (count) count.textContent = shown + " of " + rows.length + " shown";
    }
    if (input) input.addEventListener("input", applyFilter);
    applyFilter();
    all(".fhead button", table).forEach(function (b) {
      b.addEventListener("click", function () {
        var col = b.getAttribute("data-col");
        var asc = b.getAttribute("aria-sort") !== "ascending";
        all(".fhead button", table).forEach(function (o) { o.removeAttribute("aria-sort"); });
        b.setAttribute("aria-sort", asc ? "ascending" : "descending");
        function key(r) {
          var c = r.querySelector('summary [data-col="' + col + '"]');
          return c ? (c.getAttribute("data-sort") || c.textContent) : "";
        }
        rows.sort(function (x, y) {
          var a = key(x), c = key(y), na = parseFloat(a), nc = parseFloat(c), d;
          if (!isNaN(na) && !isNaN(nc) && String(na) === a && String(nc) === c) d = na - nc;
          else d = a < c ? -1 : a > c ? 1 : 0;
          if (d === 0) d = parseFloat(x.getAttribute("data-n")) - parseFloat(y.getAttribute("data-n"));
          return asc ? d : -d;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  var reopened = [];
  window.addEventListener("beforeprint", function () {
    reopened = all("details:not([open])");
    reopened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });
  doc.documentElement.setAttribute("data-ready", "1");
})();
