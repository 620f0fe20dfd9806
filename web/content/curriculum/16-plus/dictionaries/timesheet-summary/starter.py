def hours_by_person(entries):
    """Return {name: {project: total hours}} for timesheet lines name,project,hours."""
    people = {}
    for entry in entries:
        name, project, hours = entry.split(",")
        # Add the hours to this person's total for this project.
    return people


print(hours_by_person(["Rin,app,2", "Rin, app, 5"]))
