// Remembers the elder-friendly mode across pages. Without JavaScript the mode is
// the :target of the "Larger text" link and lasts for the page (see site.css).
(function () {
  "use strict";
  var KEY = "commitments-elder-mode";
  var root = document.documentElement;
  function stored() { try { return localStorage.getItem(KEY) === "on"; } catch (e) { return false; } }
  function store(on) { try { localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* private mode */ } }
  if (stored() || location.hash === "#elder-mode") { root.classList.add("elder-mode"); }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.elder-on, a.elder-off");
    if (!link) { return; }
    // The link still navigates (#elder-mode or #main), so :target agrees with the class.
    var on = link.classList.contains("elder-on");
    root.classList.toggle("elder-mode", on);
    store(on);
  });
})();
