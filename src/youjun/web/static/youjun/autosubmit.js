/* A <select data-autosubmit> sends its form when changed (the year selector on 学校填报情况).
   Kept out of the page: the Content-Security-Policy (script-src 'self') blocks inline
   handlers such as onchange="...". */
(function () {
  "use strict";
  function bind() {
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () {
        if (select.form) { select.form.submit(); }
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", bind);
  } else {
    bind();
  }
})();
