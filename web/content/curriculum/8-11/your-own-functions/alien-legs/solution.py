def legs(aliens):
    return aliens * 3


print(legs(2))
