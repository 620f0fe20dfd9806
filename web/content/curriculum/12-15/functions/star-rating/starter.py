def stars(seconds, target=60):
    # Return 3, 2 or 1 depending on the time.
    return 1


print(stars(70))
print(stars(70, 90))
