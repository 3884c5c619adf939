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

  /* The report form keeps what is typed in this browser until the server
     answers that it is saved. A session that expired while a long note was
     typed (the login page comes between), a form refused as expired, a
     reload: the form, opened again, brings the text back and says so. The
     one-time key and `seen` come back too, so a report that did arrive is
     answered as already saved. Files can't be kept: they are chosen again. */
  var DRAFT = ["part", "status", "percent", "value", "note", "links", "corrects", "seen", "_submission"];
  var DRAFT_MS = 7 * 24 * 3600 * 1000;
  function draftKey(form) { return "report-draft:" + form.dataset.draft; }
  function keepDraft(form) {
    var kept = { at: Date.now() };
    DRAFT.forEach(function (name) { if (form.elements[name]) kept[name] = form.elements[name].value; });
    try { localStorage.setItem(draftKey(form), JSON.stringify(kept)); } catch (e) { /* full or off */ }
  }
  function keptDraft(form) {
    try { return JSON.parse(localStorage.getItem(draftKey(form)) || "null"); } catch (e) { return null; }
  }
  function restoreDrafts() {
    document.querySelectorAll("form[data-draft]").forEach(function (form) {
      var kept = keptDraft(form), note = form.elements.note, links = form.elements.links;
      if (!kept || form.classList.contains("restored")) return;
      if (Date.now() - kept.at > DRAFT_MS) { localStorage.removeItem(draftKey(form)); return; }
      if (!(kept.note || kept.links) || note.value || links.value) return;
      DRAFT.forEach(function (name) {
        if (form.elements[name] && kept[name] != null) form.elements[name].value = kept[name];
      });
      var notice = document.createElement("p");
      notice.className = "flash draft-restored";
      notice.setAttribute("role", "status");
      notice.textContent = form.dataset.msgRestored;
      form.insertBefore(notice, form.querySelector(".field"));
      form.classList.add("restored");
    });
  }
  function draftForm(target) { return target && target.closest && target.closest("form[data-draft]"); }
  ["input", "change"].forEach(function (kind) {
    document.addEventListener(kind, function (event) {
      var form = draftForm(event.target);
      if (form && event.target.type !== "file") keepDraft(form);
    });
  });
  // Forgotten before the answer is swapped in: the new form settles (and
  // would be filled again) before htmx:afterRequest.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var config = event.detail.requestConfig, xhr = event.detail.xhr;
    var form = config && draftForm(config.elt);
    if (form && xhr && xhr.status === 200) localStorage.removeItem(draftKey(form));
  });
  document.addEventListener("DOMContentLoaded", restoreDrafts);
  document.addEventListener("htmx:afterSettle", restoreDrafts);
  // Logging out on purpose leaves nothing typed behind for the next person.
  document.addEventListener("submit", function (event) {
    if (!event.target.matches || !event.target.matches("form.logout")) return;
    Object.keys(localStorage).forEach(function (key) {
      if (key.indexOf("report-draft:") === 0) localStorage.removeItem(key);
    });
  });

  /* A report with photos takes minutes on a slow link: say how much of it has
     gone, beside the (disabled) button, until the answer comes. */
  function sending(event) {
    var form = event.detail.elt, detail = event.detail;
    if (!form || !form.dataset || !form.dataset.msgSending) return;
    var note = form.querySelector(".sending");
    if (!note) {
      note = document.createElement("p");
      note.className = "sending";
      note.setAttribute("role", "status");
      form.appendChild(note);
    }
    // The answer's own download reports progress too: never go back down.
    var percent = detail.total ? Math.floor(100 * detail.loaded / detail.total) : 0;
    percent = Math.max(percent, parseInt(note.dataset.percent || "0", 10));
    note.dataset.percent = percent;
    note.textContent = form.dataset.msgSending.replace("{percent}", percent);
  }
  document.addEventListener("htmx:xhr:loadstart", sending);
  document.addEventListener("htmx:xhr:progress", sending);
  document.addEventListener("htmx:afterRequest", function (event) {
    var note = event.detail.elt && event.detail.elt.querySelector && event.detail.elt.querySelector(".sending");
    if (note) note.remove();
  });

  /* After a refused post, move focus to the error summary (it is announced). */
  document.addEventListener("htmx:afterSettle", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  });
})();
