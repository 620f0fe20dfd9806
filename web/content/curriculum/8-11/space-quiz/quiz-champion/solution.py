def medal(score, total):
    if score == total:
        return "Gold medal! You are a space champion!"
    elif score * 2 >= total:
        return "Silver medal! Great flying!"
    else:
        return "Keep practising, space cadet!"


questions = [
    "Which planet is called the Red Planet?",
    "What is 7 + 5?",
    "Which planet has the biggest rings?",
    "How many legs does a spider have?",
]
answers = ["Mars", "12", "Saturn", "8"]
score = 0

for i in range(len(questions)):
    print(questions[i])
    answer = input()
    if answer.strip().lower() == answers[i].lower():
        print("Correct!")
        score = score + 1
    else:
        print("Oops! The answer is " + answers[i] + ".")

print(f"You scored {score} out of {len(questions)}!")
print(medal(score, len(questions)))
