def format_cents(cents):
    """Return cents as money text, such as 1,234.56 or -0.05."""
    sign = ""
    if cents < 0:
        sign = "-"
    units, rest = divmod(abs(cents), 100)
    return f"{sign}{units:,}.{rest:02d}"


print(format_cents(123456))
print(format_cents(-2599))
