"""Errors a user can act on. Their message is one readable line, shown as is."""


class MentorError(Exception):
    """A problem with the user's input or data, explained in one line."""


class NotFound(MentorError):
    """A record the user named does not exist."""


class InvalidInput(MentorError):
    """Input that cannot be accepted (bad date, unknown time zone, empty title...)."""


class StorageError(MentorError):
    """The database file could not be read or written: busy, read-only, disk full, damaged,
    not a database, from a newer release. One line, never a secret nor an SQL statement."""


class ConfigError(MentorError):
    """The config file is damaged or cannot be written."""
