name = input()
print("Order for:", name)
