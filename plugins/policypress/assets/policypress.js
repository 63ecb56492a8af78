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
    var data = JSON.parse(document.getElementById("pp-in-force-data").textContent);
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

  /* Everything that depends on the page: run on every page load, and on every page Material's instant
     navigation swaps in without a load (its document$ observable). */
  function page() {
    var day = today();
    redlineTools();
    notices(day);
    superseded(day);
    picker();
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
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(page);
    else page();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
