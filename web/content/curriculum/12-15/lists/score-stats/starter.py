pieces = input().split()
# Make a list of numbers from the pieces, then work out the stats.
print(f"Best: {max(pieces)}")
