"""Finding the keyring off macOS asks for none of Apple's libraries: keyring imports its
macOS backend everywhere, and ctypes.util.find_library then runs ldconfig, gcc and ld."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import ctypes.util
asked = []
real = ctypes.util.find_library
ctypes.util.find_library = lambda name: (asked.append(name), real(name))[1]
from mentor_tui.sync.credentials import keyring_usable
keyring_usable()
import keyring
print(sorted(set(asked)), type(keyring.get_keyring()).__module__)
"""


@pytest.mark.skipif(sys.platform == "darwin", reason="on macOS the Keychain is the keyring")
def test_finding_the_keyring_off_macos_probes_no_apple_library(tmp_path):
    # A fresh interpreter: the tests' own in-memory keyring is set in this one.
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    asked, backend = done.stdout.split("] ")
    assert asked == "["
    assert "macOS" not in backend
