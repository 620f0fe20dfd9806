total = int(input())
minutes = total / 60
print(f"Time: {minutes}")
