bill = int(input())
names = input().split(",")
share = bill // len(names)
for name in names:
    print(f"{name.strip()}: {share // 100}.{share % 100:02d}")
