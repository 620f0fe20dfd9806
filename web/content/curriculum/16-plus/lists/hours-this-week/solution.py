hours = []
for part in input().split():
    hours.append(int(part))
total = sum(hours)
print(f"Days: {len(hours)}")
print(f"Total: {total}")
print(f"Average: {total / len(hours):.1f}")
print(f"Longest: {max(hours)}")
