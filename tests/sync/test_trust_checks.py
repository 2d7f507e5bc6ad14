"""Each named trust check on its own (sync/trust.py), without a database: the partner
(ADA, the mentee) writes the folder; I am GRACE, the mentor, who approves goals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from mentor_tui.sync import trust
from mentor_tui.sync.records import KIND_BY_NAME, Incoming

PAIR, OTHER_PAIR = "p" * 8, "q" * 8
GRACE, ADA = "grace", "ada"
WHO = trust.Writer(PAIR, author=ADA, me=GRACE, mentor=GRACE, mentee=ADA, approver_role="mentor")
WHEN = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)


@dataclass
class Facts:
    rows: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    origins: dict[str, tuple[str, str]] = field(default_factory=dict)
    approvals: set[str] = field(default_factory=set)

    def held(self, record_id: str) -> tuple[str, str] | None:
        return self.origins.get(record_id)

    def row(self, table: str, record_id: str) -> Mapping[str, Any] | None:
        return self.rows.get((table, record_id))

    def my_approval(self, goal_id: str) -> bool:
        return goal_id in self.approvals

    def pair_of(self, table: str, record_id: str) -> str | None:
        return trust.pair_of_row(self, table, record_id)


def item(kind: str, rid: str = "r1", deleted: bool = False, **values: Any) -> Incoming:
    return Incoming(KIND_BY_NAME[kind], rid, 1, deleted, WHEN, WHEN, values)


def facts_with_goal(pair: str = PAIR) -> Facts:
    return Facts(rows={("goal", "g1"): {"pair_id": pair, "approved_by_id": None}})


def test_own_word_refuses_a_record_that_speaks_for_me():
    facts = Facts()
    assert trust.own_word(item("journal_entry", author_id=ADA), WHO, facts) == ""
    for kind, name in trust.SPEAKER.items():
        assert "not its writer" in trust.own_word(item(kind, **{name: GRACE}), WHO, facts), kind
    assert trust.own_word(item("goal_change", changed_by_id=None), WHO, facts)


def test_own_role_refuses_an_assessment_in_the_partners_role():
    assert trust.own_role(item("assessment", role="mentee"), WHO, Facts()) == ""
    assert "'mentor'" in trust.own_role(item("assessment", role="mentor"), WHO, Facts())


def test_this_pair_refuses_records_of_another_pair_and_pointers_into_one():
    facts = facts_with_goal(OTHER_PAIR)
    assert trust.this_pair(item("milestone", pair_id=PAIR), WHO, Facts()) == ""
    assert "another pair" in trust.this_pair(item("milestone", pair_id=OTHER_PAIR), WHO, facts)
    assert "goal of another pair" in trust.this_pair(item("goal_change", goal_id="g1"), WHO, facts)
    assert "goal of another pair" in trust.this_pair(
        item("milestone", pair_id=PAIR, goal_id="g1"), WHO, facts
    )
    # An update that would move a stored record of another pair into this one.
    facts.rows[("milestone", "m1")] = {"pair_id": OTHER_PAIR}
    facts.origins["m1"] = ("milestone", ADA)
    assert "move" in trust.this_pair(item("milestone", "m1", title="x"), WHO, facts)
    # A shared journal entry names this pair; one of no pair is not this pair's.
    assert trust.this_pair(item("journal_entry", pair_id=None), WHO, Facts())
    # Something not here yet is not refused: it waits (engine).
    assert trust.this_pair(item("goal_change", goal_id="unknown"), WHO, Facts()) == ""


def test_not_yours_refuses_an_id_of_mine_but_lets_the_partner_fill_their_placeholder():
    facts = Facts(origins={"r1": ("goal", ""), ADA: ("person", "")})
    assert "record of yours" in trust.not_yours(item("goal"), WHO, facts)
    assert trust.not_yours(item("person", ADA), WHO, facts) == ""
    assert trust.not_yours(item("goal", "r2"), WHO, facts) == ""


def test_not_theirs_refuses_someone_elses_id_and_an_id_of_another_kind():
    facts = Facts(origins={"r1": ("goal", "bob"), "r2": ("goal", ADA), "r3": ("milestone", ADA)})
    assert "someone else" in trust.not_theirs(item("goal", "r1"), WHO, facts)
    assert trust.not_theirs(item("goal", "r2"), WHO, facts) == ""
    assert "milestone here" in trust.not_theirs(item("goal", "r3"), WHO, facts)


def test_decision_rights_refuse_an_approval_from_the_other_role():
    approval = {"field": "status", "new_value": "approved", "goal_id": "g1"}
    refused = trust.decision_rights(item("goal_change", **approval), WHO, Facts())
    assert "right to the mentor" in refused
    mentee_rights = trust.Writer(PAIR, ADA, GRACE, GRACE, ADA, approver_role="mentee")
    assert trust.decision_rights(item("goal_change", **approval), mentee_rights, Facts()) == ""
    dropped = {**approval, "new_value": "dropped"}
    assert trust.decision_rights(item("goal_change", **dropped), WHO, Facts()) == ""
    taken_before = Facts(origins={"r1": ("goal_change", ADA)})
    assert trust.decision_rights(item("goal_change", **approval), WHO, taken_before) == ""


def test_owner_closes_only_their_own_action_item():
    facts = Facts(rows={("action_item", "a1"): {"owner_id": ADA, "pair_id": PAIR}})
    word = item("action_item_status", action_item_id="a1", status="done")
    assert trust.owner_closes(word, WHO, facts) == ""
    facts.rows[("action_item", "a1")]["owner_id"] = GRACE
    assert "owner" in trust.owner_closes(word, WHO, facts)
    assert trust.owner_closes(item("action_item_status", action_item_id="zz"), WHO, facts) == ""


def test_check_all_names_the_rule_in_one_line():
    refusal = trust.check_all(item("feedback", author_id=GRACE), WHO, Facts())
    assert refusal is not None and refusal.rule == "own-word"
    line = refusal.line(item("feedback", author_id=GRACE))
    assert line.startswith("partner feedback r1 refused (own-word)") and "\n" not in line
    assert trust.check_all(item("feedback", author_id=ADA, pair_id=PAIR), WHO, Facts()) is None


@pytest.mark.parametrize(
    ("values", "approvals", "kept"),
    [
        ({"status": "approved", "approved_by_id": GRACE, "approved_at": WHEN}, set(), False),
        ({"status": "approved", "approved_by_id": GRACE, "approved_at": WHEN}, {"g1"}, True),
        ({"status": "approved", "approved_by_id": ADA, "approved_at": WHEN}, set(), False),
        ({"status": "approved", "approved_by_id": None, "approved_at": None}, set(), False),
        ({"status": "achieved", "approved_by_id": GRACE, "approved_at": WHEN}, {"g1"}, True),
        ({"status": "proposed", "approved_by_id": None, "approved_at": None}, set(), True),
    ],
)
def test_judge_approval_keeps_only_the_approvers_own_word(values, approvals, kept):
    facts = Facts(approvals=approvals)
    taken, note = trust.judge_approval(item("goal", "g1", **values), WHO, facts)
    if kept:
        assert (taken, note) == (values, "")
    else:
        assert taken["approved_by_id"] is None and taken["approved_at"] is None
        assert taken["status"] != "approved" and "approval" in note


def test_judge_approval_trusts_the_partner_who_approves_and_an_approval_held_before():
    mentee_rights = trust.Writer(PAIR, ADA, GRACE, GRACE, ADA, approver_role="mentee")
    values = {"status": "approved", "approved_by_id": ADA, "approved_at": WHEN}
    assert trust.judge_approval(item("goal", "g1", **values), mentee_rights, Facts())[1] == ""
    held = Facts(rows={("goal", "g1"): {"approved_by_id": ADA, "approved_at": WHEN}})
    assert trust.judge_approval(item("goal", "g1", **values), WHO, held)[1] == ""
