/* The site's search engine, run by Material's search box in place of its lunr worker.
 *
 * It speaks Material's worker protocol (SETUP with the index, READY, QUERY, RESULT with
 * items grouped per page) and searches the index generator/site/search.py writes: the
 * visible text of every page of one language. A page is found when it shows what the reader
 * typed, so no word segmentation is needed to find Thai words inside sentences, compounds
 * typed without spaces, parts of words, names or numbers:
 *
 *  - the query is cut into pieces at spaces and where Thai meets Latin letters or digits; a
 *    Thai piece may stand anywhere, a Latin piece starts a word, a number is a whole number;
 *  - pieces typed apart must follow one another on the page, spaces or not (the typed
 *    phrase); English words may also stand apart, after the pages showing the phrase;
 *  - when no page has every piece, the pages with most of them are shown and Material lists
 *    the missing ones;
 *  - ranking: the phrase, then where it is (title, heading, text), then the programme year
 *    (the newest first, older years last), then whole words over parts (the browser's Thai
 *    segmenter tells where words end) and how often.
 *
 * Results are escaped text with <mark> around the match and lang on passages in the other
 * language; a page's title names its branch and programme year (or the page above it).
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; // Material's SearchMessageType
var TITLE = 12, HEADING = 3, PHRASE = 8, PART = 0.5;
var SNIPPET = 180, BEFORE = 50, SECTIONS = 6, SAMPLE = 5, MANY = 30, FULL = 50;

var lang = "th";
var newest = 0;   // the newest programme year in the index: the current one
var pages = [];   // {location, title, where, year, titleField, sections: [{anchor, heading, headingField}]}
var fields = [];  // {page, section, kind, text, bounds}; kind 0 title, 1 heading, 2 block
var starts = [];  // where each field starts in hay
var pageEnds = []; // where each page's last field ends in hay
var hay = "";     // every field's text, normalised, one per line
var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("th", { granularity: "word" }) : null;

var THAI_LETTER = /[\u0e01-\u0e4e]/;
var LATIN_OR_DIGIT = /[a-z0-9\u00c0-\u024f]/;
var DIGIT = /[0-9]/;
var THAI_RUN = /[\u0e00-\u0e7f]+(?:[\s\d.,:;\/()\-\u2013'"\u201c\u201d\u2018\u2019]*[\u0e00-\u0e7f]+)*\.?/g;
var LATIN_WORD = "(?:[A-Za-z][A-Za-z0-9'\u2019.\\-]*[A-Za-z0-9]|[A-Z])";
var LATIN_RUN = new RegExp(LATIN_WORD + "(?:[ \\t\\n]+(?:[0-9][0-9.]*|" + LATIN_WORD + "))*", "g");

/* Lower case, Thai digits as 0-9, one kind of apostrophe: the same length as the text, so
 * a position found in the normalised text is the same position in the text shown. */
function normalise(text) {
  var low = text.toLowerCase();
  if (low.length !== text.length) {
    low = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i].toLowerCase();
      low += c.length === 1 ? c : text[i];
    }
  }
  return low
    .replace(/[\u0e50-\u0e59]/g, function (d) { return String.fromCharCode(d.charCodeAt(0) - 0x0e50 + 48); })
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\s\u200b]/g, " ");
}

/* The index is a list of entries, each page followed by its sections ("page#anchor"). */
function setup(docs) {
  pages = [];
  fields = [];
  starts = [];
  pageEnds = [];
  hay = "";
  newest = 0;
  var texts = [];
  var add = function (p, section, kind, text) {
    fields.push({ page: p, section: section, kind: kind, text: text, bounds: null });
    texts.push(normalise(text));
    return fields.length - 1;
  };
  (Array.isArray(docs) ? docs : []).forEach(function (doc) {
    var blocks = doc.text ? doc.text.split("\n") : [];
    var page = pages[pages.length - 1], p = pages.length - 1;
    if (doc.location.indexOf("#") < 0 || !page) {
      page = { location: doc.location, title: doc.title, where: doc.where || "", year: doc.year || 0, sections: [] };
      page.named = normalise(page.title + " " + page.where);
      pages.push(page);
      p = pages.length - 1;
      page.titleField = add(p, -1, 0, page.title);
      page.sections.push({ anchor: "", heading: "", headingField: null });
      newest = Math.max(newest, page.year);
    } else {
      var section = { anchor: doc.location.slice(doc.location.indexOf("#") + 1), heading: doc.title, headingField: null };
      page.sections.push(section);
      section.headingField = add(p, page.sections.length - 1, 1, doc.title);
    }
    blocks.forEach(function (block) { add(p, page.sections.length - 1, 2, block); });
  });
  var at = 0;
  texts.forEach(function (t, f) { starts.push(at); at += t.length + 1; pageEnds[fields[f].page] = at; });
  hay = texts.join("\n");
}

/* The field a position of hay falls in. */
function fieldAt(pos) {
  var lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    var mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/* The query as pieces: split at spaces (and quotes, brackets, commas that are not inside a
 * number), and where Thai meets Latin letters or digits; hyphens, slashes and full stops stay
 * inside a piece (self-assessment, ผลผลิต/ผลลัพธ์, ก.พ.ร., 4.0). */
function pieces(query) {
  var out = [];
  normalise(query).split(/[\s"\u201c\u201d\u00ab\u00bb()\[\]{};!?*+~^]+|,(?![0-9])|(?<![0-9]),/).forEach(function (part) {
    part = part.replace(/^[^\p{L}\p{N}\p{M}]+|[^\p{L}\p{N}\p{M}.]+$/gu, "");
    if (!part) return;
    part.split(/(?<=[\u0e01-\u0e4e]\.?)(?=[a-z0-9])|(?<=[a-z0-9])(?=[\u0e01-\u0e4e])/).forEach(function (piece) {
      if (piece) out.push(piece); // a piece may come twice (ส่วน in ผู้มีส่วนได้ส่วนเสีย): the phrase needs both
    });
  });
  return out;
}

function kindOf(piece) {
  if (/^[0-9][0-9.,]*$/.test(piece)) return "number";
  if (LATIN_OR_DIGIT.test(piece[0])) return "latin";
  return "thai";
}

/* Where a piece occurs, by the rule of its kind, grouped by page: {page: [{f, from, to, whole}]}.
 * A page's first MANY places are enough to rank it and to show it. */
function occurrences(piece) {
  var kind = kindOf(piece), byPage = {}, at = hay.indexOf(piece);
  while (at >= 0) {
    var before = hay[at - 1] || " ", after = hay[at + piece.length] || " ", whole = null;
    if (kind === "number") whole = DIGIT.test(before) || DIGIT.test(after) ? undefined : true;
    else if (kind === "latin") whole = LATIN_OR_DIGIT.test(before) ? undefined : !LATIN_OR_DIGIT.test(after);
    else if (piece.length < 2) whole = false; // one Thai letter is no word: nothing to ask the segmenter
    if (whole !== undefined) {
      var f = fieldAt(at), p = fields[f].page, list = byPage[p] || (byPage[p] = []);
      list.push({ f: f, from: at, to: at + piece.length, whole: whole });
      if (list.length >= MANY) { at = hay.indexOf(piece, pageEnds[p]); continue; }
    }
    at = hay.indexOf(piece, at + 1);
  }
  return byPage;
}

/* Whether a Thai match begins and ends where the browser's segmenter puts word boundaries. */
function wholeWord(f, from, to) {
  var field = fields[f];
  if (!segmenter) return true;
  if (!field.bounds) {
    field.bounds = new Set([0, field.text.length]);
    for (var s of segmenter.segment(field.text)) { field.bounds.add(s.index); field.bounds.add(s.index + s.segment.length); }
  }
  var local = from - starts[f];
  return field.bounds.has(local) && field.bounds.has(local + (to - from));
}

function search(query) {
  var list = pieces(query);
  if (!list.length) return { items: [] };
  var hits = {}; // page -> occurrences of each piece: [{f, from, to, whole}]
  list.forEach(function (piece, i) {
    var byPage = occurrences(piece);
    Object.keys(byPage).forEach(function (p) {
      (hits[p] || (hits[p] = list.map(function () { return []; })))[i] = byPage[p];
    });
  });
  var typed = squash(list.join(""));
  var spans = list.length > 1 ? phrases(list) : {};
  var ranked = Object.keys(hits).map(function (p) { return rank(+p, hits[p], spans[p] || [], list, typed); });
  var every = ranked.filter(function (r) { return r.count === list.length; });
  var shown = every;
  if (list.length > 1) {
    // Pages showing the pieces one after the other come first. A space between Thai words
    // is how the reader typed them, not a choice of separate words (Thai is written
    // without spaces): then only those pages are shown. English words may be meant apart.
    var phrase = every.filter(function (r) { return r.spans.length; });
    var apart = list.every(function (piece) { return kindOf(piece) !== "thai"; });
    if (phrase.length) shown = apart ? every : phrase;
  }
  if (!shown.length) {
    var most = Math.max.apply(null, ranked.map(function (r) { return r.count; }));
    shown = ranked.filter(function (r) { return r.count === most; });
  }
  shown.sort(function (a, b) {
    return (b.spans.length ? 1 : 0) - (a.spans.length ? 1 : 0) || b.level - a.level ||
      b.current - a.current || b.score - a.score || a.page - b.page;
  });
  // The first results are shown in full; past them (a query of one letter finds every page),
  // titles only, so that the answer comes at once however much the site holds.
  return { items: shown.map(function (r, n) { return n < FULL ? render(r, list) : [brief(r, list)]; }) };
}

function squash(text) {
  return text.replace(/ /g, "");
}

/* How well a page matches. Compared in this order: the typed phrase; where the pieces are
 * (3 the title is the query, 2 the title or the branch and year it names hold them, 1 a
 * heading does, 0 the text only); the page's programme year (the newest first, then pages
 * of no programme year, then older years); then the score. */
function rank(p, found, spans, list, typed) {
  var page = pages[p], score = 0, inTitle = 0, headed = 0, bySection = {};
  found.forEach(function (occs) {
    var title = 0, heading = 0, body = 0;
    occs.forEach(function (o, n) {
      var field = fields[o.f], kind = field.kind;
      // Whole words are told apart where they weigh: titles, headings, the first few in the text.
      if (o.whole === null && (kind < 2 || n < SAMPLE)) o.whole = wholeWord(o.f, o.from, o.to);
      var weight = o.whole === false ? PART : 1;
      if (kind === 0) { title = Math.max(title, weight); inTitle += o.to - o.from; }
      else if (kind === 1) heading = Math.max(heading, weight);
      else body += weight;
      var s = bySection[field.section] || (bySection[field.section] = 0);
      bySection[field.section] = s + (kind === 1 ? HEADING * weight : weight);
    });
    if (heading) headed++;
    score += TITLE * title + HEADING * heading + Math.log2(1 + body);
  });
  if (inTitle) score += TITLE * Math.min(1, inTitle / Math.max(1, page.title.length)) / 2;
  if (spans.length) score += PHRASE * (spans.some(function (x) { return fields[x.f].kind === 0; }) ? 2 : 1);
  // A phrase counts where it stands whole; words typed apart count wherever each one is.
  var named = page.named;
  var inName = spans.length ? squash(named).indexOf(typed) >= 0 : list.every(function (piece) { return named.indexOf(piece) >= 0; });
  var inHeading = spans.length ? spans.some(function (x) { return fields[x.f].kind === 1; }) : headed === list.length;
  var level = squash(normalise(page.title)) === typed ? 3 : inName ? 2 : inHeading ? 1 : 0;
  return {
    page: p, score: score, level: level, current: page.year === newest ? 2 : page.year ? 0 : 1,
    count: found.filter(function (occs) { return occs.length; }).length,
    found: found, spans: spans, sections: bySection
  };
}

/* Where the pieces stand one after the other, with spaces between them or none: the typed
 * phrase, however it was spaced, grouped by page: {page: [{f, from, to}]}. Found by one
 * expression over the whole text, so that it does not depend on how many places of each
 * piece were kept. */
function phrases(list) {
  var parts = list.map(function (piece) {
    var kind = kindOf(piece), escaped = piece.replace(/[.*+?^${}()|[\]\\\/-]/g, "\\$&");
    if (kind === "number") return "(?<![0-9])" + escaped + "(?![0-9])";
    if (kind === "latin") return "(?<![a-z0-9\\u00c0-\\u024f])" + escaped;
    return escaped;
  });
  var byPage = {}, found = new RegExp(parts.join(" *"), "g"), m;
  while ((m = found.exec(hay))) {
    var f = fieldAt(m.index), p = fields[f].page, spans = byPage[p] || (byPage[p] = []);
    if (spans.length < MANY) spans.push({ f: f, from: m.index, to: m.index + m[0].length });
    found.lastIndex = m.index + 1;
  }
  return byPage;
}

/* What to mark in each field, as [from, to] within the field's text: the phrase where there
 * is one; otherwise each piece, as a whole word where the field has it as a whole word.
 * Worked out only for the fields a result shows. */
function marker(r) {
  var byField = {}, done = {};
  if (r.spans.length) {
    r.spans.forEach(function (x) { (byField[x.f] || (byField[x.f] = [])).push([x]); });
  } else {
    r.found.forEach(function (occs, i) {
      occs.forEach(function (o) {
        var pieces = byField[o.f] || (byField[o.f] = []);
        (pieces[i] || (pieces[i] = [])).push(o);
      });
    });
  }
  var marks = function (f) {
    if (done[f] || !byField[f]) return done[f] || null;
    var ranges = [];
    byField[f].forEach(function (occs) {
      if (!occs) return;
      var whole = occs.filter(function (o) {
        if (o.whole === undefined) return false; // a phrase span
        if (o.whole === null) o.whole = wholeWord(o.f, o.from, o.to);
        return o.whole;
      });
      (whole.length ? whole : occs).forEach(function (o) { ranges.push([o.from - starts[f], o.to - starts[f]]); });
    });
    var merged = [];
    ranges.sort(function (a, b) { return a[0] - b[0]; }).forEach(function (x) {
      var last = merged[merged.length - 1];
      if (last && x[0] <= last[1]) last[1] = Math.max(last[1], x[1]); else merged.push([x[0], x[1]]);
    });
    return (done[f] = merged);
  };
  marks.fields = Object.keys(byField).map(Number);
  return marks;
}

/* A block reads as prose: long enough, and not table cells or a trail of links (" · "). */
function prose(f) {
  var text = fields[f].text;
  return text.length >= 60 && text.indexOf(" \u00b7 ") < 0;
}

/* The block to show for a page (or one section of it): the one with most pieces, prose, then
 * the first. When the title holds the query, prose comes first: the page's own
 * first paragraph says more than a caption that repeats the title. */
function bestField(r, marks, section) {
  var best = null, bestKey = null;
  var inScope = function (f) { return fields[f].kind === 2 && (section === undefined || fields[f].section === section); };
  if (!r.piecesIn) {
    r.piecesIn = {}; // field -> how many different pieces it holds
    r.found.forEach(function (occs) {
      var seen = {};
      occs.forEach(function (o) { if (!seen[o.f]) { seen[o.f] = true; r.piecesIn[o.f] = (r.piecesIn[o.f] || 0) + 1; } });
    });
  }
  marks.fields.filter(inScope).forEach(function (f) {
    var matched = r.piecesIn[f] || 0, isProse = prose(f) ? 1 : 0;
    var key = r.level >= 2 ? [isProse, matched, -f] : [matched, isProse, -f];
    if (!bestKey || compare(key, bestKey) > 0) { best = f; bestKey = key; }
  });
  if (section === undefined && r.level >= 2 && (best === null || !prose(best))) {
    var page = pages[r.page];
    for (var f = page.titleField + 1; f < fields.length && fields[f].page === r.page; f++) {
      if (prose(f)) return f;
    }
  }
  return best;
}

function compare(a, b) {
  for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function termsOf(r, list) {
  var terms = {};
  if (r.spans.length) {
    var span = r.spans[0];
    terms[fields[span.f].text.slice(span.from - starts[span.f], span.to - starts[span.f])] = true;
  } else {
    list.forEach(function (piece, i) { terms[piece] = r.found[i].length > 0; });
  }
  return terms;
}

function brief(r, list) {
  var page = pages[r.page];
  var title = html(page.title) + (page.where ? ' <small class="lr-search-where">' + html(page.where) + "</small>" : "");
  return { location: page.location, title: title, text: "", score: r.score, terms: termsOf(r, list) };
}

function render(r, list) {
  var page = pages[r.page];
  var terms = termsOf(r, list);
  var marks = marker(r);
  var title = html(page.title, marks(page.titleField));
  if (page.where) title += ' <small class="lr-search-where">' + html(page.where) + "</small>";
  var best = bestField(r, marks);
  var article = { location: page.location, title: title, text: best === null ? "" : "<p>" + snippet(best, marks(best)) + "</p>", score: r.score, terms: terms };
  var items = [article];
  var sections = {};
  marks.fields.forEach(function (f) { var s = fields[f].section; if (s >= 0 && page.sections[s].anchor) sections[s] = true; });
  Object.keys(sections)
    .map(Number)
    .sort(function (a, b) { return (r.sections[b] || 0) - (r.sections[a] || 0) || a - b; })
    .slice(0, SECTIONS)
    .forEach(function (s, i) {
      var section = page.sections[s];
      var f = bestField(r, marks, s);
      items.push({
        location: page.location + "#" + section.anchor,
        title: html(section.heading, section.headingField === null ? null : marks(section.headingField)),
        text: f === null || f === best ? "" : "<p>" + snippet(f, marks(f)) + "</p>",
        score: r.score / (2 + i),
        terms: terms
      });
    });
  return items;
}

/* A stretch of a block around its first match, cut between words. */
function snippet(f, ranges) {
  var text = fields[f].text;
  ranges = ranges || [];
  if (text.length <= SNIPPET) return html(text, ranges);
  var first = ranges.length ? ranges[0][0] : 0;
  var from = Math.max(0, first - BEFORE), to = Math.min(text.length, from + SNIPPET);
  from = Math.max(0, Math.min(from, to - SNIPPET));
  ranges.forEach(function (x) { if (x[0] < to && to < x[1]) to = x[1]; }); // never cut a match in two
  from = boundary(f, from, -1);
  to = boundary(f, to, 1);
  var shown = ranges
    .filter(function (x) { return x[1] > from && x[0] < to; })
    .map(function (x) { return [Math.max(x[0], from) - from, Math.min(x[1], to) - from]; });
  return (from > 0 ? "\u2026" : "") + html(text.slice(from, to), shown) + (to < text.length ? "\u2026" : "");
}

/* The nearest word boundary at or before (direction -1) or after (+1) a position. */
function boundary(f, at, direction) {
  var text = fields[f].text;
  if (at <= 0 || at >= text.length) return Math.max(0, Math.min(at, text.length));
  for (var step = 0; step < 30; step++) {
    var x = at + direction * step;
    if (x <= 0 || x >= text.length) return Math.max(0, Math.min(x, text.length));
    if (text[x] === " " || text[x - 1] === " ") return x;
    if (THAI_LETTER.test(text[x]) && wholeWord(f, starts[f] + x, starts[f] + x)) return x;
  }
  return at;
}

function escape(text) {
  return text.replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

/* Text as HTML: escaped, ranges in <mark>, passages in the other language in <span lang>. */
function html(text, ranges) {
  ranges = ranges || [];
  var other = lang === "en" ? "th" : "en", run = lang === "en" ? THAI_RUN : LATIN_RUN;
  var runs = [], m;
  run.lastIndex = 0;
  while ((m = run.exec(text))) runs.push([m.index, m.index + m[0].length]);
  var cuts = new Set([0, text.length]);
  ranges.concat(runs).forEach(function (x) { cuts.add(x[0]); cuts.add(x[1]); });
  var points = Array.from(cuts).sort(function (a, b) { return a - b; });
  var out = "", open = false;
  for (var i = 0; i + 1 < points.length; i++) {
    var a = points[i], b = points[i + 1];
    var foreign = runs.some(function (x) { return x[0] <= a && b <= x[1]; });
    var marked = ranges.some(function (x) { return x[0] <= a && b <= x[1]; });
    if (foreign !== open) { out += foreign ? '<span lang="' + other + '">' : "</span>"; open = foreign; }
    var piece = escape(text.slice(a, b));
    out += marked ? "<mark>" + piece + "</mark>" : piece;
  }
  if (open) out += "</span>";
  return out.replace(/<\/mark><mark>/g, "");
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    lang = (message.data.config.lang || ["th"])[0];
    setup(message.data.docs);
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var result;
    try {
      result = search(message.data);
    } catch (error) {
      console.warn(error);
      result = { items: [] };
    }
    postMessage({ type: RESULT, data: result });
  }
});
