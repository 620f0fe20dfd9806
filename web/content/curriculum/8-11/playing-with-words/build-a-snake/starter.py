# Build a snake: a body of ~ signs, then the head :>
length = int(input())
print("~" + ":>")
