/* On a clinic device (the page then carries data-idle-seconds): after the idle limit
   without input the page wipes itself, as the server does on the next request. A minute
   before, it asks "Are you still there?". While the person is busy on the page (typing,
   scrolling) it tells the server now and then, so the server's limit does not wipe someone
   who is still working. At home the page has no limit, and only the first part runs. */
(function () {
  /* A page with answers is never shown again from the back/forward cache: it is asked
     for afresh, so the server decides whether its answers still exist. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { window.location.reload(); }
  });
  var body = document.body;
  var limit = Number(body.dataset.idleSeconds) * 1000;
  var banner = document.getElementById("idle-warning");
  if (!limit || !banner) { return; }
  var warnBefore = Math.min(60000, limit / 2);
  var tellEvery = Math.min(30000, limit / 4);
  var countdown = document.getElementById("idle-countdown");
  var wipeForm = document.getElementById("idle-wipe-form");
  var token = wipeForm.querySelector("[name=csrfmiddlewaretoken]").value;
  var lastInput = Date.now();
  var lastTold = Date.now();
  var wiping = false;

  function tellServer() {
    lastTold = Date.now();
    fetch(body.dataset.stayUrl, {method: "POST", headers: {"X-CSRFToken": token}, credentials: "same-origin"})
      .then(function (response) {
        if (response.status === 410) { window.location.replace(body.dataset.clearedUrl); }
      });
  }

  function active(event) {
    if (event && banner.contains(event.target)) { return; }  // the banner's own buttons decide
    lastInput = Date.now();
    banner.hidden = true;
    body.classList.remove("idle-warning-shown");
    if (lastInput - lastTold > tellEvery) { tellServer(); }
  }

  ["pointerdown", "keydown", "input", "scroll", "touchstart"].forEach(function (name) {
    window.addEventListener(name, active, {passive: true, capture: true});
  });
  document.getElementById("idle-stay").addEventListener("click", function () {
    active(null);
    tellServer();
  });
  setInterval(function () {
    var left = limit - (Date.now() - lastInput);
    if (left <= 0 && !wiping) {
      wiping = true;
      /* Pages that keep unsaved typing in the tab (visit.js) forget it too. */
      window.dispatchEvent(new Event("immunoguide-wipe"));
      wipeForm.submit();
    } else if (left <= warnBefore && banner.hidden) {
      /* The words come from the page, in its language: "{n} second(s)". */
      var seconds = Math.ceil(left / 1000);
      var words = seconds === 1 ? banner.dataset.countdownOne : banner.dataset.countdownOther;
      countdown.textContent = (words || "{n} seconds").replace("{n}", seconds);
      banner.hidden = false;
      /* Room below the page, so the bar covers nothing the person cannot scroll to. */
      body.style.setProperty("--idle-warning-height", banner.offsetHeight + 16 + "px");
      body.classList.add("idle-warning-shown");
      document.getElementById("idle-stay").focus({preventScroll: true});
    }
  }, 1000);
}());
