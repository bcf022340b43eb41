/* The Print button is only shown where JavaScript runs; everyone can print from the browser menu. */
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
document.querySelectorAll("[data-copy]").forEach(function (button) {
  var field = document.getElementById(button.getAttribute("data-copy"));
  button.hidden = false;
  button.addEventListener("click", function () {
    field.select();
    navigator.clipboard.writeText(field.value).then(function () {
      button.textContent = "Link copied";
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
