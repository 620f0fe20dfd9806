import csv


def to_cents(amount):
    """Return whole cents for an amount text such as 12.50, 3.5 or 40."""
    units, _, decimals = amount.strip().partition(".")
    return int(units) * 100 + int(decimals.ljust(2, "0"))


def write_text(path, text):
    """Write text to the file at path and return path. The tests make their sample exports with it."""
    with open(path, "w") as f:
        f.write(text)
    return path


def load_expenses(path):
    """Return a list of (date, category, cents) tuples read from the CSV file at path."""
    expenses = []
    with open(path, newline="") as f:
        pass  # read the rows with the csv module and collect the expenses
    return expenses


export = 'date,category,amount,note\n2026-03-02,Food,12.50,"lunch, with Sam"\n2026-03-03,travel,2.8,\n'
print(load_expenses(write_text("march.csv", export)))
