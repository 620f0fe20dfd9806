name, age, city = (field.strip() for field in input().split(","))
print(f"Name: {name}")
print(f"City: {city}")
print(f"Age next year: {int(age) + 1}")
