secret = int(input())
guess = int(input())
tries = 1
while guess != secret:
    if guess < secret:
        print("Too low!")
    else:
        print("Too high!")
    guess = int(input())
    tries += 1
print(f"Correct! Tries: {tries}")
