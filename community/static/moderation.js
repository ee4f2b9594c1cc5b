// Keyboard shortcuts and "Select all" for the moderation queue and review pages.
// Everything here enhances forms and links that work without script; nothing is needed.
(function () {
  "use strict";

  var status = document.getElementById("shortcut-status");
  var help = document.getElementById("shortcut-help");
  var cards = Array.prototype.slice.call(document.querySelectorAll("[data-card]"));
  var current = -1;
  // The review page decides one post: its buttons answer wherever the focus is.
  var pageWide = document.querySelector("[data-shortcuts=page]") !== null;

  function announce(text) {
    if (status) {
      // Emptied first, so that the same text is announced again.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
  }

  function focusCard(index) {
    if (!cards.length) { return; }
    current = Math.max(0, Math.min(cards.length - 1, index));
    var card = cards[current];
    card.focus();
    card.scrollIntoView({ block: "nearest" });
    announce("Post " + (current + 1) + " of " + cards.length + " focused: " + card.getAttribute("data-card"));
  }

  function within(selector) {
    var found = current >= 0 ? cards[current].querySelector(selector) : null;
    return found || (pageWide ? document.querySelector(selector) : null);
  }

  function typing(target) {
    var name = target && target.tagName;
    return name === "INPUT" || name === "TEXTAREA" || name === "SELECT" || (target && target.isContentEditable);
  }

  document.addEventListener("focusin", function (event) {
    var index = cards.indexOf(event.target.closest ? event.target.closest("[data-card]") : null);
    if (index >= 0) { current = index; }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var key = event.key;
    if (key === "j") {
      focusCard(current + 1);
    } else if (key === "k") {
      focusCard(current - 1);
    } else if (key === "a") {
      var approve = within("[data-shortcut=approve], .decision-approve [type=submit]");
      if (!approve) { announce(current < 0 ? "Press j to go to a post first." : "Nothing to approve here."); return; }
      approve.click();
    } else if (key === "r") {
      var reject = within("[data-shortcut=reject], #reject-reason");
      if (!reject) { announce(current < 0 ? "Press j to go to a post first." : "Nothing to reject here."); return; }
      // A rejection needs a reason: go to it (the review page's field, or the review page).
      if (reject.tagName === "A") { window.location.href = reject.href + "#reject-reason"; return; }
      reject.focus();
      announce("Write the reason for rejecting, then press Reject.");
    } else if (key === "x") {
      var box = within("[data-shortcut=select]");
      if (box) {
        box.checked = !box.checked;
        announce(box.checked ? "Selected." : "Not selected.");
      }
    } else if (key === "?") {
      if (help) {
        help.open = !help.open;
        if (help.open) { help.querySelector("summary").focus(); }
      }
    } else {
      return;
    }
    event.preventDefault();
  });

  // "Select all on this page": tick the boxes here instead of loading the page again.
  Array.prototype.forEach.call(document.querySelectorAll("[data-select-all]"), function (button) {
    button.addEventListener("click", function (event) {
      var form = button.getAttribute("data-select-all");
      var boxes = document.querySelectorAll('input[type=checkbox][form="' + form + '"]');
      Array.prototype.forEach.call(boxes, function (box) { box.checked = true; });
      announce(boxes.length + " posts selected.");
      event.preventDefault();
    });
  });
})();
