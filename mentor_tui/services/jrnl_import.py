"""Import from jrnl (https://jrnl.sh): its plain-text journal file and its JSON export.

Plain text: entries start with "[2024-01-05 09:12] " (jrnl's timeformat, 24-hour or
"%I:%M %p"), the first sentence is the title, a first line ending in "*" is starred.
JSON (`jrnl --export json`): {"tags": {...}, "entries": [{"date", "time", "title", "body",
"tags", "starred"}]}. jrnl keeps local wall times without a zone: they are read in the
importer's zone. Tags (@ and # words, as jrnl's default tagsymbols) and dates are kept; a
star becomes the tag "starred". Importing the same file twice adds nothing the second time.
Entries are written BATCH_SIZE at a time; an import cut short adds the rest when rerun.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import select

from mentor_tui.dates import check_timezone
from mentor_tui.errors import InvalidInput
from mentor_tui.models.db import Store
from mentor_tui.models.tables import JournalEntry
from mentor_tui.services.journal import normalise_tags, split_title
from mentor_tui.services.profile import require_me
from mentor_tui.services.text import TITLE_LIMIT
from mentor_tui.wording import plural

_DATE_BLOB = re.compile(r"(?:^|\n)\[([^\]\n]+)\] ")
_FORMATS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d",
)
_JRNL_TAG = re.compile(r"(?<!\S)[@#]([\w][\w\-+/]*)")

# Entries per write transaction: a long import lets the open app write between batches
# (its busy timeout is far longer than one batch takes).
BATCH_SIZE = 500


@dataclass(frozen=True)
class JrnlEntry:
    when: datetime  # a naive local wall time, as jrnl keeps it
    title: str
    body: str
    tags: tuple[str, ...]
    starred: bool = False


@dataclass(frozen=True)
class ImportResult:
    added: int
    skipped: int  # already in the journal (same time and title)

    def __str__(self) -> str:
        return f"{plural(self.added, 'entry')} added, {self.skipped} already there"


def _when(blob: str) -> datetime | None:
    for fmt in _FORMATS:
        try:
            return datetime.strptime(blob.strip(), fmt)
        except ValueError:
            continue
    return None


def _tags(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.lower() for t in _JRNL_TAG.findall(text)))


def _entry(when: datetime, title: str, body: str, tags: Iterable[str], starred: bool) -> JrnlEntry:
    if len(title) > TITLE_LIMIT:
        title, body = "", f"{title}\n{body}".strip()
    found = [*tags, *_tags(f"{title}\n{body}"), *(["starred"] if starred else [])]
    return JrnlEntry(when, title, body, tuple(normalise_tags(found).split()), starred)


def parse_jrnl_text(text: str) -> list[JrnlEntry]:
    """Entries of a jrnl plain-text journal, in file order."""
    matches = [m for m in _DATE_BLOB.finditer(text) if _when(m[1]) is not None]
    entries = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        raw = text[match.end() : end].strip("\n")
        lines = raw.splitlines()
        starred = bool(lines) and lines[0].rstrip().endswith("*")
        if starred:
            raw = "\n".join([lines[0].strip().rstrip("*").rstrip(), *lines[1:]])
        title, body = split_title(raw)
        entries.append(_entry(_when(match[1]), title, body, (), starred))  # type: ignore[arg-type]
    return entries


def parse_jrnl_json(data: object) -> list[JrnlEntry]:
    """Entries of `jrnl --export json`."""
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise InvalidInput('this JSON is not a jrnl export (no "entries" list)')
    entries = []
    for number, item in enumerate(data["entries"], start=1):
        try:
            when = datetime.strptime(
                f"{item['date']} {item.get('time') or '00:00'}", "%Y-%m-%d %H:%M"
            )
            tags = [str(t) for t in item.get("tags") or []]
            entries.append(
                _entry(
                    when,
                    str(item.get("title") or "").strip(),
                    str(item.get("body") or "").strip("\n"),
                    tags,
                    bool(item.get("starred")),
                )
            )
        except (KeyError, TypeError, ValueError, InvalidInput) as problem:
            raise InvalidInput(f"jrnl entry {number} cannot be read ({problem})") from None
    return entries


def parse_jrnl(text: str) -> list[JrnlEntry]:
    """Either jrnl format, told apart by the first character."""
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as problem:
            raise InvalidInput(f"this looks like JSON but cannot be read ({problem})") from None
        return parse_jrnl_json(data)
    entries = parse_jrnl_text(text)
    if not entries and text.strip():
        raise InvalidInput(
            'no jrnl entries found (each starts with a line like "[2024-01-05 09:12] "); '
            "an encrypted journal must be decrypted first with `jrnl --decrypt`"
        )
    return entries


def import_jrnl(
    store: Store,
    source: Path | str,
    *,
    timezone: str | None = None,
    pair_id: str | None = None,
) -> ImportResult:
    """Add a jrnl journal's entries (private, as jrnl's are) to mine."""
    if isinstance(source, Path):
        try:
            text = source.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InvalidInput(
                f"{source} is not a text file; an encrypted jrnl journal must be "
                "decrypted first with `jrnl --decrypt`"
            ) from None
    else:
        text = source
    entries = parse_jrnl(text)
    me = require_me(store)
    zone = ZoneInfo(check_timezone(timezone) if timezone else me.timezone)
    rows = [
        JournalEntry(
            pair_id=pair_id,
            author_id=me.id,
            written_at=e.when.replace(tzinfo=zone).astimezone(UTC),
            title=e.title,
            body=e.body,
            tags=" ".join(e.tags),
        )
        for e in entries
    ]
    added = 0
    for start in range(0, len(rows), BATCH_SIZE):
        added += _add_new(store, me.id, rows[start : start + BATCH_SIZE])
    return ImportResult(added=added, skipped=len(rows) - added)


def _add_new(store: Store, author_id: str, rows: list[JournalEntry]) -> int:
    """One batch in one write transaction: the rows not already in my journal (same time and
    title), looked up under the write lock, so that earlier batches count as known."""
    added = 0
    with store.write() as session:
        known = set(
            session.exec(
                select(JournalEntry.written_at, JournalEntry.title).where(
                    JournalEntry.author_id == author_id,
                    JournalEntry.deleted == False,  # noqa: E712
                    JournalEntry.written_at >= min(r.written_at for r in rows),
                    JournalEntry.written_at <= max(r.written_at for r in rows),
                )
            ).all()
        )
        for row in rows:
            if (row.written_at, row.title) not in known:
                known.add((row.written_at, row.title))
                session.add(row)
                added += 1
    return added
