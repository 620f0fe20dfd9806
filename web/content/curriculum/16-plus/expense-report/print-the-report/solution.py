import csv
import sys
from datetime import datetime


def to_cents(amount):
    """Return whole cents for an amount text such as 12.50, 3.5 or 40."""
    units, _, decimals = amount.strip().partition(".")
    return int(units) * 100 + int(decimals.ljust(2, "0"))


def read_expenses(lines):
    """Return (date, category, cents) tuples from CSV lines: an open file or sys.stdin."""
    expenses = []
    for row in csv.DictReader(lines):
        if row["amount"].strip():
            expenses.append((row["date"].strip(), row["category"].strip().lower(), to_cents(row["amount"])))
    return expenses


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


def format_cents(cents):
    """Return cents as money text, such as 1,234.56 or -0.05."""
    sign = ""
    if cents < 0:
        sign = "-"
    units, rest = divmod(abs(cents), 100)
    return f"{sign}{units:,}.{rest:02d}"


expenses = read_expenses(sys.stdin)
print(f"Expenses: {len(expenses)}")
by_category = {}
for date, category, cents in expenses:
    by_category[category] = by_category.get(category, 0) + cents
for category, cents in sorted(by_category.items(), key=lambda pair: (-pair[1], pair[0])):
    print(f"{category:<10}{format_cents(cents):>10}")
print(f"{'Total':<10}{format_cents(sum(by_category.values())):>10}")

busiest = "none"
busiest_total = 0
for month, totals in monthly_totals(expenses).items():
    month_total = sum(totals.values())
    if busiest == "none" or month_total > busiest_total:
        busiest = month
        busiest_total = month_total
print(f"Busiest month: {busiest}")
