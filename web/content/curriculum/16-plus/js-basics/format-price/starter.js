function formatPrice(cents) {
  // Dollars, but not always two decimals.
  return "$" + cents / 100;
}

console.log(formatPrice(1999));
