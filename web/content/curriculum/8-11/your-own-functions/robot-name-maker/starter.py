def robot_name(name, number):
    # Capitals, then a dash, then the number.
    return name


print(robot_name("pip", 12))
