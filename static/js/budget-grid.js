// The budget grid: amounts grouped in thousands as they are typed ("1 388 300"), and the
// totals under the grid (income, the subtotals of activities and administration, operating
// costs, result) kept up to date for every column.
// The server reads the grouped amounts as they are; without JavaScript the grid still works.
const NBSP = "\u00a0";

function parseAmount(text) {
  const plain = text.replace(/\s/g, "").replace("\u2212", "-").replace(",", ".");
  const value = Number.parseFloat(plain);
  return Number.isNaN(value) ? 0 : value;
}

function grouped(text) {
  const match = text.replace(/\s/g, "").match(/^([-\u2212]?)(\d*)(,\d*)?$/);
  if (!match) return text; // not an amount yet: leave it to the server's message
  const [, sign, digits, decimals = ""] = match;
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP) + decimals;
}

function formatted(value) {
  return grouped(String(Math.round(value)));
}

document.querySelectorAll("form[data-budget-grid]").forEach((form) => {
  const sectionOfKind = JSON.parse(document.getElementById("section-of-kind").textContent);

  function sectionOf(input) {
    const row = input.closest("tr");
    if (row.dataset.section) return row.dataset.section;
    const kind = row.querySelector("select[name$='_kind']");
    return kind ? sectionOfKind[kind.value] : undefined;
  }

  function columnOf(input) {
    return input.name.split("_").pop();
  }

  function updateTotals() {
    const sums = {};
    form.querySelectorAll("input.amount").forEach((input) => {
      const section = sectionOf(input);
      if (!section) return;
      const key = `${section}:${columnOf(input)}`;
      sums[key] = (sums[key] || 0) + parseAmount(input.value);
    });
    form.querySelectorAll("[data-total]").forEach((cell) => {
      const sum = (section) => sums[`${section}:${cell.dataset.column}`] || 0;
      const costs = sum("activities") + sum("administration");
      const total = {
        income: sum("income"),
        activities: sum("activities"),
        administration: sum("administration"),
        costs,
        result: sum("income") - costs - sum("financial"),
      }[cell.dataset.total];
      cell.textContent = formatted(total);
    });
  }

  form.querySelectorAll("input.amount").forEach((input) => {
    input.value = grouped(input.value);
    input.addEventListener("input", () => {
      // Keep the caret after the same number of digits once the groups move.
      const before = input.value.slice(0, input.selectionStart).replace(/\s/g, "").length;
      input.value = grouped(input.value);
      let caret = 0;
      for (let seen = 0; caret < input.value.length && seen < before; caret++) {
        if (!/\s/.test(input.value[caret])) seen++;
      }
      input.setSelectionRange(caret, caret);
      updateTotals();
    });
  });
  form.querySelectorAll("select[name$='_kind']").forEach((select) => select.addEventListener("change", updateTotals));
  updateTotals();
});
