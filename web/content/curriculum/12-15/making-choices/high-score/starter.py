best = int(input())
score = int(input())
# Only print this when the score beats the best one.
print("New high score!")
