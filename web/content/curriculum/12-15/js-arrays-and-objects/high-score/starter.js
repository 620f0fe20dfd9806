function highScore(scores) {
  let best = 0;
  for (const score of scores) {
    // This keeps the last score, not the biggest.
    best = score;
  }
  return best;
}

console.log(highScore([40, 95, 12]));
