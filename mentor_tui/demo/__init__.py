"""The demo: a mentorship that reads like a real one (story.py, meetings.py) and the
builder that writes it into a home (builder.py)."""
