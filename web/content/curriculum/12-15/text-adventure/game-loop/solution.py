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


def describe(room):
    exits = ", ".join(ROOMS[room]["exits"])
    return f"You are in {ROOMS[room]['text']}. Exits: {exits}"


def move(room, direction):
    exits = ROOMS[room]["exits"]
    if direction in exits:
        return exits[direction]
    return room


room = "cell"
print(describe(room))
while True:
    command = input()
    if command == "quit":
        print("Bye!")
        break
    if command.startswith("go "):
        new_room = move(room, command[3:])
        if new_room == room:
            print("You can't go that way.")
        else:
            room = new_room
            print(describe(room))
    elif command == "look":
        print(describe(room))
    else:
        print("I don't understand that.")
