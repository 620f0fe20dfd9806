function fizzBuzz(n) {
  const out = [];
  for (let i = 1; i <= n; i++) {
    // Every number as a string, and no words yet.
    out.push(String(i));
  }
  return out;
}

console.log(fizzBuzz(5));
