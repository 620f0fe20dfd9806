def legs(aliens):
    # Every alien has 3 legs. Work out how many legs in all.
    return 0


print(legs(2))
