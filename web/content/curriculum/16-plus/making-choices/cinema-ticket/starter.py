age = int(input())
day = input()
if age < 12:
    print("Ticket: 6.00")
else:
    print("Ticket: 12.00")
