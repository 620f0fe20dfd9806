votes = {}
song = input()
while song != "end":
    # Count this vote.
    song = input()
for song in votes:
    print(f"{song}: {votes[song]}")
