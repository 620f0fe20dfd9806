def format_cents(cents):
    """Return cents as money text, such as 1,234.56 or -0.05."""
    return str(cents)


print(format_cents(123456))
print(format_cents(-2599))
