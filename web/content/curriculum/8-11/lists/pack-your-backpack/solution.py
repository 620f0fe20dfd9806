backpack = []
item = input()
while item != "done":
    backpack.append(item)
    item = input()
print("In the backpack:", len(backpack))
for thing in backpack:
    print("- " + thing)
