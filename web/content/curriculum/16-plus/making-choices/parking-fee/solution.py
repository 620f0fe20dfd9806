minutes = int(input())
if minutes <= 30:
    print("Fee: free")
elif minutes <= 120:
    print("Fee: 2.50")
elif minutes <= 240:
    print("Fee: 6.00")
else:
    print("Fee: 15.00")
