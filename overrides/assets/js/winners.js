/* Winners showcase: filter the award-winning works by year, branch, award type, level and agency.
 *
 * Progressive enhancement. Without JavaScript the page is a plain list (the newest year's
 * works; every year has its own page with all of its works) and the form stays hidden.
 * With it, the form appears; the first time a filter changes, the whole list is loaded
 * from data/showcase-<lang>.json, which the build makes from the YAML. Filter values are
 * the options the build wrote into the form; every word shown comes from data-* attributes.
 * The filters narrow each other: once the list is loaded (on the first touch of the form),
 * an option that would show nothing with the other choices is disabled and hidden, and a
 * choice that leaves nothing clears the other filters that conflict with it.
 */
(function () {
  "use strict";
  var form = document.getElementById("lr-filter");
  if (!form) return;
  var table = document.getElementById(form.dataset.table);
  var body = table.tBodies[0];
  var caption = table.caption;
  var status = form.querySelector(".lr-filter__count");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var data = null;
  var loading = null;

  function load() {
    if (!loading) {
      loading = fetch(form.dataset.src)
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (json) { data = json; });
    }
    return loading;
  }

  function chosen() {
    var values = {};
    selects.forEach(function (s) { values[s.name] = s.value; });
    return values;
  }

  // A row is [year, branch, "branch/type", "branch/level", [agency ids], id, title, award], where award
  // indexes data.awards ("branch · type · level" in the page's language).
  function matches(row, v) {
    return (!v.year || String(row[0]) === v.year) &&
      (!v.branch || row[1] === v.branch) &&
      (!v.type || row[2] === v.type) &&
      (!v.level || row[3] === v.level) &&
      (!v.agency || row[4].indexOf(v.agency) !== -1);
  }

  /* Clear the filters other than ``keep`` that leave no row with it, latest in the form first,
   * then offer in each filter only the options that show something with the others. */
  function narrow(keep) {
    if (!data) return;
    var v = chosen();
    for (var i = selects.length - 1; i >= 0 && !data.rows.some(function (row) { return matches(row, v); }); i--) {
      if (selects[i].name !== keep && selects[i].value) {
        selects[i].value = "";
        v = chosen();
      }
    }
    selects.forEach(function (s) {
      var others = chosen();
      Array.prototype.forEach.call(s.options, function (option) {
        if (!option.value) return;
        others[s.name] = option.value;
        var empty = !data.rows.some(function (row) { return matches(row, others); });
        option.disabled = empty;
        option.hidden = empty;
      });
      Array.prototype.forEach.call(s.querySelectorAll("optgroup"), function (group) {
        group.hidden = !group.querySelector("option:not([hidden])");
      });
    });
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function agencyHref(id) { return form.dataset.agencyHref.replace("AGENCY", id); }

  function renderRow(row) {
    var tr = document.createElement("tr");
    var cells = [0, 1, 2, 3].map(function () { return tr.appendChild(document.createElement("td")); });
    cells[0].className = "lr-year";
    cells[0].appendChild(link(form.dataset.yearHref.replace("YEAR", row[0]), data.years[row[0]]));
    cells[1].appendChild(link(agencyHref(row[4][0]) + "#" + row[5], row[6] || data.agencies[row[4][0]]));
    cells[2].textContent = data.awards[row[7]];
    row[4].forEach(function (id, i) {
      if (i) cells[3].appendChild(document.createElement("br"));
      cells[3].appendChild(link(agencyHref(id), data.agencies[id]));
    });
    return tr;
  }

  function say(template, shown, total) {
    var lang = document.documentElement.lang;
    status.textContent = template.replace("{shown}", shown.toLocaleString(lang)).replace("{total}", total.toLocaleString(lang));
  }

  function remember(v) {
    var params = new URLSearchParams();
    Object.keys(v).forEach(function (name) {
      if (v[name] || name === "year") params.set(name, v[name]);
    });
    history.replaceState(null, "", "?" + params.toString() + location.hash);
    // the language switch leads to the same filters in the other language (same values in both)
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      if (!link.dataset.lrBase) link.dataset.lrBase = link.getAttribute("href").split(/[?#]/)[0];
      link.setAttribute("href", link.dataset.lrBase + location.search);
    });
  }

  function apply(changed) {
    status.textContent = form.dataset.loading;
    load().then(function () {
      narrow(changed);
      var v = chosen();
      var rows = data.rows.filter(function (row) { return matches(row, v); });
      var fragment = document.createDocumentFragment();
      rows.forEach(function (row) { fragment.appendChild(renderRow(row)); });
      body.replaceChildren(fragment);
      caption.textContent = form.dataset.caption;
      if (rows.length) say(form.dataset.count, rows.length, data.rows.length);
      else status.textContent = form.dataset.none;
      remember(v);
    }).catch(function () { status.textContent = form.dataset.error; });
  }

  form.hidden = false;
  document.querySelectorAll("[data-lr-nojs]").forEach(function (el) { el.hidden = true; });
  form.addEventListener("change", function (event) { apply(event.target.name); });
  form.addEventListener("focusin", function () { load().then(function () { narrow(null); }).catch(function () { /* said on change */ }); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    selects.forEach(function (s) { s.value = ""; });
    apply();
  });

  var params = new URLSearchParams(location.search);
  var fromUrl = false;
  selects.forEach(function (s) {
    if (params.has(s.name)) {
      s.value = params.get(s.name);
      fromUrl = true;
    }
  });
  if (fromUrl) apply();
  else say(form.dataset.count, body.rows.length, Number(form.dataset.total));
})();
