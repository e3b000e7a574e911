"""SIGKILL at random moments of ``update`` and ``compile``: a file on disk is
always the old version or the new one, never a mix, and no half-written file
is left where a catalogue would be looked for."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest

from tests.helpers import ROOT
from toolkit.po.catalog import write_po
from toolkit.locales import get_locale

RUNS = 11  # per verb; each costs an interpreter start


def big_catalogues(folder: Path, size: int = 1500) -> tuple[Path, Path]:
    """A template and an out-of-date catalogue large enough that writing takes milliseconds."""
    rng = random.Random(9)
    words = ["border", "police", "meeting", "Belgrade", "report", "arms", "control", "regional", "gender"]
    sr = get_locale("sr")
    pot = polib.POFile()
    pot.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po = polib.POFile()
    po.metadata = {"Language": "sr", "Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": sr.plural_forms}
    for i in range(size):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 30))) + f" {i}"
        pot.append(polib.POEntry(msgid=text, occurrences=[("templates/page.html", str(i))]))
        if i % 3:  # the catalogue knows an older wording of some messages
            po.append(polib.POEntry(msgid=text if i % 5 else text + " (old)", msgstr=text.upper()))
    write_po(pot, folder / "messages.pot")
    write_po(po, folder / "messages.po")
    return folder / "messages.pot", folder / "messages.po"


def toolkit(*args: str | Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "toolkit", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def finish(*args) -> float:
    start = time.monotonic()
    process = toolkit(*args)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    return time.monotonic() - start


def kill_at_random(args, restore, check, duration: float, rng: random.Random) -> list[str]:
    """Kill runs at random moments around the write.  The first run is killed
    at once and the last one is left to finish, so both outcomes are always
    seen however slow the machine is; the ones between land anywhere."""
    delays = [0.0] + [rng.uniform(0.35, 1.1) * duration for _ in range(RUNS - 2)] + [None]
    outcomes = []
    for delay in delays:
        restore()
        process = toolkit(*args)
        if delay is None:
            process.wait()
        else:
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            process.wait()
        outcomes.append(check())
    return outcomes


def stray_files(folder: Path, expected: set[str]) -> list[str]:
    """Anything a reader could mistake for a catalogue: visible .po/.pot/.mo files not expected."""
    return sorted(p.name for p in folder.iterdir()
                  if p.suffix in (".po", ".pot", ".mo") and p.name not in expected)


@pytest.mark.parametrize("verb", ["update", "compile"])
def test_sigkill_leaves_old_or_new_file(tmp_path, verb):
    rng = random.Random(verb)
    pot, po = big_catalogues(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    if verb == "update":
        target = work / "messages.po"
        original = po.read_bytes()
        args = ["update", "-i", pot, "-o", target, "-l", "sr"]
        shutil.copyfile(po, target)
    else:
        source = work / "messages.po"
        shutil.copyfile(po, source)
        target = work / "messages.mo"
        original = b""  # no .mo yet
        args = ["compile", "-i", source, "-o", target]

    def restore():
        if verb == "update":
            target.write_bytes(original)
        elif target.exists():
            target.unlink()

    restore()
    duration = finish(*args)
    new = target.read_bytes()
    assert new != original
    restore()

    def check() -> str:
        data = target.read_bytes() if target.exists() else b""
        assert data in (original, new), "a killed run left a file that is neither the old nor the new version"
        assert stray_files(work, {"messages.po", "messages.mo"}) == []
        return "new" if data == new else "old"

    outcomes = kill_at_random(args, restore, check, duration, rng)
    # A kill before the rename keeps the old file; a finished run leaves the new one.
    assert "old" in outcomes and "new" in outcomes, outcomes
    # Whatever temporary files a kill left behind are hidden and never read.
    assert all(p.name.startswith(".") and p.name.endswith(".tmp")
               for p in work.iterdir() if p.name not in ("messages.po", "messages.mo", ".toolkit.lock"))
    # And the next run after a kill completes normally (the lock died with its holder).
    finish(*args)
    assert target.read_bytes() == new
