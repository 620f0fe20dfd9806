roll = int(input())
# Pick the rarity from the table in the lesson.
if roll > 60:
    print("Loot: Rare")
else:
    print("Loot: Common")
