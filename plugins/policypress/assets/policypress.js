/* policypress: change notices that switch on their dates in the reader's browser, dismissal kept in
   the reader's own browser (localStorage, never sent anywhere), and the "in force on" date picker.
   Without JavaScript the pages show the state of the day they were built, and nothing is dismissible. */
(function () {
  "use strict";
  var STORE = "policypress.dismissed";

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
      if (input.value) {
        if (window.history && window.history.replaceState) window.history.replaceState(null, "", "#" + input.value);
        go(input.value, true);
      }
    });
    var hash = window.location.hash.replace("#", "");
    if (/^\d{4}-\d{2}-\d{2}$/.test(hash)) { input.value = hash; go(hash, true); }
  }

  function init() {
    var day = today();
    notices(day);
    superseded(day);
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-pp-dismiss]") : null;
      if (!button) return;
      remember(button.getAttribute("data-pp-dismiss"));
      notices(today());
    });
    picker();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
