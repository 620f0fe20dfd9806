function topWords(text, n) {
  const counts = {};
  for (const word of text.toLowerCase().match(/[a-z']+/g) ?? []) {
    counts[word] = (counts[word] ?? 0) + 1;
  }
  const pairs = Object.entries(counts);
  pairs.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return pairs.slice(0, n);
}

console.log(topWords("It was the best of times, it was the worst of times.", 3));
