"""Errors the command line turns into exit codes."""

from __future__ import annotations


class ToolkitError(Exception):
    exit_code = 2


class InputError(ToolkitError):
    """Bad input or usage: a broken file, an unknown locale.  Exit 2.

    The message names the file and line where there is one.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(where + message)


class MissingComponentError(ToolkitError):
    """An external component is missing.  Exit 3; the message says how to install it."""

    exit_code = 3
