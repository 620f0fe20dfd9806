password = input()
if password.lower() == "banana":
    print("The door slides open. Welcome aboard!")
else:
    print("Wrong password. The door stays shut.")
