// The report form (an action's page, for those who may report): what is
// typed is kept until saved, and an upload says how far it has gone. Loaded
// only by pages with that form (_update_area.html), so every other page stays
// light; loaded again by each swap of the form: listen once.
(function () {
  "use strict";
  if (window.reportForm) return;
  window.reportForm = true;

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

  restoreDrafts(); // loaded by a swap, after DOMContentLoaded
})();
