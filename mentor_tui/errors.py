"""Errors a user can act on. Their message is one readable line, shown as is."""


class MentorError(Exception):
    """A problem with the user's input or data, explained in one line."""


class NotFound(MentorError):
    """A record the user named does not exist."""


class InvalidInput(MentorError):
    """Input that cannot be accepted (bad date, unknown time zone, empty title...)."""
