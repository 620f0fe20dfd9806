def save_game(filename, name, level, coins):
    with open(filename, "w") as file:
        file.write(f"name={name}\n")
        # Write the level and the coins too, one per line.


save_game("slot1.txt", "Rex", 4, 250)
