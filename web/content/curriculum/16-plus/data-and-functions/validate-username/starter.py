def is_valid_username(name):
    # Rule 1: 3 to 16 characters long
    if len(name) < 3 or len(name) > 16:
        return False
    # Rule 2: only a-z, 0-9 and _
    # Rule 3: starts with a letter
    return True


print(is_valid_username("ada_1815"))
