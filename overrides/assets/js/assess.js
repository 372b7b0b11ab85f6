/*
 * Self-assessment and cost-value calculators.
 *
 * Every number and rule comes from the JSON the page embeds (#lr-assess-data), which the
 * generator writes from the YAML; nothing here knows a threshold. The same evaluation is
 * written in Python (generator/pages/assess.py) and both are run on one table of cases in the
 * tests. Answers stay in this browser (localStorage); nothing is sent anywhere.
 */
(function () {
  "use strict";

  var EPSILON = 1e-9; // floating point slack at the thresholds and when rounding halves up

  // --- Evaluation (mirrors generator/pages/assess.py) ------------------------------------------

  function inputsOf(spec) {
    var found = [];
    spec.dimensions.forEach(function (d) { found = found.concat(d.items); });
    if (spec.total.entered) found.push({ id: "_total", max: spec.total.max });
    return found.concat(spec.results, spec.bonus);
  }

  /* A typed number: Thai digits (๐–๙) read as 0–9, thousands commas allowed ("1,250.5");
   * anything else that is not a plain decimal is NaN (shown as invalid, never dropped). */
  function parse(value) {
    if (value === undefined || value === null) return null;
    var text = String(value).trim().replace(/[\u0E50-\u0E59]/g, function (d) { return String(d.charCodeAt(0) - 0x0E50); });
    if (text === "") return null;
    if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) text = text.replace(/,/g, "");
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return NaN;
    return Number(text);
  }

  function compare(measured, comparison, threshold) {
    return comparison === ">=" ? measured >= threshold - EPSILON : measured > threshold + EPSILON;
  }

  function evaluate(spec, answers) {
    var values = {}, missing = [], invalid = [];
    inputsOf(spec).forEach(function (field) {
      var value = parse(answers[field.id]);
      if (value === null) {
        if (field.id.indexOf("_bonus_") === 0) value = 0;
        else { missing.push(field.id); return; }
      }
      if (isNaN(value) || value < 0 || value > field.max) invalid.push(field.id);
      else values[field.id] = value;
    });
    var requested = answers._requested || null;
    if (spec.requested !== null && spec.requested.indexOf(requested) < 0) missing.push("_requested");
    var dims = spec.dimensions.map(function (dim) {
      var known = dim.items.every(function (i) { return i.id in values; });
      var score = known ? dim.items.reduce(function (sum, i) { return sum + values[i.id]; }, 0) : null;
      return { id: dim.id, score: score, percent: known && dim.max ? score * 100 / dim.max : null };
    });
    var total;
    if (spec.total.entered) total = "_total" in values ? values._total : null;
    else total = dims.every(function (d) { return d.score !== null; }) ? dims.reduce(function (s, d) { return s + d.score; }, 0) : null;
    var bonus = spec.bonus.reduce(function (s, b) { return s + (values[b.id] || 0); }, 0);
    var complete = missing.length === 0 && invalid.length === 0;
    var rules = [];
    if (complete) {
      var byId = {};
      dims.forEach(function (d) { byId[d.id] = d; });
      spec.rules.forEach(function (rule) {
        var percent = rule.unit === "percent", checks;
        if (rule.measure === "each-dimension") checks = dims.map(function (d) { return [d.id, percent ? d.percent : d.score]; });
        else if (rule.measure === "total") checks = [[null, percent ? total * 100 / spec.total.max : total]];
        else if (rule.measure === "requested-dimension") checks = [[requested, percent ? byId[requested].percent : byId[requested].score]];
        else checks = [[null, values["_" + rule.measure]]];
        var failures = checks.filter(function (c) { return !compare(c[1], rule.comparison, rule.value); })
          .map(function (c) { return { item: c[0], measured: c[1] }; });
        rules.push({ id: rule.id, passed: failures.length === 0, failures: failures });
      });
    }
    var band = null;
    if (total !== null) {
      spec.bands.forEach(function (b) { if (band === null && total >= b.min - EPSILON && total <= b.max + EPSILON) band = b.id; });
    }
    // The weakest dimension: the lowest share of its full marks, once every answer is valid (ties: all of them).
    var weakest = [];
    if (dims.length > 1 && invalid.length === 0 && dims.every(function (d) { return d.percent !== null; })) {
      var lowest = Math.min.apply(null, dims.map(function (d) { return d.percent; }));
      weakest = dims.filter(function (d) { return d.percent <= lowest + EPSILON; }).map(function (d) { return d.id; });
    }
    return {
      complete: complete, missing: missing, invalid: invalid, dimensions: dims, total: total, bonus: bonus, rules: rules, weakest: weakest,
      passed: complete && rules.length ? rules.every(function (r) { return r.passed; }) : null, band: band, requested: requested
    };
  }

  // The cost-value formula: + - * and parentheses over single letters, by recursive descent.
  function calculate(formula, values) {
    var tokens = formula.match(/\d+(\.\d+)?|[A-Z]|\S/g) || [], pos = 0;
    function peek() { return tokens[pos]; }
    function take() { return tokens[pos++]; }
    function expr() {
      var value = term();
      while (peek() === "+" || peek() === "-") value = take() === "+" ? value + term() : value - term();
      return value;
    }
    function term() {
      var value = factor();
      while (peek() === "*") { take(); value *= factor(); }
      return value;
    }
    function factor() {
      var token = take();
      if (token === "-") return -factor();
      if (token === "(") { var value = expr(); take(); return value; }
      if (/^[A-Z]$/.test(token)) return values[token];
      return Number(token);
    }
    return expr();
  }

  function evaluateCost(spec, answers) {
    var values = {}, missing = [], invalid = [];
    spec.inputs.forEach(function (field) {
      var value = parse(answers[field.id]);
      if (value === null) missing.push(field.id);
      else if (isNaN(value) || value < 0) invalid.push(field.id);
      else values[field.id] = field.rate !== null ? value * field.rate : value;
    });
    if (missing.length || invalid.length) return { complete: false, missing: missing, invalid: invalid, values: values, total: null, working: null };
    var working = spec.formula.replace(/[A-Z]/g, function (letter) { return showNumber(values[letter]); }).replace(/\*/g, "×");
    return { complete: true, missing: [], invalid: [], values: values, total: calculate(spec.formula, values), working: working.split(/\s+/).join(" ") };
  }

  // --- What is shown (same rounding as the Python side: half up) -----------------------------

  function roundHalfUp(value, places) {
    var scale = Math.pow(10, places), sign = value < 0 ? -1 : 1;
    return sign * Math.floor(Math.abs(value) * scale + 0.5 + EPSILON) / scale;
  }

  function grouped(text) {
    var parts = text.split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return parts.join(".");
  }

  function showNumber(value) {
    var text = grouped(roundHalfUp(value, 2).toFixed(2));
    return text.replace(/\.?0+$/, "");
  }

  function showMoney(value) { return grouped(roundHalfUp(value, 2).toFixed(2)); }
  function showPercent(value) { return roundHalfUp(value, 1).toFixed(1) + "%"; }

  // --- The page -------------------------------------------------------------------------------

  function $(root, selector) { return root.querySelector(selector); }
  function $all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  function init() {
    var holder = document.getElementById("lr-assess-data");
    if (!holder) return;
    var data = JSON.parse(holder.textContent);
    var forms = $all(document, "form.lr-assess, form.lr-cost");
    var key = "lertrat:self-assessment:" + (data.assess || data.cost).key;
    var actions = document.getElementById("lr-assess-actions");
    var words = data.words;

    function fields() { return $all(document, "form.lr-assess [name], form.lr-cost [name]"); }

    function answers(form) {
      var found = {};
      $all(form, "[name]").forEach(function (el) { found[el.name] = el.value; });
      return found;
    }

    function allAnswers() {
      var found = {};
      forms.forEach(function (form) { found[form.id] = answers(form); });
      return found;
    }

    function save() {
      try { localStorage.setItem(key, JSON.stringify(allAnswers())); } catch (e) { /* storage full or blocked */ }
    }

    function restore() {
      var saved = null;
      try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
      if (!saved) return;
      forms.forEach(function (form) {
        var values = saved[form.id] || {};
        $all(form, "[name]").forEach(function (el) { if (typeof values[el.name] === "string") el.value = values[el.name]; });
      });
    }

    function out(name) { return $(document, '[data-out="' + name + '"]'); }
    function put(name, text) { var el = out(name); if (el) el.textContent = text; }

    var lastAssess = null, lastCost = null;

    function renderAssess() {
      var form = document.getElementById("lr-assess");
      if (!form || !data.assess) return;
      var spec = data.assess, result = evaluate(spec, answers(form)), names = data.names;
      lastAssess = result;
      result.dimensions.forEach(function (d) {
        put("score:" + d.id, d.score === null ? "" : showNumber(d.score));
        put("percent:" + d.id, d.percent === null ? "" : showPercent(d.percent));
      });
      if (!spec.total.entered) put("score:_total", result.total === null ? "" : showNumber(result.total));
      if (spec.bonus.length) put("total-with-bonus", result.total === null ? "" : showNumber(result.total + result.bonus));
      $all(form, "input[name]").forEach(function (el) {
        var bad = result.invalid.indexOf(el.name) >= 0;
        el.setAttribute("aria-invalid", bad ? "true" : "false");
      });
      var box = document.getElementById("lr-assess-result");
      var reasons = out("reasons");
      reasons.textContent = "";
      var status, verdict;
      if (result.invalid.length) {
        status = "invalid";
        verdict = words.assess_invalid;
        result.invalid.forEach(function (id) {
          var field = inputsOf(spec).filter(function (f) { return f.id === id; })[0];
          addReason(reasons, names.rows[id] + ": " + words.assess_range.replace("{max}", showNumber(field.max)), { item: id });
        });
      } else if (!result.complete) {
        status = "incomplete";
        verdict = words.assess_incomplete;
      } else if (result.passed === null) {
        status = "none";
        verdict = words.assess_none;
      } else {
        status = result.passed ? "pass" : "fail";
        verdict = result.passed ? words.assess_pass : words.assess_fail;
        result.rules.forEach(function (rule) {
          rule.failures.forEach(function (f) {
            var what = f.item ? names.rows[f.item] + " — " : "";
            var unit = spec.rules.filter(function (r) { return r.id === rule.id; })[0].unit;
            var measured = unit === "percent" ? showPercent(f.measured) : showNumber(f.measured);
            addReason(reasons, what + words.assess_measured.replace("{measured}", measured) + ": " + names.rules[rule.id], { rule: rule.id, item: f.item || "" });
          });
        });
      }
      box.setAttribute("data-status", status);
      put("verdict", verdict);
      var weakest = out("weakest");
      if (weakest) {
        var low = result.weakest.map(function (id) { return names.rows[id]; });
        weakest.hidden = !low.length || result.invalid.length > 0;
        weakest.setAttribute("data-weakest", weakest.hidden ? "" : result.weakest.join(" "));
        weakest.textContent = low.length ? words.assess_weakest.replace("{name}", low.join(", "))
          .replace("{percent}", showPercent(result.dimensions.filter(function (d) { return d.id === result.weakest[0]; })[0].percent)) : "";
      }
      var bandOut = out("band");
      if (bandOut) {
        bandOut.setAttribute("data-band", result.band || "");
        bandOut.textContent = result.total === null ? "" : (result.band ? names.bands[result.band] : words.assess_no_band);
      }
    }

    function addReason(list, text, attrs) {
      var li = document.createElement("li");
      li.textContent = text;
      Object.keys(attrs).forEach(function (k) { li.setAttribute("data-" + k, attrs[k]); });
      list.appendChild(li);
    }

    function renderCost() {
      var form = document.getElementById("lr-cost");
      if (!form || !data.cost) return;
      var result = evaluateCost(data.cost, answers(form));
      lastCost = result;
      data.cost.inputs.forEach(function (i) {
        put("cost:" + i.id, i.id in result.values ? showNumber(result.values[i.id]) : "");
      });
      $all(form, "input[name]").forEach(function (el) {
        el.setAttribute("aria-invalid", result.invalid.indexOf(el.name) >= 0 ? "true" : "false");
      });
      document.getElementById("lr-cost-result").setAttribute("data-status", result.complete ? "done" : "incomplete");
      put("cost-working", result.complete ? data.cost.formula.replace(/\*/g, "×") + " = " + result.working : words.cost_value_incomplete);
      put("cost-total", result.complete ? showMoney(result.total) : "");
    }

    function render() { renderAssess(); renderCost(); }

    function download(name, type, text) {
      var blob = new Blob([text], { type: type });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name;
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    }

    function csvCell(value) {
      var text = value === null || value === undefined ? "" : String(value);
      return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }

    function rowsForExport() {
      var rows = [];
      if (data.assess && lastAssess) {
        var form = answers(document.getElementById("lr-assess"));
        var percents = {};
        if (data.assess.mode === "rubric") {
          lastAssess.dimensions.forEach(function (d) { percents[d.id] = d.percent === null ? "" : showPercent(d.percent); });
        }
        $all(document, "#lr-assess tr[data-row]").forEach(function (tr) {
          var id = tr.getAttribute("data-row");
          var max = tr.children[2] ? tr.children[2].textContent : "";
          var score = id in form ? form[id] : (out("score:" + id) ? out("score:" + id).textContent : "");
          rows.push([data.names.rows[id], score, max, percents[id] || ""]);
        });
        if ("_requested" in form) {
          var select = document.getElementById("lr-in-_requested");
          rows.push([words.assess_requested, select.value ? select.options[select.selectedIndex].text : "", "", ""]);
        }
        rows.push([words.assess_result, out("verdict").textContent, "", ""]);
        $all(document, '[data-out="reasons"] li').forEach(function (li) { rows.push(["", li.textContent, "", ""]); });
        if (out("band")) rows.push([words.assess_total, out("band").textContent, "", ""]);
      }
      if (data.cost && lastCost) {
        var cost = answers(document.getElementById("lr-cost"));
        data.cost.inputs.forEach(function (i) {
          var n = data.cost_names.inputs[i.id];
          rows.push([i.id + " — " + n.label, cost[i.id], n.unit, i.id in lastCost.values ? showNumber(lastCost.values[i.id]) : ""]);
        });
        rows.push([data.cost_names.result, lastCost.complete ? showMoney(lastCost.total) : "", data.cost_names.result_unit, lastCost.working || ""]);
      }
      return rows;
    }

    function fileName(ext) { return (data.assess || data.cost).key.replace(/\//g, "-") + "-" + data.lang + "." + ext; }

    var handlers = {
      clear: function () {
        fields().forEach(function (el) { el.value = ""; });
        try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
        render();
      },
      csv: function () {
        var header = [words.assess_item, words.assess_score, words.assess_max, words.assess_percent];
        var lines = [header].concat(rowsForExport()).map(function (r) { return r.map(csvCell).join(","); });
        download(fileName("csv"), "text/csv;charset=utf-8", "\ufeff" + lines.join("\r\n") + "\r\n");
      },
      json: function () {
        var payload = { type: (data.assess || data.cost).key, title: data.title, lang: data.lang, answers: allAnswers() };
        if (lastAssess) {
          payload.assessment = {
            total: lastAssess.total, bonus: lastAssess.bonus, complete: lastAssess.complete, passed: lastAssess.passed, band: lastAssess.band,
            dimensions: lastAssess.dimensions, failed: lastAssess.rules.filter(function (r) { return !r.passed; }).map(function (r) { return r.id; }),
            verdict: out("verdict").textContent
          };
        }
        if (lastCost) payload.cost_value = { total: lastCost.total, working: lastCost.working, values: lastCost.values };
        download(fileName("json"), "application/json", JSON.stringify(payload, null, 2) + "\n");
      },
      print: function () { window.print(); }
    };

    restore();
    render();
    forms.forEach(function (form) {
      form.addEventListener("input", function () { render(); save(); });
      form.addEventListener("change", function () { render(); save(); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
    });
    if (actions) {
      actions.hidden = false;
      actions.addEventListener("click", function (event) {
        var button = event.target.closest("[data-action]");
        if (button && handlers[button.getAttribute("data-action")]) handlers[button.getAttribute("data-action")]();
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
