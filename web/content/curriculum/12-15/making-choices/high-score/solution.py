best = int(input())
score = int(input())
if score > best:
    print("New high score!")
    print(f"You beat it by {score - best}.")
else:
    print(f"High score to beat: {best}")
