score = 0

print("Which planet is called the Red Planet?")
answer = input()
if answer.strip().lower() == "mars":
    print("Correct!")
    score = score + 1
else:
    print("Oops! The answer is Mars.")

print("What is 7 + 5?")
answer = input()
if answer.strip() == "12":
    print("Correct!")
    score = score + 1
else:
    print("Oops! The answer is 12.")

print("Which planet has the biggest rings?")
answer = input()
if answer.strip().lower() == "saturn":
    print("Correct!")
    score = score + 1
else:
    print("Oops! The answer is Saturn.")

print(f"You scored {score} out of 3!")
