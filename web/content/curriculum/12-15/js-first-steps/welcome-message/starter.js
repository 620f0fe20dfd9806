function welcome(name) {
  // This returns the word name, not the player's name.
  return "Welcome, name!";
}

console.log(welcome("Mia"));
