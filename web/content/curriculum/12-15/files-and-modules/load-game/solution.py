def save_game(filename, name, level, coins):
    with open(filename, "w") as file:
        file.write(f"name={name}\n")
        file.write(f"level={level}\n")
        file.write(f"coins={coins}\n")


def load_game(filename):
    save = {}
    with open(filename) as file:
        for line in file:
            key, value = line.strip().split("=")
            if key == "name":
                save[key] = value
            else:
                save[key] = int(value)
    return save


save_game("slot1.txt", "Rex", 4, 250)
print(load_game("slot1.txt"))
