/* The pupils pages: the print button of the log-in slips (no inline handlers: CSP). */
(function () {
  "use strict";
  function bind() {
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", bind); } else { bind(); }
})();
