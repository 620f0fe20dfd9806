word = input()
total = 0
for letter in word.lower():
    if letter in "aeiou":
        total += 1
    elif letter in "jqxz":
        total += 8
    else:
        total += 2
print(f"Score: {total}")
