function welcome(name) {
  return `Welcome, ${name}!`;
}

console.log(welcome("Mia"));
