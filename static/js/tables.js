// Enhancement for tables marked data-sortable: sort by any column and filter rows by
// text. Without JavaScript the tables are complete and readable as they are.
(function () {
  "use strict";
  var isEnglish = document.documentElement.lang === "en";
  var words = isEnglish
    ? { filter: "Filter the tables", sort: "Sort by", ascending: "ascending", descending: "descending", shown: " rows shown" }
    : { filter: "筛选表格", sort: "排序：", ascending: "升序", descending: "降序", shown: " 行" };
  var tables = document.querySelectorAll("table[data-sortable]");
  if (!tables.length) { return; }

  function cellValue(row, index) {
    var cell = row.cells[index];
    var value = cell.getAttribute("data-value");
    return value !== null ? parseFloat(value) : cell.textContent.trim().toLowerCase();
  }

  Array.prototype.forEach.call(tables, function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  // One filter box for all the tables on the page.
  var label = document.createElement("label");
  label.className = "filter";
  label.textContent = words.filter + " ";
  var input = document.createElement("input");
  input.type = "search";
  label.appendChild(input);
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  status.className = "filter-status";
  var first = tables[0].closest(".table-scroll") || tables[0];
  first.parentNode.insertBefore(label, first);
  label.parentNode.insertBefore(status, label.nextSibling);
  input.addEventListener("input", function () {
    var query = input.value.trim().toLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(tables, function (table) {
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var match = !query || row.textContent.toLowerCase().indexOf(query) !== -1;
        row.hidden = !match;
        if (match) { shown += 1; }
      });
    });
    status.textContent = query ? shown + words.shown : "";
  });
})();
