sweets = int(input())
friends = int(input())
print("Each friend gets:", sweets // friends)
print("Left over:", sweets % friends)
