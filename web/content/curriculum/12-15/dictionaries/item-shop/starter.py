PRICES = {"sword": 50, "shield": 35, "potion": 8, "arrow": 2, "map": 15, "torch": 4}

items = input().split()
total = 0
# Add up the prices, and warn about anything the shop doesn't sell.
print(f"Total: {total} coins")
