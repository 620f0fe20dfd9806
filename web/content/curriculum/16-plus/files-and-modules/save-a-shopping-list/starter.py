def save_list(path, items):
    """Write the non-empty items to path, one per line, and return how many were written."""
    count = 0
    with open(path, "w") as f:
        for item in items:
            f.write(item)
    return count


print(save_list("list.txt", ["eggs", " flour "]))
with open("list.txt") as f:
    print(f.read())
