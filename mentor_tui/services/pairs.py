"""Pairs and their charters."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from sqlmodel import Session, col, select

from mentor_tui.dates import check_timezone
from mentor_tui.errors import InvalidInput, NotFound
from mentor_tui.models.charter import CHARTER_TEXT_FIELDS
from mentor_tui.models.db import Store, get_live
from mentor_tui.models.enums import Cadence, PairStatus, Role
from mentor_tui.models.tables import JournalEntry, Pair, Person

# Re-exported: their home is pair_view.py, which the app's light start imports alone.
from mentor_tui.services.pair_view import PairView as PairView
from mentor_tui.services.pair_view import agreed_approver as agreed_approver
from mentor_tui.services.pair_view import in_list_order
from mentor_tui.services.profile import require_me, viewer_today
from mentor_tui.services.text import long_text, require_title


def _choice(value: str, allowed: type[StrEnum], what: str) -> str:
    try:
        return allowed(value.strip().lower().replace("-", "_")).value
    except ValueError:
        names = ", ".join(member.value for member in allowed)
        raise InvalidInput(f"unknown {what} {value!r}; choose one of: {names}") from None


def check_cadence(value: str) -> str:
    return _choice(value, Cadence, "cadence")


def check_role(value: str) -> str:
    return _choice(value, Role, "role")


def _view(session: Session, pair: Pair, me_id: str) -> PairView:
    mentor = session.get(Person, pair.mentor_id)
    mentee = session.get(Person, pair.mentee_id)
    assert mentor is not None and mentee is not None  # foreign keys guarantee it
    return PairView(pair=pair, mentor=mentor, mentee=mentee, me_id=me_id)


def create_pair(
    store: Store,
    *,
    partner_name: str,
    partner_timezone: str = "UTC",
    my_role: str = "mentor",
    cadence: str = "biweekly",
    goal_approver: str = "mentor",
    starts_on: date | None = None,
    planned_end_on: date | None = None,
    **charter_text: str,
) -> PairView:
    """Start a mentorship with someone: they become a person, I take my_role."""
    me = require_me(store)
    partner_name = require_title(partner_name, "partner's name")
    partner_timezone = check_timezone(partner_timezone)
    my_role, cadence = check_role(my_role), check_cadence(cadence)
    goal_approver = check_role(goal_approver)
    _check_span(starts_on, planned_end_on)
    known = {field.name for field in CHARTER_TEXT_FIELDS}
    texts: dict[str, Any] = {}  # the charter's text columns, checked
    for name, value in charter_text.items():
        if name not in known:
            raise TypeError(f"not a charter field: {name}")
        texts[name] = long_text(value, name.replace("_", " "))
    with store.write() as session:
        partner = Person(display_name=partner_name, timezone=partner_timezone)
        session.add(partner)
        session.flush()  # no ORM relationships, so the person must exist before the pair
        mentor_id, mentee_id = (
            (me.id, partner.id) if my_role == Role.MENTOR else (partner.id, me.id)
        )
        pair = Pair(
            mentor_id=mentor_id,
            mentee_id=mentee_id,
            cadence=cadence,
            goal_approver=goal_approver,
            starts_on=starts_on or viewer_today(store),
            planned_end_on=planned_end_on,
            **texts,
        )
        session.add(pair)
        session.flush()
        _adopt_pairless_journal(session, pair, me.id)
        return _view(session, pair, me.id)


def _adopt_pairless_journal(session: Session, pair: Pair, me_id: str) -> None:
    """My first pair takes in the journal I kept before it: an entry of no pair shows
    only while there are no pairs (the Journal and the Dashboard show the chosen pair's
    entries), so it would otherwise vanish from every screen. They stay private."""
    others = session.exec(
        select(Pair.id).where(Pair.deleted == False, Pair.id != pair.id)  # noqa: E712
    ).first()
    if others is not None:
        return
    entries = session.exec(
        select(JournalEntry).where(
            col(JournalEntry.pair_id).is_(None),
            JournalEntry.author_id == me_id,
            JournalEntry.origin == "",
        )
    ).all()
    for entry in entries:
        entry.pair_id = pair.id
        session.add(entry)


def _check_span(starts_on: date | None, planned_end_on: date | None) -> None:
    if starts_on and planned_end_on and planned_end_on < starts_on:
        raise InvalidInput(f"the planned end ({planned_end_on}) is before the start ({starts_on})")


def update_charter(store: Store, pair_id: str, **changes: object) -> PairView:
    """Change any charter field; vocabularies and dates are checked first."""
    me = require_me(store)
    with store.write() as session:
        pair = get_live(session, Pair, pair_id)
        text_fields = {field.name for field in CHARTER_TEXT_FIELDS}
        for name, value in changes.items():
            if name in text_fields:
                setattr(pair, name, long_text(str(value or ""), name.replace("_", " ")))
            elif name == "cadence":
                pair.cadence = check_cadence(str(value))
            elif name == "goal_approver":
                say_approver(pair, check_role(str(value)))
            elif name == "status":
                pair.status = _choice(str(value), PairStatus, "status")
                pair.closed_at = store.clock.now() if pair.status == PairStatus.CLOSED else None
            elif name in ("starts_on", "planned_end_on"):
                setattr(pair, name, value)
            else:
                raise TypeError(f"not a charter field: {name}")
        _check_span(pair.starts_on, pair.planned_end_on)
        session.add(pair)
        session.flush()
        return _view(session, pair, me.id)


def say_approver(pair: Pair, word: str) -> None:
    """My word on who approves goals. Alone (the partner has never published a word: they
    do not sync) it is the rule at once; with a partner who syncs it is a proposal, in force
    when their word is the same (DESIGN: decision rights change only when both agree)."""
    if not pair.partner_goal_approver:
        pair.goal_approver, pair.goal_approver_agreed = word, ""
        return
    pair.goal_approver_agreed = agreed_approver(pair)  # what is in force stays so
    pair.goal_approver = word
    if word == pair.partner_goal_approver:
        pair.goal_approver_agreed = word


def hear_partner_approver(pair: Pair, word: object) -> bool:
    """The partner's word on who approves goals, from their charter (sync): in force when
    it is mine too. True when something here changed."""
    if word not in (Role.MENTOR, Role.MENTEE):
        return False  # nothing (or nonsense) said: the last word heard stands
    before = (pair.partner_goal_approver, pair.goal_approver_agreed)
    if not pair.partner_goal_approver:
        pair.goal_approver_agreed = agreed_approver(pair)  # from now on, both decide
    pair.partner_goal_approver = str(word)
    if word == pair.goal_approver:
        pair.goal_approver_agreed = str(word)
    return (pair.partner_goal_approver, pair.goal_approver_agreed) != before


def decision_rights_text(view: PairView) -> str:
    """Who approves goals, and a change one member proposed that the other has not agreed."""
    pair = view.pair
    text = agreed_approver(pair)
    if pair.goal_approver != text:
        partner = view.partner.display_name
        text += f" (you proposed the {pair.goal_approver}; {partner} has not agreed)"
    elif pair.partner_goal_approver and pair.partner_goal_approver != text:
        text += (
            f" ({view.partner.display_name} proposes the {pair.partner_goal_approver}; "
            "set it in the charter to agree)"
        )
    return text


def list_pairs(store: Store) -> list[PairView]:
    """My pairs: active ones first, then by partner's name."""
    me = require_me(store)
    with store.read() as session:
        pairs = session.exec(select(Pair).where(Pair.deleted == False)).all()  # noqa: E712
        views = [_view(session, pair, me.id) for pair in pairs]
    return in_list_order(views)


def get_pair(store: Store, pair_id: str) -> PairView:
    me = require_me(store)
    with store.read() as session:
        pair = get_live(session, Pair, pair_id)
        return _view(session, pair, me.id)


class NoPairs(NotFound):
    """There is no pair at all yet (not: the one asked for is missing)."""


USE_A_PAIR = "mentor pair use NAME"


def current_pair(pairs: list[PairView], current: str | None) -> PairView | None:
    """The pair commands use when none is named: the current one (`mentor pair use`, the
    app's switcher) while it is a live pair of mine; else the only active pair (the only
    pair, when all are closed); else none (several, and nothing says which)."""
    chosen = next((p for p in pairs if p.id == current and p.my_role is not None), None)
    if chosen is not None:
        return chosen
    active = [p for p in pairs if p.pair.status != PairStatus.CLOSED] or pairs
    return active[0] if len(active) == 1 else None


def find_pair(store: Store, ref: str | None, current: str | None = None) -> PairView:
    """A pair by id, id prefix or (part of) a person's name; when ref is None, the
    current pair (its id is `current`, kept in the home's config) or the only one."""
    pairs = list_pairs(store)
    if not pairs:
        raise NoPairs("no pairs yet; create one with `mentor pair new --with NAME`")
    if ref is None:
        chosen = current_pair(pairs, current)
        if chosen is not None:
            return chosen
        active = [p for p in pairs if p.pair.status != PairStatus.CLOSED] or pairs
        names = ", ".join(p.partner.display_name for p in active)
        raise InvalidInput(
            f"several pairs ({names}); choose one with `{USE_A_PAIR}` (or --pair NAME)"
        )
    needle = ref.strip().lower()
    exact = [p for p in pairs if p.id == needle]
    by_prefix = [p for p in pairs if len(needle) >= 4 and p.id.startswith(needle)]
    by_name = [
        p
        for p in pairs
        if needle and (needle in p.partner.display_name.lower() or needle in p.label.lower())
    ]
    for matches in (exact, by_prefix, by_name):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            names = ", ".join(f"{p.label} ({p.id[:8]})" for p in matches)
            raise InvalidInput(f"{ref!r} matches several pairs: {names}")
    raise NotFound(f"no pair matches {ref!r}; `mentor pair list` shows them")
