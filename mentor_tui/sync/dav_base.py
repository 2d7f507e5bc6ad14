"""What the WebDAV backends (the pair's, sync/webdav.py, and the program's,
program/remote.py) share below the requests themselves: a bounded pool of concurrent
requests, HTTP statuses as one line each, and a URL's host (for the keyring)."""

from __future__ import annotations

import functools
import ssl
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from typing import TypeVar
from urllib.parse import urlsplit

from mentor_tui.sync.canonical import SyncError

WORKERS = 8  # requests in flight at once, and the connections kept alive for them
T = TypeVar("T")
R = TypeVar("R")


def run_bounded(
    work: Callable[[T], R], items: list[T], tick: Callable[[int], None] | None = None
) -> list[R]:
    """work(item) for every item, WORKERS at a time; results in the items' order. The
    first failure stops what has not started yet and is raised (a refused upload must not
    be followed by 10,000 more)."""
    results: list[R] = []
    if not items:
        return results
    with ThreadPoolExecutor(WORKERS) as pool:
        pending: set[Future[R]] = set()
        futures: list[Future[R]] = []
        for item in items:
            if len(pending) >= 2 * WORKERS:  # a short queue: at most 2 x WORKERS submitted
                finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
                _raise_first(finished, pending)
                if tick:
                    tick(len(futures) - len(pending))
            future = pool.submit(work, item)
            futures.append(future)
            pending.add(future)
        finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
        _raise_first(finished, pending)
    if tick:
        tick(len(futures))
    return [future.result() for future in futures]


def _raise_first(finished: set[Future[R]], pending: set[Future[R]]) -> None:
    for future in finished:
        problem = future.exception()
        if problem is not None:
            for other in pending:
                other.cancel()
            raise problem


_STATUS = {
    401: "the WebDAV server refused the user name or password (401)",
    403: "the WebDAV server forbids this (403): check the account's rights on the folder",
    404: "the WebDAV folder does not exist (404): check the URL",
    405: "the WebDAV server does not allow this here (405): is the URL a folder?",
    409: "a WebDAV folder on the way is missing (409): check the URL",
    412: "the remote changed during the sync (412); run sync again",
    423: "the WebDAV folder is locked by someone else (423); try again later",
    500: "the WebDAV server failed (500); try again later",
    502: "the WebDAV server's gateway failed (502); try again later",
    503: "the WebDAV server is unavailable (503); try again later",
    507: "the WebDAV server is out of space (507)",
}


class StatusError(SyncError):
    """An HTTP status the request did not expect, as one line."""

    def __init__(self, code: int, what: str) -> None:
        self.code = code
        super().__init__(f"{_STATUS.get(code, f'the WebDAV server answered {code}')} ({what})")


def host_of(url: str) -> str:
    return urlsplit(url).hostname or "?"


@functools.cache
def tls_context() -> ssl.SSLContext:
    """httpx's default TLS checks, made once per process: loading the CA roots takes some
    50 ms, which every client paid again (one per sync, one per participant of a program)."""
    import httpx

    return httpx.create_ssl_context()
