export const STARTER_PROGRAM = `# Welcome to Codeyard!
# Change anything you like, then
# press Run (or Ctrl + Enter).

name = "Codeyard"
print(f"Hello from {name}!")

# A loop repeats the indented lines.
for n in range(1, 6):
    print(n, "squared is", n * n)

print("Your turn: change a number!")
`;

export const STARTER_JAVASCRIPT = `// Welcome to Codeyard!
// Change anything you like, then
// press Run (or Ctrl + Enter).

const name = "Codeyard";
console.log(\`Hello from \${name}!\`);

// A loop repeats the lines between { and }.
for (let n = 1; n <= 5; n++) {
  console.log(n, "squared is", n * n);
}

console.log("Your turn: change a number!");
`;
