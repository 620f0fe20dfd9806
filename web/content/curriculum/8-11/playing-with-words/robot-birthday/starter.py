name = input()
age = int(input())
print(f"Happy birthday, {name}!")
# Finish the card: say the age, then next year's age.
