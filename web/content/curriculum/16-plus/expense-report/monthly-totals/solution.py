import csv


def to_cents(amount):
    """Return whole cents for an amount text such as 12.50, 3.5 or 40."""
    units, _, decimals = amount.strip().partition(".")
    return int(units) * 100 + int(decimals.ljust(2, "0"))


def load_expenses(path):
    """Return a list of (date, category, cents) tuples read from the CSV file at path."""
    expenses = []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row["amount"].strip():
                expenses.append((row["date"].strip(), row["category"].strip().lower(), to_cents(row["amount"])))
    return expenses

from datetime import datetime


def monthly_totals(expenses):
    """Return {"May 2026": {category: cents}} for a list of (date, category, cents) tuples."""
    months = {}
    for date, category, cents in expenses:
        month = datetime.strptime(date, "%Y-%m-%d").strftime("%B %Y")
        if month not in months:
            months[month] = {}
        totals = months[month]
        totals[category] = totals.get(category, 0) + cents
    return months


print(monthly_totals([("2026-05-03", "food", 700), ("2026-05-19", "food", 250)]))
