// The medicine step's search: shows the options whose name or brand names hold what is typed,
// and opens their folded groups. Without JavaScript the grouped list works alone.
(function () {
  "use strict";
  var box = document.querySelector("[data-medicine-search]");
  if (!box) { return; }
  var input = box.querySelector("input");
  var none = box.querySelector("[data-medicine-search-none]");
  var choices = Array.prototype.slice.call(document.querySelectorAll("#step-form .choice"));
  var folds = Array.prototype.slice.call(document.querySelectorAll("#step-form details.choice-fold"));
  var wasOpen = folds.map(function (fold) { return fold.open; });
  box.hidden = false;
  function words(choice) { return choice.textContent.toLowerCase(); }
  input.addEventListener("input", function () {
    var typed = input.value.trim().toLowerCase();
    var found = 0;
    choices.forEach(function (choice) {
      var keep = !typed || choice.querySelector("input[value='not_sure']") !== null || words(choice).indexOf(typed) !== -1;
      choice.hidden = !keep;
      if (keep && typed) { found += 1; }
    });
    folds.forEach(function (fold, index) {
      fold.open = typed ? fold.querySelector(".choice:not([hidden])") !== null : wasOpen[index];
    });
    none.hidden = !typed || found > 1;
  });
}());
