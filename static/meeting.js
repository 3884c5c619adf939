// Typing in a Rakor is never lost. Each autosave field keeps its unsaved text
// in localStorage until the server has it; after a reload or a dropped
// connection the text comes back and is sent again, with the hash of the value
// it was based on, so a change someone else saved meanwhile shows as a conflict.
(function () {
  "use strict";
  // Loaded again by every page htmx swaps in: listen once.
  if (window.rakorAutosave) return;
  window.rakorAutosave = true;

  // Each field is a `.autosave` block inside the page's one form: its value is
  // named `v:<key>`, the hash of the value it started from `b:<key>`.
  function keyOf(form) { return "rakor:" + location.pathname + ":" + form.dataset.key; }
  function fieldOf(form) { return form.querySelector('[name^="v:"]'); }
  function baseOf(form) { return form.querySelector('[name^="b:"]'); }
  function typed(field) { return field.tagName === "TEXTAREA" || field.type === "text"; }

  function remember(form) {
    var field = fieldOf(form);
    if (!field || !typed(field)) return;
    localStorage.setItem(keyOf(form), JSON.stringify({ value: field.value, base: baseOf(form).value }));
  }

  function forgetIfSaved(form) {
    var field = fieldOf(form), kept = JSON.parse(localStorage.getItem(keyOf(form)) || "null");
    if (kept && field && kept.value === field.value) localStorage.removeItem(keyOf(form));
  }

  function restore(root) {
    (root.querySelectorAll ? root.querySelectorAll(".autosave") : []).forEach(function (form) {
      var field = fieldOf(form), kept = JSON.parse(localStorage.getItem(keyOf(form)) || "null");
      if (!kept || !field) return;
      if (kept.value === field.value) { localStorage.removeItem(keyOf(form)); return; }
      field.value = kept.value;
      baseOf(form).value = kept.base;
      form.classList.add("restored");
      htmx.trigger(form, "rakor:save");
    });
  }

  // Typed in: no longer "saved" (emptied: not announced). Offline: said in words.
  function say(form, message) {
    var state = form.querySelector(".save-state");
    if (!state || state.classList.contains("conflict")) return;
    state.classList.remove("saved", "error");
    state.textContent = message;
  }

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest(".autosave");
    if (form) { remember(form); form.classList.add("unsaved"); say(form, ""); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt.closest && event.detail.elt.closest(".autosave");
    if (!form) return;
    if (event.detail.xhr && event.detail.xhr.status === 200) {
      forgetIfSaved(form);
      form.classList.remove("unsaved", "restored", "offline");
    }
  });
  // No answer (offline, server away): keep the text and try again shortly.
  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt.closest && event.detail.elt.closest(".autosave");
    if (!form) return;
    form.classList.add("offline");
    say(form, document.getElementById("meeting-js").dataset.msgOffline);
    setTimeout(function () { if (document.body.contains(form)) htmx.trigger(form, "rakor:save"); }, 5000);
  });
  window.addEventListener("online", function () {
    document.querySelectorAll(".autosave.offline").forEach(function (form) { htmx.trigger(form, "rakor:save"); });
  });
  // After a conflict nothing is saved until the user chooses: keep their own
  // text (saved over the other, now that they have seen it) or take the other's.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.keep-mine, button.use-theirs");
    if (!button) return;
    var form = button.closest(".autosave"), field = fieldOf(form);
    baseOf(form).value = button.dataset.base;
    if (button.classList.contains("use-theirs")) {
      var theirs = JSON.parse(button.dataset.theirs);
      if (field.type === "checkbox") {
        form.querySelectorAll('[name^="v:"]').forEach(function (box) { box.checked = theirs.indexOf(box.value) >= 0; });
      } else {
        field.value = theirs;
      }
      localStorage.removeItem(keyOf(form));
      button.parentNode.textContent = "";
      form.classList.remove("unsaved");
    } else {
      htmx.trigger(form, "rakor:save");
    }
  });
  // Buttons that remove something ask first (the page's one form has no hx-confirm).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
  }, true);
  htmx.onLoad(restore);
})();
