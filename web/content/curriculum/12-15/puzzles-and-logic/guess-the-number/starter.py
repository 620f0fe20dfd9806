secret = int(input())
guess = int(input())
# This only checks the first guess. Keep going until the player gets it!
if guess < secret:
    print("Too low!")
elif guess > secret:
    print("Too high!")
else:
    print("Correct! Tries: 1")
