/* The language switch keeps where the reader is: the query (winners filters) and the
   fragment (a finder result, say) go with the link to the other language, which shares them.
   A fragment naming a heading is left behind: headings have other ids in the other language.
   It listens first (capture) and keeps the click from Material's own language handler, which
   would send the reader to the other language's page without its query and fragment. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-lr-lang]");
    if (!link) return;
    if (!link.hasAttribute("data-lr-href")) link.setAttribute("data-lr-href", link.getAttribute("href"));
    var target = new URL(link.getAttribute("data-lr-href"), window.location.href);
    var id = decodeURIComponent(window.location.hash.slice(1));
    var named = id && document.getElementById(id);
    target.search = window.location.search;
    target.hash = id && !(named && /^H[1-6]$/.test(named.tagName)) ? window.location.hash : "";
    link.setAttribute("href", target.href);
    event.stopPropagation();
  }, true);
})();
