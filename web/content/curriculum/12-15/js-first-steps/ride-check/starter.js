function canRide(age, height) {
  // This only checks the age.
  return age >= 10;
}

console.log(canRide(11, 150));
