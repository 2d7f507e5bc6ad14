"""The git backend: the git command in a private working clone under
<home>/sync/<pair-id>/repo. Only my own folder is committed; fetch, rebase (our paths never
overlap the partner's), push, and retry a rejected push; never force. No prompts, and a
timeout on every call."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

from mentor_tui.sync.canonical import SyncError
from mentor_tui.sync.git_text import (
    REFS_KEPT,
    Found,
    blob_id,
    last_line,
    parse_found,
    symlinks_off,
    verb,
)
from mentor_tui.sync.sandbox import (
    PAIR_LIMIT,
    RECORD_LIMIT,
    Unsafe,
    check_own_folder,
    inside,
    read_regular,
    same_content,
    too_large,
    write_regular,
)

GIT_TIMEOUT_SECONDS = 120.0
PUSH_ATTEMPTS = 4  # the first push and three retries after a rejection
_AUTHOR = ("-c", "commit.gpgsign=false")
# Commits (and the commits a rebase rewrites) carry this name, never the user's own
# git identity (an email address would be shared with the partner), and need none set up.
_IDENTITY = {
    "GIT_AUTHOR_NAME": "mentor-tui",
    "GIT_AUTHOR_EMAIL": "sync@mentor-tui.invalid",
    "GIT_COMMITTER_NAME": "mentor-tui",
    "GIT_COMMITTER_EMAIL": "sync@mentor-tui.invalid",
}


class GitRemote:
    kind = "git"
    # Files every sync reads from the remote's branch (read_remote): looked up with the
    # refs after a fetch, in the same git process.
    expected: tuple[str, ...] = ("FORMAT.json",)

    def __init__(self, repo_dir: Path, url: str, branch: str = "") -> None:
        self.repo = Path(repo_dir).resolve()  # git runs in other folders too
        self.url = url
        self.branch = branch or "main"
        self.env = {
            **os.environ,
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_SSH_COMMAND": "ssh -o BatchMode=yes -o ConnectTimeout=20",
            "LC_ALL": "C",
            "LANG": "C",
            **_IDENTITY,
        }
        # Names looked up since the last command that may move a ref (see REFS_KEPT),
        # and what was made of them (listings, blobs): one sync asks each once.
        self._known: dict[str, Found] = {}
        self.memo: dict[str, object] = {}

    def _forget(self) -> None:
        self._known.clear()
        self.memo.clear()

    # -- running git ---------------------------------------------------------------------
    def _git(
        self,
        *args: str,
        what: str,
        check: bool = True,
        cwd: Path | None = None,
        feed: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        command = ["git", *args] if cwd is not None else ["git", "-C", str(self.repo), *args]
        if verb(args) not in REFS_KEPT:
            self._forget()
        try:
            done = subprocess.run(
                command,
                cwd=cwd,
                env=self.env,
                capture_output=True,
                text=True,
                timeout=GIT_TIMEOUT_SECONDS,
                input=feed,
                stdin=None if feed is not None else subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise SyncError(
                f"git {what} took longer than {GIT_TIMEOUT_SECONDS:.0f} s; "
                "nothing was lost, try again"
            ) from None
        except FileNotFoundError:
            raise SyncError("git is not installed (or not on PATH)") from None
        if check and done.returncode != 0:
            raise SyncError(f"git {what} failed: {last_line(done.stderr, self.url)}")
        return done

    def _lookup(self, *names: str) -> dict[str, Found]:
        """What each name (a ref, `<ref>:<path>`) is, with HEAD and the remote's branch:
        one `cat-file --batch-check` for all those not known yet."""
        wanted = [
            name
            for name in dict.fromkeys((*names, "HEAD", self._remote_ref))
            if name not in self._known
        ]
        if wanted:
            if any("\n" in name for name in wanted):
                raise SyncError("a git object name may not hold a line break")
            feed = "".join(f"{name}\n" for name in wanted)
            lines = self._git("cat-file", "--batch-check", what="cat-file", feed=feed)
            answers = lines.stdout.splitlines()
            if len(answers) != len(wanted):
                raise SyncError("git cat-file gave an answer that could not be read")
            for name, answer in zip(wanted, answers, strict=True):
                self._known[name] = parse_found(answer)
        return {name: self._known[name] for name in names}

    def _oid(self, name: str) -> str:
        """The object id a name resolves to, "" when none."""
        found = self._lookup(name)[name]
        return found[0] if found else ""

    def _has_ref(self, ref: str) -> bool:
        return bool(self._oid(ref))

    @property
    def _remote_ref(self) -> str:
        return f"refs/remotes/origin/{self.branch}"

    # -- the steps -----------------------------------------------------------------------
    def fetch(self) -> bool:
        """Bring the clone up to date with the remote; True when the remote has no commits."""
        self._forget()  # what the last sync looked up
        if not (self.repo / ".git").is_dir():
            self.repo.parent.mkdir(parents=True, exist_ok=True)
            self._git(
                "clone",
                "--quiet",
                "--config",
                "core.symlinks=false",  # a committed link is checked out as a small file
                "--",
                self.url,
                str(self.repo),
                what="clone",
                cwd=self.repo.parent,
            )
            # The remote's default branch, or for an empty remote git's own default (what
            # `git init --bare` there most likely chose too).
            head = self._git("symbolic-ref", "--short", "HEAD", what="symbolic-ref", check=False)
            if head.returncode == 0 and head.stdout.strip():
                self.branch = head.stdout.strip()
            else:
                self._git("symbolic-ref", "HEAD", f"refs/heads/{self.branch}", what="symbolic-ref")
        else:
            # A clone made before links were checked out as files learns it here.
            if not symlinks_off(self.repo / ".git" / "config"):
                self._git("config", "core.symlinks", "false", what="config")
            self._clean()
            self._git("fetch", "--quiet", "--prune", "origin", what="fetch")
        self._lookup(*(f"{self._remote_ref}:{path}" for path in self.expected))
        return not self._has_ref(self._remote_ref)

    def _clean(self) -> None:
        """Whatever a crashed sync left behind: an unfinished rebase, uncommitted files.
        My files are rewritten from the database on every sync, so nothing is lost."""
        git_dir = self.repo / ".git"
        if (git_dir / "rebase-merge").exists() or (git_dir / "rebase-apply").exists():
            self._git("rebase", "--abort", what="rebase --abort", check=False)
        elif not self._writing.exists():
            return  # the last sync ended cleanly: skip two calls that stat every file
        if self._has_ref("HEAD"):
            self._git("reset", "--quiet", "--hard", what="reset")
        self._git("clean", "-fdq", what="clean")
        self._writing.unlink(missing_ok=True)

    @property
    def _writing(self) -> Path:
        """Present while files are written and not yet committed."""
        return self.repo / ".git" / "mentor-tui-writing"

    def read_remote(self, path: str, limit: int = PAIR_LIMIT) -> bytes | None:
        """A file as the remote has it (after fetch), before my commits are replayed: read
        from git's objects, so a link there is only its text; its size checked first."""
        spec = f"{self._remote_ref}:{path}"
        found = self._lookup(spec)[spec]
        if found is None or found[1] != "blob":
            return None
        oid, _kind, size = found
        if size > limit:
            raise too_large(path, limit)
        if isinstance(kept := self.memo.get(f"blob {oid}"), bytes):
            return kept  # FORMAT.json, read twice at setup
        done = subprocess.run(
            ["git", "-C", str(self.repo), "cat-file", "blob", oid],
            env=self.env,
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        if done.returncode != 0:
            return None
        self.memo[f"blob {oid}"] = done.stdout
        return done.stdout

    def settle(self) -> None:
        """Replay my unpushed commits (if any) on top of the remote's."""
        remote, head = self._oid(self._remote_ref), self._oid("HEAD")
        if not remote:
            return
        if not head:
            self._git(
                "checkout", "--quiet", "-B", self.branch, f"origin/{self.branch}", what="checkout"
            )
            return
        if head == remote:
            return  # nothing to replay: the rebase would only say "up to date"
        done = self._git("rebase", "--quiet", f"origin/{self.branch}", what="rebase", check=False)
        if done.returncode != 0:
            self._git("rebase", "--abort", what="rebase --abort", check=False)
            raise SyncError(
                "git rebase failed: someone else changed this member's folder "
                f"on the remote ({last_line(done.stderr, self.url)})"
            )

    def read(self, path: str, limit: int = RECORD_LIMIT) -> bytes | None:
        """A regular file of the working copy, never through a link (sandbox.read_regular)."""
        return read_regular(self.repo, path, limit)

    def read_many(self, paths: list[str], limit: int) -> dict[str, bytes | SyncError | None]:
        """Each file, or why it may not be read (a link, too large): that one waits."""
        found: dict[str, bytes | SyncError | None] = {}
        for path in paths:
            try:
                found[path] = self.read(path, limit)
            except Unsafe as problem:
                found[path] = problem
        return found

    def tree_id(self, folder: str) -> str:
        """The id of a folder's tree at HEAD ("" when there is none): equal ids, equal
        contents, however many files."""
        return self._oid(f"HEAD:{folder}")

    def unpushed(self) -> bool:
        return self._unpushed()

    def differing(self, files: dict[str, bytes]) -> set[str]:
        """Files whose committed content is not the expected content (someone else changed
        or removed them). One `git ls-tree` and git's blob hashes, rather than reading
        10,000 files."""
        if not files or not self._has_ref("HEAD"):
            return set(files)
        folders = sorted({path.rsplit("/", 1)[0] for path in files})
        listing = self._git(
            "ls-tree", "-r", "--full-tree", "HEAD", "--", *folders, what="ls-tree"
        ).stdout
        committed: dict[str, str] = {}
        for line in listing.splitlines():
            meta, _, path = line.partition("\t")
            committed[path] = meta.rsplit(" ", 1)[-1]
        return {path for path, data in files.items() if committed.get(path) != blob_id(data)}

    def publish(
        self,
        files: dict[str, bytes],
        manifest: tuple[str, bytes] | None,
        own_folder: str,
        extra: Iterable[str],
        message: str,
        progress: Callable[[int, int], None],
        *,
        repair: bool = False,
    ) -> int:
        """Write, commit (only when something changed) and push what is unpushed, also
        from an earlier sync whose push failed. Only my own folder is written (and `extra`:
        pair.json and FORMAT.json at setup), never through a link; a folder of mine that
        someone replaced by a link or a file stops the sync before anything is written
        (repair, from --verify: it is removed and written anew). Returns files written."""
        extra = list(extra)
        ordered = [*files.items(), *([manifest] if manifest else [])]
        for path, _data in ordered:
            if not inside(path, (own_folder + "/", *extra)):
                raise Unsafe(f"refusing to write {path}: outside your own folder")
        check_own_folder(self.repo, own_folder, repair=repair)
        written = 0
        for number, (path, data) in enumerate(ordered, 1):
            if not same_content(self.repo, path, data):
                self._writing.touch()
                write_regular(self.repo, path, data)
                written += 1
            if number % 500 == 0 or number == len(ordered):
                progress(number, len(ordered))
        if written or repair:
            self._git("add", "--all", "--", own_folder, *extra, what="add")
            self.commit_staged(message)
            self._writing.unlink(missing_ok=True)
        self._push()
        return written

    def commit_staged(self, message: str) -> None:
        """Commit what is staged, if anything. The commit is tried first (something is
        staged nearly always after a write); only when it fails does `diff --cached` tell
        "nothing staged" (fine) from a real failure."""
        based = self._oid("HEAD") == self._oid(self._remote_ref)
        done = self._git(
            *_AUTHOR, "commit", "--quiet", "--no-verify", "-m", message, what="commit", check=False
        )
        if done.returncode == 0:
            # One commit on top of the remote's branch: unpushed, no rev-list needed.
            self.memo["ahead"] = based
            return
        staged = self._git("diff", "--cached", "--quiet", what="diff", check=False)
        if staged.returncode == 1:
            raise SyncError(f"git commit failed: {last_line(done.stderr, self.url)}")

    def _unpushed(self) -> bool:
        if self.memo.get("ahead"):
            return True
        head, remote = self._oid("HEAD"), self._oid(self._remote_ref)
        if not head:
            return False
        if not remote:
            return True
        if head == remote:
            return False
        count = self._git("rev-list", "--count", f"origin/{self.branch}..HEAD", what="rev-list")
        return count.stdout.strip() != "0"

    def _push(self) -> None:
        for attempt in range(PUSH_ATTEMPTS):
            if not self._unpushed():
                return
            done = self._git(
                "push",
                "--quiet",
                "origin",
                f"HEAD:refs/heads/{self.branch}",
                what="push",
                check=False,
            )
            if done.returncode == 0:
                return  # push also moved origin/<branch>
            rejected = re.search(r"rejected|non-fast-forward|fetch first", done.stderr)
            if not rejected or attempt == PUSH_ATTEMPTS - 1:
                raise SyncError(
                    f"git push failed: {last_line(done.stderr, self.url)}; "
                    "your changes stay committed locally and go with the next sync"
                )
            # The partner pushed meanwhile: take their commits and replay mine on top.
            self._git("fetch", "--quiet", "--prune", "origin", what="fetch")
            self.settle()
