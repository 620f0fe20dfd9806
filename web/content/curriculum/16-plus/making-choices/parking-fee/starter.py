minutes = int(input())
if minutes <= 30:
    print("Fee: free")
else:
    print("Fee: 15.00")
