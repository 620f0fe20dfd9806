count = int(input())
errors = 0
warnings = 0
for _ in range(count):
    line = input()
    if line.startswith("ERROR"):
        errors += 1
    elif line.startswith("WARN"):
        warnings += 1
print(f"Errors: {errors}")
print(f"Warnings: {warnings}")
print(f"Lines: {count}")
