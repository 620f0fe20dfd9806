# How many slices? Every pizza has 8.
pizzas = input()
print("Slices:", pizzas)
