age = int(input())
day = input().strip().lower()
if age < 12:
    print("Ticket: 6.00")
elif age >= 65 or day == "tuesday":
    print("Ticket: 8.00")
else:
    print("Ticket: 12.00")
