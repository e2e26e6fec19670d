// On the language chooser only: send English-language browsers to the English
// pages, unless the visitor has chosen a language here before. Without
// JavaScript the chooser's two links do the same job.
(function () {
  var KEY = "commitments-language";
  var links = document.querySelectorAll("a[data-lang]");
  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener("click", function (event) {
      try { localStorage.setItem(KEY, event.currentTarget.getAttribute("data-lang")); } catch (e) { /* private mode */ }
    });
  }
  var chosen = null;
  try { chosen = localStorage.getItem(KEY); } catch (e) { /* private mode */ }
  var wanted = chosen || ((navigator.language || "").toLowerCase().indexOf("en") === 0 ? "en" : null);
  if (wanted === "en" || wanted === "zh") {
    var target = document.querySelector("a[data-lang='" + wanted + "']");
    if (target && chosen !== "zh" && wanted === "en") { window.location.replace(target.href); }
  }
})();
