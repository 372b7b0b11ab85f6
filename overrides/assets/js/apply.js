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

  /* The finder: one question at a time, a back link, and the reasons on the result. */
  function finder(root) {
    var steps = {};
    root.querySelectorAll(".lr-finder__step").forEach(function (step) { steps[step.id] = step; });
    var first = root.querySelector(".lr-finder__step[data-step='question']").id;
    var path = [];     // answers given so far: {question, answer, next}
    var current = first;

    root.classList.add("lr-finder--js");
    var nav = document.createElement("p");
    nav.className = "lr-finder__nav";
    var back = document.createElement("a");
    back.href = "#";
    back.className = "lr-finder__back";
    back.textContent = "← " + root.dataset.back;
    var restart = document.createElement("a");
    restart.href = "#" + first;
    restart.className = "lr-finder__restart";
    restart.textContent = root.dataset.restart;
    nav.appendChild(back);
    nav.appendChild(document.createTextNode(" "));
    nav.appendChild(restart);
    root.insertBefore(nav, root.firstChild);

    function reasons(step) {
      var box = step.querySelector(".lr-finder__reasons");
      if (!box) return;
      box.textContent = "";
      if (!path.length) { box.hidden = true; return; }
      var title = document.createElement("p");
      title.className = "lr-finder__reasons-title";
      title.textContent = root.dataset.reasons;
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
      box.appendChild(title);
      box.appendChild(list);
      box.hidden = false;
    }

    function show(id, focus) {
      if (!steps[id]) id = first;
      current = id;
      Object.keys(steps).forEach(function (key) { steps[key].hidden = key !== id; });
      reasons(steps[id]);
      back.hidden = !path.length;
      restart.hidden = id === first;
      if (focus) {
        var heading = steps[id].querySelector("[tabindex='-1']");
        if (heading) heading.focus();
      }
    }

    root.addEventListener("click", function (event) {
      var answer = event.target.closest(".lr-finder__answer");
      if (answer) {
        event.preventDefault();
        path.push({ question: current, answer: answer.textContent.trim(), next: "finder-" + answer.dataset.next });
        history.pushState({ finder: path.slice() }, "", "#finder-" + answer.dataset.next);
        show("finder-" + answer.dataset.next, true);
      } else if (event.target === back) {
        event.preventDefault();
        history.back();
      } else if (event.target === restart) {
        event.preventDefault();
        path = [];
        history.pushState({ finder: [] }, "", "#" + first);
        show(first, true);
      }
    });

    window.addEventListener("popstate", function (event) {
      path = event.state && event.state.finder ? event.state.finder.slice() : [];
      show(location.hash.slice(1) || first, true);
    });

    var state = history.state && history.state.finder;
    path = state ? state.slice() : [];
    var start = location.hash.slice(1);
    show(steps[start] && (path.length || start === first) ? start : first, false);
  }

  function init() {
    printable();
    document.querySelectorAll("[data-lr-finder]").forEach(finder);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
