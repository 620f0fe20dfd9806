home = input()
home_goals = int(input())
away = input()
away_goals = int(input())
score = f"{home_goals}-{away_goals}"
if home_goals > away_goals:
    print(f"Winner: {home} ({score})")
elif away_goals > home_goals:
    print(f"Winner: {away} ({score})")
else:
    print(f"Draw ({score}): penalties!")
