function makeCard(name, level) {
  // The health is missing.
  return { name: name, level: level };
}

console.log(makeCard("Mia", 4));
