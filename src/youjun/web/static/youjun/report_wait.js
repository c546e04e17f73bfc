/* Follows a report rendered in the background (a PDF takes ~10 s) and downloads it when ready;
   a failed render reloads the page, which then says why (polling: poll.js). */
(function () {
  "use strict";
  var box = document.getElementById("report-progress");
  if (!box) { return; }
  var state = document.getElementById("report-state"), bar = box.querySelector("progress");
  window.youjunPoll(box.getAttribute("data-status-url"), function (s) {
    if (s.status === "done") {
      if (bar) { bar.value = 100; }
      if (state) { state.textContent = state.getAttribute("data-label-done"); }
      box.setAttribute("data-done", "1");
      window.location.assign(s.url);
      return true;
    }
    if (s.status === "failed") { window.location.reload(); return true; }
    return false;
  });
})();
