function makeCard(name, level) {
  return { name, level, health: level * 10 };
}

console.log(makeCard("Mia", 4));
