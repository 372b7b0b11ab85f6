/* Timelines: mark each milestone past, current ("now") or next against the reader's today.
 *
 * The page is built with the same marks computed against the build date (the site must
 * come out byte-identical from the same commit, so the build never reads the clock);
 * this script only redoes them with today's date. Each milestone carries its first and
 * last day (data-start, data-end) as the build computed them from the YAML, and the
 * words come from data-* attributes, so nothing here knows about the awards.
 */
(function () {
  "use strict";
  var lists = document.querySelectorAll("ol[data-lr-timeline]");
  if (!lists.length) return;
  var now = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var lang = document.documentElement.lang || "th";
  var shown = new Intl.DateTimeFormat(lang === "th" ? "th-TH" : "en-GB", { day: "numeric", month: "long", year: "numeric" }).format(now);

  // Same rule as generator/content/timeline.py `mark`: past, current, the soonest future start is next.
  function mark(items) {
    var soonest = null;
    items.forEach(function (li) {
      var start = li.dataset.start;
      if (start > today && (soonest === null || start < soonest)) soonest = start;
    });
    return items.map(function (li) {
      if (li.dataset.end < today) return "past";
      if (li.dataset.start <= today) return "current";
      return li.dataset.start === soonest ? "next" : "upcoming";
    });
  }

  var coming = [];
  lists.forEach(function (list) {
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-start]"));
    mark(items).forEach(function (status, i) {
      var li = items[i];
      li.className = li.className.replace(/\blr-ms--\w+/, "lr-ms--" + status);
      li.querySelector(".lr-ms__status").textContent = status === "upcoming" ? "" : list.dataset[status];
      if (status === "current" || status === "next") coming.push({ li: li, status: status, words: list.dataset[status] });
    });
  });

  document.querySelectorAll("[data-lr-note]").forEach(function (note) {
    note.textContent = note.dataset.today.replace("{date}", shown);
  });

  // "What is next" on the year's timeline page: the current and next milestones of its list.
  var summary = document.querySelector("[data-lr-next]");
  if (summary) {
    var ul = summary.querySelector("ul");
    var fragment = document.createDocumentFragment();
    coming.forEach(function (item) {
      var li = document.createElement("li");
      var badge = document.createElement("span");
      badge.className = "lr-ms__status";
      badge.textContent = item.words;
      li.appendChild(badge);
      var title = item.li.querySelector("strong");
      li.appendChild(document.createTextNode(" " + item.li.querySelector("time").textContent + " — " + (title ? title.textContent : "")));
      fragment.appendChild(li);
    });
    if (!coming.length) {
      var none = document.createElement("li");
      none.textContent = summary.dataset.none;
      fragment.appendChild(none);
    }
    ul.replaceChildren(fragment);
  }
})();
