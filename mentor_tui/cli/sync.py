"""`mentor sync ...`: set up, join, sync, status and preview; the same sync services the
app's Sync screen calls. Faults are one line on stderr and exit 1."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mentor_tui.cli.common import (
    CommandError,
    add_json_option,
    add_pair_option,
    clean_for_terminal,
    home_of,
    open_store,
    pair_of,
    subcommand,
)
from mentor_tui.cli.sync_show import _preview, _status


def register(commands: Any) -> None:
    sync = subcommand(
        commands,
        "sync",
        _sync,
        "publish your side of a pair and take in your partner's (git or WebDAV)",
    )
    add_pair_option(sync)
    sync.add_argument(
        "--verify",
        action="store_true",
        help="re-check every file you published and upload again what is "
        "missing or damaged on the remote",
    )
    actions = sync.add_subparsers(title="sync commands", metavar="ACTION")

    setup = subcommand(
        actions,
        "setup",
        None,
        "publish a pair to a git repository or WebDAV "
        "folder and get an invite code for your partner",
    )
    kinds = setup.add_subparsers(title="where", metavar="KIND", required=True)
    git = subcommand(kinds, "git", _setup_git, "a git repository: a path, ssh or https URL")
    git.add_argument("url", metavar="URL")
    _add_encrypt_option(git)
    add_pair_option(git)
    dav = subcommand(
        kinds,
        "webdav",
        _setup_webdav,
        "a WebDAV folder (password: keyring, $MENTOR_TUI_WEBDAV_PASSWORD, or asked)",
    )
    dav.add_argument("url", metavar="URL")
    dav.add_argument("--user", required=True, help="your WebDAV user name")
    _add_encrypt_option(dav)
    add_pair_option(dav)

    join = subcommand(actions, "join", _join, "join the pair your partner published")
    join.add_argument("code", metavar="CODE", help="the invite code your partner sent")
    join.add_argument("--user", default="", help="your WebDAV user name (WebDAV pairs only)")

    status = subcommand(
        actions,
        "status",
        _status,
        "where a pair syncs, when it last did, what waits to be published",
    )
    add_pair_option(status)
    add_json_option(status)
    trust = subcommand(
        actions,
        "trust-key",
        _trust_key,
        "accept your partner's new key, after comparing its fingerprint with them",
    )
    trust.add_argument("fingerprint", metavar="FINGERPRINT", help="as their status shows it")
    add_pair_option(trust)
    rekey = subcommand(
        actions,
        "rekey",
        _rekey,
        "make a new key of yours for a pair (a lost keyring); your partner then accepts it",
    )
    add_pair_option(rekey)
    preview = subcommand(
        actions,
        "preview",
        _preview,
        "exactly what the next sync would publish (records and SUMMARY.md)",
    )
    add_pair_option(preview)
    add_json_option(preview)


def _add_encrypt_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--encrypt",
        action="store_true",
        help="end-to-end encryption: the host sees only ciphertext (both members' keys)",
    )


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise CommandError(
            "no password: no usable keyring and no terminal to ask on; "
            "set MENTOR_TUI_WEBDAV_PASSWORD"
        )
    import getpass

    return getpass.getpass(prompt)


def _progress(stage: str, done: int, total: int) -> None:
    if not sys.stderr.isatty():
        return
    counted = f" {done}/{total}" if total else ""
    sys.stderr.write(f"\r\x1b[K{stage}{counted}")
    sys.stderr.flush()


def _end_progress() -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\r\x1b[K")


def _password(user: str, url: str) -> str:
    from mentor_tui.sync.credentials import get_password
    from mentor_tui.sync.dav_base import host_of

    return get_password(user, host_of(url), _ask)


def _report(result: Any, partner: str) -> int:
    from mentor_tui.sync.wording import sync_lines

    for line in sync_lines(result, partner):  # the Sync screen says the same lines
        print(clean_for_terminal(line))
    for problem in result.problems:
        print(f"mentor: {clean_for_terminal(problem)}", file=sys.stderr)
    return 1 if result.problems else 0


def _partner_now(store: Any, pair_id: str) -> str:
    """The partner's name after a sync, which may have taken it in: a home that joined
    while the partner's records were sealed knew them only as "Your partner"."""
    from mentor_tui.services.pairs import get_pair

    return get_pair(store, pair_id).partner.display_name


def _print_invite(code: str, partner: str) -> None:
    print(f"Invite code for {clean_for_terminal(partner)} (it holds no password):")
    print(f"  {code}")
    print("They run: mentor sync join CODE")


def _setup_git(args: argparse.Namespace) -> int:
    from mentor_tui.sync.service import setup_git

    store = open_store(args)
    view = pair_of(store, args)
    try:
        code, result = setup_git(
            store, home_of(args), view, args.url, _progress, encrypt=args.encrypt
        )
    finally:
        _end_progress()
    _print_invite(code, view.partner.display_name)
    return _report(result, view.partner.display_name)


def _setup_webdav(args: argparse.Namespace) -> int:
    from mentor_tui.sync.service import setup_webdav

    store = open_store(args)
    view = pair_of(store, args)
    password = _password(args.user, args.url)
    try:
        code, result = setup_webdav(
            store,
            home_of(args),
            view,
            args.url,
            args.user,
            password,
            _progress,
            encrypt=args.encrypt,
        )
    finally:
        _end_progress()
    _print_invite(code, view.partner.display_name)
    from mentor_tui.sync.credentials import keyring_usable

    if not keyring_usable():
        print(
            "No usable keyring here: the password was not kept; set "
            "MENTOR_TUI_WEBDAV_PASSWORD or type it at each sync.",
            file=sys.stderr,
        )
    return _report(result, view.partner.display_name)


def _join(args: argparse.Namespace) -> int:
    from mentor_tui.sync.invite import decode_invite
    from mentor_tui.sync.join import join

    store = open_store(args)
    invite = decode_invite(args.code)
    password = (
        _password(args.user, invite["location"])
        if invite["kind"] == "webdav" and args.user
        else None
    )
    try:
        view, result = join(
            store,
            home_of(args),
            args.code,
            user=args.user,
            password=password,
            ask=_ask,
            progress=_progress,
        )
    finally:
        _end_progress()
    print(f"Joined {clean_for_terminal(view.label)} as the {view.my_role}.")
    return _report(result, view.partner.display_name)


def _make_awaited_pairs(args: argparse.Namespace, store: Any) -> None:
    """A program match I accepted before my partner did becomes a pair at my next sync."""
    if not (home_of(args) / "program").is_dir():
        return  # not in a program: nothing imported, nothing read
    from mentor_tui.program.answers import awaited_pairs

    made, problems = awaited_pairs(store, home_of(args), ask=_ask)
    for inv in made:
        name = clean_for_terminal(inv.partner_name)
        print(f"{name} accepted the program's match too: the pair with {name} is made.")
    for problem in problems:
        print(f"mentor: {clean_for_terminal(problem)}", file=sys.stderr)


def _sync(args: argparse.Namespace) -> int:
    """One pair with --pair; without it, every pair whose sync is set up (a mentor with
    several mentees syncs them all), or the only pair."""
    from mentor_tui.errors import MentorError
    from mentor_tui.services.pairs import list_pairs
    from mentor_tui.sync.service import sync
    from mentor_tui.sync.state import configured_pairs

    store = open_store(args)
    views = []
    if getattr(args, "pair", None) is None:
        _make_awaited_pairs(args, store)
        configured = set(configured_pairs(home_of(args)))
        views = [view for view in list_pairs(store) if view.id in configured]
    if not views:
        views = [pair_of(store, args)]
    worst = 0
    for view in views:
        if len(views) > 1:
            print(f"{clean_for_terminal(view.label)}:")
        try:
            result = sync(
                store,
                home_of(args),
                view.id,
                ask=_ask,
                progress=_progress,
                verify=getattr(args, "verify", False),
            )
        except MentorError as problem:
            if len(views) == 1:
                raise
            print(f"mentor: {clean_for_terminal(str(problem))}", file=sys.stderr)
            worst = 1
            continue
        finally:
            _end_progress()
        worst = max(worst, _report(result, _partner_now(store, view.id)))
    # Pairs made in a program publish their program summary after each sync.
    from mentor_tui.program.summaries import publish_after_sync

    for line in publish_after_sync(store, home_of(args), [view.id for view in views]):
        print(f"mentor: {clean_for_terminal(line)}", file=sys.stderr)
    return worst


def _trust_key(args: argparse.Namespace) -> int:
    from mentor_tui.sync.rekey import trust_key

    store = open_store(args)
    view = pair_of(store, args)
    shown = trust_key(home_of(args), view.id, args.fingerprint)
    print(f"{clean_for_terminal(view.partner.display_name)}'s key is now {shown}.")
    print("The next `mentor sync` takes their side again.")
    return 0


def _rekey(args: argparse.Namespace) -> int:
    from mentor_tui.sync.rekey import rekey

    store = open_store(args)
    view = pair_of(store, args)
    try:
        shown, result = rekey(store, home_of(args), view.id, ask=_ask, progress=_progress)
    finally:
        _end_progress()
    partner = clean_for_terminal(view.partner.display_name)
    print(f"Your new key: {shown}")
    print(f"Tell {partner} this fingerprint; they run: mentor sync trust-key {shown}")
    return _report(result, _partner_now(store, view.id))
