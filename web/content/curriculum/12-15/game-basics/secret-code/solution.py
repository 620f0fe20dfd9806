word = input()
print("Code:", word[::-1].upper())
print("Length:", len(word))
