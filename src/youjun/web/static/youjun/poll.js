/* Follows a background task through its status URL (a run, a plan, a report): every 0.7 s, 2 s
   after a failed request; the queue line (#run-queue) is kept up to date. ``onStatus(s)`` does
   the page's own part and returns true when the task is over (polling stops). */
window.youjunPoll = function (url, onStatus) {
  "use strict";
  var queue = document.getElementById("run-queue");
  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (queue) { queue.textContent = s.queue_label || ""; queue.hidden = !s.queue_label; }
        if (onStatus(s)) { return; }
        window.setTimeout(poll, 700);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  poll();
};
