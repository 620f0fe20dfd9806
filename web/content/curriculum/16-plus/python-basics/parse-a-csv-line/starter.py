line = input()
parts = line.split(",")
print("Name:", parts[0])
