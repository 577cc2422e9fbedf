// Vigil's HTML report: the filters. Plain script, no libraries, nothing fetched.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var shown = document.getElementById("shown");
  var none = document.getElementById("none-shown");

  function value(name) { return form.elements[name].value; }

  function apply() {
    var check = value("check"), pkg = value("package"), severity = value("severity");
    var words = value("text").toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    var count = 0;
    findings.forEach(function (f) {
      var search = f.getAttribute("data-search");
      var match = (check === "" || f.getAttribute("data-check") === check)
        && (pkg === "" || f.getAttribute("data-package") === pkg)
        && (severity === "" || f.getAttribute("data-severity") === severity)
        && words.every(function (w) { return search.indexOf(w) >= 0; });
      f.hidden = !match;
      if (match) count++;
    });
    // A group with nothing left to show disappears with its heading.
    document.querySelectorAll("section.check-group, section.package").forEach(function (s) {
      s.hidden = s.querySelector("article.finding:not([hidden])") === null;
    });
    shown.textContent = count === findings.length
      ? count + (count === 1 ? " finding" : " findings")
      : count + " of " + findings.length + " shown";
    none.hidden = count > 0;
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  // Filters from the address: report.html#check=vigil-race&text=served (a link to share a view).
  var hash = "";
  try { hash = decodeURIComponent(location.hash.slice(1)); } catch (e) { hash = ""; }
  if (hash.indexOf("=") > 0) {
    hash.split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      var el = form.elements[kv.slice(0, i)];
      if (el) el.value = kv.slice(i + 1);
    });
  }
  apply();
})();
