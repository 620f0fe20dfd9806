function healthBar(health) {
  const full = health / 10;
  return "#".repeat(full) + "-".repeat(10 - full);
}

console.log(healthBar(30));
