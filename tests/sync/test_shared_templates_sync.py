"""Issue 11, shared templates: Grace shares a template of hers; after a sync through a real
bare git repository Ada sees it, read-only and "from Grace Hopper", and copies it into her
own library. One that claims to be shared by someone other than its folder's member is
refused (own-word), and an unshared one goes away on the other side."""

from __future__ import annotations

from tests.sync.helpers import connect, sync

TEXT = "# Grace's one-on-one\n\n## Wins\n- {mentee} names one\n"


def test_a_shared_template_reaches_the_partner_who_copies_it(mentor, mentee, bare_repo):
    from mentor_tui.services.shared_templates import (
        copy_template,
        pair_library,
        share_template,
        unshare_template,
    )
    from mentor_tui.services.templates import find_template, write_template

    connect("git", mentor, mentee, bare_repo)
    write_template(mentor.home, "agenda", "one-on-one", TEXT)
    share_template(mentor.store, mentor.home, mentor.pair.id, "agenda/one-on-one")
    mine = pair_library(mentor.store, mentor.home, mentor.pair.id, "agenda").templates
    assert [t.source for t in mine if t.name == "one-on-one"] == ["mine, shared"]
    assert sync(mentor).problems == []
    assert sync(mentee).problems == []

    seen = pair_library(mentee.store, mentee.home, mentee.pair.id).templates
    theirs = [t for t in seen if t.partner]
    assert [(t.ref, t.source, t.title, t.mine) for t in theirs] == [
        ("agenda/one-on-one", "from Grace Hopper", "Grace's one-on-one", False)
    ]
    assert theirs[0].body == "## Wins\n- {mentee} names one\n"

    path = copy_template(mentee.store, mentee.home, mentee.pair.id, "one-on-one")
    copied = find_template(mentee.home, "agenda/one-on-one")
    assert copied.mine and copied.path == path and copied.title == "Grace's one-on-one"

    # Unsharing is a tombstone: gone from Ada's list after the next syncs; her copy stays.
    mentor.clock.advance(minutes=5)
    unshare_template(mentor.store, mentor.pair.id, "one-on-one")
    assert sync(mentor).problems == []
    assert sync(mentee).problems == []
    after = pair_library(mentee.store, mentee.home, mentee.pair.id).templates
    assert [t for t in after if t.partner] == []
    assert find_template(mentee.home, "agenda/one-on-one").mine


def test_a_template_that_claims_another_sharer_is_refused(mentor, mentee, bare_repo):
    from mentor_tui.models.tables import SharedTemplate
    from mentor_tui.services.shared_templates import pair_library

    connect("git", mentor, mentee, bare_repo)
    # Ada's own folder, signed by her, holds a template that says Grace shared it.
    with mentee.store.write() as session:
        forged = SharedTemplate(
            pair_id=mentee.pair.id,
            kind="prompts",
            name="from-grace",
            body="# Grace says\n\n- trust me\n",
            shared_by=mentee.pair.partner.id,
        )
        session.add(forged)
        session.flush()
        forged_id = forged.id
    assert sync(mentee).problems == []
    problems = sync(mentor).problems
    assert problems == [
        f"partner shared_template {forged_id} refused (own-word): its shared by is not its writer"
    ]
    listed = pair_library(mentor.store, mentor.home, mentor.pair.id).templates
    assert [t for t in listed if t.partner] == []


def test_a_template_over_the_bound_or_with_a_bad_name_is_refused(mentor, mentee, bare_repo):
    from mentor_tui.models.limits import TEMPLATE_LIMIT
    from mentor_tui.models.tables import SharedTemplate
    from mentor_tui.services.shared_templates import pair_library

    connect("git", mentor, mentee, bare_repo)
    ids = {}
    with mentee.store.write() as session:  # written past the service's checks
        for label, name, body in (
            ("long", "long-one", "x" * (TEMPLATE_LIMIT + 1)),
            ("path", "../../escape", "# Out\n"),
        ):
            row = SharedTemplate(
                pair_id=mentee.pair.id,
                kind="agenda",
                name=name,
                body=body,
                shared_by=mentee.pair.me.id,
            )
            session.add(row)
            session.flush()
            ids[label] = row.id
    assert sync(mentee).problems == []
    problems = sync(mentor).problems
    assert sorted(problems) == sorted(
        [
            f"partner record {ids['long']} was refused: shared_template.body is 100,001 "
            "characters long (at most 100,000)",
            f"partner record {ids['path']} was refused: shared_template.name is not a "
            "template name",
        ]
    )
    listed = pair_library(mentor.store, mentor.home, mentor.pair.id).templates
    assert [t for t in listed if t.partner] == []
