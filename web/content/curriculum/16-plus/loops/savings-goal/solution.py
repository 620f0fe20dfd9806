balance = int(input())
deposit = int(input())
goal = int(input())
months = 0
while balance < goal:
    balance += balance // 100
    balance += deposit
    months += 1
print(f"Months: {months}")
print(f"Balance: {balance // 100}.{balance % 100:02d}")
