"""One function per user intent, called by both the CLI and the screens.

Every function takes the Store first. Reads return detached records or small frozen
dataclasses; nothing here knows about widgets or the terminal.
"""
