function initials(fullName) {
  const words = fullName
    .trim()
    .split(/\s+/)
    .filter((word) => word !== "");
  return words.map((word) => `${word[0].toUpperCase()}.`).join("");
}

console.log(initials("grace brewster hopper"));
