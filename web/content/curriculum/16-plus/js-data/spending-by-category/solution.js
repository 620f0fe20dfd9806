function totalsByCategory(expenses) {
  return expenses.reduce((totals, expense) => {
    totals[expense.category] = (totals[expense.category] ?? 0) + expense.cents;
    return totals;
  }, {});
}

console.log(
  totalsByCategory([
    { category: "food", cents: 1250 },
    { category: "food", cents: 300 },
  ]),
);
