temperature = int(input())
if temperature > 30:
    print("Too hot!")
elif temperature < 0:
    print("Too cold!")
else:
    print("Just right!")
