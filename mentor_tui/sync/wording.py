"""What a sync and a preview say, in the words both `mentor sync` and the Sync screen use,
so the two cannot drift apart (one said "Published 0 records" while the other said that
everything waited for the partner's key). Plain text with names as stored: each caller
makes every line safe for its own output (services/text.visible)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from mentor_tui.wording import plural

if TYPE_CHECKING:
    from mentor_tui.sync.report import Preview, SyncStatus
    from mentor_tui.sync.service import SyncResult

CHANGES = ("new", "changed", "withdrawn")

# Commands a user can type as they stand (`mentor sync setup` alone is refused: KIND).
NOT_SET_UP = (
    "sync is not set up for this pair; run `mentor sync setup git URL` (or "
    "`mentor sync setup webdav URL --user NAME`) or `mentor sync join CODE`"
)


def status_rows(info: SyncStatus, label: str, partner: str, zone: str) -> list[tuple[str, str]]:
    """A configured pair's sync status as (name, value) rows, `mentor sync status` and the
    Sync screen alike: where, when, what the next sync sends, the keys, the invite, and a
    row per warning the last sync left (what it refused or left waiting)."""
    from mentor_tui.dates import format_instant
    from mentor_tui.sync.report import publish_line

    def when(instant: datetime | None) -> str:
        return format_instant(instant, zone) if instant else "never"

    return [
        ("Pair", label),
        ("Syncs with", f"{info.kind} {info.location}" + (f" as {info.user}" if info.user else "")),
        ("Last sync", when(info.last_sync_at)),
        ("Partner changed", when(info.partner_last_change_at)),
        ("To publish", publish_line(info, partner)),
        ("Encrypted", "yes, end to end" if info.encrypted else "no"),
        ("Your key", info.my_fingerprint or "made at the next sync"),
        ("Partner's key", info.partner_fingerprint or "not seen yet"),
        ("Invite code", info.invite),
        *(("Warning", line) for line in info.warnings),
    ]


def sync_lines(result: SyncResult, partner: str) -> list[str]:
    """What one sync did, a line each: what went out, what came in, then the notes worth
    saying. Problems are left to the caller (stderr for the CLI, a warning colour on the
    screen)."""
    if result.held:  # encrypting before the partner's key is here: nothing readable left
        sent = (
            f"Published nothing yet: {plural(result.held, 'record')} wait for {partner}'s "
            "key (end-to-end encryption: they join and sync, then your next sync sends them)."
        )
    elif result.written:
        sent = (
            f"Published {plural(result.published, 'record')} "
            f"({plural(result.written, 'file')} written, {result.tombstones} withdrawn)."
        )
    else:
        sent = f"Published {plural(result.published, 'record')} (nothing changed)."
    taken = (
        f"Took in {plural(result.received, 'record')} from {partner}."
        if result.received
        else f"Nothing new from {partner}."
    )
    # While held, the first line says what the encryption note would say again.
    return [sent, taken, *([] if result.held else result.notes)]


def preview_heading(shown: Preview, partner: str) -> str:
    """The first line of a preview: what the next sync sends, nothing when nothing changed
    (the status's "nothing to send": it does not publish the records again), or that
    nothing goes out before the partner's key is here (encrypting)."""
    if shown.waiting_for_key:
        return (
            f"Nothing goes out until {partner}'s key is here (end-to-end encryption); "
            f"then the next sync publishes {plural(len(shown.records), 'record')}:"
        )
    count = {name: sum(c["change"] == name for c in shown.changes) for name in CHANGES}
    if not any(count.values()):
        published = plural(len(shown.records), "record")
        return f"Nothing to send: {published} published, none changed since:"
    return (
        f"The next sync publishes {plural(len(shown.records), 'record')} "
        f"({count['new']} new, {count['changed']} changed) "
        f"and withdraws {count['withdrawn']}:"
    )


def preview_rows(shown: Preview) -> list[str]:
    """A line per record of my side as the partner sees it: kind, short id, what the next
    sync does with it (blank: unchanged) and its title. Records withdrawn at an earlier
    sync are left out: nothing of them is shared."""
    dead = set(shown.tombstones)
    rows = []
    for change in shown.changes:
        if change["change"] == "unchanged" and change["id"] in dead:
            continue
        mark = "" if change["change"] == "unchanged" else change["change"]
        rows.append(f"  {change['kind']:<14} {change['id'][:8]}  {mark:<9}  {change['title']}")
    return rows
