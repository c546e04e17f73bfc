/* Follows a background assessment run and opens its dashboard when it is done. */
(function () {
  "use strict";
  var box = document.getElementById("run-progress");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = box.querySelector("progress"), pct = document.getElementById("run-pct"),
      stage = document.getElementById("run-stage"), queue = document.getElementById("run-queue");
  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (bar) { bar.value = s.progress; }
        if (pct) { pct.textContent = s.progress; }
        if (stage) { stage.textContent = stage.getAttribute("data-label-" + s.stage) || s.stage; }
        if (queue) { queue.textContent = s.queue_label || ""; queue.hidden = !s.queue_label; }
        if (s.status === "done" || s.status === "failed") { window.location.assign(s.url); return; }
        window.setTimeout(poll, 700);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  if (stage) { stage.textContent = stage.getAttribute("data-label-" + stage.textContent.trim()) || stage.textContent; }
  poll();
})();
