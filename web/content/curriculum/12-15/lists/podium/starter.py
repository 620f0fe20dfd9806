times = []
for piece in input().split():
    times.append(int(piece))
# Sort the times before you pick the podium!
print(f"1st: {times[0]}s")
print(f"2nd: {times[1]}s")
print(f"3rd: {times[2]}s")
