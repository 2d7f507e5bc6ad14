"""wsgidav in a process of its own, for the benches: a real server (Nextcloud) never shares
the client's interpreter and GIL, so timing both in one process would charge the client
for the server's work. The child counts requests by method; GET /_counts answers them
(JSON) and starts counting afresh.

    child, port = start_dav(root, {"grace": "pw"})
    ... counts(port) ...
    stop_dav(child)
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

COUNTS_PATH = "/_counts"


def serve_dav(config: dict[str, Any]) -> None:
    """The child: wsgidav on a free loopback port; prints the port, serves until ended."""
    from cheroot import wsgi
    from wsgidav.wsgidav_app import WsgiDAVApp

    app = WsgiDAVApp({
        "host": "127.0.0.1", "port": 0, "provider_mapping": {"/": config["root"]},
        "simple_dc": {"user_mapping": {"*": {
            user: {"password": password} for user, password in config["users"].items()
        }}},
        "http_authenticator": {"accept_basic": True, "accept_digest": False,
                               "default_to_digest": False, "trusted_auth_header": None},
        "verbose": 0, "logging": {"enable_loggers": []},
        "property_manager": True, "lock_storage": True,
    })  # fmt: skip
    seen: Counter[str] = Counter()

    def counting(environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("PATH_INFO") == COUNTS_PATH:  # not counted itself
            body = json.dumps(dict(seen)).encode()
            seen.clear()
            start_response("200 OK", [("Content-Type", "application/json"),
                                      ("Content-Length", str(len(body)))])  # fmt: skip
            return [body]
        seen[environ["REQUEST_METHOD"]] += 1
        return app(environ, start_response)

    server = wsgi.Server(("127.0.0.1", 0), counting, numthreads=config.get("threads", 8))
    server.prepare()
    print(server.bind_addr[1], flush=True)
    server.serve()


def start_dav(root: Path, users: dict[str, str], threads: int = 8) -> tuple[Any, int]:
    """The child process and its port. Users and passwords go through stdin, not argv."""
    child = subprocess.Popen(
        [sys.executable, __file__],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(json.dumps({"root": str(root), "users": users, "threads": threads}))
    child.stdin.close()
    port = child.stdout.readline().strip()
    if not port.isdigit():
        child.kill()
        raise SystemExit("wsgidav did not start")
    return child, int(port)


def counts(port: int) -> Counter[str]:
    """Requests by method since the last call (the child's own count)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{COUNTS_PATH}", timeout=30) as answer:
        return Counter(json.loads(answer.read()))


def stop_dav(child: Any) -> None:
    child.terminate()
    try:
        child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


if __name__ == "__main__":
    serve_dav(json.loads(sys.stdin.read()))
