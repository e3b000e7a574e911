"""Two ``toolkit update`` runs at once: the second waits for the first, or
gives up after --lock-timeout with a clear message; the catalogue is never corrupted."""

from __future__ import annotations

import subprocess
import sys
import time

from tests.helpers import ROOT
from test_kill import big_catalogues
from toolkit.po.catalog import read_po

HOLD = """
import sys, time
from pathlib import Path
from toolkit.fileio import project_lock
with project_lock(Path(sys.argv[1]), timeout=5):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def update(pot, po, *extra) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "toolkit", "update", "-i", str(pot), "-o", str(po), "-l", "sr",
                             *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_second_update_waits_or_times_out_with_a_clear_message(tmp_path):
    pot, po = big_catalogues(tmp_path, size=200)
    before = po.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path), "2.5"], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"

    impatient = update(pot, po, "--lock-timeout", "0.3")
    out, err = impatient.communicate(timeout=30)
    assert impatient.returncode == 2
    assert "another toolkit run holds the lock" in err and "0.3 s" in err and ".toolkit.lock" in err
    assert "Traceback" not in err
    assert po.read_bytes() == before

    started = time.monotonic()
    patient = update(pot, po)
    out, err = patient.communicate(timeout=60)
    waited = time.monotonic() - started
    holder.wait(timeout=10)
    assert patient.returncode == 0, err
    assert waited > 1.0, "the second run did not wait for the lock"
    assert po.read_bytes() != before


def test_two_concurrent_updates_give_the_sequential_result(tmp_path):
    pot, po = big_catalogues(tmp_path, size=600)
    original = po.read_bytes()
    first, second = update(pot, po), update(pot, po)
    for process in (first, second):
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    concurrent = po.read_bytes()
    catalog = read_po(po)  # parses: not interleaved
    assert len(catalog) > 0
    po.write_bytes(original)
    for _ in range(2):
        sequential = update(pot, po)
        sequential.communicate(timeout=120)
    assert po.read_bytes() == concurrent
