/* Search downloads nothing until the reader uses it, then only the reader's language.
 *
 * Material asks for search/search_index.json and starts its search worker as soon as a
 * page with the search box loads. This script runs before Material's bundle (see
 * overrides/partials/search-script.html) and changes only where and when those two happen,
 * not the theme's code:
 *
 *  - the request for the index goes to the page's own language (en/search/search_index.json
 *    on English pages) and is sent only once search is wanted;
 *  - the worker Material starts is the site's own (search-worker.js, which searches the
 *    index generator/site/search.py writes), created only once search is wanted.
 *
 * Search is wanted when the search box gets the focus or the search dialog opens (click,
 * tap, or Material's keyboard shortcuts, which focus the box), or when the address carries
 * a query (?q=, which Material types into the box). A page opened from a result (?h=, the
 * words to highlight) loads the index only: Material's highlighter needs its settings.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var asked = new URL(script.dataset.materialIndex, location.href).href;
  var own = new URL(script.dataset.index, location.href).href;
  var engine = new URL(script.dataset.worker, location.href).href;
  var params = new URLSearchParams(location.search);

  var waiting = { index: [], worker: [] };
  var ready = { index: false, worker: false };
  function release(what) {
    if (ready[what]) return;
    ready[what] = true;
    waiting[what].splice(0).forEach(function (go) { go(); });
  }
  function when(what, go) {
    if (ready[what]) go(); else waiting[what].push(go);
  }
  function want() {
    release("index");
    release("worker");
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = new WeakSet();
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    if (new URL(String(url), location.href).href === asked) {
      args[1] = own;
      held.add(this);
    }
    return open.apply(this, args);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!held.has(request)) return send.apply(request, args);
    when("index", function () { send.apply(request, args); });
  };

  // Material's worker is replaced by a stand-in that starts the site's engine when search
  // is wanted and passes messages both ways; messages sent before then wait for it.
  var Native = window.Worker;
  function isMaterialSearch(url) {
    return /\/workers\/search\.[0-9a-f]+\.min\.js$/.test(new URL(String(url), location.href).pathname);
  }
  window.Worker = function (url, options) {
    if (!isMaterialSearch(url)) return new Native(url, options);
    var proxy = new EventTarget(), real = null, queue = [];
    proxy.postMessage = function (message) {
      if (real) real.postMessage(message); else queue.push(message);
    };
    proxy.terminate = function () {
      if (real) real.terminate();
      queue = [];
    };
    when("worker", function () {
      real = new Native(engine);
      real.addEventListener("message", function (event) {
        proxy.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      queue.splice(0).forEach(function (message) { real.postMessage(message); });
    });
    return proxy;
  };
  window.Worker.prototype = Native.prototype;

  if (params.has("q")) want();
  else if (params.has("h")) release("index");
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target instanceof Element && target.matches("[data-md-component=search-query]")) want();
  });
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLInputElement && target.dataset.mdToggle === "search" && target.checked) want();
  });
})();
