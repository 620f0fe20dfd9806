toppings = input().split()
wanted = input()
# Is the wanted topping in the list?
print("Sorry, no " + wanted + " on this pizza.")
