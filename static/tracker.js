/* Small enhancements for every page; each page works without them. */
(function () {
  "use strict";

  /* Evidence files are checked in the browser before a long upload on a slow link
     (the server checks again): size, type and count, with the server's messages. */
  var TYPES = ["application/pdf", "image/jpeg", "image/png"];
  function checkFiles(input) {
    var files = Array.prototype.slice.call(input.files || []);
    var max = parseInt(input.dataset.maxBytes, 10);
    var message = "";
    if (files.length > parseInt(input.dataset.maxFiles, 10)) {
      message = input.dataset.msgCount;
    }
    files.forEach(function (f) {
      if (message) return;
      if (f.size > max) message = input.dataset.msgSize.replace("{name}", f.name);
      else if (f.type && TYPES.indexOf(f.type) < 0) message = input.dataset.msgType.replace("{name}", f.name);
    });
    input.setCustomValidity(message);
    if (message) input.reportValidity();
  }
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches && input.matches("input[type=file][data-max-bytes]")) checkFiles(input);
  });

  /* After a refused post, move focus to the error summary (it is announced). */
  document.addEventListener("htmx:afterSettle", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  });
})();
