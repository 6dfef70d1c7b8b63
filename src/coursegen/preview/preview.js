// coursegen preview: keeps this page up to date without reloading it. The server sends, after
// every save, the pages that changed and every problem; a changed page is fetched and its body
// swapped in place, keeping the paragraph at the top of the window where it was.
(function () {
  "use strict";
  var config = window.coursegenPreview;
  var KEPT = ["coursegen-toolbar", "coursegen-problems"];
  var ANCHORS = "header h1, main h1, main h2, main h3, main h4, main p, main li";

  function anchor() {
    var items = document.querySelectorAll(ANCHORS);
    for (var i = 0; i < items.length; i++) {
      var box = items[i].getBoundingClientRect();
      if (box.bottom > 0) return { index: i, top: box.top };
    }
    return null;
  }

  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var kept = anchor();
    var body = document.body;
    Array.prototype.slice.call(body.childNodes).forEach(function (node) {
      if (!(node.id && KEPT.indexOf(node.id) >= 0)) body.removeChild(node);
    });
    Array.prototype.slice.call(fresh.body.childNodes).forEach(function (node) {
      if (!(node.id && KEPT.indexOf(node.id) >= 0)) body.appendChild(document.adoptNode(node));
    });
    body.className = fresh.body.className;
    ["data-version", "lang", "dir"].forEach(function (name) {
      var value = fresh.documentElement.getAttribute(name);
      if (value === null) document.documentElement.removeAttribute(name);
      else document.documentElement.setAttribute(name, value);
    });
    document.title = fresh.title;
    if (kept) {
      var items = document.querySelectorAll(ANCHORS);
      var same = items[Math.min(kept.index, items.length - 1)];
      if (same) window.scrollBy(0, same.getBoundingClientRect().top - kept.top);
    }
    window.coursegenSwapped = Date.now();
  }

  function problems(list) {
    var box = document.getElementById("coursegen-problems");
    if (!box) return;
    if (!list.length) {
      box.hidden = true;
      box.textContent = "";
      return;
    }
    var ul = document.createElement("ul");
    list.forEach(function (p) {
      var li = document.createElement("li");
      li.textContent = p.where + ": " + p.severity + ": " + p.message;
      if (p.hint) {
        var hint = document.createElement("p");
        hint.className = "hint";
        hint.textContent = "hint: " + p.hint;
        li.appendChild(hint);
      }
      ul.appendChild(li);
    });
    box.textContent = "";
    box.appendChild(ul);
    box.hidden = false;
  }

  var fetching = null;
  function update() {
    if (fetching) { fetching.again = true; return; }
    fetching = { again: false };
    fetch(window.location.pathname, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html) swap(html); })
      .catch(function () {})
      .then(function () {
        var again = fetching.again;
        fetching = null;
        if (again) update();
      });
  }

  function pdf(versions) {
    var link = document.getElementById("coursegen-pdf");
    var version = versions[config.page];
    if (link && version !== undefined) link.setAttribute("data-version", String(version));
  }

  var source = new EventSource("/events?page=" + encodeURIComponent(config.page));
  source.onmessage = function (event) {
    var state = JSON.parse(event.data);
    problems(state.problems);
    pdf(state.pdfs);
    var shown = Number(document.documentElement.getAttribute("data-version"));
    if (state.changed.indexOf(config.page) >= 0 || (state.versions && state.versions[config.page] > shown)) update();
  };
})();
