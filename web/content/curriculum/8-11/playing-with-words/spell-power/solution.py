spell = input()
print("Power:", len(spell) * 10)
