/* The language switch keeps where the reader is: the query (winners filters) and the
   fragment (a finder result, say) go with the link to the other language, which shares them.
   A fragment naming a heading is left behind: headings have other ids in the other language. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-lr-lang]");
    if (!link) return;
    var target = new URL(link.getAttribute("href"), window.location.href);
    if (window.location.search) target.search = window.location.search;
    var id = decodeURIComponent(window.location.hash.slice(1));
    var named = id && document.getElementById(id);
    if (id && !(named && /^H[1-6]$/.test(named.tagName))) target.hash = window.location.hash;
    link.setAttribute("href", target.href);
  });
})();
