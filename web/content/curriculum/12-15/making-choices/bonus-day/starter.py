year = int(input())
# This only knows the first part of the rule. Add the twists!
if year % 4 == 0:
    print(f"{year}: bonus day on 29 February!")
else:
    print(f"{year}: no bonus day this year.")
