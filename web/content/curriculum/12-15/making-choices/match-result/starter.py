home = input()
home_goals = int(input())
away = input()
away_goals = int(input())
# Decide who won. Right now the home team always wins!
print(f"Winner: {home} ({home_goals}-{away_goals})")
