hours = int(input())
rate = int(input())
if hours > 40:
    normal = 40
    overtime = hours - 40
else:
    normal = hours
    overtime = 0
pay = normal * rate + overtime * rate * 3 // 2
print(f"Pay: {pay // 100}.{pay % 100:02d}")
