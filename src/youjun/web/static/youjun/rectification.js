/* The print button (no inline handlers: the Content-Security-Policy forbids them). */
(function () {
  "use strict";
  function bind() {
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", bind); } else { bind(); }
})();
