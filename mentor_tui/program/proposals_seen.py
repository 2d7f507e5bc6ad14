"""The proposals (matches/) a participant has read, kept on this machine
(<program-dir>/proposals.json: each file's tag, and its verified body when it names me),
so `mentor program invitations` reads only what is new or changed since the last look.

WebDAV: the coordinator's change marker first (one listing of changes/): unmoved, the
proposals are as they were and nothing else is listed or read; moved (or no marker), one
Depth 1 listing of matches/ with each file's ETag:length, and GETs of the files whose tag
differs only. git: the blob ids of one ls-tree (the clone is local; the signatures of the
files unchanged are not checked again). A file that could not be read or verified is not
remembered: it is read again (and refused again, one line) until it is mended."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mentor_tui.program.remote import ProgramDav, ProgramRemote
from mentor_tui.program.state import ProgramState, program_dir, read_json, write_private
from mentor_tui.sync.canonical import SyncError, canonical_bytes

VERSION = 1
# A proposal's bytes and path -> its verified body (answers.parse_match, bound to the key).
Parse = Callable[[bytes, str], dict[str, Any]]


def _path(home: Path, state: ProgramState) -> Path:
    return program_dir(home, state.program_id) / "proposals.json"


def _load(home: Path, state: ProgramState) -> dict[str, Any]:
    raw = read_json(_path(home, state))
    if (
        isinstance(raw, dict)
        and raw.get("v") == VERSION
        and raw.get("coordinator_fp") == state.coordinator_fp  # verified with that key
        and isinstance(raw.get("files"), dict)
    ):
        return raw
    return {"files": {}}


def _mine(files: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        path: entry["body"]
        for path, entry in sorted(files.items())
        if isinstance(entry, dict) and isinstance(entry.get("body"), dict)
    }


def proposals_for_me(
    home: Path, remote: ProgramRemote, state: ProgramState, parse: Parse
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Path -> verified body of every proposal naming me (by path), and one line for each
    file that could not be taken."""
    seen = _load(home, state)
    files: dict[str, Any] = seen["files"]
    marker = ""
    if isinstance(remote, ProgramDav):
        # First: a marker that moves after this listing is seen at the next look.
        marker = remote.markers().get(state.coordinator_id, "")
        if marker and seen.get("marker") == marker and not seen.get("problems"):
            return _mine(files), []
        listing = remote.list_one("matches/")
    else:
        listing = {p: t for p, t in remote.listing().items() if p.startswith("matches/")}
    files = {p: e for p, e in files.items() if p in listing and isinstance(e, dict)}
    wanted = [p for p, tag in sorted(listing.items()) if files.get(p, {}).get("tag") != tag]
    problems: list[str] = []
    for path, (data, _tag) in remote.read_tagged(wanted).items():
        files.pop(path, None)
        if data is None:
            continue  # gone since the listing
        try:
            if not isinstance(data, bytes):
                raise SyncError(str(data))  # a link, too large, refused by the server
            body = parse(data, path)
        except SyncError as problem:
            problems.append(str(problem))
            continue
        named = state.person_id in (body["mentor_id"], body["mentee_id"])
        # The listing's tag, not the read's: the next listing is compared with it.
        files[path] = {"tag": listing[path], "body": body if named else None}
    record = {
        "v": VERSION,
        "coordinator_fp": state.coordinator_fp,
        "marker": marker,
        "files": files,
        "problems": len(problems),
    }
    write_private(_path(home, state), canonical_bytes(record))
    return _mine(files), problems
