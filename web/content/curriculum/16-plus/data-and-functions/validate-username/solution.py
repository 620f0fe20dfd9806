import string

ALLOWED = set(string.ascii_lowercase + string.digits + "_")


def is_valid_username(name):
    if len(name) < 3 or len(name) > 16:
        return False
    for ch in name:
        if ch not in ALLOWED:
            return False
    return name[0] in string.ascii_lowercase


print(is_valid_username("ada_1815"))
