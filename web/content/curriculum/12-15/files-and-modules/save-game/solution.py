def save_game(filename, name, level, coins):
    with open(filename, "w") as file:
        file.write(f"name={name}\n")
        file.write(f"level={level}\n")
        file.write(f"coins={coins}\n")


save_game("slot1.txt", "Rex", 4, 250)
