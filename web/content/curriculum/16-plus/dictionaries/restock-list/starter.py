def items_to_reorder(stock, sales, minimum):
    """Return the products whose stock after sales is below minimum, sorted."""
    reorder = []
    for product in stock:
        # Take today's sales into account too.
        if stock[product] < minimum:
            reorder.append(product)
    return reorder


print(items_to_reorder({"mug": 10, "cap": 3}, {"mug": 8}, 4))
