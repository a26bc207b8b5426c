"""The HTML report's stylesheet and script, inlined into every report (nothing is ever fetched).

The script only enhances: it adds sort buttons to the field table's headers, shows the filter box
and applies a filter as you type. The URL fragment sets the initial view — ``#filter=TEXT`` filters
(every word must occur in the row), ``#sort=COLUMN`` or ``#sort=-COLUMN`` sorts (``retention``,
``findings`` …), combined with ``&`` — which is how a headless browser is driven in the tests and how
a view is shared. Rows that do not match get the ``hidden`` attribute. Without JavaScript the tables
are complete, merely unsorted and unfiltered.
"""

from __future__ import annotations

STYLE = """
:root { color-scheme: light; --border: #d0d7de; --muted: #57606a; --error: #b00020; --warning: #9a6700;
  --info: #0b5cad; --head: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; color: #1f2328; background: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header, main { max-width: 1400px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 18px; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .6rem; padding-bottom: .25rem; border-bottom: 1px solid var(--border); }
p { margin: .3rem 0 .6rem; }
.intro, .small, .muted { color: var(--muted); }
.small { font-size: 12px; }
.counts { display: flex; flex-wrap: wrap; gap: 10px; margin: 0 0 1rem; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--border); border-radius: 6px; padding: 6px 12px; min-width: 110px; }
.counts .number { display: block; font-size: 1.5rem; font-weight: 600; }
.counts .alert .number { color: var(--error); }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { border: 1px solid var(--border); padding: 5px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--head); position: sticky; top: 0; z-index: 1; }
td.number, th.number { text-align: right; }
.table-wrap { overflow-x: auto; }
tbody th[scope="row"] { font-weight: normal; }
tbody th[scope="row"] > code:first-child { font-weight: 600; }
#field-table th[scope="row"] { min-width: 20rem; }
#field-table .findings { margin-top: 4px; }
.count { white-space: nowrap; padding: 0 3px; border-left: 3px solid; }
#purpose-table td:nth-child(2) { min-width: 14rem; }
code.key { background: none; padding: 0; color: var(--muted); font-size: 11px; }
a code { color: #0550ae; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--head);
  padding: 0 3px; border-radius: 3px; }
ul.plain { list-style: none; margin: 0; padding: 0; }
.tag { display: inline-block; font-size: 11px; border: 1px solid currentColor; border-radius: 10px;
  padding: 0 6px; margin: 1px 2px 1px 0; white-space: nowrap; }
.tag.special { color: var(--error); font-weight: 600; }
.tag.personal { color: #7d5300; }
.tag.unknown { color: var(--muted); border-style: dashed; }
.findings { list-style: none; margin: 0; padding: 0; min-width: 16rem; }
.finding { border-left: 4px solid; padding: 2px 6px; margin: 2px 0; }
.finding .sev { font-weight: 600; text-transform: uppercase; font-size: 11px; }
.sev-error { border-color: var(--error); background: #fde7ea; }
.sev-warning { border-color: #bf8700; background: #fff4d6; }
.sev-info { border-color: var(--info); background: #e7f0fb; }
tr.worst-error > td:first-child { box-shadow: inset 4px 0 0 var(--error); }
tr.worst-warning > td:first-child { box-shadow: inset 4px 0 0 #bf8700; }
tr.worst-info > td:first-child { box-shadow: inset 4px 0 0 var(--info); }
.filter { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; margin: .4rem 0; }
.filter input { font: inherit; padding: 4px 8px; width: 24rem; max-width: 100%; }
th button.sort { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0;
  cursor: pointer; text-align: left; }
th button.sort:focus-visible, .filter input:focus-visible { outline: 2px solid var(--info); outline-offset: 2px; }
th button.sort::after { content: " \\2195"; color: var(--muted); }
th[aria-sort="ascending"] button.sort::after { content: " \\25B2"; }
th[aria-sort="descending"] button.sort::after { content: " \\25BC"; }
.flow-wrap { overflow-x: auto; border: 1px solid var(--border); border-radius: 6px; padding: 8px; }
svg.flow { display: block; max-width: 100%; height: auto; }
svg .node rect { fill: #fff; stroke: #6e7781; stroke-width: 1; }
svg .node.purpose rect { fill: #eef4ff; }
svg .node.campaign rect { fill: #eef7ec; }
svg .node.recipient rect { fill: #f5f0fb; }
svg .node.personal rect { fill: #fff4d6; stroke: #7d5300; }
svg .node.special rect { fill: #fde7ea; stroke: var(--error); stroke-width: 3; stroke-dasharray: 7 3; }
svg .label { font-weight: 600; fill: #1f2328; }
svg .detail { font-size: 11px; fill: var(--muted); }
svg .edge { stroke: #8c959f; }
[hidden] { display: none !important; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print { .filter { display: none !important; } thead th { position: static; } }
"""

SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("field-table");
  if (!table) { return; }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var texts = rows.map(function (row) { return row.textContent.toLowerCase().replace(/\\s+/g, " "); });
  var box = document.getElementById("filter");
  var status = document.getElementById("filter-status");
  document.getElementById("filter-controls").hidden = false;

  function fragmentFilter() {
    var match = /(?:^#|&)filter=([^&]*)/.exec(window.location.hash);
    if (!match) { return ""; }
    try { return decodeURIComponent(match[1].replace(/\\+/g, " ")); } catch (error) { return match[1]; }
  }

  function applyFilter(text) {
    var terms = text.toLowerCase().split(/\\s+/).filter(function (term) { return term.length > 0; });
    var shown = 0;
    rows.forEach(function (row, index) {
      var visible = terms.every(function (term) { return texts[index].indexOf(term) !== -1; });
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    status.textContent = shown + " of " + rows.length + " fields shown";
  }

  box.addEventListener("input", function () {
    applyFilter(box.value);
    try {
      var url = box.value ? "#filter=" + encodeURIComponent(box.value) : window.location.pathname;
      window.history.replaceState(null, "", url);
    } catch (error) { /* some browsers refuse for file:// pages; the filter still works */ }
  });
  window.addEventListener("hashchange", function () { box.value = fragmentFilter(); applyFilter(box.value); });
  box.value = fragmentFilter();
  applyFilter(box.value);

  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function sortKey(row, column, numeric) {
    var cell = row.cells[column];
    var value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    return numeric ? (parseFloat(value) || 0) : value.toLowerCase();
  }
  function sortBy(header, ascending) {
    var column = headers.indexOf(header);
    var numeric = header.getAttribute("data-sort-type") === "number";
    var order = rows.map(function (row, index) {
      return { row: row, index: index, key: sortKey(row, column, numeric) };
    });
    order.sort(function (a, b) {
      var result = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return (ascending ? result : -result) || a.index - b.index;
    });
    order.forEach(function (item) { tbody.appendChild(item.row); });
    headers.forEach(function (other) {
      if (other.hasAttribute("data-sort-type")) { other.setAttribute("aria-sort", "none"); }
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  headers.forEach(function (header) {
    if (!header.hasAttribute("data-sort-type")) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (header.firstChild) { button.appendChild(header.firstChild); }
    header.appendChild(button);
    button.addEventListener("click", function () {
      sortBy(header, header.getAttribute("aria-sort") !== "ascending");
    });
  });
  var sortMatch = /(?:^#|&)sort=(-?)([a-z-]+)/.exec(window.location.hash);
  headers.forEach(function (header) {
    if (sortMatch && header.getAttribute("data-column") === sortMatch[2]) { sortBy(header, sortMatch[1] !== "-"); }
  });
}());
"""
