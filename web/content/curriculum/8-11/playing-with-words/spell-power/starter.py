# Every character in the spell is worth 10 power points.
spell = input()
print("Power:", spell)
