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
