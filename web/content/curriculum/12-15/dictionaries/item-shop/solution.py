PRICES = {"sword": 50, "shield": 35, "potion": 8, "arrow": 2, "map": 15, "torch": 4}

items = input().split()
total = 0
for item in items:
    if item in PRICES:
        total += PRICES[item]
    else:
        print(f"No such item: {item}")
print(f"Total: {total} coins")
