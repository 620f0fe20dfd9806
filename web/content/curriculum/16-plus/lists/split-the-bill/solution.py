bill = int(input())
names = [name.strip() for name in input().split(",")]
base, left = divmod(bill, len(names))
for i, name in enumerate(names):
    share = base + 1 if i < left else base
    print(f"{name}: {share // 100}.{share % 100:02d}")
