ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def shift_letter(letter, shift):
    # Find the letter's position, move it along, and wrap round after z.
    return letter


def encode(message, shift):
    # Use shift_letter on every letter of the message.
    return message


print(encode("run!", 1))
