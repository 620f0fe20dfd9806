crew = input().split()
for name in crew:
    print("Welcome aboard, " + name + "!")
print("Crew size:", len(crew))
