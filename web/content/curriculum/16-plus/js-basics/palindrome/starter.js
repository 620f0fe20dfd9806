function isPalindrome(text) {
  // Compares the raw text, so case and spaces get in the way.
  return text === text.split("").reverse().join("");
}

console.log(isPalindrome("Never odd or even"));
