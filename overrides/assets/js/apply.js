/* Progressive enhancement for the applying pages (finder, checklists, readiness form).
 *
 * The pages work without this script: the finder is a numbered list of questions whose
 * answers link to the next question, and the printable pages print as they are. This
 * script holds no content of its own: questions, answers, conditions and words are all
 * read from the page, which is generated from rubrics/.
 */
(function () {
  "use strict";

  function lang() {
    return (document.documentElement.lang || "th").toLowerCase();
  }

  /* The language switch leads to the same step of the finder in the other language (the
   * steps have the same ids in both). */
  function carryToOtherLanguage() {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      if (!link.dataset.lrBase) link.dataset.lrBase = link.getAttribute("href").split("#")[0];
      link.setAttribute("href", link.dataset.lrBase + location.hash);
    });
  }

  /* Printable pages: fill in the page address and today's date, show a print button. */
  function printable() {
    var url = location.href.split("#")[0];
    document.querySelectorAll("[data-lr-url]").forEach(function (el) { el.textContent = url; });
    var locale = lang().indexOf("th") === 0 ? "th-TH-u-ca-buddhist" : "en-GB";
    var today = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric" }).format(new Date());
    document.querySelectorAll("[data-lr-date]").forEach(function (el) { el.textContent = today; });
    document.querySelectorAll("[data-lr-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  /* The finder: one question at a time, a progress line, a back link; on a result, the
   * answers that led there (collapsed). Every step has its own address (#finder-<id>): opened
   * cold, the answers are read back from the page's tree of links. */
  function finder(root) {
    var steps = {};
    root.querySelectorAll(".lr-finder__step").forEach(function (step) { steps[step.id] = step; });
    var first = root.querySelector(".lr-finder__step[data-step='question']").id;
    var path = [];     // answers given so far: {question, answer, next}
    var current = first;

    // Which answers lead to each step: {question id, answer label} per step id.
    var parents = {};
    root.querySelectorAll(".lr-finder__answer").forEach(function (link) {
      var target = "finder-" + link.dataset.next;
      (parents[target] = parents[target] || []).push({ question: link.closest(".lr-finder__step").id, answer: link.textContent.trim() });
    });

    /* The answers that lead from the first question to ``id``, or null when the page's tree
     * has more than one way there (then the reader starts from that step with no reasons). */
    function pathTo(id) {
      var found = [];
      var node = id;
      while (node !== first) {
        var ways = parents[node];
        if (!ways) return null;
        var question = ways[0].question;
        if (ways.some(function (w) { return w.question !== question; })) return null;
        var answer = ways.map(function (w) { return w.answer; }).join(" / ");
        found.unshift({ question: question, answer: answer, next: node });
        node = question;
      }
      return found;
    }

    root.classList.add("lr-finder--js");
    var nav = document.createElement("div");
    nav.className = "lr-finder__nav";
    var progress = document.createElement("p");
    progress.className = "lr-finder__progress";
    var progressText = document.createElement("span");
    progressText.setAttribute("aria-live", "polite");
    var bar = document.createElement("progress");
    bar.setAttribute("aria-hidden", "true");
    progress.appendChild(progressText);
    progress.appendChild(bar);
    var links = document.createElement("p");
    links.className = "lr-finder__navlinks";
    var back = document.createElement("a");
    back.href = "#";
    back.className = "lr-finder__back";
    back.textContent = "← " + root.dataset.back;
    var restart = document.createElement("a");
    restart.href = "#" + first;
    restart.className = "lr-finder__restart";
    restart.textContent = root.dataset.restart;
    links.appendChild(back);
    links.appendChild(document.createTextNode(" "));
    links.appendChild(restart);
    nav.appendChild(progress);
    nav.appendChild(links);
    root.insertBefore(nav, root.firstChild);

    function reasons(step) {
      var box = step.querySelector(".lr-finder__reasons");
      if (!box) return;
      box.querySelectorAll("ol").forEach(function (old) { old.remove(); });
      box.open = false;
      var share = step.querySelector(".lr-finder__share");
      if (share) share.hidden = false;
      if (!path.length) { box.hidden = true; return; }
      var list = document.createElement("ol");
      path.forEach(function (entry) {
        var question = steps[entry.question];
        var item = document.createElement("li");
        var text = question.querySelector(".lr-finder__q").cloneNode(true);
        var number = text.querySelector(".lr-finder__num");
        if (number) number.remove();
        text.removeAttribute("tabindex");
        var answer = document.createElement("strong");
        answer.textContent = entry.answer;
        text.appendChild(document.createTextNode(" — "));
        text.appendChild(answer);
        item.appendChild(text);
        var tests = question.querySelector(".lr-finder__tests");
        if (tests) item.appendChild(tests.cloneNode(true));
        list.appendChild(item);
      });
      box.appendChild(list);
      box.hidden = false;
    }

    function showProgress(step) {
      var answered = path.length;
      if (step.dataset.step === "question") {
        var most = answered + Number(step.dataset.depth);
        progressText.textContent = root.dataset.progress.replace("{k}", answered + 1).replace("{m}", most);
        bar.max = most;
        bar.value = answered;
      } else {
        progressText.textContent = root.dataset.progressDone.replace("{k}", answered);
        bar.max = 1;
        bar.value = 1;
      }
    }

    function show(id, focus) {
      if (!steps[id]) id = first;
      current = id;
      Object.keys(steps).forEach(function (key) { steps[key].hidden = key !== id; });
      reasons(steps[id]);
      showProgress(steps[id]);
      back.hidden = !path.length;
      restart.hidden = id === first;
      carryToOtherLanguage();
      if (focus) {
        var heading = steps[id].querySelector("[tabindex='-1']");
        if (heading) heading.focus();
      }
    }

    function depth() { return (history.state && history.state.finderDepth) || 0; }

    root.addEventListener("click", function (event) {
      var answer = event.target.closest(".lr-finder__answer");
      if (answer) {
        event.preventDefault();
        path.push({ question: current, answer: answer.textContent.trim(), next: "finder-" + answer.dataset.next });
        history.pushState({ finder: path.slice(), finderDepth: depth() + 1 }, "", "#finder-" + answer.dataset.next);
        show("finder-" + answer.dataset.next, true);
      } else if (event.target === back) {
        event.preventDefault();
        if (depth() > 0) {
          history.back();
        } else if (path.length) {  // opened at this step: go up the tree without leaving the page
          var last = path.pop();
          history.replaceState({ finder: path.slice(), finderDepth: 0 }, "", "#" + last.question);
          show(last.question, true);
        }
      } else if (event.target === restart) {
        event.preventDefault();
        path = [];
        history.pushState({ finder: [], finderDepth: depth() + 1 }, "", "#" + first);
        show(first, true);
      }
    });

    function fromAddress() {
      var id = location.hash.slice(1);
      if (!steps[id]) { path = []; return first; }
      var state = history.state && history.state.finder;
      path = state ? state.slice() : (pathTo(id) || []);
      return id;
    }

    window.addEventListener("popstate", function () {
      show(fromAddress(), true);
    });

    var start = fromAddress();
    if (!(history.state && history.state.finder) && steps[location.hash.slice(1)]) {
      history.replaceState({ finder: path.slice(), finderDepth: 0 }, "", location.hash);
    }
    show(start, false);
    if (start !== first) {  // opened at a step: its progress line at the top, after the browser's own jump to the anchor
      var jump = function () { nav.scrollIntoView(); };
      if (document.readyState === "complete") setTimeout(jump, 0);
      else window.addEventListener("load", function () { setTimeout(jump, 0); });
    }
  }

  /* A checklist: ticks and filled-in lines stay in this browser (localStorage, one entry per
   * type, shared by both languages), until "start again" clears them. ``tools`` holds the
   * start-again button; the checklist is the page's article. */
  function checklist(tools) {
    var root = tools.closest("article") || document.body;
    var key = "lertrat:checklist:" + tools.dataset.lrChecklist;
    var ticks = root.querySelectorAll("input[data-lr-tick]");
    var lines = root.querySelectorAll("input.lr-blank__line");

    function save() {
      var state = { ticks: {}, lines: [] };
      ticks.forEach(function (box) { if (box.checked) state.ticks[box.dataset.lrTick] = true; });
      lines.forEach(function (line) { state.lines.push(line.value); });
      try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* storage full or blocked */ }
    }

    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
    if (saved) {
      ticks.forEach(function (box) { box.checked = !!(saved.ticks && saved.ticks[box.dataset.lrTick]); });
      lines.forEach(function (line, i) { if (saved.lines && typeof saved.lines[i] === "string") line.value = saved.lines[i]; });
    }
    root.addEventListener("change", save);
    root.addEventListener("input", save);
    tools.hidden = false;
    tools.querySelector("[data-lr-reset]").addEventListener("click", function () {
      ticks.forEach(function (box) { box.checked = false; });
      lines.forEach(function (line) { line.value = ""; });
      try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
      var first = ticks[0] || lines[0];
      if (first) first.focus();
    });
  }

  function init() {
    printable();
    document.querySelectorAll("[data-lr-checklist]").forEach(checklist);
    document.querySelectorAll("[data-lr-finder]").forEach(finder);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
