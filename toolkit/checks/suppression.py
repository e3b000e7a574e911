"""``toolkit-ignore``: the check ids an entry silences in its flags or comments."""

from __future__ import annotations

import re
from typing import Iterable

import polib

from .registry import REGISTRY

# Flags gettext itself gives meaning to stay flags even after a toolkit-ignore.
_GETTEXT_FLAGS = frozenset({"fuzzy", "wrap", "no-wrap"})
_IGNORE = re.compile(r"toolkit-ignore\s*:\s*([\w/*-]+(?:[\s,]+[\w/*-]+)*)")
NOTHING: frozenset[str] = frozenset()


def ignored_checks(flags: Iterable[str], *comments: str | None) -> set[str]:
    """Check ids silenced by ``toolkit-ignore:`` in an entry's flags or comments.

    polib splits the ``#,`` line at commas, so ``#, toolkit-ignore: a, b``
    arrives as the flags ``toolkit-ignore: a`` and ``b``: a registered check
    id right after a toolkit-ignore flag belongs to it (``fuzzy`` excepted: it
    is gettext's own flag; silence the fuzzy check with its own line).
    """
    ignored: set[str] = set()
    following = False
    for flag in flags:
        flag = flag.strip()
        match = _IGNORE.match(flag)
        if match:
            ignored.update(re.split(r"[\s,]+", match.group(1)))
            following = True
        elif following and flag in REGISTRY and flag not in _GETTEXT_FLAGS:
            ignored.add(flag)
        else:
            following = False
    for comment in comments:
        if comment and "toolkit-ignore" in comment:
            for match in _IGNORE.finditer(comment):
                ignored.update(re.split(r"[\s,]+", match.group(1)))
    return ignored


def entry_ignored(entry: polib.POEntry) -> set[str] | frozenset[str]:
    """What ``entry`` silences (:data:`NOTHING`, shared, for most entries)."""
    if not ("toolkit-ignore" in (entry.tcomment or "") or "toolkit-ignore" in (entry.comment or "")
            or (entry.flags and "toolkit-ignore" in " ".join(entry.flags))):
        return NOTHING
    return ignored_checks(entry.flags, entry.tcomment, entry.comment)
