"""The WebDAV backend: httpx with basic auth and a timeout on every request.

Records travel in packs (sync/packs.py: one request per pack, not per record). Files are
uploaded first, WORKERS at a time over one pool of kept-alive connections,
then checked with one PROPFIND listing per folder: every file must be there with the size
that was sent (ETags prove nothing: wsgidav's change only with the file's mtime in seconds
or its size; reading each file back cost one GET per record). Then the manifest is
uploaded beside its final name, read back, and MOVEd over it, so a reader never sees half
a manifest; then packs it no longer names are deleted. FORMAT.json and pair.json
are created with If-None-Match: * so two people setting up one folder cannot overwrite
each other. Error messages never carry the password (or any URL user info)."""

from __future__ import annotations

import contextlib
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping
from urllib.parse import quote, unquote, urlsplit

import httpx

from mentor_tui.sync.canonical import SyncError
from mentor_tui.sync.dav_base import WORKERS, StatusError, run_bounded, tls_context
from mentor_tui.sync.dav_base import host_of as host_of  # the screens' import
from mentor_tui.sync.sandbox import (
    LISTING_LIMIT,
    PAIR_LIMIT,
    RECORD_LIMIT,
    Unsafe,
    inside,
    read_capped,
)

TIMEOUT_SECONDS = 30.0


class WebDavRemote:
    kind = "webdav"

    def __init__(
        self, url: str, user: str, password: str, transport: httpx.BaseTransport | None = None
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SyncError("a WebDAV URL starts with https:// (or http://) and names a host")
        # The user info never stays in the URL: it would end up in messages.
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        self.base = f"{parts.scheme}://{netloc}{parts.path.rstrip('/')}/"
        self.where = f"{parts.scheme}://{netloc}"
        self.client = httpx.Client(
            auth=httpx.BasicAuth(user, password),
            timeout=TIMEOUT_SECONDS,
            follow_redirects=False,
            transport=transport,
            verify=tls_context(),
            limits=httpx.Limits(max_connections=WORKERS, max_keepalive_connections=WORKERS),
        )
        self._made: set[str] = set()
        self._missing: set[str] = set()  # folders a listing found missing: made before uploads
        self._own = ""  # my folder, while publishing
        self._listed: dict[str, dict[str, int]] = {}  # folder -> sizes, after the uploads
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def url(self, path: str) -> str:
        return self.base + quote(path)

    # -- requests ------------------------------------------------------------------------
    @contextlib.contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        """Transport failures as one line each (never the URL's user info)."""
        try:
            yield
        except httpx.TimeoutException:
            raise SyncError(
                f"the WebDAV server at {self.where} did not answer in time "
                f"({what}); nothing was lost, try again"
            ) from None
        except httpx.ConnectError:
            raise SyncError(
                f"could not reach the WebDAV server at {self.where}; check the network and the URL"
            ) from None
        except httpx.TransportError:
            raise SyncError(
                f"the connection to {self.where} broke ({what}); nothing was lost, try again"
            ) from None

    def _request(
        self, method: str, path: str, *, ok: Iterable[int], what: str, **kwargs: object
    ) -> httpx.Response:
        with self._errors(what):
            response = self.client.request(method, self.url(path), **kwargs)  # type: ignore[arg-type]
        if response.status_code not in ok:
            raise StatusError(response.status_code, what)
        return response

    def _fetch(
        self, method: str, path: str, *, ok: Iterable[int], what: str, limit: int, **kwargs: object
    ) -> tuple[int, bytes]:
        """A response body read in pieces and cut off past `limit`: the size the server
        claims (Content-Length) is not trusted, and a body that never ends does not hang."""
        with (
            self._errors(what),
            self.client.stream(method, self.url(path), **kwargs) as response,  # type: ignore[arg-type]
        ):
            if response.status_code not in ok:
                raise StatusError(response.status_code, what)
            return response.status_code, read_capped(response.iter_bytes(), path, limit)

    def read(self, path: str, limit: int = RECORD_LIMIT) -> bytes | None:
        code, body = self._fetch("GET", path, ok=(200, 404), what=f"reading {path}", limit=limit)
        return None if code == 404 else body

    def read_remote(self, path: str, limit: int = PAIR_LIMIT) -> bytes | None:
        return self.read(path, limit)

    def read_many(self, paths: list[str], limit: int) -> dict[str, bytes | SyncError | None]:
        """Each file, or why it cannot be read; one the server refuses to serve (403: a link
        on its disk, say) or that is too large waits without stopping the others."""

        def one(path: str) -> bytes | SyncError | None:
            try:
                return self.read(path, limit)
            except Unsafe as problem:
                return problem
            except StatusError as problem:
                if problem.code in (403, 409):
                    return problem
                raise

        return dict(zip(paths, run_bounded(one, paths), strict=True))

    def _matches(self, path: str, data: bytes) -> bool:
        try:
            return self.read(path, len(data)) == data
        except Unsafe:
            return False

    def fetch(self) -> None:
        """Nothing to do: every read goes to the server."""
        return None

    def settle(self) -> None:
        return None

    def _mkcol(self, folder: str) -> None:
        """Make folder and its parents (405 means it exists already)."""
        parts = folder.strip("/").split("/")
        with self._lock:  # parallel uploads that all found the folder missing make it once
            for end in range(1, len(parts) + 1):
                path = "/".join(parts[:end]) + "/"
                if path not in self._made:
                    self._request("MKCOL", path, ok=(201, 405), what=f"making folder {path}")
                    self._made.add(path)

    def _put(
        self,
        path: str,
        data: bytes,
        headers: dict[str, str] | None = None,
        ok: Iterable[int] = (200, 201, 204),
    ) -> httpx.Response:
        try:
            return self._request(
                "PUT", path, ok=ok, what=f"uploading {path}", content=data, headers=headers or {}
            )
        except SyncError as problem:
            # A missing folder of ours is made and the upload tried once more; the folder
            # the URL names must exist already (a typo must not create folders).
            if ("(409)" not in str(problem) and "(404)" not in str(problem)) or "/" not in path:
                raise
        self._mkcol(path.rsplit("/", 1)[0])
        try:
            return self._request(
                "PUT", path, ok=ok, what=f"uploading {path}", content=data, headers=headers or {}
            )
        except StatusError as problem:
            if problem.code == 409 and self._own:
                self._check_own_folder(repair=False)  # says which part is not a folder
            raise

    def _put_verified(self, path: str, data: bytes) -> None:
        self._put(path, data)
        if not self._matches(path, data):
            raise SyncError(f"the WebDAV server did not keep {path} as uploaded; try again")

    def _check_kept(self, files: dict[str, bytes]) -> None:
        """Every uploaded file listed with the size sent: a cut upload the server took for
        whole (a proxy that drops the tail) is caught before the manifest names it."""
        self._listed.clear()
        lost = sorted(self.differing(files, keep=True))
        if lost:
            more = f" and {len(lost) - 1} more" if len(lost) > 1 else ""
            raise SyncError(
                f"the WebDAV server did not keep {lost[0]}{more} as uploaded; try again"
            )

    def create(self, path: str, data: bytes) -> bool:
        """Create a file only if nothing is there; False when something already was."""
        response = self._put(path, data, {"If-None-Match": "*"}, ok=(200, 201, 204, 412))
        return response.status_code != 412

    def differing(self, files: Mapping[str, bytes | int], *, keep: bool = False) -> set[str]:
        """Files missing on the server or of another size (one PROPFIND per folder); a file
        is given by its content or its size (a pack written by an earlier sync)."""
        folders: dict[str, dict[str, int]] = {}
        for path, data in files.items():
            folder, name = path.rsplit("/", 1)
            folders.setdefault(folder, {})[name] = data if isinstance(data, int) else len(data)
        differ: set[str] = set()
        for folder, expected in folders.items():
            sizes = self._sizes(folder + "/")
            if keep:
                self._listed[folder] = sizes
            for name, size in expected.items():
                if sizes.get(name) != size:
                    differ.add(f"{folder}/{name}")
        return differ

    def _sizes(self, folder: str) -> dict[str, int]:
        body = (
            b'<?xml version="1.0" encoding="utf-8"?><propfind xmlns="DAV:"><prop>'
            b"<getcontentlength/></prop></propfind>"
        )
        code, listing = self._fetch(
            "PROPFIND",
            folder,
            ok=(207, 404),
            what=f"listing {folder}",
            limit=LISTING_LIMIT,
            content=body,
            headers={"Depth": "1", "Content-Type": "application/xml"},
        )
        if code == 404:
            self._missing.add(folder.rstrip("/"))
            return {}
        try:
            root = ET.fromstring(listing)
        except ET.ParseError:
            raise SyncError(
                f"the WebDAV server sent a listing of {folder} that is not XML"
            ) from None
        sizes: dict[str, int] = {}
        for item in root.iter("{DAV:}response"):
            href = item.findtext("{DAV:}href") or ""
            name = unquote(href.rstrip("/").rsplit("/", 1)[-1])
            length = item.findtext(".//{DAV:}getcontentlength")
            if length and length.strip().isdigit():
                sizes[name] = int(length)
        return sizes

    def _check_own_folder(self, *, repair: bool) -> None:
        """My folder and its records folder are folders (collections) on the server, or not
        there yet. repair (--verify): a file in their place is deleted (it is in my folder)."""
        for folder in (self._own, self._own + "/records", self._own + "/packs"):
            body = (
                b'<?xml version="1.0" encoding="utf-8"?><propfind xmlns="DAV:"><prop>'
                b"<resourcetype/></prop></propfind>"
            )
            code, listing = self._fetch(
                "PROPFIND",
                folder,
                ok=(207, 403, 404),
                what=f"checking {folder}",
                limit=LISTING_LIMIT,
                content=body,
                headers={"Depth": "0", "Content-Type": "application/xml"},
            )
            if code == 404:
                if folder == self._own:
                    return
                continue
            if code == 403:
                raise Unsafe(
                    f"the WebDAV server refuses access to {folder} (403; a link on its disk?); "
                    "nothing was written: ask its administrator"
                )
            try:
                kinds = ET.fromstring(listing).iter("{DAV:}collection")
            except ET.ParseError:
                raise SyncError(
                    f"the WebDAV server sent a listing of {folder} that is not XML"
                ) from None
            if next(kinds, None) is not None:
                continue
            if repair:
                self._request("DELETE", folder, ok=(200, 204, 404), what=f"removing {folder}")
                self._made.clear()
                return
            raise Unsafe(
                f"{folder} on the remote is a file where a folder belongs (someone else wrote "
                "it); nothing was written (`mentor sync --verify` rebuilds it)"
            )

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
        packs: set[str] | None = None,
        retire: bool = False,
    ) -> int:
        """Upload and verify each file, then the manifest last (None: unchanged, and then
        nothing at all is written). Only paths in my own folder (and `extra`: pair.json and
        FORMAT.json at setup) are written. packs: every pack the new manifest names; once it
        is in place, the other files of my packs folder are deleted (and, retire, the
        records folder of the per-record layout). Returns files written."""
        del message  # git's concern
        allowed = (own_folder + "/", *extra)
        for path in [*files, *([manifest[0]] if manifest else [])]:
            if not inside(path, allowed):
                raise Unsafe(f"refusing to write {path}: outside your own folder")
        self._own = own_folder
        if repair:
            self._check_own_folder(repair=True)
        if manifest is None and not files:
            return 0
        items = list(files.items())
        total = len(items) + 1
        for folder in sorted(self._missing):
            self._mkcol(folder)
        if items:
            shown = [0]

            def tick(done: int) -> None:
                if done - shown[0] >= 200 or done == len(items):
                    shown[0] = done
                    progress(done, total)

            run_bounded(lambda item: self._put(*item), items, tick)
            self._check_kept(files)
        if manifest is None:
            return len(items)
        path, data = manifest
        staging = path + ".part"
        self._put_verified(staging, data)
        self._request(
            "MOVE",
            staging,
            ok=(201, 204),
            what="replacing the manifest",
            headers={"Destination": self.url(path), "Overwrite": "T"},
        )
        if not self._matches(path, data):
            raise SyncError("the WebDAV server did not keep the manifest as uploaded; try again")
        if packs is not None:
            self._prune(own_folder, packs, retire)
        progress(total, total)
        return len(items) + 1

    def _prune(self, own_folder: str, packs: set[str], retire: bool) -> None:
        """After the manifest is in place: packs no entry names (as the listing made after
        the uploads shows them; none listed, none pruned) and the old records folder go.
        Best effort: what stays is garbage nobody reads, deleted by a later sync."""
        folder = own_folder + "/packs"
        dead = [f"{folder}/{name}" for name in self._listed.get(folder, {})]
        dead = [path for path in dead if path not in packs and inside(path, (folder + "/",))]
        if retire:
            dead.append(own_folder + "/records/")

        def delete(path: str) -> None:
            with contextlib.suppress(SyncError):
                self._request("DELETE", path, ok=(200, 204, 404), what=f"removing {path}")

        run_bounded(delete, dead)
