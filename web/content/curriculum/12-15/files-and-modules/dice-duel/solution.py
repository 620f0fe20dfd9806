import random

seed = int(input())
rounds = int(input())
random.seed(seed)
player_wins = 0
computer_wins = 0
for number in range(1, rounds + 1):
    player = random.randint(1, 6)
    computer = random.randint(1, 6)
    print(f"Round {number}: {player} vs {computer}")
    if player > computer:
        player_wins += 1
    elif computer > player:
        computer_wins += 1
if player_wins > computer_wins:
    print("You win the duel!")
elif computer_wins > player_wins:
    print("The computer wins the duel!")
else:
    print("It's a draw!")
