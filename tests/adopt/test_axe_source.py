"""axe-core is found in the documented order, and says where it came from."""

from pathlib import Path

import pytest

from toolkit.checks.a11y import axe_source
from toolkit.checks.a11y.axe_source import INSTALL_COMMAND, locate
from toolkit.errors import MissingComponentError

REPO_AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def fake_axe(folder: Path, version: str, manifest: bool) -> Path:
    folder.mkdir(parents=True)
    (folder / "axe.min.js").write_text(f"/*! axe v{version}\n */\n!function(){{}}();")
    if manifest:
        (folder / "package.json").write_text(f'{{"name": "axe-core", "version": "{version}"}}')
    return folder / "axe.min.js"


def test_order(tmp_path, monkeypatch):
    bundled = fake_axe(tmp_path / "bundled", "4.10.2", manifest=False)
    monkeypatch.setattr(axe_source, "bundled_script", lambda: bundled)
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text("[tool.toolkit]\n")
    found = locate(project)
    assert (found.path, found.version, found.origin) == (bundled, "4.10.2", "axe-selenium-python")
    local = fake_axe(project / "node_modules" / "axe-core", "4.14.1", manifest=True)
    assert locate(project).origin == "node_modules" and locate(project).path == local
    key = fake_axe(project / "vendor", "4.9.0", manifest=False)
    (project / "pyproject.toml").write_text('[tool.toolkit]\naxe-script = "vendor/axe.min.js"\n')
    assert (locate(project).origin, locate(project).version) == ("axe-script key", "4.9.0")
    assert locate(project, REPO_AXE if REPO_AXE.is_file() else key).origin == "--axe-script"
    assert "axe-core 4.9.0 (axe-script key" in locate(project).describe()


def test_old_bundle_is_refused_with_a_command_that_works(tmp_path, monkeypatch):
    bundled = fake_axe(tmp_path / "bundled", "3.1.1", manifest=False)
    monkeypatch.setattr(axe_source, "bundled_script", lambda: bundled)
    with pytest.raises(MissingComponentError) as error:
        locate(tmp_path)
    assert INSTALL_COMMAND in str(error.value) and "3.1.1" in str(error.value)
    assert error.value.exit_code == 3


def test_missing_key_file_is_named(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.toolkit]\naxe-script = "nope.js"\n')
    with pytest.raises(MissingComponentError, match="nope.js"):
        locate(tmp_path)
