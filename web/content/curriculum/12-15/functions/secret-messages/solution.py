ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def shift_letter(letter, shift):
    position = (ALPHABET.index(letter) + shift) % 26
    return ALPHABET[position]


def encode(message, shift):
    result = ""
    for character in message:
        if character in ALPHABET:
            result += shift_letter(character, shift)
        else:
            result += character
    return result


print(encode("run!", 1))
