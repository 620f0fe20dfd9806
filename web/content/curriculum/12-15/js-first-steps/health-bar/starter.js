function healthBar(health) {
  // Only the full part so far, and always three of them.
  return "#".repeat(3);
}

console.log(healthBar(30));
