scores = []
for word in input().split():
    scores.append(int(word))
print("Best:", max(scores))
print("Total:", sum(scores))
