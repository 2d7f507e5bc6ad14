"""The coordinator's roll-up: PROGRAM.json, the participant files (enrolment, intake,
answers), matches and every member's summary (summaries/), never a pair's records. What was
read is remembered (cache.json: each path's blob id or ETag:length and its verified body),
so a refresh reads only what changed; the view is kept as view.json so the screens open
without the network (load_view)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from mentor_tui.errors import MentorError
from mentor_tui.models.types import to_utc_text
from mentor_tui.program import layout, participants
from mentor_tui.program.remote import LINK, ProgramDav, ProgramGit
from mentor_tui.program.service import (
    Ask,
    Program,
    Progress,
    my_key,
    opened,
    parse_program,
    pick,
    quiet,
)
from mentor_tui.program.state import (
    ProgramState,
    program_dir,
    read_json,
    save_state,
    write_private,
)
from mentor_tui.program.view_cache import dumps as dumps
from mentor_tui.program.view_cache import load_view as load_view
from mentor_tui.program.view_cache import view_from_json as view_from_json
from mentor_tui.program.view_cache import view_path
from mentor_tui.program.view_cache import view_to_json as view_to_json
from mentor_tui.services.program_summary import check_summary
from mentor_tui.services.program_types import (
    CoordinatorView,
    IntakeAnswers,
    MemberSummary,
    ProgramPair,
)
from mentor_tui.sync.canonical import SyncError, canonical_bytes, is_uuid
from mentor_tui.sync.keys import KeyPair, PublicKey

CACHE_VERSION = 2  # 2: one participant file per member


def _cache_path(home: Path, program_id: str) -> Path:
    return program_dir(home, program_id) / "cache.json"


def refresh(
    home: Path,
    *,
    program_id: str | None = None,
    ask: Ask | None = None,
    progress: Progress = quiet,
    now: str = "",
) -> tuple[CoordinatorView, list[str]]:
    """Read what changed in the shared place; the view and one line per refused file."""
    state = pick(home, program_id)
    if state.role != "coordinator":
        raise SyncError("the roll-up is the coordinator's")
    raw = read_json(_cache_path(home, state.program_id))
    cache: dict[str, Any] = raw if isinstance(raw, dict) and raw.get("v") == CACHE_VERSION else {}
    files: dict[str, dict[str, Any]] = cache.get("files", {}) if cache else {}
    problems: list[str] = []
    key = my_key(state)
    progress("contacting the shared place", 0, 0)
    with opened(home, state, None, ask) as remote:
        head = remote.head() if isinstance(remote, ProgramGit) else ""
        view = load_view(home, state.program_id)
        if head and head == cache.get("head") and view is not None:
            return view, list(cache.get("problems", []))  # nothing new: one fetch, no reads
        markers: dict[str, str] = {}
        listed_at = str(cache.get("listed_at", ""))  # the last full WebDAV listing
        if isinstance(remote, ProgramDav):
            markers = remote.markers()  # first: a marker moved after this is seen next time
            known = cache.get("markers")
            # Markers are only hints (anyone with the folder's login can leave one stale):
            # a full listing at least once a day bounds what a stale one can hide.
            fresh = _within_a_day(cache.get("listed_at"), now or to_utc_text_now())
            if (
                isinstance(known, dict)
                and isinstance(cache.get("listing"), dict)
                and view
                and fresh
            ):
                listing = _since(remote, state, cache, files, known, markers)
            else:
                listing = remote.listing()
                listed_at = now or to_utc_text_now()
        else:
            listing = remote.listing()  # summaries included: they have a tree of their own
        changed = [p for p, tag in listing.items() if files.get(p, {}).get("tag") != tag]
        same_marks = not isinstance(remote, ProgramDav) or cache.get("markers") == markers
        if not changed and view is not None and all(p in listing for p in files) and same_marks:
            return view, list(cache.get("problems", []))  # nothing new: listings only
        progress("reading what changed", 0, len(changed))
        reader = _Reader(state, key, files, problems)
        reader.take(remote.read_tagged(changed, reader.prepare), listing)
        for path in [p for p in files if p not in listing]:
            del files[path]  # gone from the shared place
    from mentor_tui.program.cycles import with_last_cycle

    view = with_last_cycle(home, reader.view(now or to_utc_text_now()))
    problems = problems[:200]
    new_cache = {"v": CACHE_VERSION, "head": head, "files": files, "problems": problems}
    if isinstance(remote, ProgramDav):  # what the markers' next refresh starts from
        new_cache.update(markers=markers, listing=listing, listed_at=listed_at)
    write_private(_cache_path(home, state.program_id), canonical_bytes(new_cache))
    write_private(view_path(home, state.program_id), canonical_bytes(view_to_json(view)))
    state.last_refresh_at = view.refreshed_at
    save_state(home, state)
    return view, problems


def _since(
    remote: ProgramDav,
    state: ProgramState,
    cache: dict[str, Any],
    files: dict[str, Any],
    known: dict[str, str],
    markers: dict[str, str],
) -> dict[str, str]:
    """The listing from the last one, re-listing only where a change marker moved: that
    person's participants/<id>.json and the summaries/ folders of their pairs (the coordinator's
    marker: matches/, and the folders of new pairs). Only a hint of where to look: every
    file read is verified as on a full listing, so a forged marker gains nothing."""
    moved = {p for p in known.keys() | markers.keys() if known.get(p) != markers.get(p)}
    listing: dict[str, str] = dict(cache["listing"])
    folders: set[str] = set()
    if state.person_id in moved:
        found = remote.list_one("matches/")
        listing = {p: t for p, t in listing.items() if not p.startswith("matches/")}
        folders.update(_pair_folder(p) for p, tag in found.items() if listing.get(p) != tag)
        listing.update(found)
    for person in moved:
        folders.add(layout.participant_path(person))  # a file: listed alone (Depth 0)
    for path, entry in files.items():
        body = entry.get("body", {})
        if path.startswith("matches/") and moved & {body.get("mentor_id"), body.get("mentee_id")}:
            folders.add(_pair_folder(path))
    scopes = (*sorted(folders), layout.PROGRAM_PATH)
    listing = {p: t for p, t in listing.items() if not p.startswith(scopes)}
    listing.update(remote.list_some(sorted(folders)))
    return listing


def _within_a_day(then: object, now: str) -> bool:
    from datetime import datetime, timedelta

    try:
        since = datetime.fromisoformat(now) - datetime.fromisoformat(str(then))
    except ValueError:
        return False
    return timedelta(0) <= since < timedelta(days=1)


def _pair_folder(match: str) -> str:
    """summaries/<pair-id>/ for matches/<pair-id>.json (the id checked by classify)."""
    _kind, ids = layout.classify(match) or ("", ("",))
    return f"{layout.SUMMARIES}/{ids[0]}/"


def to_utc_text_now() -> str:
    from datetime import UTC, datetime

    return to_utc_text(datetime.now(UTC))


@dataclass(frozen=True)
class _Checked:
    """A file checked as far as it can be alone: its body, its refused parts, and for a
    participant file the fingerprint of its enrolment's key (not yet compared with the
    pinned one)."""

    body: dict[str, Any]
    problems: tuple[str, ...] = ()
    key: str = ""


class _Reader:
    """Verifies what was read against the pinned keys, into the cache's bodies."""

    def __init__(
        self, state: ProgramState, key: KeyPair, files: dict[str, Any], problems: list[str]
    ) -> None:
        self.state, self.key, self.files, self.problems = state, key, files, problems
        self.program: Program | None = None
        # Each member writes several files: their key and box are made once per refresh.
        self._keys: dict[str, tuple[Any, PublicKey | None]] = {}
        self._boxes: dict[str, bytes] = {}

    def _public(self, person: str) -> PublicKey | None:
        enrol = self._member(person).get("enrol")
        known = self._keys.get(person)
        if known is not None and known[0] is enrol:  # the very enrolment read before
            return known[1]
        key = self._load_public(person, enrol)
        self._keys[person] = (enrol, key)
        return key

    def _member(self, person: str) -> dict[str, Any]:
        """What was taken from a member's participant file: enrol, intake, answers."""
        body = self.files.get(layout.participant_path(person), {}).get("body")
        return body if isinstance(body, dict) else {}

    def _box(self, writer: PublicKey) -> bytes:
        if writer.fingerprint not in self._boxes:
            self._boxes[writer.fingerprint] = self.key.pair_key(writer, self.state.program_id)
        return self._boxes[writer.fingerprint]

    def _load_public(self, person: str, enrol: Any) -> PublicKey | None:
        try:
            key: PublicKey | None = (
                PublicKey.from_json(enrol.get("key")) if isinstance(enrol, dict) else None
            )
        except ValueError:
            return None
        return key if key and self.state.pinned.get(person) == key.fingerprint else None

    def take(self, found: dict[str, Any], listing: dict[str, str]) -> None:
        order = {"program": 0, "participant": 1, "match": 2}
        paths = sorted(found, key=lambda p: order.get((layout.classify(p) or ("",))[0], 3))
        for path in paths:
            data, tag = found[path]
            tag = listing.get(path) or tag
            if data is None:
                self.files.pop(path, None)
                continue
            refused = len(self.problems)
            try:
                if tag == LINK:
                    raise SyncError(f"{path} on the remote is a link; it is not followed")
                if isinstance(data, bytes):
                    data = self.prepare(path, data)  # not done while reading
                if isinstance(data, SyncError):
                    raise data
                body = self._accept(path, data) if isinstance(data, _Checked) else None
                body = self._verify(path, data) if body is None else body
            except (SyncError, MentorError) as problem:
                self.problems.append(str(problem))
                self.files.pop(path, None)
                continue
            # A file taken with a part refused is read again next time (no tag kept), as a
            # refused file is: its refusal is said on every refresh until it is mended.
            self.files[path] = {"tag": tag if len(self.problems) == refused else "", "body": body}

    def _verify(self, path: str, data: bytes) -> dict[str, Any]:
        kind, ids = layout.classify(path) or ("", ())
        if kind == "program":
            program = parse_program(data, self.state)
            return {"name": program.name, "cycle": program.cycle, "ends": program.cycle_ends_on,
                    "cadence": program.cadence, "weeks": program.length_weeks}  # fmt: skip
        if kind != "summary":
            raise SyncError(f"{path} is not a program file")
        person = ids[1]  # anyone may write into summaries/: only a pair's members count
        match = self.files.get(layout.match_path(ids[0]), {}).get("body", {})
        if person not in (match.get("mentor_id"), match.get("mentee_id")):
            raise SyncError(f"{path}: not a member of a pair of this program; refused")
        writer = self._public(person)
        if writer is None:
            raise SyncError(f"{path}: its writer is not enrolled (no pinned key); refused")
        opened = layout.open_envelope(data, kind, path)
        box = self._box(writer) if opened.sealed else None
        body = layout.verify(opened, writer, path, box)
        if body.get("member_id") != person or body.get("pair_id") != ids[0]:
            raise SyncError(f"{path} speaks for someone else; refused")
        if not body.get("withdrawn"):
            body["figures"] = check_summary(body.get("figures"))
        return body

    def prepare(self, path: str, data: bytes) -> bytes | SyncError | _Checked:
        """What can be checked of a file alone, run in the reading threads so that it
        overlaps the server's work: a proposal against my key, a participant file against
        the key its enrolment carries. Changes nothing shared (pinning is take's); what
        needs other files (a summary: the proposal, the pinned key) waits for take."""
        kind, ids = layout.classify(path) or ("", ())
        try:
            if kind == "participant":
                return self._participant(path, data)
            if kind == "match":
                body = layout.verify(
                    layout.open_envelope(data, "match", path), self.key.public, path
                )
                if body.get("pair_id") != ids[0]:
                    raise SyncError(f"{path} is damaged (ids)")
                return _Checked(body)
        except SyncError as problem:
            return problem
        return data

    def _accept(self, path: str, checked: _Checked) -> dict[str, Any]:
        """A prepared file, once its enrolment's key is the one pinned (at first sight)."""
        if checked.key:
            person = checked.body["enrol"]["person_id"]
            if self.state.pinned.setdefault(person, checked.key) != checked.key:
                raise SyncError(f"{path} is signed by a new key, not the one pinned; refused")
        self.problems.extend(checked.problems)
        return checked.body

    def _participant(self, path: str, data: bytes) -> _Checked:
        """A member's file: the enrolment first (without it nothing of the file is taken),
        then each part on its own against the enrolment's key, a refused part said in one
        line and the rest taken."""
        parts = participants.from_bytes(data, path)
        enrol, key = participants.enrolment(parts, self.state.program_id)
        taken: dict[str, Any] = {"enrol": enrol, "intake": None, "answers": {}}
        problems: list[str] = []
        try:
            sealed = parts.intake is not None and "sealed" in parts.intake
            box = self.key.pair_key(key, self.state.program_id) if sealed else None
            taken["intake"] = participants.intake(parts, key, box)
        except SyncError as problem:
            problems.append(str(problem))
        for pair_id in sorted(parts.answers):
            try:
                taken["answers"][pair_id] = participants.answer(parts, pair_id, key)
            except SyncError as problem:
                problems.append(str(problem))
        return _Checked(taken, tuple(problems), key.fingerprint)

    def _of(self, kind: str) -> dict[str, dict[str, Any]]:
        return {
            p: v["body"] for p, v in self.files.items() if (layout.classify(p) or ("",))[0] == kind
        }

    def _pairs(self) -> list[ProgramPair]:
        weeks = self.files.get(layout.PROGRAM_PATH, {}).get("body", {}).get("weeks", 26)
        found = []
        for body in self._of("match").values():
            pid, mentor, mentee = body["pair_id"], body.get("mentor_id"), body.get("mentee_id")
            said = {
                person: self._member(person).get("answers", {}).get(pid)
                for person in (mentor, mentee)
                if isinstance(person, str) and is_uuid(person) and self._member(person)
            }
            accepted = tuple(p for p, a in said.items() if a and a.get("answer") == "accept")
            declined = tuple(p for p, a in said.items() if a and a.get("answer") == "decline")
            days = sorted(str(a.get("answered_on", "")) for a in said.values() if a)
            starts = days[-1] if len(accepted) == 2 and days else ""
            end = ""
            try:
                if starts:
                    end = (date.fromisoformat(starts) + timedelta(weeks=int(weeks))).isoformat()
            except (ValueError, TypeError):
                starts = ""
            found.append(
                ProgramPair(
                    pid, str(mentor), str(mentee), str(body.get("cohort", ""))[:60],
                    str(body.get("proposed_at", ""))[:32], starts, end, accepted, declined,
                    str(body.get("previous_pair_id", "")),
                )
            )  # fmt: skip
        return sorted(found, key=lambda p: (p.proposed_at, p.pair_id))

    def view(self, now: str) -> CoordinatorView:
        parse_intake = _intake_parser()
        program = self.files.get(layout.PROGRAM_PATH, {}).get("body", {})
        members = [b for b in self._of("participant").values() if not b["enrol"].get("withdrawn")]
        answered: dict[str, IntakeAnswers] = {}
        without: dict[str, str] = {}
        for taken in members:
            body, intake = taken["enrol"], taken.get("intake")
            person, name = body["person_id"], str(body.get("name", ""))[:200]
            if parse_intake and isinstance(intake, dict) and not intake.get("withdrawn"):
                try:
                    answered[person] = parse_intake(intake.get("answers", {}), person, name)
                    continue
                except MentorError as problem:
                    self.problems.append(f"{layout.intake_part(person)}: {problem}")
            without[person] = name
        pairs = self._pairs()
        summaries: dict[tuple[str, str], MemberSummary] = {}
        for path, body in self._of("summary").items():
            if body.get("withdrawn"):
                continue
            _kind, (pair_id, member) = layout.classify(path) or ("", ("", ""))
            summaries[(pair_id, member)] = MemberSummary(
                self.state.program_id, pair_id, member,
                "mentor" if body.get("role") == "mentor" else "mentee",
                str(body.get("as_of", ""))[:32], body["figures"],
            )  # fmt: skip
        return CoordinatorView(
            self.state.program_id, str(program.get("name", self.state.name)),
            str(program.get("cycle", "")), str(program.get("ends", "")),
            answered, without, pairs, summaries, refreshed_at=now,
        )  # fmt: skip


def _intake_parser() -> Any:
    """services/intake.parse_intake (the rules ship beside this); None without it."""
    import importlib

    try:
        return importlib.import_module("mentor_tui.services.intake").parse_intake
    except (ImportError, AttributeError):
        return None
