first = input().strip().title()
last = input().strip().title()
print(f"{last}, {first}")
