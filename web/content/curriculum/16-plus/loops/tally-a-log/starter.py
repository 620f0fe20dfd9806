count = int(input())
errors = 0
warnings = 0
for _ in range(count):
    line = input()
    # Decide which counter, if any, this line adds to.
print(f"Errors: {errors}")
print(f"Warnings: {warnings}")
print(f"Lines: {count}")
