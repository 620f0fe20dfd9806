expenses = []
for part in input().split():
    expenses.append(int(part))
for cents in expenses[:3]:
    print(f"{cents // 100}.{cents % 100:02d}")
