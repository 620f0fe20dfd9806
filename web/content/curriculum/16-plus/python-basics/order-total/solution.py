price_cents = int(input())
quantity = int(input())
total = price_cents * quantity
print(f"Total: {total // 100}.{total % 100:02d}")
