"""How instants are written as text in the database: fixed-width ISO-8601 UTC.

Standard library only, so the CLI's quick paths (models/journal_sql.py) and the
SQLAlchemy column type (models/types.py) share one definition.
"""

from __future__ import annotations

from datetime import UTC, datetime

UTC_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

# The schema version this release writes (migrations.LATEST_VERSION; a test keeps them
# equal). Quick paths that skip SQLAlchemy use a database only at exactly this version.
SCHEMA_VERSION = 10


def to_utc_text(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError(f"naive datetime {value!r}: store only timezone-aware times")
    return value.astimezone(UTC).strftime(UTC_FORMAT)


def from_utc_text(text: str) -> datetime:
    # fromisoformat is ~10x faster than strptime, and every read of a time column pays it.
    value = datetime.fromisoformat(text)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
