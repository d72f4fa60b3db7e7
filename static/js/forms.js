/* Văn phòng số: form helpers, loaded on every page by templates/base.html (no inline script).
   - select[multiple] and select[data-picker]: a searchable picker (Tom Select, vendored); typing
     ignores diacritics, so "cong van" finds "Công văn".
   - input[data-workdays="<url>"]: shows the date N working days from today as N is typed.
   - data-confirm="question" on a submit button or a form: asks before submitting.
   Texts come from data-* attributes of this script's tag, translated by the template. */
(function () {
  "use strict";

  var script = document.currentScript;
  var texts = (script && script.dataset) || {};

  function enhancePickers(root) {
    if (typeof TomSelect === "undefined") {
      return;
    }
    var selects = root.querySelectorAll(
      "main select[multiple]:not(.tomselected), main select[data-picker]:not(.tomselected)"
    );
    selects.forEach(function (select) {
      var multiple = select.multiple;
      new TomSelect(select, {
        plugins: multiple ? ["remove_button"] : [],
        maxOptions: null,
        hideSelected: multiple,
        closeAfterSelect: !multiple,
        allowEmptyOption: !multiple,
        placeholder: texts.pickerPlaceholder || "",
        onItemAdd: function () {
          // Ready for the next name: the typed search goes once a unit or person is taken.
          this.setTextboxValue("");
          this.refreshOptions(false);
        },
        render: {
          no_results: function () {
            var div = document.createElement("div");
            div.className = "no-results";
            div.textContent = texts.pickerNoResults || "";
            return div;
          },
        },
      });
    });
  }

  function showWorkingDay(input) {
    var output = document.createElement("div");
    output.className = "form-text workdays-result";
    output.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", output);
    var timer = null;
    var asked = 0;

    function update() {
      var value = input.value.trim();
      var ticket = ++asked;
      if (!/^\d+$/.test(value)) {
        output.textContent = "";
        return;
      }
      var url = input.dataset.workdays + "?so=" + encodeURIComponent(value);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.json();
        })
        .then(function (data) {
          if (ticket !== asked) {
            return;
          }
          output.textContent = data.date
            ? (texts.workdaysResult || "%s").replace("%s", data.date)
            : data.error || "";
        })
        .catch(function () {
          output.textContent = "";
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 150);
    });
    update();
  }

  document.addEventListener(
    "submit",
    function (event) {
      var button = event.submitter;
      var question = (button && button.dataset.confirm) || event.target.dataset.confirm;
      if (question && !window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  function start() {
    enhancePickers(document);
    document.querySelectorAll("input[data-workdays]").forEach(showWorkingDay);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  document.addEventListener("htmx:afterSwap", function (event) {
    enhancePickers(event.target);
  });
})();
