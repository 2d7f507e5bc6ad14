"""How much text a field may hold: the one bound for typed input, imports and sync alike."""

TITLE_LIMIT = 500
TEXT_LIMIT = 1_000_000
