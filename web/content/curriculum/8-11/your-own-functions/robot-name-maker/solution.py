def robot_name(name, number):
    return f"{name.upper()}-{number}"


print(robot_name("pip", 12))
