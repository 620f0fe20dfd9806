# Robo's megaphone makes everything LOUD.
words = input()
print(words + "!!!")
