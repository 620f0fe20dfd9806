pizzas = int(input())
print("Slices:", pizzas * 8)
