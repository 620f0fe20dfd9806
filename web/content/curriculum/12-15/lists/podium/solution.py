times = []
for piece in input().split():
    times.append(int(piece))
podium = sorted(times)[:3]
print(f"1st: {podium[0]}s")
print(f"2nd: {podium[1]}s")
print(f"3rd: {podium[2]}s")
