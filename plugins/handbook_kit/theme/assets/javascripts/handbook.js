/* Two small enhancements of a static site; without JavaScript both degrade to
   plain links and a whole matrix.

   The language switch keeps the reader's place: articles and chapters have the
   same anchors in both languages (#art-12), so the switch carries the anchor.

   The responsibility matrix's filter: show one role's column and the activities
   it takes part in, or one regulation's activities. Runs in the browser alone
   (the site is static); without JavaScript the whole matrix shows. */
(function () {
  function setUp(form) {
    var matrix = document.querySelector("[data-raci-matrix]");
    if (!matrix) return;
    form.hidden = false;
    function apply() {
      var role = form.elements.role.value;
      var regulation = form.elements.regulation.value;
      matrix.querySelectorAll("[data-role]").forEach(function (cell) {
        cell.hidden = role !== "" && cell.getAttribute("data-role") !== role;
      });
      matrix.querySelectorAll("tbody[data-regulation]").forEach(function (group) {
        var shown = regulation === "" || group.getAttribute("data-regulation") === regulation;
        var visibleRows = 0;
        group.querySelectorAll("tr[data-activity]").forEach(function (row) {
          var cell = role ? row.querySelector('[data-role="' + role + '"]') : null;
          row.hidden = !shown || (cell !== null && cell.getAttribute("data-letter") === "");
          if (!row.hidden) visibleRows += 1;
        });
        group.hidden = visibleRows === 0;
      });
      matrix.querySelectorAll(".hb-matrix__regulation th").forEach(function (th) {
        th.colSpan = role ? 2 : th.parentNode.parentNode.querySelector("tr[data-activity]").children.length;
      });
    }
    form.addEventListener("change", apply);
    var wanted = new URLSearchParams(location.search);
    if (wanted.has("role")) form.elements.role.value = wanted.get("role");
    if (wanted.has("regulation")) form.elements.regulation.value = wanted.get("regulation");
    apply();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-raci-filter]").forEach(setUp);
  });

  // Capture phase: runs before Material's own handlers see the click.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (link && location.hash && !link.hash) link.hash = location.hash;
  }, true);
})();
