// Move the focus to the message saying how an action went, so that it is seen and read
// out. Without script the redirect's fragment still scrolls to it.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    // The fragment names the message; a fragment naming something else (the support
    // panel after a post in words of crisis) keeps the reader there.
    var target = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
    if (!target) {
      target = document.querySelector(".message[tabindex]");
    }
    if (target && target.classList.contains("message")) {
      target.focus();
    }
  });
})();
