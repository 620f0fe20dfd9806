def count_vowels(word):
    count = 0
    # Look at each letter. Is it a vowel? Then add 1 to count.
    return count


print(count_vowels("Zoom"))
