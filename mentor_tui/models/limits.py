"""How much text a field may hold: the one bound for typed input, imports and sync alike."""

TITLE_LIMIT = 500
TEXT_LIMIT = 1_000_000
# A template (built in, or a file of the user's): a page or two of text, read whole.
TEMPLATE_LIMIT = 100_000
