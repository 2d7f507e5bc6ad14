"""Column types. Datetimes are stored as ISO-8601 UTC text so SQLite keeps the offset.

SQLite has no datetime type: SQLAlchemy's DateTime(timezone=True) silently drops the
offset there. We write fixed-width UTC text ("2026-11-22T15:13:50.000000Z"), which also
sorts correctly as text, and read it back as an aware UTC datetime.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.types import String, TypeDecorator

from mentor_tui.models.utc import from_utc_text, to_utc_text


class UTCDateTime(TypeDecorator[datetime]):
    impl = String(27)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> str | None:
        return None if value is None else to_utc_text(value)

    def process_result_value(self, value: str | None, dialect: object) -> datetime | None:
        return None if value is None else from_utc_text(value)
