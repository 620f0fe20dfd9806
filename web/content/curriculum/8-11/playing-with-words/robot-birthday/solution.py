name = input()
age = int(input())
print(f"Happy birthday, {name}! You are {age} today.")
print(f"Next year you will be {age + 1}.")
