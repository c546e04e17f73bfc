// The what-if rows: show the fields the chosen change needs, and add rows.
// Without script every field shows and the three empty rows are there to fill.
(function () {
  "use strict";
  function sync(row) {
    var kind = row.querySelector("select.wi-kind");
    if (kind) { row.setAttribute("data-kind", kind.value); }
  }
  function renumber(row, n) {
    row.querySelectorAll("[name]").forEach(function (el) {
      el.name = el.name.replace(/^wi-\d+-/, "wi-" + n + "-");
      if (el.tagName === "SELECT") { el.selectedIndex = 0; } else { el.value = ""; }
    });
    row.querySelectorAll(".field-error").forEach(function (el) { el.remove(); });
    row.querySelectorAll(".has-error").forEach(function (el) { el.classList.remove("has-error"); });
    var no = row.querySelector(".wi-no");
    if (no) { no.textContent = String(row.parentNode.children.length); }
  }
  document.querySelectorAll("form.whatif").forEach(function (form) {
    var box = form.querySelector(".wi-rows");
    var add = form.querySelector(".wi-add");
    if (!box) { return; }
    box.querySelectorAll(".wi-row").forEach(sync);
    box.addEventListener("change", function (e) {
      if (e.target.classList.contains("wi-kind")) { sync(e.target.closest(".wi-row")); }
    });
    if (add) {
      add.hidden = false;
      add.addEventListener("click", function () {
        var rows = box.querySelectorAll(".wi-row");
        var last = rows[rows.length - 1];
        var next = 0;
        box.querySelectorAll("[name]").forEach(function (el) {
          var m = /^wi-(\d+)-/.exec(el.name);
          if (m) { next = Math.max(next, parseInt(m[1], 10)); }
        });
        var copy = last.cloneNode(true);
        box.appendChild(copy);
        renumber(copy, next + 1);
        sync(copy);
        var first = copy.querySelector("select, input");
        if (first) { first.focus(); }
      });
    }
  });
})();
