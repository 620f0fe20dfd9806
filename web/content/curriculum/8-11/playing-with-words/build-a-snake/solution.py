length = int(input())
print("~" * length + ":>")
