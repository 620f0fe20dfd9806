# A name tag for the pet show!
name = input()
animal = input()
print("Name: " + name)
# Add the other two lines of the tag.
