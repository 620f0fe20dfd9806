# Robo says hello!
# Change the last line so Robo greets the name typed in the Input box.
name = input()
print("Hello!")
