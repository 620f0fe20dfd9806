players = input().split()
red = players[::2]
blue = players[1::2]
print("Red: " + ", ".join(red))
print("Blue: " + ", ".join(blue))
