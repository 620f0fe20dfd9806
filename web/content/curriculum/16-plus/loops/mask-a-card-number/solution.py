typed = input()
digits = ""
for ch in typed:
    if ch in "0123456789":
        digits += ch
if len(digits) == 16:
    print("*" * 12 + digits[-4:])
else:
    print("Invalid card number")
