pieces = input().split()
scores = []
for piece in pieces:
    scores.append(int(piece))
print(f"Best: {max(scores)}")
print(f"Worst: {min(scores)}")
print(f"Total: {sum(scores)}")
