"""What every stored record carries: what sync needs to merge without trusting clocks."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from mentor_tui.models.types import UTCDateTime


def new_id() -> str:
    return str(uuid.uuid4())


def stamped(moment: datetime | None) -> datetime:
    """A record's created_at or updated_at as read back. NOT NULL in the database: None
    only on an object never flushed, before the hook in models/db.py stamps it."""
    if moment is None:
        raise ValueError("the record has not been written yet, so it has no stamps")
    return moment


class Record(SQLModel):
    """A UUID, created/updated stamps in UTC, a revision counter, a soft-delete flag and
    where the record came from.

    The stamps and the revision are set in one place, a before_flush hook in
    models/db.py, from the store's clock: services never set them by hand.
    """

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=False)
    revision: int = Field(default=0, nullable=False)
    deleted: bool = Field(default=False, nullable=False, index=True)
    # "" for records written on this machine; otherwise the id of the pair member whose
    # published folder it came from (sync). Such records are shown read-only.
    origin: str = Field(default="", nullable=False)
