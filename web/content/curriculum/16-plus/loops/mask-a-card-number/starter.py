typed = input()
digits = typed
print("*" * 12 + digits[-4:])
