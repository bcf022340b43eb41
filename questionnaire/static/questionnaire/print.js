/* Print saves the list first (a plain form submit, so it works without JavaScript too);
   the page it comes back to opens the browser's Print dialog where JavaScript runs. */
if (document.querySelector("[data-autoprint]")) {
  window.addEventListener("load", function () { window.print(); });
}
document.querySelectorAll("[data-copy]").forEach(function (button) {
  var field = document.getElementById(button.getAttribute("data-copy"));
  button.hidden = false;
  button.addEventListener("click", function () {
    field.select();
    navigator.clipboard.writeText(field.value).then(function () {
      button.textContent = button.getAttribute("data-copied") || "Link copied";
    });
  });
});
/* Choosing a paper size prints on it at once, before the list is saved. */
var paperSheet = document.getElementById("paper-stylesheet");
document.querySelectorAll("[data-paper]").forEach(function (radio) {
  radio.addEventListener("change", function () {
    paperSheet.href = radio.value === "letter" ? paperSheet.dataset.letter : paperSheet.dataset.a4;
  });
});
/* The browser's own Print (its menu, Ctrl+P) prints the page as it stands: own questions typed
   and not yet saved join the printed list for the printing, and leave it after. */
var ownField = document.getElementById("id_own");
var ownGroup = document.querySelector(".own-questions");
if (ownField && ownGroup) {
  var printedOwn = [];
  var wasHidden = ownGroup.hidden;
  window.addEventListener("beforeprint", function () {
    var saved = Array.prototype.map.call(ownGroup.querySelectorAll(".own-text"), function (text) {
      return text.textContent.trim();
    });
    ownField.value.split("\n").map(function (line) { return line.trim(); }).filter(function (line, index, lines) {
      return line && saved.indexOf(line) === -1 && lines.indexOf(line) === index;
    }).slice(0, 10).forEach(function (line) {
      var item = document.createElement("li");
      var text = document.createElement("span");
      var space = document.createElement("div");
      item.className = "question question-own";
      text.className = "own-text";
      text.dir = "auto";
      text.textContent = line;
      space.className = "answer-space print-only";
      item.appendChild(text);
      item.appendChild(space);
      ownGroup.querySelector("ul").appendChild(item);
      printedOwn.push(item);
    });
    wasHidden = ownGroup.hidden;
    if (printedOwn.length) { ownGroup.hidden = false; }
  });
  window.addEventListener("afterprint", function () {
    printedOwn.forEach(function (item) { item.remove(); });
    printedOwn = [];
    ownGroup.hidden = wasHidden;
  });
}
/* The wallet card's Print button (wallet_card.html): shown only where JavaScript can print. */
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
