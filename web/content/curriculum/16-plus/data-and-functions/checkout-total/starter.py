def checkout_total(prices):
    """Return the basket total in cents, with 10% off orders of 100.00 or more."""
    total = 0
    # Add up the prices, then apply the discount.
    return total


print(checkout_total([3000, 8000]))
