words = input()
print(words.upper() + "!!!")
