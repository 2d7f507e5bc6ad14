"""`mentor export --format json` and `mentor import`: everything, in a versioned JSON format.

The format is documented in docs/export-format.md. In short:
    {"format": "mentor-tui-export", "version": 1,
     "tables": {"person": [{column: value, ...}, ...], "pair": [...], ...}}
Every table, every column, every row (soft-deleted ones too), rows sorted by id; instants
as the UTC text the database stores, dates as ISO dates. There is no export timestamp, so
unchanged data exports byte-identical.

Import merges by id: a new id is added, a known id is updated only when the file's
revision is higher, anything else is left alone, so importing the same file twice adds
nothing. The whole file is checked first (every value, every reference); then it is
written BATCH_SIZE rows per write transaction, parents before children, so that the open
app can write between two batches of a long import.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.exc import IntegrityError

from mentor_tui.errors import InvalidInput
from mentor_tui.models.columns import as_stored, json_reader
from mentor_tui.models.db import Store
from mentor_tui.models.record import Record
from mentor_tui.models.tables import ALL_TABLES, Person
from mentor_tui.services.bounds import check_row

FORMAT_NAME = "mentor-tui-export"
FORMAT_VERSION = 1

# Rows per write transaction (and per IN (...) list, well under SQLite's variable limit).
BATCH_SIZE = 500

# Stamps a row may lack (a hand-written file): they default to the moment of import.
_STAMPS = ("created_at", "updated_at")


def _table(model: type[Record]) -> Table:
    return model.__table__  # type: ignore[attr-defined]


def export_data(store: Store) -> dict[str, Any]:
    """Every row of every table, as plain JSON values, in a stable order."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with store.read() as session:
        for model in ALL_TABLES:
            table = _table(model)
            query = select(*map(as_stored, table.columns)).order_by(table.c.id)
            tables[table.name] = [dict(row) for row in session.execute(query).mappings()]
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "tables": tables}


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_older: int = 0  # the home holds a newer revision
    not_me: list[str] = field(default_factory=list)  # people the file called "me"

    def __str__(self) -> str:
        text = f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        if self.skipped_older:
            text += f", {self.skipped_older} kept (this home's copy is newer)"
        if self.not_me:
            names = ", ".join(map(_plain, self.not_me))
            text += f"; {names} imported as a partner, not as you (this home has a profile)"
        return text


def _short(value: Any) -> str:
    """A value from the file, safe and short enough for a one-line message."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _plain(text: str) -> str:
    """Text from the file for a message: control characters escaped, cut at 40."""
    return repr(text if len(text) <= 40 else text[:37] + "...")[1:-1]


_REQUIRED = object()


class _Converter:
    """Turns one table's JSON rows into column values, or says in one line what is wrong."""

    def __init__(self, model: type[Record], now: datetime) -> None:
        self.table = _table(model)
        # (name, parser, what it should be, may be null, default when missing)
        self.columns: list[tuple[str, Any, str, bool, Any]] = []
        for column in self.table.columns:
            if column.name in _STAMPS:
                default: Any = now
            elif column.name == "revision":
                default = 1
            else:
                info = model.model_fields[column.name]
                default = (
                    _REQUIRED if info.is_required() else info.get_default(call_default_factory=True)
                )
            nullable = bool(column.nullable) and column.name not in _STAMPS
            self.columns.append((column.name, *json_reader(column), nullable, default))

    def row(self, number: int, raw: Any) -> tuple[dict[str, Any], set[str]]:
        """(all column values, with defaults for missing ones; the columns the file gave)."""
        name = self.table.name
        if not isinstance(raw, dict):
            raise InvalidInput(f"row {number} of table {name} is not an object")
        row_id = raw.get("id")
        if not isinstance(row_id, str) or not row_id.strip():
            raise InvalidInput(f"row {number} of table {name} has no id")
        shown = _plain(row_id)
        values: dict[str, Any] = {}
        given: set[str] = set()
        for column, parse, expected, nullable, default in self.columns:
            if column not in raw:
                if default is _REQUIRED:
                    raise InvalidInput(f"{name} {shown} has no {column}, which it needs")
                values[column] = default
                continue
            value = raw[column]
            given.add(column)
            if value is None:
                if not nullable:
                    raise InvalidInput(f"{name} {shown}: {column} is empty but must have a value")
                values[column] = None
                continue
            try:
                values[column] = parse(value)
            except (TypeError, ValueError):
                raise InvalidInput(
                    f"{name} {shown}: {column} {_short(value)} is not {expected}"
                ) from None
        check_row(name, values, f"{name} {shown}")  # the bounds sync keeps too
        return values, given


def _check_header(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise InvalidInput(
            'not a mentor-tui JSON export (its "format" is not '
            f"{FORMAT_NAME!r}); make one with `mentor export --format json`"
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InvalidInput(f"the export's version {_short(version)} is not a version number")
    if version > FORMAT_VERSION:
        raise InvalidInput(
            f"this export was written by a newer mentor-tui (format version {version}; this "
            f"one reads up to {FORMAT_VERSION}); please upgrade"
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise InvalidInput('the export has no "tables" object')
    return tables


def _parse(store: Store, data: Any) -> list[tuple[type[Record], list[tuple[dict, set[str]]]]]:
    """Every row checked and converted before anything is written."""
    tables = _check_header(data)
    now = store.clock.now()
    parsed = []
    for model in ALL_TABLES:  # parents before children, so foreign keys hold at each step
        rows = tables.get(_table(model).name, [])
        if not isinstance(rows, list):
            raise InvalidInput(f"table {_table(model).name} in the export is not a list")
        converter = _Converter(model, now)
        converted = [converter.row(n, raw) for n, raw in enumerate(rows, start=1)]
        ids = [values["id"] for values, _ in converted]
        if len(set(ids)) != len(ids):
            duplicate = next(i for i, times in Counter(ids).items() if times > 1)
            raise InvalidInput(f"table {_table(model).name} lists {_plain(duplicate)} twice")
        parsed.append((model, converted))
    return parsed


def import_data(store: Store, data: Any) -> ImportResult:
    """Merge an export into this home (see the module's docstring for the rule)."""
    parsed = _parse(store, data)
    _check_references(store, parsed)
    result = ImportResult()
    committed = False
    for model, rows in parsed:
        for start in range(0, len(rows), BATCH_SIZE):
            with store.write(preserve_stamps=True) as session:
                try:
                    _merge_batch(session, model, rows[start : start + BATCH_SIZE], result)
                except IntegrityError:  # checked above: only a record removed meanwhile
                    raise InvalidInput(_dangling(model, partly=committed)) from None
            committed = True
    return result


def _dangling(model: type[Record], *, partly: bool = False) -> str:
    what = "the rows before it were imported" if partly else "nothing was imported"
    return (
        f"table {_table(model).name}: a row refers to a record that is neither in the file "
        f"nor in this home; {what}"
    )


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), BATCH_SIZE):
        yield values[start : start + BATCH_SIZE]


def _check_references(
    store: Store, parsed: list[tuple[type[Record], list[tuple[dict, set[str]]]]]
) -> None:
    """Every reference names a record in the file or in this home, checked before anything
    is written: batches commit one by one, and a bad file must leave nothing behind."""
    in_file = {_table(model).name: {values["id"] for values, _ in rows} for model, rows in parsed}
    refs: list[tuple[type[Record], Table, set[str]]] = []  # (from, to, ids the file lacks)
    for model, rows in parsed:
        for key in _table(model).foreign_keys:
            target = key.column.table
            missing = {values[key.parent.name] for values, _ in rows} - {None}
            missing -= in_file.get(target.name, set())
            if missing:
                refs.append((model, target, missing))
    found: dict[str, set[str]] = {}
    with store.read() as session:
        for _model, target, missing in refs:
            have = found.setdefault(target.name, set())
            for chunk in _chunks(sorted(missing - have)):
                query = select(target.c.id).where(target.c.id.in_(chunk))
                have.update(session.execute(query).scalars())
    for model, target, missing in refs:
        if missing - found[target.name]:
            raise InvalidInput(_dangling(model))


def _merge_batch(
    session: Any,
    model: type[Record],
    rows: list[tuple[dict, set[str]]],
    result: ImportResult,
) -> None:
    """Insert the batch's new rows, update those with a higher revision. What this home
    holds is read inside the batch's transaction: the app may have written between two."""
    table = _table(model)
    ids = [values["id"] for values, _ in rows]
    known = dict(
        session.execute(select(table.c.id, table.c.revision).where(table.c.id.in_(ids))).all()
    )
    me_id = None
    if model is Person:
        me_id = session.execute(select(table.c.id).where(table.c.is_me)).scalar()
    new: list[dict[str, Any]] = []
    for values, given in rows:
        revision = known.get(values["id"])
        if model is Person:
            # Who "I" am is local: never taken from a file over this home's profile.
            if revision is not None:
                values.pop("is_me")
                given.discard("is_me")
            elif values["is_me"]:
                if me_id is None:
                    me_id = values["id"]
                else:
                    values["is_me"] = False
                    result.not_me.append(values["display_name"])
        if revision is None:
            new.append(values)
        elif values["revision"] > revision:
            changes = {name: values[name] for name in given if name != "id"}
            session.execute(update(table).where(table.c.id == values["id"]).values(changes))
            result.updated += 1
        elif values["revision"] == revision:
            result.unchanged += 1
        else:
            result.skipped_older += 1
    if new:
        session.execute(insert(table), new)
    result.added += len(new)
