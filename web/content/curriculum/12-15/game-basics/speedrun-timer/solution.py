total = int(input())
minutes = total // 60
seconds = total % 60
print(f"Time: {minutes}:{seconds:02d}")
