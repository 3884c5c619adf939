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

  /* "Salin ringkasan": the copy button (hidden until this script can work it)
     puts the summary on the clipboard and says so; failing that, selects the text. */
  function showCopyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("button.wa-copy[hidden]").forEach(function (b) { b.hidden = false; });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.wa-copy");
    if (!button) return;
    var area = document.getElementById(button.dataset.copy);
    var status = button.parentNode.querySelector(".wa-status");
    navigator.clipboard.writeText(area.value).then(function () {
      status.textContent = button.dataset.copied;
    }, function () {
      area.focus();
      area.select();
      status.textContent = button.dataset.failed;
    });
  });
  document.addEventListener("DOMContentLoaded", showCopyButtons);
  document.addEventListener("htmx:afterSettle", showCopyButtons);
  showCopyButtons();

  /* A request that got no answer (offline, the connection dropped mid-upload):
     say so where the user looks, at the bottom of the screen, instead of
     leaving the page as it was. The meeting's autosave has its own sign. */
  function sendError(event) {
    var elt = event.detail && event.detail.elt;
    if (elt && elt.closest && elt.closest(".autosave")) return;
    var box = document.getElementById("send-error");
    if (box) box.hidden = false;
  }
  function hideSendError() {
    var box = document.getElementById("send-error");
    if (box) box.hidden = true;
  }
  // A 5xx the tracker did not write (its own errors carry HX-Retarget): a
  // proxy's "502 Bad Gateway" while the server restarts. Swapped in, it would
  // replace the form and what was typed; it is no answer, so say that instead.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.status >= 500 && !xhr.getResponseHeader("HX-Retarget")) {
      event.detail.shouldSwap = false;
      sendError(event);
    }
  });
  document.addEventListener("htmx:sendError", sendError);
  document.addEventListener("htmx:timeout", sendError);
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.status > 0 && (xhr.status < 500 || xhr.getResponseHeader("HX-Retarget"))) hideSendError();
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".send-error-close")) hideSendError();
  });

  // Logging out on purpose leaves nothing typed behind for the next person
  // (the report form keeps what is typed: static/report.js).
  document.addEventListener("submit", function (event) {
    if (!event.target.matches || !event.target.matches("form.logout")) return;
    Object.keys(localStorage).forEach(function (key) {
      if (key.indexOf("report-draft:") === 0) localStorage.removeItem(key);
    });
  });

  /* A boosted page announces nothing, and a swap that removed the focused
     link leaves focus nowhere: unless put somewhere (autofocus), focus the
     link's #target, or else the h1. */
  document.addEventListener("htmx:afterSettle", function (event) {
    var elt = event.detail.elt, hash = event.detail.boosted && location.hash.slice(1);
    if (!event.detail.boosted && (!elt || document.body.contains(elt))) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    var target = (hash && document.getElementById(hash)) || document.querySelector("main h1");
    if (!target) return;
    target.setAttribute("tabindex", "-1");
    target.classList.add("focus-target");
    target.focus({ preventScroll: !hash });
  });

})();
