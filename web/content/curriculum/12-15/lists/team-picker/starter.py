players = input().split()
# Hand the players out to the two teams in turn.
print("Red:", players)
print("Blue:", players)
