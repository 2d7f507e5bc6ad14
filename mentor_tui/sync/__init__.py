"""Sync: each member of a pair publishes their shared side to a git repository or a
WebDAV folder and pulls their partner's. No Textual here (see docs/sync.md)."""
