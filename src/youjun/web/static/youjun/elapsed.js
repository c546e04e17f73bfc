/* Counts up the time a background task has taken, from the seconds the server rendered. */
(function () {
  "use strict";
  var el = document.getElementById("run-elapsed");
  if (!el) { return; }
  var start = Date.now() - 1000 * Number(el.getAttribute("data-seconds") || 0);
  var zh = (document.documentElement.lang || "zh").indexOf("zh") === 0;
  function tick() {
    var s = Math.floor((Date.now() - start) / 1000), m = Math.floor(s / 60);
    s = s % 60;
    el.textContent = zh ? (m ? m + " 分 " + s + " 秒" : s + " 秒") : (m ? m + " min " + s + " s" : s + " s");
  }
  window.setInterval(tick, 1000);
})();
