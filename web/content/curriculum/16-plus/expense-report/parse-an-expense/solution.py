def parse_expense(line):
    """Return (date, category, cents) for a line date,category,amount."""
    date, category, amount = line.split(",")
    units, _, decimals = amount.strip().partition(".")
    cents = int(units) * 100 + int(decimals.ljust(2, "0"))
    return date.strip(), category.strip().lower(), cents


print(parse_expense("2026-04-30,Books,8.99"))
