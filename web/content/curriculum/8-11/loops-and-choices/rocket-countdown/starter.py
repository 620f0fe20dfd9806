count = int(input())
# Count all the way down to 1, not just the first number!
print(count)
print("Liftoff!")
