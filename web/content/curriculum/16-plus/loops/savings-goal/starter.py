balance = int(input())
deposit = int(input())
goal = int(input())
months = 0
# Add a month at a time until the goal is reached.
print(f"Months: {months}")
print(f"Balance: {balance // 100}.{balance % 100:02d}")
