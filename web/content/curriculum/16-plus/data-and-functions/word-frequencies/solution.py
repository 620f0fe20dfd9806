PUNCTUATION = ".,;:!?\"'()"


def top_words(text, n):
    """Return the n most common words in text as (word, count) tuples."""
    counts = {}
    for raw in text.split():
        word = raw.lower().strip(PUNCTUATION)
        if word:
            counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return ranked[:n]


print(top_words("It was the best of times, it was the worst of times.", 3))
