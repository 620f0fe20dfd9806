def can_pair_up(aliens):
    if aliens % 2 == 0:
        return True
    else:
        return False


print(can_pair_up(10))
