count = int(input())
songs = []
# Read every song into the list here.
print(f"Songs: {len(songs)}")
