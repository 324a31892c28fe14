"use strict";
// The entity table: sort by a column (click its header), filter by text and by type.
(function () {
  var table = document.getElementById("entity-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var search = document.getElementById("entity-filter");
  var kind = document.getElementById("entity-type");
  var shown = document.getElementById("entity-count");

  function key(row, index, numeric) {
    var cell = row.cells[index];
    var value = cell.getAttribute("data-sort");
    if (value === null) { value = cell.textContent.trim(); }
    return numeric ? parseFloat(value) || 0 : value.toLowerCase();
  }

  function sortBy(index) {
    var header = headers[index];
    var numeric = header.getAttribute("data-type") === "number";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = key(a, index, numeric);
      var y = key(b, index, numeric);
      var order = numeric ? x - y : x.localeCompare(y, "fr");
      if (order === 0) { order = a.getAttribute("data-order") - b.getAttribute("data-order"); }
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function filter() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var wanted = kind.value;
    var count = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var visible = (!wanted || row.getAttribute("data-label") === wanted) &&
        words.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " shown";
  }

  headers.forEach(function (header, index) {
    header.addEventListener("click", function () { sortBy(index); });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(index); }
    });
  });
  search.addEventListener("input", filter);
  kind.addEventListener("change", filter);
  filter();
})();
