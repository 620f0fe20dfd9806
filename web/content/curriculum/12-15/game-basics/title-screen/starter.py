# Read the game's name, then print the title screen with it.
game = input()
print("Welcome to my game")
