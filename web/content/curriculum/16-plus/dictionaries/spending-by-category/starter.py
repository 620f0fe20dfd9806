def totals_by_category(expenses):
    """Return a dict mapping each category (in lower case) to its total in cents."""
    totals = {}
    for category, cents in expenses:
        totals[category] = cents
    return totals


print(totals_by_category([("bills", 4500), ("Fun", 1200)]))
