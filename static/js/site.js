/* The header menu folds behind a button on narrow screens; without JavaScript it stays open. */
(function () {
  "use strict";
  var button = document.querySelector(".menu-button");
  var menu = document.getElementById("site-menu");
  if (!button || !menu || !window.matchMedia) return;
  var narrow = window.matchMedia("(max-width: 48rem)");

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("is-collapsed", !open);
  }
  function sync() {
    button.hidden = !narrow.matches;
    setOpen(!narrow.matches);
  }
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && narrow.matches) {
      setOpen(false);
      button.focus();
    }
  });
  if (narrow.addEventListener) narrow.addEventListener("change", sync);
  sync();
})();

/* Tables shown as cards on phones (.table-stack in site.css) keep their table roles for screen readers:
   some browsers drop a table's semantics once CSS displays its parts as blocks. */
(function () {
  "use strict";
  var roles = { TABLE: "table", THEAD: "rowgroup", TBODY: "rowgroup", TFOOT: "rowgroup", TR: "row", TD: "cell" };
  var tables = document.querySelectorAll("table.table-stack");
  for (var t = 0; t < tables.length; t++) {
    var parts = [tables[t]].concat(Array.prototype.slice.call(tables[t].querySelectorAll("thead, tbody, tfoot, tr, th, td")));
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i];
      var role = part.tagName === "TH" ? (part.getAttribute("scope") === "row" ? "rowheader" : "columnheader") : roles[part.tagName];
      if (role && !part.hasAttribute("role")) part.setAttribute("role", role);
    }
  }
})();

/* After a failed submit the error summary (templates/includes/error_summary.html) takes focus. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();
  // Its links move the focus to the field, showing the field's label or legend too.
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    var caption = field.closest("fieldset, .field");
    (caption || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
