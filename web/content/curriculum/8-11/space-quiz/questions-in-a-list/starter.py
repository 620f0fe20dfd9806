# Step 3: the questions live in lists. One loop asks them all.
questions = [
    "Which planet is called the Red Planet?",
    "What is 7 + 5?",
    "Which planet has the biggest rings?",
    "How many legs does a spider have?",
]
answers = ["Mars", "12", "Saturn", "8"]
score = 0

# This only asks the first question. Make a loop that asks every one.
print(questions[0])
answer = input()
if answer.strip().lower() == answers[0].lower():
    print("Correct!")
    score = score + 1
else:
    print("Oops! The answer is " + answers[0] + ".")

print(f"You scored {score} out of {len(questions)}!")
