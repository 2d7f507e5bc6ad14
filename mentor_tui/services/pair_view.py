"""A pair seen from my side, standard library only: what the app keeps of my pairs (the
header, the pair switcher, every screen's `app.pair`) needs no ORM, so a session that only
browses never imports the storage stack (services/start_up.read_light).

The services' reads (services/pairs.py) fill it with ORM records; the app's light start
fills it with plain rows (models/start_sql.py). Both fit these Protocols.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from mentor_tui.models.enums import Cadence, PairStatus, Role
from mentor_tui.services.dashboard_rules import cadence_of, me_and_partner
from mentor_tui.services.dashboard_types import PairRecordLike, PersonLike


class PairFacts(PairRecordLike, Protocol):
    """A pair's own columns (models/tables.Pair), read-only: the Dashboard's and the rest."""

    @property
    def revision(self) -> int: ...
    @property
    def purpose(self) -> str: ...
    @property
    def success_looks_like(self) -> str: ...
    @property
    def progress_measure(self) -> str: ...
    @property
    def communication_norms(self) -> str: ...
    @property
    def backup_channel(self) -> str: ...
    @property
    def goal_approver(self) -> str: ...
    @property
    def goal_approver_agreed(self) -> str: ...
    @property
    def partner_goal_approver(self) -> str: ...


class ApproverWords(Protocol):
    @property
    def goal_approver(self) -> str: ...
    @property
    def goal_approver_agreed(self) -> str: ...


def agreed_approver(pair: ApproverWords) -> str:
    """The decision rights in force: the role that approves goals, as both members last
    agreed (until they differ, simply the charter's goal_approver)."""
    return pair.goal_approver_agreed or pair.goal_approver


@dataclass(frozen=True)
class PairView:
    """A pair with its two people, seen from my side."""

    pair: PairFacts
    mentor: PersonLike
    mentee: PersonLike
    me_id: str

    @property
    def id(self) -> str:
        return self.pair.id

    @property
    def my_role(self) -> Role | None:
        if self.me_id == self.mentor.id:
            return Role.MENTOR
        if self.me_id == self.mentee.id:
            return Role.MENTEE
        return None

    @property
    def partner(self) -> PersonLike:
        return me_and_partner(self.me_id, self.mentor, self.mentee)[1]

    @property
    def me(self) -> PersonLike:
        return me_and_partner(self.me_id, self.mentor, self.mentee)[0]

    @property
    def label(self) -> str:
        return f"{self.mentor.display_name} → {self.mentee.display_name}"

    @property
    def cadence(self) -> Cadence:
        return cadence_of(self.pair.cadence)

    def person(self, person_id: str | None) -> PersonLike | None:
        return {self.mentor.id: self.mentor, self.mentee.id: self.mentee}.get(person_id or "")

    def role_of(self, person_id: str | None) -> Role | None:
        if person_id == self.mentor.id:
            return Role.MENTOR
        if person_id == self.mentee.id:
            return Role.MENTEE
        return None


_ORDER: dict[str, int] = {PairStatus.ACTIVE: 0, PairStatus.PAUSED: 1, PairStatus.CLOSED: 2}


def in_list_order(views: Iterable[PairView]) -> list[PairView]:
    """My pairs as every list shows them: active ones first, then by the partner's name."""
    return sorted(
        views, key=lambda v: (_ORDER.get(v.pair.status, 3), v.partner.display_name.lower(), v.id)
    )
