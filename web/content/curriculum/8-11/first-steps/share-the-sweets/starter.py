sweets = int(input())
friends = int(input())
# Share the sweets fairly!
print("Each friend gets:", sweets)
print("Left over:", 0)
