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
/* The wallet card's Print button (wallet_card.html): shown only where JavaScript can print. */
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
