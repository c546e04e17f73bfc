/* Follows a report rendered in the background (a PDF takes ~10 s) and downloads it when ready;
   a failed render reloads the page, which then says why. */
(function () {
  "use strict";
  var box = document.getElementById("report-progress");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url"), state = document.getElementById("report-state"),
      queue = document.getElementById("run-queue"), bar = box.querySelector("progress");
  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (queue) { queue.textContent = s.queue_label || ""; queue.hidden = !s.queue_label; }
        if (s.status === "done") {
          if (bar) { bar.value = 100; }
          if (state) { state.textContent = state.getAttribute("data-label-done"); }
          box.setAttribute("data-done", "1");
          window.location.assign(s.url);
          return;
        }
        if (s.status === "failed") { window.location.reload(); return; }
        window.setTimeout(poll, 700);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  poll();
})();
