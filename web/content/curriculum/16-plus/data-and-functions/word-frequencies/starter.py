PUNCTUATION = ".,;:!?\"'()"


def top_words(text, n):
    """Return the n most common words in text as (word, count) tuples."""
    return []


print(top_words("It was the best of times, it was the worst of times.", 3))
