parts = input().split()
print(f"Days: {len(parts)}")
