/* Follows a background assessment run and opens its dashboard when it is done (polling: poll.js). */
(function () {
  "use strict";
  var box = document.getElementById("run-progress");
  if (!box) { return; }
  var bar = box.querySelector("progress"), pct = document.getElementById("run-pct"),
      stage = document.getElementById("run-stage");
  if (stage) { stage.textContent = stage.getAttribute("data-label-" + stage.textContent.trim()) || stage.textContent; }
  window.youjunPoll(box.getAttribute("data-status-url"), function (s) {
    if (bar) { bar.value = s.progress; }
    if (pct) { pct.textContent = s.progress; }
    if (stage) { stage.textContent = stage.getAttribute("data-label-" + s.stage) || s.stage; }
    if (s.status === "done" || s.status === "failed") { window.location.assign(s.url); return true; }
    return false;
  });
})();
