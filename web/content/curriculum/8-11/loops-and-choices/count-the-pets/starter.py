kind = input()
pets = int(input())
count = 0
for i in range(pets):
    pet = input()
    # Is this pet the kind we are counting? Then add 1 to count.
print(kind, "count:", count)
