"""mentor-tui: a local-first terminal workspace for remote mentorship pairs.

Importing this package is cheap on purpose: `mentor --version` must not pay for
textual or sqlmodel.
"""

__version__ = "0.1.0"
