"""The program's shared place, git or WebDAV, read as the coordinator needs it: only the
program's own files, never a pair's records.

git: a partial clone (`--filter=blob:none`, so no file's content comes down until it is
checked out) with a non-cone sparse checkout of the program's paths; a listing is one
`git ls-tree` (blob ids tell what changed). WebDAV: PROPFIND listings (ETag and length
tell what changed) and GETs of the program's files only, concurrently."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from mentor_tui.program import layout
from mentor_tui.program.state import ProgramState, program_dir
from mentor_tui.sync import credentials
from mentor_tui.sync.canonical import SyncError, check_uuid
from mentor_tui.sync.dav_base import StatusError, host_of, run_bounded
from mentor_tui.sync.git import GitRemote
from mentor_tui.sync.sandbox import (
    LISTING_LIMIT,
    Unsafe,
    read_capped,
    same_content,
    write_regular,
)
from mentor_tui.sync.webdav import WebDavRemote

SPARSE = ("/PROGRAM.json", "/FORMAT.json", "/participants/", "/matches/", f"/{layout.SUMMARIES}/")
LINK = "link"  # a listing's tag for a path that is a symbolic link: never read
# What was read (None: gone; or what `prepare` made of the bytes), and the file's new tag.
Read = tuple[Any, str]
Prepare = Callable[[str, bytes], Any]


# What git says when the server does not honour --filter: it then sends every blob.
FILTER_IGNORED = "filtering not recognized by server"


def allow_filters_here(location: str) -> None:
    """A repository on a local path (or a mounted share) is the coordinator's to configure:
    let it serve partial clones, which git's own server refuses by default."""
    if location.startswith("/") and Path(location).is_dir():
        subprocess.run(
            ["git", "-C", location, "config", "uploadpack.allowFilter", "true"],
            capture_output=True, timeout=30, stdin=subprocess.DEVNULL, check=False,
        )  # fmt: skip


class ProgramGit(GitRemote):
    """A GitRemote whose clone holds the program's files only."""

    expected = ()  # a partial clone: looking up a file's size would download it

    def _git(
        self,
        *args: str,
        what: str,
        check: bool = True,
        cwd: Path | None = None,
        feed: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        done = super()._git(*args, what=what, check=check, cwd=cwd, feed=feed)
        if FILTER_IGNORED in done.stderr:
            # The server sent every pair's records: they must not stay on this machine.
            shutil.rmtree(self.repo, ignore_errors=True)
            raise SyncError(
                "the git server ignores partial clones, so refreshing would download every "
                "pair's records; allow them there (`git config uploadpack.allowFilter true` "
                "in the repository; GitHub and GitLab allow them) and refresh again"
            )
        return done

    def fetch(self) -> bool:
        if (self.repo / ".git").is_dir():
            empty = super().fetch()
            self._keep_sparse()
        else:
            self.repo.parent.mkdir(parents=True, exist_ok=True)
            url = self.url
            if url.startswith("/"):  # a local path: file:// so that the filter applies
                url = "file://" + url
            self._git(
                "clone",
                "--quiet",
                "--filter=blob:none",
                "--no-checkout",
                "--config",
                "core.symlinks=false",
                "--config",
                "core.sparseCheckout=true",
                "--",
                url,
                str(self.repo),
                what="clone",
                cwd=self.repo.parent,
            )
            (self.repo / ".git" / "info").mkdir(exist_ok=True)
            (self.repo / ".git" / "info" / "sparse-checkout").write_text("\n".join(SPARSE) + "\n")
            head = self._git("symbolic-ref", "--short", "HEAD", what="symbolic-ref", check=False)
            if head.returncode == 0 and head.stdout.strip():
                self.branch = head.stdout.strip()
            empty = not self._has_ref(self._remote_ref)
            if not empty and self._has_ref("HEAD"):
                self._git("read-tree", "-mu", "HEAD", what="checkout")
            elif empty:
                self._git("symbolic-ref", "HEAD", f"refs/heads/{self.branch}", what="symbolic-ref")
        self.settle()
        return empty

    def _keep_sparse(self) -> None:
        """A clone made by an earlier release learns this one's patterns (the summaries
        moved to a tree of their own): git refuses to add a file outside them."""
        patterns = self.repo / ".git" / "info" / "sparse-checkout"
        wanted = "\n".join(SPARSE) + "\n"
        try:
            if patterns.read_text() == wanted:
                return
        except OSError:
            pass
        patterns.parent.mkdir(exist_ok=True)
        patterns.write_text(wanted)
        if self._has_ref("HEAD"):
            self._git("read-tree", "-mu", "HEAD", what="checkout")

    def head(self) -> str:
        return self._oid("HEAD")

    def listing(self) -> dict[str, str]:
        """Path -> blob id of every program file (links tagged LINK): one ls-tree, kept
        until a command may move HEAD (a refresh and its proposals list it once)."""
        if not self.head():
            return {}
        kept = self.memo.get("listing")
        if isinstance(kept, dict):
            return dict(kept)
        out = self._git(
            "ls-tree", "-r", "--full-tree", "HEAD", "--", "PROGRAM.json", "participants",
            "matches", layout.SUMMARIES, what="ls-tree",
        ).stdout  # fmt: skip
        found: dict[str, str] = {}
        for line in out.splitlines():
            meta, _, path = line.partition("\t")
            if layout.classify(path) is None:
                continue
            mode, _kind, blob = meta.split(" ")
            found[path] = LINK if mode == "120000" else blob
        self.memo["listing"] = dict(found)
        return found

    def list_matches(self) -> list[str]:
        return sorted(p for p in self.listing() if p.startswith("matches/"))

    def read_tagged(self, paths: list[str], prepare: Prepare | None = None) -> dict[str, Read]:
        """Each file (or why not), through `prepare` when given."""
        found = self.read_many(paths, layout.FILE_LIMIT)
        return {
            path: (prepare(path, data) if prepare and isinstance(data, bytes) else data, "")
            for path, data in found.items()
        }

    def write(self, files: dict[str, bytes], message: str) -> int:
        """Write (never through a link), commit what changed, push (retrying a rejected
        push on top of the others' commits, never forcing). Returns files written."""
        written = 0
        for path, data in sorted(files.items()):
            if not same_content(self.repo, path, data):
                self._writing.touch()
                write_regular(self.repo, path, data)
                written += 1
        if written:
            # Out of the index first: a path someone committed as a link (checked out here
            # as a small file, core.symlinks=false) would otherwise stay a link.
            self._git("rm", "--cached", "--quiet", "--ignore-unmatch", "--", *files, what="rm")
            self._git("add", "--all", "--", *sorted(files), what="add")
            self.commit_staged(message)
            self._writing.unlink(missing_ok=True)
        self._push()
        return written


class ProgramDav(WebDavRemote):
    """A WebDavRemote that lists folders with their ETags and reads only what changed."""

    writer = ""  # my person id: my change marker is rewritten after each write of mine
    pending: Path | None = None  # exists from my files' upload until my marker says so

    def _propfind(self, folder: str, depth: str) -> dict[str, str] | None:
        body = (
            b'<?xml version="1.0" encoding="utf-8"?><propfind xmlns="DAV:"><prop>'
            b"<getcontentlength/><getetag/><resourcetype/></prop></propfind>"
        )
        code, data = self._fetch(
            "PROPFIND",
            folder,
            ok=(207, 403, 404),
            what=f"listing {folder}",
            limit=LISTING_LIMIT,
            content=body,
            headers={"Depth": depth, "Content-Type": "application/xml"},
        )
        if code == 404:
            return {}
        if code == 403:
            return None  # Depth: infinity refused: walked one level at a time instead
        try:
            root = ET.fromstring(data)
        except ET.ParseError:
            raise SyncError(
                f"the WebDAV server sent a listing of {folder} that is not XML"
            ) from None
        base = urlsplit(self.base).path
        found: dict[str, str] = {}
        for item in root.iter("{DAV:}response"):
            href = unquote(urlsplit(item.findtext("{DAV:}href") or "").path)
            if not href.startswith(base):
                continue
            path = href[len(base) :]
            if next(item.iter("{DAV:}collection"), None) is not None:
                found[path.rstrip("/") + "/"] = "dir"
                continue
            etag = (item.findtext(".//{DAV:}getetag") or "").strip()
            length = (item.findtext(".//{DAV:}getcontentlength") or "").strip()
            found[path] = f"{etag}:{length}"
        return found

    def _walk(self, folder: str) -> dict[str, str]:
        found = self._propfind(folder, "infinity")
        if found is not None:
            return found
        found, level, seen = {}, [folder], {folder}
        while level:  # refused: a level at a time, each level's folders concurrently
            listings = run_bounded(lambda path: self._propfind(path, "1") or {}, level)
            for listing in listings:
                found.update(listing)
            below = {p for listing in listings for p, tag in listing.items() if tag == "dir"}
            level = sorted(p for p in below - seen if p.startswith(folder))
            seen.update(level)
        return found

    def listing(self) -> dict[str, str]:
        """Path -> "etag:length" of the program's files: the top (Depth 1), and
        participants/, matches/ and summaries/ (Depth infinity each, or walked a level at a
        time where refused), the three at once; pairs/, the records, is never listed."""
        return self.list_some(["participants/", "matches/", f"{layout.SUMMARIES}/"])

    def list_some(self, folders: list[str]) -> dict[str, str]:
        """The program's files under `folders` (each walked to its depth; a path without a
        trailing slash is one file, listed alone: Depth 0), concurrently, and PROGRAM.json
        from the top (Depth 1)."""

        def one(path: str) -> dict[str, str]:
            if path.endswith("/"):
                return self._walk(path)
            found = self._propfind(path, "0")
            if found is None:  # refused: its folder (Depth 1), never taken as gone
                folder = path.rpartition("/")[0] + "/"
                found = {p: t for p, t in (self._walk(folder)).items() if p == path}
            return found

        found: dict[str, str] = {}
        for listed in run_bounded(one, folders):
            found.update(listed)
        top = self._propfind("", "1") or {}
        if layout.PROGRAM_PATH in top:
            found[layout.PROGRAM_PATH] = top[layout.PROGRAM_PATH]
        return {p: t for p, t in found.items() if t != "dir" and layout.classify(p)}

    def list_one(self, folder: str) -> dict[str, str]:
        """The program's files in one flat folder (Depth 1)."""
        found = self._propfind(folder, "1") or {}
        return {p: t for p, t in found.items() if t != "dir" and layout.classify(p)}

    def markers(self) -> dict[str, str]:
        """Person id -> "etag:length" of each change marker (changes/, Depth 1)."""
        found = self._propfind(f"{layout.CHANGES}/", "1") or {}
        marks: dict[str, str] = {}
        for path, tag in found.items():
            name = path.removeprefix(f"{layout.CHANGES}/").removesuffix(".json")
            if tag != "dir" and path.endswith(".json") and "/" not in name:
                try:
                    marks[check_uuid(name, "person id")] = tag
                except SyncError:
                    continue
        return marks

    def list_matches(self) -> list[str]:
        found = self._propfind("matches/", "1") or {}
        return sorted(p for p, tag in found.items() if tag != "dir" and layout.classify(p))

    def read_tagged(self, paths: list[str], prepare: Prepare | None = None) -> dict[str, Read]:
        """Each file with its new tag ("etag:length"), or why not; concurrently, each file
        through `prepare` (when given) in the thread that read it."""

        def one(path: str) -> Read:
            try:
                with (
                    self._errors(f"reading {path}"),
                    self.client.stream("GET", self.url(path)) as response,
                ):
                    code = response.status_code
                    if code not in (200, 404):
                        raise StatusError(code, f"reading {path}")
                    if code == 404:
                        return None, ""
                    body = read_capped(response.iter_bytes(), path, layout.FILE_LIMIT)
                    tag = f"{response.headers.get('etag', '')}:{len(body)}"
                return (prepare(path, body) if prepare else body), tag
            except Unsafe as problem:
                return problem, ""
            except StatusError as problem:
                if problem.code in (403, 409):
                    return problem, ""
                raise

        return dict(zip(paths, run_bounded(one, paths), strict=True))

    def write(self, files: dict[str, bytes], message: str) -> int:
        """Upload what differs, concurrently, then check the server kept each one. Returns
        files written. Each file is read and compared whole: a person writes a handful, and
        a summary whose figures changed often keeps its length (a size check missed it)."""
        del message  # git's concern
        paths = sorted(files)
        same = run_bounded(lambda path: self._matches(path, files[path]), paths)
        changed = [path for path, kept in zip(paths, same, strict=True) if not kept]
        if changed and self.writer and self.pending is not None:
            # Until the marker is rewritten: a failed marker upload is retried next time,
            # even when nothing else changed by then.
            self.pending.parent.mkdir(parents=True, exist_ok=True)
            self.pending.touch()
        run_bounded(lambda path: self._put(path, files[path]), changed)
        kept = run_bounded(lambda path: self._matches(path, files[path]), changed)
        lost = [path for path, ok in zip(changed, kept, strict=True) if not ok]
        if lost:
            raise SyncError(f"the WebDAV server did not keep {lost[0]} as uploaded; try again")
        owed = self.pending is not None and self.pending.exists()
        if self.writer and (changed or owed):
            self._mark()
            if self.pending is not None:
                self.pending.unlink(missing_ok=True)
        return len(changed)

    def _mark(self) -> None:
        """Rewrite my change marker, after my files (the coordinator lists the markers
        first, so a marker never says more than the files already hold)."""
        path = layout.marker_path(self.writer)
        try:
            previous = self.read(path, layout.FILE_LIMIT)
        except (Unsafe, StatusError):
            previous = None
        self._put(path, layout.marker_bytes(previous))


ProgramRemote = ProgramGit | ProgramDav


def open_program_remote(
    home: Path, state: ProgramState, password: str | None, ask: credentials.Ask | None
) -> ProgramRemote:
    if state.kind == "git":
        return ProgramGit(
            program_dir(home, state.program_id) / "repo", state.location, state.branch
        )
    if password is None:
        password = credentials.get_password(state.user, host_of(state.location), ask)
    remote = ProgramDav(state.location, state.user, password)
    remote.writer = state.person_id
    remote.pending = program_dir(home, state.program_id) / "marker-pending"
    return remote


def close(remote: ProgramRemote) -> None:
    if isinstance(remote, WebDavRemote):
        remote.close()
