def is_mirror(word):
    # Does the word read the same backwards?
    return False


print(is_mirror("refer"))
