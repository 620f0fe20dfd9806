password = input()
if password == "banana":
    print("The door slides open. Welcome aboard!")
# What should happen when the password is wrong?
