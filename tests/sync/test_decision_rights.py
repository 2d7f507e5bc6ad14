"""Decision rights (who approves goals) change only when both members agree
(services/pairs.py: agreed_approver, say_approver, hear_partner_approver)."""

from __future__ import annotations

from mentor_tui.models.tables import Pair
from mentor_tui.services.pairs import agreed_approver, hear_partner_approver, say_approver


def _pair() -> Pair:
    return Pair(mentor_id="grace", mentee_id="ada", goal_approver="mentor")


def test_alone_my_word_is_the_rule():
    pair = _pair()
    say_approver(pair, "mentee")
    assert agreed_approver(pair) == "mentee"


def test_with_a_partner_who_syncs_a_change_waits_for_their_word():
    pair = _pair()
    assert hear_partner_approver(pair, "mentor")  # their charter: the same
    say_approver(pair, "mentee")  # my proposal
    assert (pair.goal_approver, agreed_approver(pair)) == ("mentee", "mentor")
    assert not hear_partner_approver(pair, "mentor")  # they have not changed theirs
    assert agreed_approver(pair) == "mentor"
    assert hear_partner_approver(pair, "mentee")  # now they agree
    assert agreed_approver(pair) == "mentee"


def test_the_partner_alone_changes_nothing_until_i_agree():
    pair = _pair()
    hear_partner_approver(pair, "mentor")
    assert hear_partner_approver(pair, "mentee")  # their word is recorded ...
    assert agreed_approver(pair) == "mentor"  # ... but the rule stays
    say_approver(pair, "mentee")  # I agree: in force at once
    assert agreed_approver(pair) == "mentee"


def test_nonsense_from_the_partner_is_ignored():
    pair = _pair()
    hear_partner_approver(pair, "mentor")
    for word in (None, "", "admin", 3):
        assert not hear_partner_approver(pair, word)
    assert (pair.partner_goal_approver, agreed_approver(pair)) == ("mentor", "mentor")
