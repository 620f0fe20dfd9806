votes = {}
song = input()
while song != "end":
    votes[song] = votes.get(song, 0) + 1
    song = input()
winner = ""
for song in votes:
    print(f"{song}: {votes[song]}")
    if winner == "" or votes[song] > votes[winner]:
        winner = song
print(f"Winner: {winner}")
