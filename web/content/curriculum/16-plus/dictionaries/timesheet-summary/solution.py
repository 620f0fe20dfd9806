def hours_by_person(entries):
    """Return {name: {project: total hours}} for timesheet lines name,project,hours."""
    people = {}
    for entry in entries:
        name, project, hours = entry.split(",")
        name = name.strip()
        project = project.strip()
        if name not in people:
            people[name] = {}
        projects = people[name]
        projects[project] = projects.get(project, 0) + int(hours)
    return people


print(hours_by_person(["Rin,app,2", "Rin, app, 5"]))
