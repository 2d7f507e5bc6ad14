"""New partner rows written in one INSERT per kind (executemany) instead of one ORM object
each: building 10,000 SQLModel objects and flushing them was most of a first pull. Sync
writes with preserve_stamps, so the Store's flush hooks (stamps, the closed-pair guard)
do nothing for these rows either way; the search index follows by SQL triggers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table


def full_row(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """Every column of the table (one executemany needs the same keys in every row): the
    value given, else the column's own default, else NULL."""
    row: dict[str, Any] = {}
    for column in table.columns:
        if column.name in values:
            row[column.name] = values[column.name]
            continue
        default: Any = column.default
        if default is None:
            row[column.name] = None
        elif default.is_scalar:
            row[column.name] = default.arg
        elif default.is_callable:
            row[column.name] = default.arg(None)
        else:  # a SQL expression default: not used by our tables
            raise ValueError(f"{table.name}.{column.name} has a default bulk writes cannot copy")
    return row


class Pending:
    """Rows waiting for their kind's INSERT."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[Table, list[dict[str, Any]]]] = {}

    def add(self, table: Table, values: dict[str, Any]) -> None:
        self.rows.setdefault(table.name, (table, []))[1].append(full_row(table, values))

    def write(self, session: Any) -> None:
        for table, rows in self.rows.values():
            if rows:
                session.connection().execute(table.insert(), rows)
        self.rows.clear()
