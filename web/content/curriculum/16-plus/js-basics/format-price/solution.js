function formatPrice(cents) {
  return `$${(cents / 100).toFixed(2)}`;
}

console.log(formatPrice(1999));
