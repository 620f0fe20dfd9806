def is_mirror(word):
    word = word.lower()
    return word == word[::-1]


print(is_mirror("refer"))
