start = int(input())
# Count down from start to 1 here, then shout GO!
print(start)
