kind = input()
pets = int(input())
count = 0
for i in range(pets):
    pet = input()
    if pet == kind:
        count = count + 1
print(kind, "count:", count)
