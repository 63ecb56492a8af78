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
        result.textContent = "No version of this policy was in force on " + day + ".";
        return;
      }
      result.textContent = "Version " + v.id + " was in force on " + day + ".";
      if (navigate) window.location.href = v.url;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (input.value) go(input.value, true);  // the picker's own URL stays as it is: Back returns here
    });
    var hash = window.location.hash.replace("#", "");
    if (/^\d{4}-\d{2}-\d{2}$/.test(hash)) { input.value = hash; go(hash, true); }
  }

  /* Redline pages: next/previous change (buttons and the n/p keys), a counter, the side-by-side view,
     and switches for formatting and punctuation-only changes. */
  function redlineTools() {
    var redline = document.querySelector(".pp-redline");
    var tools = document.querySelector("[data-pp-tools]");
    navigate = null;
    if (!redline || !tools) return;
    tools.hidden = false;
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
      if (!list.length) { counter.textContent = "No changes to show"; return; }
      index = Math.max(0, Math.min(list.length - 1, index + step));
      var target = list[index];
      target.setAttribute("tabindex", "-1");
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
      counter.textContent = "Change " + (index + 1) + " of " + list.length;
    }
    tools.querySelector("[data-pp-next]").addEventListener("click", function () { go(1); });
    tools.querySelector("[data-pp-prev]").addEventListener("click", function () { go(-1); });
    navigate = go;
    counter.textContent = changes().length + " changes";
    var toggles = tools.querySelectorAll("[data-pp-toggle]");
    for (var t = 0; t < toggles.length; t++) {
      toggles[t].addEventListener("change", function (event) {
        redline.classList.toggle(event.target.getAttribute("data-pp-toggle"), event.target.checked);
        if (sideBySide) sideBySide.classList.toggle(event.target.getAttribute("data-pp-toggle"), event.target.checked);
        index = -1;
        counter.textContent = changes().length + " changes";
      });
    }
    var view = tools.querySelector("[data-pp-view]");
    tools.ppReset = function () {  // the compare page calls this after it writes a new redline
      index = -1;
      if (sideBySide) { sideBySide.parentNode.removeChild(sideBySide); sideBySide = null; }
      redline.hidden = false;
      view.setAttribute("aria-pressed", "false");
      view.textContent = "Side by side";
      counter.textContent = changes().length + " changes";
    };
    view.addEventListener("click", function () {
      var on = view.getAttribute("aria-pressed") !== "true";
      view.setAttribute("aria-pressed", on ? "true" : "false");
      view.textContent = on ? "Inline view" : "Side by side";
      if (on && !sideBySide) sideBySide = buildSideBySide(redline);
      redline.hidden = on;
      sideBySide.hidden = !on;
      index = -1;
      counter.textContent = changes().length + " changes";
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
    grid.setAttribute("aria-label", "Old and new text side by side");
    var head = document.createElement("div");
    head.className = "pp-sbs-row pp-sbs-head";
    head.setAttribute("role", "row");
    ["Before", "After"].forEach(function (label) {
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

  /* The compare page: consecutive versions show their published redline; any other pair is compared
     here, block by block and word by word, from the blocks.json each archived version publishes. */
  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function normal(text) { return text.replace(/\s+/g, " ").trim(); }
  function bag(text) {
    var counts = {}, words = text.toLowerCase().match(/[^\s\W]+/g) || [];
    for (var i = 0; i < words.length; i++) counts[words[i]] = (counts[words[i]] || 0) + 1;
    return { counts: counts, total: words.length };
  }
  function similarity(x, y) {
    var a = bag(x), b = bag(y), common = 0;
    for (var word in a.counts) if (b.counts[word]) common += Math.min(a.counts[word], b.counts[word]);
    return a.total + b.total ? (2 * common) / (a.total + b.total) : 1;
  }

  function inBrowserRedline(oldBlocks, newBlocks) {
    var number = 0, out = [];
    function mark(tag, text, first) {
      var id = first ? ' id="pp-change-' + number + '"' : "";
      return "<" + tag + id + ' data-pp-change="' + number + '">' + escapeHtml(text) + "</" + tag + ">";
    }
    function words(oldText, newText) {
      var parts = window.Diff.diffWordsWithSpace(oldText, newText), html = "", open = false;
      for (var i = 0; i < parts.length; i++) {
        var part = parts[i];
        if (!part.added && !part.removed) { html += escapeHtml(part.value); open = false; continue; }
        var first = !open;
        if (!open) { number += 1; open = true; }
        html += mark(part.added ? "ins" : "del", part.value, first);
      }
      return html;
    }
    function whole(block, tag, cls) {
      number += 1;
      out.push({ tag: block[0], cls: cls, html: mark(tag, block[2], true) });
    }
    var dels = [], inss = [];
    function flush() {
      // as the build's engine does: one block replaced in place pairs more readily than blocks in a run
      var threshold = dels.length === 1 && inss.length === 1 ? 0.25 : 0.5;
      for (var i = 0; i < Math.max(dels.length, inss.length); i++) {
        var d = dels[i], n = inss[i];
        if (d && n && d[0] === n[0] && similarity(d[2], n[2]) >= threshold) {
          out.push({ tag: n[0], html: words(d[2], n[2]) });
        } else {
          if (d) whole(d, "del", "pp-deleted");
          if (n) whole(n, "ins", "pp-inserted");
        }
      }
      dels = []; inss = [];
    }
    var key = function (block) { return block[0] + "\u0001" + normal(block[2]); };
    var parts = window.Diff.diffArrays(oldBlocks.map(key), newBlocks.map(key));
    var ia = 0, ib = 0;
    for (var p = 0; p < parts.length; p++) {
      var part = parts[p], count = part.count || part.value.length;
      if (part.added) { inss = inss.concat(newBlocks.slice(ib, ib + count)); ib += count; }
      else if (part.removed) { dels = dels.concat(oldBlocks.slice(ia, ia + count)); ia += count; }
      else {
        flush();
        for (var k = 0; k < count; k++) {
          var block = newBlocks[ib + k];
          out.push({ tag: block[0], html: block[1], id: block[3] });
        }
        ia += count; ib += count;
      }
    }
    flush();
    var html = "", inList = false;
    for (var o = 0; o < out.length; o++) {
      var item = out[o], tag = /^h[1-6]$/.test(item.tag) ? item.tag : (item.tag === "li" ? "li" : "p");
      if (tag === "li" && !inList) { html += "<ul>"; inList = true; }
      if (tag !== "li" && inList) { html += "</ul>"; inList = false; }
      var attrs = (item.cls ? ' class="' + item.cls + '"' : "") + (item.id ? ' id="' + escapeHtml(item.id) + '"' : "");
      html += "<" + tag + attrs + ">" + item.html + "</" + tag + ">";
    }
    if (inList) html += "</ul>";
    return { html: html, changes: number };
  }

  function comparePage() {
    var root = document.querySelector("[data-pp-compare]");
    compareFromAddress = null;
    if (!root) return;
    var data = JSON.parse(document.getElementById("pp-compare-data").getAttribute("data-pp-json"));
    var form = root.querySelector("[data-pp-compare-form]");
    var status = root.querySelector("[data-pp-compare-status]");
    var result = root.querySelector("[data-pp-compare-result]");
    var byId = {};
    data.versions.forEach(function (v) { byId[v.id] = v; });
    status.textContent = "";
    function fetchText(url) {
      return fetch(url).then(function (r) { if (!r.ok) throw new Error(url + ": " + r.status); return r.text(); });
    }
    function show(html, changes, note) {
      result.innerHTML = html;
      status.textContent = changes + " change" + (changes === 1 ? "" : "s") + " " + note + ".";
      var tools = document.querySelector("[data-pp-tools]");
      if (tools && tools.ppReset) tools.ppReset();
    }
    function run(oldId, newId) {
      var a = byId[oldId], b = byId[newId];
      if (!a || !b) { status.textContent = "Unknown version."; return; }
      if (oldId === newId) { status.textContent = "Pick two different versions."; result.innerHTML = ""; return; }
      status.textContent = "Comparing version " + oldId + " with version " + newId + "…";
      if (b.previous === oldId && b.redline) {
        fetchText(b.redline).then(function (page) {
          var doc = new DOMParser().parseFromString(page, "text/html");
          var redline = doc.querySelector(".pp-redline");
          show(redline ? redline.innerHTML : "", redline ? Number(redline.getAttribute("data-pp-changes")) : 0,
               "(the published redline of version " + newId + ")");
        }).catch(function (e) { status.textContent = "Could not load the redline: " + e.message; });
        return;
      }
      Promise.all([fetchText(a.blocks), fetchText(b.blocks)]).then(function (texts) {
        var computed = inBrowserRedline(JSON.parse(texts[0]), JSON.parse(texts[1]));
        show(computed.html, computed.changes, "between version " + oldId + " and version " + newId +
             " (computed in your browser)");
      }).catch(function (e) { status.textContent = "Could not compare: " + e.message; });
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
  function page() {
    var day = today();
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
