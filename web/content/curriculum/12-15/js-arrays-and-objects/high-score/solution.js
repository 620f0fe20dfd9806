function highScore(scores) {
  let best = 0;
  for (const score of scores) {
    if (score > best) {
      best = score;
    }
  }
  return best;
}

console.log(highScore([40, 95, 12]));
