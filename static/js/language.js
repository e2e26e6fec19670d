// On the language chooser only, as an enhancement: a visitor who chose a language
// here before goes straight to it; otherwise an English-language browser goes to
// the English pages. Without JavaScript the chooser's two links do the job.
(function () {
  "use strict";
  var KEY = "commitments-language";
  var links = document.querySelectorAll("a[data-lang]");
  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener("click", function () {
      try { localStorage.setItem(KEY, link.getAttribute("data-lang")); } catch (e) { /* private mode */ }
    });
  });
  var chosen = null;
  try { chosen = localStorage.getItem(KEY); } catch (e) { /* private mode */ }
  var browserIsEnglish = (navigator.language || "").toLowerCase().indexOf("en") === 0;
  var wanted = chosen || (browserIsEnglish ? "en" : null);
  var target = wanted && document.querySelector("a[data-lang='" + wanted + "']");
  if (target) { window.location.replace(target.href); }
})();
