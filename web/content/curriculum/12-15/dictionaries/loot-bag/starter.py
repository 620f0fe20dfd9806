def add_loot(bag, loot):
    # Put every item from the loot into the bag.
    return bag


print(add_loot({"coin": 12, "key": 1}, ["key", "duck"]))
