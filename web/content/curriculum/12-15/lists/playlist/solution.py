count = int(input())
songs = []
for _ in range(count):
    songs.append(input())
print(f"Songs: {len(songs)}")
print(f"First: {songs[0]}")
print(f"Last: {songs[-1]}")
