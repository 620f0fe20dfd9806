def stars(seconds, target=60):
    if seconds <= target:
        return 3
    elif seconds <= target * 2:
        return 2
    return 1


print(stars(70))
print(stars(70, 90))
