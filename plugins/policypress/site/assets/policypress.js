/* policypress: change notices that switch on their dates in the reader's browser, dismissal kept in
   the reader's own browser (localStorage, never sent anywhere), and the "in force on" date picker.
   Without JavaScript the pages show the state of the day they were built, and nothing is dismissible. */
(function () {
  "use strict";
  var STORE = "policypress.dismissed";
  var navigate = null;  // next/previous change on the redline page being shown, if any

  function keys(event) {
    var tag = (event.target && event.target.tagName) || "";
    if (!navigate || event.ctrlKey || event.metaKey || event.altKey || /INPUT|TEXTAREA|SELECT/.test(tag)) return;
    if (event.key === "n" || event.key === "j") { navigate(1); event.preventDefault(); }
    if (event.key === "p" || event.key === "k") { navigate(-1); event.preventDefault(); }
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function dismissed() {
    try { return JSON.parse(window.localStorage.getItem(STORE) || "[]"); } catch (e) { return []; }
  }
  function remember(key) {
    var keys = dismissed();
    if (keys.indexOf(key) < 0) keys.push(key);
    try { window.localStorage.setItem(STORE, JSON.stringify(keys)); } catch (e) { /* private mode */ }
  }
  function stateOf(el, day) {
    if (day < el.getAttribute("data-pp-effective")) return "upcoming";
    if (day < el.getAttribute("data-pp-expires")) return "recent";
    return "expired";
  }
  function show(el, state) {
    el.setAttribute("data-pp-state", state);
    var parts = el.querySelectorAll("[data-pp-when]");
    for (var i = 0; i < parts.length; i++) parts[i].hidden = parts[i].getAttribute("data-pp-when") !== state;
  }

  function notices(day) {
    var keys = dismissed();
    var items = document.querySelectorAll("[data-pp-notice]");
    for (var i = 0; i < items.length; i++) {
      var el = items[i], state = stateOf(el, day);
      show(el, state);
      var inBanner = el.closest("[data-pp-banner]") !== null;
      el.hidden = state === "expired" || (inBanner && keys.indexOf(el.getAttribute("data-pp-notice")) >= 0);
      var button = el.querySelector("[data-pp-dismiss]");
      if (button) button.hidden = false;
    }
    var banners = document.querySelectorAll("[data-pp-banner]");
    for (var j = 0; j < banners.length; j++) {
      var visible = banners[j].querySelectorAll("[data-pp-notice]:not([hidden])").length > 0;
      var bar = banners[j].closest(".md-banner") || banners[j];
      bar.hidden = !visible;
    }
  }

  function superseded(day) {
    var items = document.querySelectorAll("[data-pp-superseded-on]");
    for (var i = 0; i < items.length; i++) {
      items[i].hidden = day < items[i].getAttribute("data-pp-superseded-on");
    }
  }

  function picker() {
    var form = document.querySelector("[data-pp-in-force]");
    if (!form) return;
    var data = JSON.parse(document.getElementById("pp-in-force-data").getAttribute("data-pp-json"));
    var input = form.querySelector("input[type=date]");
    var result = form.querySelector("[data-pp-result]");
    function versionOn(day) {
      var found = null;
      for (var i = 0; i < data.versions.length; i++) {
        var v = data.versions[i];
        if (v.effective <= day && (!found || v.effective >= found.effective)) found = v;
      }
      return found;
    }
    function go(day, navigate) {
      var v = versionOn(day);
      if (!v) {
        result.textContent = say("notInForce", { date: localDate(day) });
        return;
      }
      result.textContent = say("inForce", { version: v.id, date: localDate(day) });
      if (navigate) window.location.href = v.url;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (input.value) go(input.value, true);  // the picker's own URL stays as it is: Back returns here
    });
    var hash = window.location.hash.replace("#", "");
    if (/^\d{4}-\d{2}-\d{2}$/.test(hash)) { input.value = hash; go(hash, true); }
  }

  /* Sticky elements never cover each other: the toolbar sticks below Material's header and the
     side-by-side "Before / After" row below both, at their measured heights. */
  var measured = null;
  function stack(tools) {
    var header = document.querySelector(".md-header");
    var root = document.documentElement.style;
    function measure() {
      root.setProperty("--pp-header-height", (header ? header.getBoundingClientRect().height : 0) + "px");
      var sticky = getComputedStyle(tools).position === "sticky";
      root.setProperty("--pp-tools-height", (sticky ? tools.getBoundingClientRect().height : 0) + "px");
    }
    measure();
    if (measured) measured.disconnect();
    if (window.ResizeObserver) {
      measured = new ResizeObserver(measure);
      measured.observe(tools);
      if (header) measured.observe(header);
    }
  }

  /* Redline pages: next/previous change (buttons and the n/p keys), a counter, the side-by-side view,
     and switches for formatting and punctuation-only changes. */
  function redlineTools() {
    var redline = document.querySelector(".pp-redline");
    var tools = document.querySelector("[data-pp-tools]");
    navigate = null;
    if (!redline || !tools) return;
    tools.hidden = false;
    stack(tools);
    var print = document.querySelector("[data-pp-print]");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function (event) { event.preventDefault(); window.print(); });
    }
    var counter = tools.querySelector("[data-pp-counter]");
    var index = -1;
    var sideBySide = null;
    function changes() {
      var seen = {}, list = [];
      var root = sideBySide && !sideBySide.hidden ? sideBySide : redline;
      var marks = root.querySelectorAll("[data-pp-change]");
      for (var i = 0; i < marks.length; i++) {
        var n = marks[i].getAttribute("data-pp-change");
        if (seen[n] || marks[i].offsetParent === null) continue;  // hidden (a switched-off kind)
        seen[n] = true;
        list.push(marks[i]);
      }
      return list;
    }
    function go(step) {
      var list = changes();
      if (!list.length) { counter.textContent = say("noChanges"); return; }
      index = Math.max(0, Math.min(list.length - 1, index + step));
      var target = list[index];
      target.setAttribute("tabindex", "-1");
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
      counter.textContent = say("changeOf", { n: index + 1, total: list.length });
    }
    tools.querySelector("[data-pp-next]").addEventListener("click", function () { go(1); });
    tools.querySelector("[data-pp-prev]").addEventListener("click", function () { go(-1); });
    navigate = go;
    counter.textContent = say("changes", { n: changes().length });
    var toggles = tools.querySelectorAll("[data-pp-toggle]");
    for (var t = 0; t < toggles.length; t++) {
      toggles[t].addEventListener("change", function (event) {
        redline.classList.toggle(event.target.getAttribute("data-pp-toggle"), event.target.checked);
        if (sideBySide) sideBySide.classList.toggle(event.target.getAttribute("data-pp-toggle"), event.target.checked);
        index = -1;
        counter.textContent = say("changes", { n: changes().length });
      });
    }
    var view = tools.querySelector("[data-pp-view]");
    tools.ppReset = function () {  // the compare page calls this after it writes a new redline
      index = -1;
      if (sideBySide) { sideBySide.parentNode.removeChild(sideBySide); sideBySide = null; }
      redline.hidden = false;
      view.setAttribute("aria-pressed", "false");
      view.textContent = say("sideBySide");
      counter.textContent = say("changes", { n: changes().length });
    };
    view.addEventListener("click", function () {
      var on = view.getAttribute("aria-pressed") !== "true";
      view.setAttribute("aria-pressed", on ? "true" : "false");
      view.textContent = on ? say("inline") : say("sideBySide");
      if (on && !sideBySide) sideBySide = buildSideBySide(redline);
      redline.hidden = on;
      sideBySide.hidden = !on;
      index = -1;
      counter.textContent = say("changes", { n: changes().length });
    });
  }

  function side(block, keep) {
    var copy = block.cloneNode(true);
    var drop = copy.querySelectorAll(keep === "old" ? "ins" : "del");
    for (var i = 0; i < drop.length; i++) drop[i].parentNode.removeChild(drop[i]);
    var ids = copy.querySelectorAll("[id]");
    for (var j = 0; j < ids.length; j++) ids[j].removeAttribute("id");
    if (copy.id) copy.removeAttribute("id");
    return copy;
  }

  function buildSideBySide(redline) {
    var grid = document.createElement("div");
    grid.className = "pp-side-by-side";
    grid.setAttribute("role", "table");
    grid.setAttribute("aria-label", say("sideBySideLabel"));
    var head = document.createElement("div");
    head.className = "pp-sbs-row pp-sbs-head";
    head.setAttribute("role", "row");
    [say("before"), say("after")].forEach(function (label) {
      var cell = document.createElement("div");
      cell.setAttribute("role", "columnheader");
      cell.textContent = label;
      head.appendChild(cell);
    });
    grid.appendChild(head);
    var blocks = redline.children;
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      var row = document.createElement("div");
      row.className = "pp-sbs-row";
      row.setAttribute("role", "row");
      var inserted = block.classList.contains("pp-inserted") || block.classList.contains("pp-moved-to");
      var deleted = block.classList.contains("pp-deleted") || block.classList.contains("pp-moved-from");
      [["old", inserted], ["new", deleted]].forEach(function (spec) {
        var cell = document.createElement("div");
        cell.setAttribute("role", "cell");
        cell.className = "pp-sbs-" + spec[0];
        if (!spec[1]) cell.appendChild(side(block, spec[0]));
        row.appendChild(cell);
      });
      grid.appendChild(row);
    }
    grid.hidden = true;
    redline.parentNode.insertBefore(grid, redline.nextSibling);
    return grid;
  }

  /* Every word this script writes comes from the message catalogue, in the page's language: the page carries
     them as data (#pp-words, written by site/browserwords.py), plural forms with the catalogue's rule as data. */
  var WORDS = { lang: "en", words: {} };
  function loadWords() {
    var el = document.getElementById("pp-words");
    try { WORDS = el ? JSON.parse(el.getAttribute("data-pp-json")) : { lang: "en", words: {} }; }
    catch (e) { WORDS = { lang: "en", words: {} }; }
  }
  var RULE = {
    "?:": function (a) { return evaluate(a[1]) ? evaluate(a[2]) : evaluate(a[3]); },
    "||": function (a) { return evaluate(a[1]) || evaluate(a[2]) ? 1 : 0; },
    "&&": function (a) { return evaluate(a[1]) && evaluate(a[2]) ? 1 : 0; },
    "!": function (a) { return evaluate(a[1]) ? 0 : 1; }
  };
  var ARITHMETIC = {
    "==": function (x, y) { return x === y ? 1 : 0; }, "!=": function (x, y) { return x !== y ? 1 : 0; },
    "<": function (x, y) { return x < y ? 1 : 0; }, ">": function (x, y) { return x > y ? 1 : 0; },
    "<=": function (x, y) { return x <= y ? 1 : 0; }, ">=": function (x, y) { return x >= y ? 1 : 0; },
    "%": function (x, y) { return x % y; }, "+": function (x, y) { return x + y; },
    "-": function (x, y) { return x - y; }, "*": function (x, y) { return x * y; },
    "/": function (x, y) { return Math.floor(x / y); }
  };
  var pluralN = 0;
  function evaluate(node) {  // a Plural-Forms expression as data (notices/messages.py: plural_rule)
    if (typeof node === "number") return node;
    if (node === "n") return pluralN;
    if (RULE[node[0]]) return RULE[node[0]](node);
    return ARITHMETIC[node[0]](evaluate(node[1]), evaluate(node[2]));
  }
  function pluralIndex(rule, n) { pluralN = n; return Number(evaluate(rule)); }
  window.policypressPlural = pluralIndex;  // (tests/test_browser_words.py checks it against gettext's own)
  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values || {}, name) ? String(values[name]) : all;
    });
  }
  function message(key, n) {
    var entry = WORDS.words[key];
    if (entry === undefined) return key;
    if (typeof entry === "string") return entry;
    var index = pluralIndex(entry.plural, n);
    return entry.forms[Math.min(Math.max(index, 0), entry.forms.length - 1)];
  }
  /* say(key, values): text; plural messages take their count from values.n. html(key, values): the message
     escaped, with values that are already HTML (each caller escapes what it puts in). */
  function say(key, values) {
    values = values || {};
    return fill(message(key, values.n), values);
  }
  function html(key, values, counted) {
    values = values || {};
    return fill(escapeHtml(message(key, counted)), values);
  }
  function localDate(day) {  // an ISO date as the page's language writes it (the reader's own browser formats it)
    try {
      return new Intl.DateTimeFormat(WORDS.lang, { dateStyle: "long", timeZone: "UTC" }).format(new Date(day + "T00:00:00Z"));
    } catch (e) { return day; }
  }
  /* The engine (policypress-redline.js, like diff/redline.py) labels moved blocks in English; the page shows
     its language's words, as the build does for published redlines (site/browserwords.py: localise_moves). */
  function localiseMoves(root) {
    var links = root.querySelectorAll("a.pp-move-link");
    for (var i = 0; i < links.length; i++) {
      var english = links[i].getAttribute("aria-label") || "", found = /^moved (to|from) \u201c([\s\S]*)\u201d$|^moved (down|up)$/.exec(english);
      if (!found) continue;
      var label = found[1] ? say("move-" + found[1], { section: found[2] }) : say("move-" + found[3]);
      links[i].setAttribute("aria-label", label);
      links[i].setAttribute("data-label", label);
    }
  }
  /* Each section a moved block left or reached, with the other end in words (as the build's redline page says). */
  function moveNotes(r) {
    var notes = {};
    r.changes.forEach(function (c) {
      var from = c.movedFrom, to = c.section;
      if (c.kind !== "moved" || !from || !to || (from.id === to.id && from.title === to.title)) return;
      [[from, say("move-to", { section: to.title })], [to, say("move-from", { section: from.title })]].forEach(function (spec) {
        var key = JSON.stringify([spec[0].id, spec[0].title]);
        notes[key] = notes[key] || [];
        if (notes[key].indexOf(spec[1]) < 0) notes[key].push(spec[1]);
      });
    });
    return notes;
  }
  function stats(r) {
    return html("statsChanges", { n: '<span data-pp-stat="changes">' + r.changes.length + "</span>" }, r.changes.length) + " " +
      html("statsAdded", { n: '<span data-pp-stat="words-added">' + r.wordsAdded + "</span>" }, r.wordsAdded) + " " +
      html("statsRemoved", { n: '<span data-pp-stat="words-removed">' + r.wordsRemoved + "</span>" }) + " " +
      html("statsSections", { n: '<span data-pp-stat="sections-changed">' + r.sections.length + "</span>" }, r.sections.length);
  }
  /* The printed compare page names the document and the pair on every page, as a redline page does. */
  function cssString(text) {
    return '"' + text.replace(/[^A-Za-z0-9 ,.:;()_-]/gu, function (c) { return "\\" + c.codePointAt(0).toString(16) + " "; }) + '"';
  }
  function printRunning(root, header) {
    var style = root.querySelector("style.pp-print-running");
    if (!style) { style = document.createElement("style"); style.className = "pp-print-running"; root.appendChild(style); }
    style.textContent = "@media print { @page { margin: 18mm 14mm 16mm; @top-left { content: " + cssString(header) +
      "; font: 8pt/1.3 sans-serif; color: #222; vertical-align: bottom; padding-bottom: 3mm; } @bottom-right { content: " +
      pageOfPages() + "; font: 8pt sans-serif; color: #222; } } }";
  }
  function pageOfPages() {  // "Page x of y": the words translated, the numbers the page counters
    return say("page").split(/(\{pages?\})/).filter(function (part) { return part; }).map(function (part) {
      return part === "{page}" ? "counter(page)" : part === "{pages}" ? "counter(pages)" : cssString(part);
    }).join(" ");
  }
  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function comparePage() {
    var root = document.querySelector("[data-pp-compare]");
    compareFromAddress = null;
    if (!root) return;
    var data = JSON.parse(document.getElementById("pp-compare-data").getAttribute("data-pp-json"));
    var form = root.querySelector("[data-pp-compare-form]");
    var status = root.querySelector("[data-pp-compare-status]");
    var summary = root.querySelector("[data-pp-compare-summary]");
    var result = root.querySelector("[data-pp-compare-result]");
    var byId = {}, cache = {}, current = 0;
    data.versions.forEach(function (v) { byId[v.id] = v; });
    status.textContent = "";
    function fetchJson(url) {
      if (!cache[url]) {
        cache[url] = fetch(url).then(function (r) {
          if (!r.ok) throw new Error(url + ": " + r.status);
          return r.json();
        });
      }
      return cache[url];
    }
    function describe(r, a, b) {
      var out = '<p class="pp-stats">' + stats(r) + "</p>";
      if (r.sections.length) {
        out += "<p>" + html("sections") + '</p><ul class="pp-sections">';
        var notes = moveNotes(r);
        r.sections.forEach(function (s) {
          var note = notes[JSON.stringify([s.id, s.title])];
          out += "<li>" + (s.id ? '<a href="#' + escapeHtml(s.id) + '">' + escapeHtml(s.title) + "</a>"
                                : html("removedSection", { title: escapeHtml(s.title) })) +
                 (note ? " (" + escapeHtml(note.join("; ")) + ")" : "") + "</li>";
        });
        out += "</ul>";
      }
      if (b.previous === a.id && b.redline) {
        out += "<p>" + html("published") + ' <a href="' + escapeHtml(b.redline) + '">' + html("publishedLink", { version: escapeHtml(b.id) }) + "</a>.</p>";
      }
      return out;
    }
    function run(oldId, newId) {
      var a = byId[oldId], b = byId[newId], ticket = ++current;
      if (!a || !b) { status.textContent = say("unknown"); return; }
      if (oldId === newId) { status.textContent = say("same"); result.innerHTML = ""; summary.innerHTML = ""; return; }
      status.textContent = say("comparing", { old: oldId, "new": newId });
      Promise.all([fetchJson(a.blocks), fetchJson(b.blocks)]).then(function (pair) {
        if (ticket !== current) return;  // the reader asked for another pair meanwhile
        var links = {}, name;
        for (name in pair[0].links || {}) links[name] = pair[0].links[name];
        for (name in pair[1].links || {}) links[name] = pair[1].links[name];
        var r = window.policypressRedline.redline(pair[0], pair[1], links);
        result.innerHTML = r.html;
        localiseMoves(result);
        result.setAttribute("data-pp-changes", String(r.changes.length));
        result.setAttribute("data-pp-words-added", String(r.wordsAdded));
        result.setAttribute("data-pp-words-removed", String(r.wordsRemoved));
        summary.innerHTML = describe(r, a, b);
        printRunning(root, say("running", { title: data.title, old: a.id, old_effective: a.effective_label,
                                           "new": b.id, new_effective: b.effective_label }));
        status.textContent = say("computed", { n: r.changes.length, old: oldId, "new": newId });
        var tools = document.querySelector("[data-pp-tools]");
        if (tools && tools.ppReset) tools.ppReset();
      }).catch(function (e) { if (ticket === current) status.textContent = say("failed", { reason: e.message }); });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var oldId = form.elements.old.value, newId = form.elements["new"].value;
      if (window.history && window.history.replaceState) window.history.replaceState(null, "", "#" + oldId + ".." + newId);
      run(oldId, newId);
    });
    function fromAddress() {
      var pair = decodeURIComponent(window.location.hash.replace("#", "")).split("..");
      if (pair.length === 2 && byId[pair[0]] && byId[pair[1]]) {
        form.elements.old.value = pair[0];
        form.elements["new"].value = pair[1];
        run(pair[0], pair[1]);
      }
    }
    compareFromAddress = fromAddress;
    fromAddress();
  }
  var compareFromAddress = null;  // the compare page being shown follows edits of its #old..new address

  /* Everything that depends on the page: run on every page load, and on every page Material's instant
     navigation swaps in without a load (its document$ observable). */
  /* Material's "Skip to content" link jumps to the first heading, past policypress's notice at the top
     of the page (which says which version this is): it lands on the notice instead. */
  function skipLink() {
    var skip = document.querySelector(".md-skip"), start = document.querySelector("[data-pp-start]");
    if (skip && start) skip.setAttribute("href", "#" + start.id);
  }

  function page() {
    var day = today();
    loadWords();
    skipLink();
    redlineTools();
    notices(day);
    superseded(day);
    picker();
    comparePage();
  }

  function dismiss(event) {
    var button = event.target.closest ? event.target.closest("[data-pp-dismiss]") : null;
    if (!button) return;
    remember(button.getAttribute("data-pp-dismiss"));
    notices(today());
    // keep keyboard users where they were: the next notice's button, else the page's content
    var next = document.querySelector("[data-pp-banner] [data-pp-notice]:not([hidden]) [data-pp-dismiss]");
    var target = next || document.querySelector("main, .md-content, [role=main]");
    if (target) {
      if (!next) target.setAttribute("tabindex", "-1");
      target.focus();
    }
  }

  function init() {
    document.addEventListener("click", dismiss);  // delegated, attached once: survives page swaps
    document.addEventListener("keydown", keys);
    window.addEventListener("hashchange", function () {
      if (compareFromAddress && document.querySelector("[data-pp-compare]")) compareFromAddress();
    });
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(page);
    else page();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
