def damage(attack, defence):
    hit = attack - defence
    if hit < 1:
        return 1
    return hit


print(damage(9, 4))
