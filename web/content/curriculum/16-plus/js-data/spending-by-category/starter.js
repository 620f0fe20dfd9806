function totalsByCategory(expenses) {
  return expenses.reduce((totals, expense) => {
    // Overwrites instead of adding up.
    totals[expense.category] = expense.cents;
    return totals;
  }, {});
}

console.log(
  totalsByCategory([
    { category: "food", cents: 1250 },
    { category: "food", cents: 300 },
  ]),
);
