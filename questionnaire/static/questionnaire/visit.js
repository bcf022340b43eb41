/* The visit page works without a network once it is open. What is typed is kept in this tab
   (sessionStorage) until the server has it, and Save goes over fetch: where there is no
   network the page says so, keeps everything and saves once the browser is back online.
   Nothing goes anywhere but this site. Without JavaScript the form is sent as usual.
   Also the visit summary's Print button. */
(function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  var form = document.querySelector("[data-visit-form]");
  if (!form) { return; }
  var STORE = "immunoguide-visit-draft";
  var key = form.dataset.draftKey;
  var status = document.querySelector("[data-visit-status]");
  var waiting = null;

  function fields() { return form.querySelectorAll("textarea, input[type=checkbox]"); }
  function read() {
    try { return JSON.parse(sessionStorage.getItem(STORE)); } catch (error) { return null; }
  }
  function forget() {
    try { sessionStorage.removeItem(STORE); } catch (error) { /* storage turned off: nothing kept */ }
  }
  function keep() {
    var values = {};
    fields().forEach(function (field) {
      if (field.type === "checkbox") { values[field.name + ":" + field.value] = field.checked; }
      else { values[field.name] = field.value; }
    });
    try { sessionStorage.setItem(STORE, JSON.stringify({key: key, values: values})); } catch (error) { /* kept on the page */ }
  }
  function restore(values) {
    fields().forEach(function (field) {
      var name = field.type === "checkbox" ? field.name + ":" + field.value : field.name;
      if (!(name in values)) { return; }
      if (field.type === "checkbox") { field.checked = values[name]; } else { field.value = values[name]; }
    });
  }
  function show(which) {
    status.querySelector("[data-offline]").hidden = which !== "offline";
    status.querySelector("[data-failed]").hidden = which !== "failed";
    status.hidden = !which;
  }

  /* Notes typed for someone else (before a wipe: another session, another key) are dropped unseen. */
  var stored = read();
  if (stored && stored.key === key) { restore(stored.values || {}); } else if (stored) { forget(); }

  form.addEventListener("input", keep);
  form.addEventListener("change", keep);
  window.addEventListener("immunoguide-wipe", forget);

  function sendPlainly(submitter) {
    /* The server answered with the form and its errors: let the browser show that page. */
    if (submitter && submitter.name) {
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = submitter.name;
      hidden.value = submitter.value;
      form.appendChild(hidden);
    }
    form.submit();
  }

  function send(submitter) {
    keep();
    var data = new FormData(form);
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    fetch(form.action, {method: "POST", body: data, credentials: "same-origin"})
      .then(function (response) {
        waiting = null;
        if (!response.redirected) { sendPlainly(submitter); return; }
        var url = new URL(response.url);
        /* Sent to the start page: the list had gone (wiped or too old), so the notes are not saved. */
        if (url.pathname !== new URL(form.dataset.startUrl, window.location.href).pathname) { forget(); }
        window.location.replace(url.href + (url.search.indexOf("saved=1") !== -1 ? "#visit-saved" : ""));
      })
      .catch(function () {
        waiting = submitter || {};
        show(navigator.onLine ? "failed" : "offline");
        status.focus();
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send(event.submitter);
  });
  window.addEventListener("offline", function () { if (waiting) { show("offline"); } });
  window.addEventListener("online", function () {
    if (waiting) { send(waiting.name ? waiting : null); }
  });
}());
