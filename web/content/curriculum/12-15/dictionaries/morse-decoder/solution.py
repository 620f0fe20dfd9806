MORSE = {
    "a": ".-", "b": "-...", "c": "-.-.", "d": "-..", "e": ".", "f": "..-.", "g": "--.",
    "h": "....", "i": "..", "j": ".---", "k": "-.-", "l": ".-..", "m": "--", "n": "-.",
    "o": "---", "p": ".--.", "q": "--.-", "r": ".-.", "s": "...", "t": "-", "u": "..-",
    "v": "...-", "w": ".--", "x": "-..-", "y": "-.--", "z": "--..",
}


def decode(signal):
    letters = {}
    for letter, code in MORSE.items():
        letters[code] = letter
    words = []
    for word in signal.split(" / "):
        text = ""
        for code in word.split():
            text += letters[code]
        words.append(text)
    return " ".join(words)


print(decode("... --- ..."))
