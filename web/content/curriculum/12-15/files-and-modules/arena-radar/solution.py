import math

me = input().split()
enemy = input().split()
across = int(enemy[0]) - int(me[0])
up = int(enemy[1]) - int(me[1])
distance = math.sqrt(across**2 + up**2)
print(f"Distance: {distance:.1f}")
if distance <= 10:
    print("In range!")
else:
    print(f"Out of range! Steps needed: {math.ceil(distance - 10)}")
