from datetime import datetime, timedelta


def shift_minutes(start, end):
    """Return the length in minutes of a shift from start to end (HH:MM), across midnight if needed."""
    begin = datetime.strptime(start, "%H:%M")
    finish = datetime.strptime(end, "%H:%M")
    if finish <= begin:
        finish += timedelta(days=1)
    return int((finish - begin).total_seconds() // 60)


print(shift_minutes("09:00", "17:30"))
