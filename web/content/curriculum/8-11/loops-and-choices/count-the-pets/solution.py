def count_pets(pets, kind):
    count = 0
    for pet in pets:
        if pet == kind:
            count = count + 1
    return count


print(count_pets(["cat", "dog", "cat"], "cat"))
