function initials(fullName) {
  // Only the very first letter so far.
  return fullName[0] + ".";
}

console.log(initials("grace brewster hopper"));
