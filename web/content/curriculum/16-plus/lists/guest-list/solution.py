guests = []
seen = []
for raw in input().split(","):
    name = raw.strip()
    if name and name.lower() not in seen:
        guests.append(name)
        seen.append(name.lower())
print(f"Guests: {len(guests)}")
for number, name in enumerate(guests, start=1):
    print(f"{number}. {name}")
