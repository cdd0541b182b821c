// Sorting, filtering and Copy for the triage report. It reads only the page
// itself (text, never HTML) and loads nothing.
(function () {
  "use strict";
  var table = document.getElementById("convs");
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var q = document.getElementById("q");
  var kind = document.getElementById("f-kind");
  var verdict = document.getElementById("f-verdict");
  var flag = document.getElementById("f-flag");
  var folder = document.getElementById("f-folder");
  var unanswered = document.getElementById("f-unanswered");
  var count = document.getElementById("count");
  var empty = document.getElementById("empty");
  var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });

  function apply() {
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (r, i) {
      // A kind option may name several kinds ("request invitation").
      var ok = (!kind.value || (" " + kind.value + " ").indexOf(" " + r.dataset.kind + " ") >= 0) &&
        (!verdict.value || r.dataset.verdict === verdict.value) &&
        (!flag.value || r.dataset.flags.indexOf(" " + flag.value + " ") >= 0) &&
        (!folder.value || r.dataset.folder === folder.value) &&
        (!unanswered.checked || r.dataset.answered === "false") &&
        words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      r.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + " of " + rows.length + " rows";
    empty.hidden = shown > 0;
  }
  [q, kind, verdict, flag, folder, unanswered].forEach(function (el) {
    el.addEventListener("input", apply);
    el.addEventListener("change", apply);
  });

  var ths = Array.prototype.slice.call(table.tHead.rows[0].cells);
  ths.forEach(function (th, col) {
    if (!th.dataset.key) return;
    th.querySelector("button").addEventListener("click", function () {
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      ths.forEach(function (o) { o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      var keyed = rows.map(function (r, i) {
        var v = r.cells[col].dataset.sort;
        return { r: r, i: i, v: v === undefined ? r.cells[col].textContent : v };
      });
      keyed.sort(function (a, b) {
        var x = a.v, y = b.v, c;
        if (x !== "" && y !== "" && !isNaN(x) && !isNaN(y)) c = Number(x) - Number(y);
        else c = x.localeCompare(y);
        return c * dir || a.i - b.i;
      });
      rows = keyed.map(function (k) { return k.r; });
      texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
      rows.forEach(function (r) { tbody.appendChild(r); });
    });
  });

  function fallbackCopy(text) {
    var ta = document.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.style.position = "fixed";
    ta.style.opacity = "0";
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    return ok;
  }
  tbody.addEventListener("click", function (e) {
    var b = e.target.closest("button.copy");
    if (!b) return;
    var text = b.parentNode.querySelector(".reply-text").textContent;
    function done(ok) {
      b.textContent = ok ? "Copied" : "Select and copy";
      setTimeout(function () { b.textContent = "Copy"; }, 1500);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
    } else {
      done(fallbackCopy(text));
    }
  });

  apply();
})();
