first = input()
last = input()
print(first, last)
