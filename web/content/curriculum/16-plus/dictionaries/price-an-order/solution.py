MENU = {
    "espresso": 240,
    "flat white": 320,
    "tea": 200,
    "muffin": 325,
    "toastie": 550,
}


def price_order(items):
    """Return the total price in cents of the items that are on the menu."""
    total = 0
    for item in items:
        name = item.strip().lower()
        if name in MENU:
            total += MENU[name]
    return total


print(price_order(["Tea", "muffin"]))
