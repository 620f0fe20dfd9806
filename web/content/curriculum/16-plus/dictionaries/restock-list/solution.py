def items_to_reorder(stock, sales, minimum):
    """Return the products whose stock after sales is below minimum, sorted."""
    reorder = []
    for product, count in stock.items():
        if count - sales.get(product, 0) < minimum:
            reorder.append(product)
    return sorted(reorder)


print(items_to_reorder({"mug": 10, "cap": 3}, {"mug": 8}, 4))
