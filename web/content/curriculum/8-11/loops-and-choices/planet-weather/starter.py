temperature = int(input())
if temperature > 30:
    print("Too hot!")
# What about cold planets? And planets that are just right?
