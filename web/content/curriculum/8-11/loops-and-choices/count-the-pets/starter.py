def count_pets(pets, kind):
    count = 0
    # Look at each pet in the list.
    # If it is the right kind, add 1 to count.
    return count


print(count_pets(["cat", "dog", "cat"], "cat"))
