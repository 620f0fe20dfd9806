function levelFor(xp) {
  // Not quite: this gives a fraction, and a new player would be level 0.
  return xp / 100;
}

console.log(levelFor(250));
