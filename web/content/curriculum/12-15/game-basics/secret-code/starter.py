word = input()
print("Code:", word)
print("Length:", 0)
