"""Storage and services. Never imports textual (tests/unit/test_import_hygiene.py)."""
