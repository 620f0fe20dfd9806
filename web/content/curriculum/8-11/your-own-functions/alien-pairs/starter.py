def can_pair_up(aliens):
    # Can every alien find a partner? Return True or False.
    return False


print(can_pair_up(10))
