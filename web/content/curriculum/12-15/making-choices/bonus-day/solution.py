year = int(input())
if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
    print(f"{year}: bonus day on 29 February!")
else:
    print(f"{year}: no bonus day this year.")
