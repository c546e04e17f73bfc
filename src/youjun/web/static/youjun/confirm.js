// A form with data-confirm asks before it is sent (no inline handlers: the CSP forbids them).
document.addEventListener("submit", function (event) {
  var message = event.target && event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
}, true);
