// Front desk: the suggestions follow the question as it is typed. The page works without this file.
(function () {
  "use strict";
  var form = document.getElementById("desk-form");
  if (!form || !window.fetch || !window.FormData) return;
  var region = document.getElementById("suggestions");
  var status = document.getElementById("suggest-status");
  var url = form.getAttribute("data-suggest-url");
  var timer = null;
  var latest = 0;
  var quiet = { client_contact: true, consent: true };

  function refresh() {
    var question = form.elements.question.value.trim();
    if (question.length < 3) return;
    var mine = ++latest;
    var body = new FormData(form);
    body.delete("target");
    body.delete("client_contact"); // only what the engine needs leaves the page
    region.setAttribute("aria-busy", "true");
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": form.elements.csrf_token.value },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        if (mine !== latest) return; // an older answer arriving late
        // a need ticked or unticked keeps the keyboard focus after the suggestions are swapped in
        var active = document.activeElement;
        var box = active && region.contains(active) && active.name === "needs" ? active.value : null;
        region.innerHTML = html;
        if (box) {
          var again = region.querySelector('input[name="needs"][value="' + box + '"]');
          if (again) again.focus();
        }
        var said = region.querySelector("[data-status]");
        if (said) status.textContent = said.textContent;
      })
      .catch(function () { /* the button still works: nothing to do */ })
      .then(function () { if (mine === latest) region.removeAttribute("aria-busy"); });
  }

  function soon(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, delay);
  }

  form.addEventListener("input", function (event) {
    if (!quiet[event.target.name]) soon(event.target.name === "question" ? 450 : 250);
  });
  form.addEventListener("change", function (event) {
    if (!quiet[event.target.name]) soon(50);
  });
  // one click, one referral: a second click while the first is on its way does nothing
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || button.name !== "target") return;
    if (form.getAttribute("data-sending")) { event.preventDefault(); return; }
    form.setAttribute("data-sending", "1");
    window.setTimeout(function () {
      form.querySelectorAll("button[name=target]").forEach(function (b) { b.disabled = true; });
    }, 0);
  });
})();
