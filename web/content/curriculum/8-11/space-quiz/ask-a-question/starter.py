# Step 1 of your space quiz: one question.
print("Which planet is called the Red Planet?")
answer = input()
if answer == "Mars":
    print("Correct!")
# What if the answer is wrong? And what about "mars" or " Mars "?
