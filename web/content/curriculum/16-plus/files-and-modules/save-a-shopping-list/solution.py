def save_list(path, items):
    """Write the non-empty items to path, one per line, and return how many were written."""
    count = 0
    with open(path, "w") as f:
        for item in items:
            item = item.strip()
            if item:
                f.write(item + "\n")
                count += 1
    return count


print(save_list("list.txt", ["eggs", " flour "]))
with open("list.txt") as f:
    print(f.read())
