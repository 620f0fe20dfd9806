price_cents = int(input())
quantity = int(input())
total = price_cents * quantity
print("Total:", total / 100)
