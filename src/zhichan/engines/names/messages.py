"""Engine messages are keys (the Chinese source text) the app layer translates with gettext.

`gettext_noop` marks them for `makemessages` without importing Django: engines stay pure.
"""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    return message
