function countLoot(items) {
  const counts = {};
  for (const item of items) {
    counts[item] = (counts[item] || 0) + 1;
  }
  return counts;
}

console.log(countLoot(["coin", "gem", "coin"]));
