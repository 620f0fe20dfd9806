function topWords(text, n) {
  const counts = {};
  for (const word of text.split(" ")) {
    counts[word] = (counts[word] ?? 0) + 1;
  }
  // Not sorted, not cut to n, and case and punctuation still count.
  return Object.entries(counts);
}

console.log(topWords("It was the best of times, it was the worst of times.", 3));
