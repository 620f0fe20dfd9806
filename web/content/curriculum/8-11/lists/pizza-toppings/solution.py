toppings = input().split()
wanted = input()
if wanted in toppings:
    print("Yes! This pizza has " + wanted + ".")
else:
    print("Sorry, no " + wanted + " on this pizza.")
