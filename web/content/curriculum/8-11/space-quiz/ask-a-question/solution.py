print("Which planet is called the Red Planet?")
answer = input()
if answer.strip().lower() == "mars":
    print("Correct!")
else:
    print("Oops! The answer is Mars.")
