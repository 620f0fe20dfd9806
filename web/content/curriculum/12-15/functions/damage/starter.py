def damage(attack, defence):
    # Work out the damage and return it.
    return 0


print(damage(9, 4))
