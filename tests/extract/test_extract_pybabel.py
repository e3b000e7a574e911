"""Standalone extraction matches pybabel's on a real template set (Sphinx's basic theme)."""

import subprocess
import sys
from pathlib import Path

import polib

from tests.helpers import DATA, ROOT, run_toolkit

SPHINX = DATA / "sphinx_basic"
PYBABEL = Path(sys.executable).with_name("pybabel")


def messages(pot: Path) -> set:
    return {(e.msgctxt, e.msgid, e.msgid_plural, tuple(e.occurrences)) for e in polib.pofile(str(pot))}


def test_same_messages_as_pybabel_on_sphinx_basic_theme(tmp_path):
    mapping = tmp_path / "babel.cfg"
    mapping.write_text("[jinja2: **.html]\n")
    args = ["-F", mapping, "-k", "lazy_gettext", "-c", "Translators:"]
    theirs, ours = tmp_path / "pybabel.pot", tmp_path / "toolkit.pot"
    subprocess.run([PYBABEL, "extract", *map(str, args), "-o", str(theirs), str(SPHINX)],
                   check=True, capture_output=True, cwd=ROOT)
    run_toolkit("extract", *args, "-o", ours, SPHINX, check=True)
    expected = messages(theirs)
    assert len(expected) > 40  # the theme really has strings: the comparison is not vacuous
    assert messages(ours) == expected
    comments = {e.msgid: e.comment for e in polib.pofile(str(theirs))}
    assert {e.msgid: e.comment for e in polib.pofile(str(ours))} == comments


def test_a_template_pybabel_would_skip_is_an_error(tmp_path):
    (tmp_path / "ok.html").write_text("{{ _('Kept') }}\n")
    (tmp_path / "broken.html").write_text("{{ _('Lost') }}\n{% for x in y %}\n")
    mapping = tmp_path / "babel.cfg"
    mapping.write_text("[jinja2: **.html]\n")
    skipped = tmp_path / "pybabel.pot"
    subprocess.run([PYBABEL, "extract", "-F", str(mapping), "-o", str(skipped), str(tmp_path)],
                   check=True, capture_output=True, cwd=tmp_path)
    assert "Lost" not in {e.msgid for e in polib.pofile(str(skipped))}  # pybabel loses it silently
    result = run_toolkit("extract", "-F", mapping, "-o", tmp_path / "out.pot", tmp_path, cwd=tmp_path)
    assert result.returncode == 2
    assert "broken.html:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.pot").exists()
