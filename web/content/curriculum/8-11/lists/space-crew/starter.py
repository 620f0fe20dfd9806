crew = input().split()
# Welcome each astronaut in the crew list.
print("Crew size:", 0)
