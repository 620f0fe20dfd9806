game = input()
stars = "*" * 20
print(stars)
print("Welcome to " + game + "!")
print(stars)
print("Press START to play")
