names = input().split(",")
print(f"Guests: {len(names)}")
for name in names:
    print(name)
