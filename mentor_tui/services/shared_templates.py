"""Templates a pair shares through sync (issue 11): a member marks a template of theirs
shared with the partner of a pair; the next sync publishes it (sync/records.py, kind
shared_template); the partner sees it in their library, read-only, "from <name>", and may
copy it into their own templates folder, where it is theirs to edit.

A shared template is a row of its own (tables.SharedTemplate), not the file: the text is
a snapshot taken when it is shared (sharing again publishes later edits), so that sync
works on the database as it does for every other record, and unsharing is a soft delete
that goes out as a tombstone. The partner's copies are rows with the partner's origin.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import col, select

from mentor_tui.errors import InvalidInput, NotFound
from mentor_tui.models.db import Store
from mentor_tui.models.tables import SharedTemplate
from mentor_tui.services.pairs import get_pair
from mentor_tui.services.templates import (
    Library,
    Template,
    check_name,
    check_template_kind,
    file_text,
    find_template,
    load_library,
    partner_template,
    write_template,
)


@dataclass(frozen=True)
class Shared:
    """What a pair shares: my shared refs (kind/name), and the partner's templates."""

    mine: frozenset[str]
    partners: list[Template]


def _rows(store: Store, pair_id: str) -> list[SharedTemplate]:
    with store.read() as session:
        query = select(SharedTemplate).where(
            col(SharedTemplate.pair_id) == pair_id,
            col(SharedTemplate.deleted) == False,  # noqa: E712
        )
        return list(
            session.exec(query.order_by(col(SharedTemplate.kind), col(SharedTemplate.name)))
        )


def shared_in_pair(store: Store, pair_id: str) -> Shared:
    pair = get_pair(store, pair_id)
    rows = _rows(store, pair_id)
    mine = frozenset(f"{row.kind}/{row.name}" for row in rows if row.origin == "")
    partners = [
        partner_template(row.kind, row.name, row.body, pair.partner.display_name)
        for row in rows
        if row.origin != ""
    ]
    return Shared(mine, partners)


def pair_library(store: Store, home: Path, pair_id: str | None, kind: str | None = None) -> Library:
    """My library (services/templates.load_library), mine marked when shared with this
    pair's partner, then the partner's shared templates (read-only)."""
    library = load_library(home, kind)
    if pair_id is None:
        return library
    shared = shared_in_pair(store, pair_id)
    wanted = check_template_kind(kind) if kind is not None else None
    templates = [
        Template(**{**t.__dict__, "shared": t.mine and t.ref in shared.mine})
        for t in library.templates
    ]
    templates += [t for t in shared.partners if wanted is None or t.kind == wanted]
    return Library(templates, library.problems)


def _my_row(store: Store, pair_id: str, kind: str, name: str) -> SharedTemplate | None:
    with store.read() as session:
        query = select(SharedTemplate).where(
            col(SharedTemplate.pair_id) == pair_id,
            col(SharedTemplate.origin) == "",
            col(SharedTemplate.kind) == kind,
            col(SharedTemplate.name) == name,
        )
        return session.exec(query).first()


def share_template(
    store: Store, home: Path, pair_id: str, ref: str, kind: str | None = None
) -> SharedTemplate:
    """Share my template with the pair's partner (as its text is now); the next sync
    publishes it. Sharing it again publishes its current text."""
    template = find_template(home, ref, kind)
    if not template.mine:
        raise InvalidInput(f"{template.ref} is built in: your partner has it already")
    pair = get_pair(store, pair_id)
    text = file_text(template)
    row = _my_row(store, pair_id, template.kind, template.name)
    with store.write() as session:
        if row is None:
            row = SharedTemplate(
                pair_id=pair_id,
                kind=template.kind,
                name=template.name,
                body=text,
                shared_by=pair.me.id,
            )
        elif row.body == text and not row.deleted:
            return row  # nothing new to publish
        else:
            row = session.get(SharedTemplate, row.id) or row
            row.body, row.deleted = text, False
        session.add(row)
        session.flush()
        session.refresh(row)
        return row


def _ref(ref: str, kind: str | None) -> tuple[str | None, str]:
    wanted, _, name = ref.strip().rpartition("/")
    wanted = wanted or kind or ""
    return (check_template_kind(wanted) if wanted else None), check_name(name)


def unshare_template(store: Store, pair_id: str, ref: str, kind: str | None = None) -> str:
    """Stop sharing my template with the pair's partner (a tombstone at the next sync);
    the template itself stays. Returns its kind/name."""
    wanted, name = _ref(ref, kind)
    rows = [
        row
        for row in _rows(store, pair_id)
        if row.origin == "" and row.name == name and wanted in (None, row.kind)
    ]
    if not rows:
        raise NotFound(f"{ref!r} is not shared with this pair's partner")
    if len(rows) > 1:
        refs = ", ".join(f"{row.kind}/{row.name}" for row in rows)
        raise InvalidInput(f"{ref!r} names several shared templates ({refs}); say which")
    with store.write() as session:
        row = session.get(SharedTemplate, rows[0].id)
        assert row is not None
        row.deleted = True
        session.add(row)
    return f"{row.kind}/{row.name}"


def find_partners(store: Store, pair_id: str, ref: str, kind: str | None = None) -> Template:
    """The partner's shared template by NAME or KIND/NAME."""
    wanted, name = _ref(ref, kind)
    found = [
        t
        for t in shared_in_pair(store, pair_id).partners
        if t.name == name and wanted in (None, t.kind)
    ]
    if not found:
        raise NotFound(f"your partner shares no template named {ref!r}")
    if len(found) > 1:
        refs = ", ".join(t.ref for t in found)
        raise InvalidInput(f"{ref!r} names several of your partner's templates ({refs})")
    return found[0]


def copy_template(
    store: Store,
    home: Path,
    pair_id: str,
    ref: str,
    kind: str | None = None,
    name: str | None = None,
) -> Path:
    """The partner's shared template copied into my templates folder (under `name`, or
    its own), where it is mine to edit; one of mine by that name is never overwritten."""
    template = find_partners(store, pair_id, ref, kind)
    target = check_name(name) if name else template.name
    try:
        return write_template(home, template.kind, target, file_text(template))
    except InvalidInput:
        raise InvalidInput(
            f"you have a template {template.kind}/{target} already; copy it under another "
            "name (`mentor template copy NAME --as NEW-NAME`)"
        ) from None
