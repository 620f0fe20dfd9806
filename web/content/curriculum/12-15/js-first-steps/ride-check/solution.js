function canRide(age, height) {
  return age >= 10 && height >= 140;
}

console.log(canRide(11, 150));
