/* Listen: the browser's own speech reads aloud what a page marks with data-listen. Nothing
   leaves the browser: only its local voices are used, and where it has no speech at all
   (or no JavaScript) no Listen button is added. The words "Listen" and "Stop" come
   translated from the script tag's data attributes (questionnaire/_listen_script.html).
   Where the button goes: after the label a marked text sits in (a label cannot hold a
   button; its row becomes a flex row), else after the marked part's first heading, else
   after the marked part. The button's name is "Listen: " and the data-listen value, the
   heading, or the text. */
(function () {
  if (!("speechSynthesis" in window) || !window.speechSynthesis) { return; }
  var speech = window.speechSynthesis;
  var words = document.currentScript.dataset;
  var pageLanguage = document.documentElement.lang || "en";
  var current = null;
  /* A loudspeaker, and a square while speaking: on a phone the question's row shows the icon alone. */
  var icon = '<svg class="listen-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">' +
    '<g class="listen-icon-speak"><path d="M3 9h4l5-4v14l-5-4H3z"/><path d="M15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11" ' +
    'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></g>' +
    '<rect class="listen-icon-stop" x="6" y="6" width="12" height="12" rx="1"/></svg>';

  function languageOf(part) {
    var marked = part.closest("[lang]");
    return ((marked && marked.lang) || pageLanguage).toLowerCase();
  }

  /* What is on screen of the part (innerText skips what is hidden or folded away), less its button,
     each line a sentence of its own so that a heading or a list's items are read with a pause. */
  function textOf(part, button) {
    var text = part.contains(button) ? Array.prototype.map.call(part.childNodes, function (node) {
      if (node === button) { return ""; }
      return node.nodeType === 1 ? node.innerText + "\n" : node.textContent;
    }).join("") : part.innerText;
    return text.split("\n").map(function (line) { return line.replace(/\s+/g, " ").trim(); })
      .filter(Boolean).map(function (line) { return /[.?!:;,]$/.test(line) ? line : line + "."; }).join(" ");
  }

  /* A voice on this device for the language: a voice of a speech service would send the text away. */
  function localVoice(language) {
    var voices = speech.getVoices();
    var base = language.split("-")[0];
    for (var n = 0; n < voices.length; n += 1) {
      if (voices[n].localService && voices[n].lang.toLowerCase().split(/[-_]/)[0] === base) { return voices[n]; }
    }
    return null;
  }

  /* The word is shown (not on a phone's question row) and, in one piece with what it reads, is the button's name. */
  function show(button, speaking) {
    var word = speaking ? words.stopWord : words.listenWord;
    button.querySelector(".listen-word").textContent = word;
    button.querySelector(".listen-said").textContent = word;
    button.classList.toggle("listen-speaking", speaking);
  }

  function stop() {
    if (!current) { return; }
    show(current.button, false);
    current = null;
    speech.cancel();
  }

  function start(part, button) {
    var language = languageOf(part);
    var utterance = new SpeechSynthesisUtterance(textOf(part, button));
    utterance.lang = language;
    utterance.voice = localVoice(language);
    var ended = function () {
      if (current && current.utterance === utterance) { show(button, false); current = null; }
    };
    utterance.addEventListener("end", ended);
    utterance.addEventListener("error", ended);
    current = {button: button, utterance: utterance};
    show(button, true);
    speech.speak(utterance);
  }

  function addButton(part) {
    var label = part.closest("label");
    var heading = label ? null : part.querySelector("h2, h3, h4");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "listen no-print";
    button.innerHTML = icon;
    var word = document.createElement("span");
    word.className = "listen-word";
    word.setAttribute("aria-hidden", "true");
    var name = document.createElement("span");
    name.className = "visually-hidden";
    var said = document.createElement("span");
    said.className = "listen-said";
    var what = document.createElement("span");
    what.textContent = part.dataset.listen || (heading || part).innerText.trim();
    if (languageOf(part) !== pageLanguage.toLowerCase()) { what.lang = languageOf(part); }
    name.append(said, ": ", what);
    button.append(word, name);
    show(button, false);
    if (label) {
      label.parentNode.classList.add("listen-row");
      label.after(button);
    } else {
      (heading || part).after(button);
    }
    button.addEventListener("click", function () {
      var mine = current && current.button === button;
      stop();
      if (!mine) { start(part, button); }
    });
    return {part: part, button: button};
  }

  var buttons = Array.prototype.map.call(document.querySelectorAll("[data-listen]"), addButton);

  /* Once the browser lists its voices: no button for a language it can only speak through a service. */
  function hideWithoutLocalVoice() {
    if (!speech.getVoices().length) { return; }
    buttons.forEach(function (made) { made.button.hidden = !localVoice(languageOf(made.part)); });
  }
  hideWithoutLocalVoice();
  speech.addEventListener("voiceschanged", hideWithoutLocalVoice);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { stop(); }
  });
  window.addEventListener("pagehide", stop);
})();
