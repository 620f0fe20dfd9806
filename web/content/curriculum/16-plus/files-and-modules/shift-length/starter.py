from datetime import datetime, timedelta


def shift_minutes(start, end):
    """Return the length in minutes of a shift from start to end (HH:MM), across midnight if needed."""
    begin = datetime.strptime(start, "%H:%M")
    finish = datetime.strptime(end, "%H:%M")
    return finish.hour * 60 - begin.hour * 60


print(shift_minutes("09:00", "17:30"))
