function countLoot(items) {
  const counts = {};
  for (const item of items) {
    // Every item is counted as 1, however many there are.
    counts[item] = 1;
  }
  return counts;
}

console.log(countLoot(["coin", "gem", "coin"]));
