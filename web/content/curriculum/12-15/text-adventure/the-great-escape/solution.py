ROOMS = {
    "cell": {"text": "a damp cell with a squeaky door", "exits": {"north": "hall"}},
    "hall": {
        "text": "a long hall lit by flickering torches",
        "exits": {"south": "cell", "east": "armoury", "west": "kitchen", "north": "gate"},
    },
    "armoury": {"text": "an armoury full of rusty swords", "exits": {"west": "hall"}},
    "kitchen": {"text": "a kitchen that smells of burnt toast", "exits": {"east": "hall"}},
    "gate": {"text": "the castle gate, wide open to the night", "exits": {"south": "hall"}},
}
ITEMS = {"armoury": "shield", "kitchen": "key"}


def describe(room):
    exits = ", ".join(ROOMS[room]["exits"])
    return f"You are in {ROOMS[room]['text']}. Exits: {exits}"


def move(room, direction):
    exits = ROOMS[room]["exits"]
    if direction in exits:
        return exits[direction]
    return room


def show(room):
    print(describe(room))
    if room in ITEMS:
        print(f"You see a {ITEMS[room]} here.")


room = "cell"
inventory = []
moves = 0
show(room)
while True:
    command = input()
    if command == "quit":
        print("Bye!")
        break
    if command.startswith("go "):
        new_room = move(room, command[3:])
        if new_room == room:
            print("You can't go that way.")
        elif new_room == "gate" and "key" not in inventory:
            print("The gate is locked. You need a key.")
        else:
            room = new_room
            moves += 1
            if room == "gate":
                print(f"You unlock the gate and escape in {moves} moves!")
                break
            show(room)
    elif command == "look":
        show(room)
    elif command == "take":
        if room in ITEMS:
            item = ITEMS.pop(room)
            inventory.append(item)
            print(f"You take the {item}.")
        else:
            print("There is nothing here to take.")
    elif command == "inventory":
        if inventory:
            print("You carry: " + ", ".join(inventory))
        else:
            print("You carry nothing.")
    else:
        print("I don't understand that.")
