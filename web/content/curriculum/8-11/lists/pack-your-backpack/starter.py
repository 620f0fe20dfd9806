backpack = []
item = input()
# Keep packing until the item is "done".
print("In the backpack:", len(backpack))
