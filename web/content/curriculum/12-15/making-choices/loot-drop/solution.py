roll = int(input())
if roll == 100:
    print("Loot: Legendary")
elif roll >= 86:
    print("Loot: Epic")
elif roll >= 61:
    print("Loot: Rare")
else:
    print("Loot: Common")
