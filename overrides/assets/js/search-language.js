/* Search in the reader's language.
 *
 * Material loads its search index from search/search_index.json at the site root, for
 * every page. The build (generator/site/search.py) leaves the default language's index there
 * and writes each other language's index under its folder (en/search/search_index.json).
 * Pages of those languages load this script before Material's, with both addresses in
 * data attributes, and it sends Material's request for the index to the page's language.
 */
(function () {
  var script = document.currentScript;
  var shared = new URL(script.dataset.sharedIndex, location.href).href;
  var own = new URL(script.dataset.languageIndex, location.href).href;
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    if (new URL(String(url), location.href).href === shared) args[1] = own;
    return open.apply(this, args);
  };
})();
