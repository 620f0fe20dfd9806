def checkout_total(prices):
    """Return the basket total in cents, with 10% off orders of 100.00 or more."""
    subtotal = 0
    for price in prices:
        subtotal += price
    if subtotal >= 10000:
        return subtotal - subtotal // 10
    return subtotal


print(checkout_total([3000, 8000]))
