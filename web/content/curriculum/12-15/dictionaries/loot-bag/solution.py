def add_loot(bag, loot):
    for item in loot:
        bag[item] = bag.get(item, 0) + 1
    return bag


print(add_loot({"coin": 12, "key": 1}, ["key", "duck"]))
