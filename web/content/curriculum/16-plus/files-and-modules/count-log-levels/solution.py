from collections import Counter


def write_text(path, text):
    """Write text to the file at path and return path. The tests make their sample logs with it."""
    with open(path, "w") as f:
        f.write(text)
    return path


def count_levels(path):
    """Return a dict mapping each log level in the file at path to its number of lines."""
    counts = Counter()
    with open(path) as f:
        for line in f:
            words = line.split()
            if words:
                counts[words[0]] += 1
    return dict(counts)


print(count_levels(write_text("demo.log", "INFO up\nERROR disk\nINFO down\n")))
