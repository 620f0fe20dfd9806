hours = int(input())
rate = int(input())
pay = hours * rate
print(f"Pay: {pay // 100}.{pay % 100:02d}")
