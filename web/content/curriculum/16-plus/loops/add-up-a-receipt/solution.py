count = 0
total = 0
line = input()
while line != "done":
    count += 1
    total += int(line)
    line = input()
print(f"Items: {count}")
print(f"Total: {total // 100}.{total % 100:02d}")
