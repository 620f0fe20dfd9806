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


print(describe("cell"))
