from datetime import date

import pytest

from mentor_tui.errors import InvalidInput, NotFound
from mentor_tui.models.enums import Role
from mentor_tui.services.pairs import create_pair, find_pair, list_pairs, update_charter
from mentor_tui.services.profile import get_me, set_up_profile


def test_profile_is_created_once_and_updated_after(store):
    first = set_up_profile(store, "Grace Hopper", "America/New_York")
    again = set_up_profile(store, "Grace B. Hopper", "Europe/Berlin")
    assert again.id == first.id
    me = get_me(store)
    assert (me.display_name, me.timezone) == ("Grace B. Hopper", "Europe/Berlin")


def test_unknown_timezone_is_refused_with_one_line(store):
    with pytest.raises(InvalidInput, match="unknown time zone 'Mars/Olympus'"):
        set_up_profile(store, "Grace", "Mars/Olympus")


def test_pair_records_my_role_and_the_partner(store, me):
    view = create_pair(
        store, partner_name="Ada Lovelace", partner_timezone="Europe/Berlin", my_role="mentee"
    )
    assert view.my_role == Role.MENTEE
    assert view.mentor.display_name == "Ada Lovelace"
    assert view.partner.timezone == "Europe/Berlin"
    assert view.pair.starts_on == date(2026, 11, 16)  # the frozen clock's today


def test_find_pair_by_name_prefix_and_unknown(store, pair):
    assert find_pair(store, "ada").id == pair.id
    assert find_pair(store, pair.id[:6]).id == pair.id
    assert find_pair(store, None).id == pair.id
    with pytest.raises(NotFound, match="no pair matches 'Linus'"):
        find_pair(store, "Linus")


def test_charter_update_bumps_revision_and_checks_vocabulary(store, pair):
    before = pair.pair.revision
    updated = update_charter(store, pair.id, cadence="weekly", backup_channel="+49 30 1234")
    assert updated.pair.revision == before + 1
    assert updated.pair.cadence == "weekly"
    with pytest.raises(InvalidInput, match="unknown cadence 'daily'"):
        update_charter(store, pair.id, cadence="daily")
    with pytest.raises(InvalidInput, match="planned end"):
        update_charter(store, pair.id, planned_end_on=date(2020, 1, 1))


def test_list_pairs_puts_closed_last(store, me):
    create_pair(store, partner_name="Zed")
    closed = create_pair(store, partner_name="Alan")
    update_charter(store, closed.id, status="closed")
    assert [v.partner.display_name for v in list_pairs(store)] == ["Zed", "Alan"]
