seed = int(input())
rounds = int(input())
# Import the random module, seed it, and play the rounds.
