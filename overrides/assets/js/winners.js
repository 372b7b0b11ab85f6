/* Winners showcase: filter the award-winning works by year, branch, award type, level and agency.
 *
 * Progressive enhancement. Without JavaScript the page is a plain list (the newest year's
 * works; every year has its own page with all of its works) and the form stays hidden.
 * With it, the form appears; the first time a filter changes, the whole list is loaded
 * from data/showcase-<lang>.json, which the build makes from the YAML. Filter values are
 * the options the build wrote into the form; every word shown comes from data-* attributes.
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
  }

  function apply() {
    var v = chosen();
    status.textContent = form.dataset.loading;
    load().then(function () {
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
  form.addEventListener("change", apply);
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
