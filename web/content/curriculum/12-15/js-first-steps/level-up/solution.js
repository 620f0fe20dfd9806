function levelFor(xp) {
  return Math.floor(xp / 100) + 1;
}

console.log(levelFor(250));
