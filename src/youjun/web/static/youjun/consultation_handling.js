/* The answer form of an item on the work list: choosing an answer template fills the answer
   box at once. Without JavaScript the "use this template" button reloads the page with
   ?template=<id> and the server fills the box. Kept out of the page: the
   Content-Security-Policy (script-src 'self') blocks inline handlers. */
(function () {
  "use strict";
  function bind() {
    var box = document.querySelector("textarea[data-answer-box]");
    document.querySelectorAll("select[data-answer-template]").forEach(function (select) {
      var fallback = select.form && select.form.querySelector("[data-template-fallback]");
      if (!box) { return; }
      if (fallback) { fallback.hidden = true; }
      select.addEventListener("change", function () {
        var option = select.options[select.selectedIndex];
        var text = option ? option.getAttribute("data-text") : null;
        if (text !== null && (!box.value.trim() || window.confirm(select.getAttribute("data-replace") || "?"))) {
          box.value = text;
          box.focus();
        }
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", bind);
  } else {
    bind();
  }
})();
