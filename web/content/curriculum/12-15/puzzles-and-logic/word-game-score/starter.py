word = input()
total = 0
# Go through the word letter by letter and add up the points.
print(f"Score: {total}")
