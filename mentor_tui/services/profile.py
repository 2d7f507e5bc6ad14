"""Who I am on this machine: the one Person with is_me set."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from mentor_tui.dates import check_timezone, local
from mentor_tui.errors import MentorError
from mentor_tui.models.db import Store
from mentor_tui.models.tables import Person

# Every write service asks who I am first: importing the rule that a closed mentorship
# is read-only here puts it under every write (services/closed_guard).
from mentor_tui.services import closed_guard as _closed_guard  # noqa: F401
from mentor_tui.services.text import require_title


class NoProfile(MentorError):
    def __init__(self) -> None:
        super().__init__("no profile yet; run `mentor init --name NAME` or start `mentor`")


def get_me(store: Store) -> Person | None:
    with store.read() as session:
        return session.exec(
            select(Person).where(Person.is_me, Person.deleted == False)  # noqa: E712
        ).first()


def require_me(store: Store) -> Person:
    me = get_me(store)
    if me is None:
        raise NoProfile()
    return me


def viewer_today(store: Store) -> date:
    """Today where the viewer (the `me` person) is; UTC before a profile exists."""
    me = get_me(store)
    now = store.clock.now()
    return local(now, me.timezone).date() if me is not None else now.date()


class ViewerToday:
    """`viewer_today` for a screen that asks on every key: the viewer's zone is read once
    (a database read per key cost more than the rest of a keystroke), the date comes from
    the clock on each call, so midnight still moves it."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._zone: str | None = None
        self._read = False

    def __call__(self) -> date:
        if not self._read:
            me = get_me(self._store)
            self._zone, self._read = (me.timezone if me is not None else None), True
        now = self._store.clock.now()
        return local(now, self._zone).date() if self._zone is not None else now.date()


def set_up_profile(store: Store, name: str, timezone: str, email: str = "") -> Person:
    """Create my profile, or update it when it exists (first run and `mentor init`)."""
    name = require_title(name, "name")
    timezone = check_timezone(timezone)
    with store.write() as session:
        me = session.exec(select(Person).where(Person.is_me)).first()
        if me is None:
            me = Person(display_name=name, timezone=timezone, email=email, is_me=True)
        else:
            me.display_name, me.timezone = name, timezone
            me.email = email or me.email
        session.add(me)
    return me
