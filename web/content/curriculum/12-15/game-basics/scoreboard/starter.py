name = input()
score = int(input())
# Something is missing: these print the words name and score, not their values.
print("Player: {name}")
print("Score: {score}")
