"""Atomic writes and a project lock, so an interrupted run never leaves half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterator


from .errors import ToolkitError


def atomic_write_bytes(path: Path | str, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file, fsync and rename.

    Returns False (and leaves the file and its mtime alone) when the file
    already holds exactly ``data``.
    """
    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)
    return True


def atomic_write_text(path: Path | str, text: str) -> bool:
    return atomic_write_bytes(path, text.encode("utf-8"))


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class LockTimeout(ToolkitError):
    exit_code = 2


@contextlib.contextmanager
def project_lock(folder: Path, timeout: float = 60.0) -> Iterator[None]:
    """Hold ``folder/.toolkit.lock`` so two runs cannot write the same catalogues at once."""
    folder.mkdir(parents=True, exist_ok=True)
    lock_path = folder / ".toolkit.lock"
    from filelock import FileLock, Timeout  # only the writing verbs take the lock

    lock = FileLock(str(lock_path))
    try:
        lock.acquire(timeout=timeout)
    except Timeout as error:
        raise LockTimeout(
            f"{lock_path}: another toolkit run holds the lock (waited {timeout:g} s); "
            "let it finish, or wait longer with --lock-timeout SECONDS"
        ) from error
    try:
        yield
    finally:
        lock.release()


def read_text(path: Path | str, display: str | None = None) -> str:
    """A UTF-8 text file's contents, or an InputError naming the file (and the
    line of an invalid byte)."""
    from .errors import InputError

    name = display or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", name) from error
    return decode_utf8(data, name)


def parse_json(text: str, name: str):
    """JSON text as Python data, or an InputError naming ``name`` and the line."""
    import json

    from .errors import InputError

    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg}", name, error.lineno) from error


def parse_yaml(text: str, name: str, *, nodes: bool = False):
    """YAML text as Python data (or, with ``nodes``, as PyYAML's node tree, whose
    marks give each value's line), or an InputError naming ``name`` and the line."""
    import yaml

    from .errors import InputError

    # libyaml's loader when PyYAML has it: glossaries and rules are read on every run.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.compose(text, Loader=loader) if nodes else yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise InputError(f"invalid YAML: {error.problem or error}", name, mark.line + 1 if mark else None) from error


def node_line(node) -> int | None:
    """The 1-based line where a YAML node starts (None for no node)."""
    return node.start_mark.line + 1 if node is not None else None


def mapping_nodes(node) -> dict[str, tuple[object, object]]:
    """``{key: (key node, value node)}`` of a YAML mapping node; empty for anything else."""
    import yaml

    return {str(k.value): (k, v) for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}


def decode_utf8(data: bytes, name: str) -> str:
    """UTF-8 bytes as text, or an InputError naming ``name`` and the line of the bad byte."""
    from .errors import InputError

    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", name, line) from error
