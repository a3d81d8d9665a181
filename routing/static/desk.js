// Front desk: the suggestions follow the question as it is typed. The page works without this file.
(function () {
  "use strict";
  var form = document.getElementById("desk-form");
  if (!form || !window.fetch || !window.FormData) return;
  var region = document.getElementById("suggestions");
  var status = document.getElementById("suggest-status");
  var stopped = document.getElementById("suggest-stopped");
  var cut = document.getElementById("question-cut");
  var url = form.getAttribute("data-suggest-url");
  var max = parseInt(form.getAttribute("data-question-max"), 10) || 4000;
  var timer = null;
  var latest = 0;
  var loading = false;
  var asked = null; // what the suggestions on the page answer: the same reading is not asked again
  var quiet = { client_contact: true, consent: true };
  var typing = false; // the latest change was a key in a field, not a field left or a box ticked

  // the live suggestions say when they stop (an expired page, a lost connection); the button still works
  function stop() {
    stopped.textContent = form.getAttribute("data-stopped");
    stopped.hidden = false;
  }

  // busy from the moment new suggestions are due until the latest answer is in (a click then hits what stays)
  function settle(mine) {
    if (mine === latest && !timer && !loading) region.removeAttribute("aria-busy");
  }

  // what the desk gave (question, place, age, language), as one string; the ticked needs are
  // part of the suggestions' own reading and count only when the desk changes one
  var unasked = { needs: true, needs_read: true, csrf_token: true };
  function given(body) {
    var parts = [];
    body.forEach(function (value, name) { if (!quiet[name] && !unasked[name]) parts.push(name + "=" + value); });
    return parts.join("&");
  }

  function refresh(then) {
    timer = null;
    var question = form.elements.question.value.trim();
    if (question.length < 3) return settle(latest);
    var body = new FormData(form);
    body.delete("target");
    body.delete("client_contact"); // only what the engine needs leaves the page
    // leaving the question for the button fires "change": the same suggestions are not swapped in
    // under the pointer, where the click would be lost
    var key = given(body);
    if (key === asked && !then) return settle(latest);
    asked = key;
    var mine = ++latest;
    loading = true;
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
        stopped.hidden = true;
        if (box) {
          var again = region.querySelector('input[name="needs"][value="' + box + '"]');
          if (again) again.focus();
        }
        var invalid = region.querySelector("[data-invalid]");
        // "Find services" on a field in error: the page is sent, and comes back with the field marked and focused
        if (invalid && then) { HTMLFormElement.prototype.submit.call(form); return; }
        var said = region.querySelector("[data-status]");
        // a place or age half typed is not read out as an error at each key; it is once the field is left
        if (said && !(invalid && typing)) status.textContent = said.textContent.trim();
        if (then) then();
      })
      .catch(function () {
        if (mine !== latest) return;
        asked = null; // asked again at the next change
        stop();
      })
      .then(function () {
        if (mine === latest) loading = false;
        settle(mine);
      });
  }

  function soon(delay) {
    window.clearTimeout(timer);
    region.setAttribute("aria-busy", "true");
    timer = window.setTimeout(refresh, delay);
  }

  // a referral keeps 4,000 characters: a longer paste is cut here, and the page says so
  function keepWithinMax() {
    var question = form.elements.question;
    if (question.value.length <= max) return;
    question.value = question.value.slice(0, max);
    cut.textContent = form.getAttribute("data-cut");
    cut.hidden = false;
  }

  form.addEventListener("input", function (event) {
    if (event.target.name === "question") keepWithinMax();
    typing = true;
    if (!quiet[event.target.name]) soon(event.target.name === "question" ? 450 : 250);
  });
  form.addEventListener("change", function (event) {
    typing = false;
    var shown = region.querySelector("[data-invalid]");
    if (shown && !loading) status.textContent = shown.textContent.trim(); // the field in error was left: said now
    if (event.target.name === "needs") asked = null; // a need ticked or unticked: always re-ranked
    if (!quiet[event.target.name]) soon(50);
  });
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    // "Find services": the suggestions come here without reloading, and into view (on a phone they are below)
    if (button && button.id === "find" && stopped.hidden && form.elements.question.value.trim().length >= 3) {
      event.preventDefault();
      window.clearTimeout(timer);
      refresh(function () {
        region.scrollIntoView({ block: "start" });
        var title = document.getElementById("suggestions-title");
        if (title) { title.setAttribute("tabindex", "-1"); title.focus({ preventScroll: true }); }
      });
      return;
    }
    // one click, one referral: a second click while the first is on its way does nothing
    if (!button || button.name !== "target") return;
    if (form.getAttribute("data-sending")) { event.preventDefault(); return; }
    form.setAttribute("data-sending", "1");
    window.setTimeout(function () {
      form.querySelectorAll("button[name=target]").forEach(function (b) { b.disabled = true; });
    }, 0);
  });
})();
