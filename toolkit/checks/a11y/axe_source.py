"""Where the axe-core script comes from, in this order:

1. ``--axe-script FILE`` or the ``axe-script`` key of ``[tool.toolkit]``;
2. the project's ``node_modules/axe-core/axe.min.js`` (``npm install``);
3. the axe-core that the installed axe-selenium-python bundles, when it is 4.x
   (axe-selenium-python 3.0.0 bundles axe-core 4.10.2; 2.x bundles 3.x, too old);
4. else exit 3 with the command that installs it in any project.

Each source records its version and where it came from, for every report to name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ...errors import InputError, MissingComponentError

PINNED_VERSION = "4.14.1"
INSTALL_COMMAND = f"npm install --save-exact axe-core@{PINNED_VERSION}"
_VERSION_IN_SCRIPT = re.compile(r"/\*! axe v(\d+\.\d+\.\d+)|\.version=\"(\d+\.\d+\.\d+)\"")


@dataclass(frozen=True)
class AxeSource:
    path: Path
    version: str
    origin: str  # "--axe-script", "axe-script key", "node_modules", "axe-selenium-python"

    def describe(self) -> str:
        return f"axe-core {self.version} ({self.origin}: {self.path})"


def script_version(script: Path) -> str:
    """The version in axe-core's package.json beside the script, else in the script's banner."""
    manifest = Path(script).parent / "package.json"
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        pass
    try:
        with open(script, encoding="utf-8", errors="replace") as handle:
            head = handle.read(1 << 20)
    except OSError:
        return ""
    match = _VERSION_IN_SCRIPT.search(head)
    return (match.group(1) or match.group(2)) if match else ""


def bundled_script() -> Path | None:
    """axe-selenium-python's own copy of axe.min.js, if that package is installed."""
    try:
        import axe_selenium_python
    except ImportError:
        return None
    script = Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
    return script if script.is_file() else None


def configured_script(root: Path) -> str:
    """The ``axe-script`` key of the project at ``root`` (empty when unset)."""
    from ...config import load_config

    try:
        return load_config(root).axe_script
    except InputError:
        return ""


def locate(root: Path, script: Path | str | None = None) -> AxeSource:
    """The axe-core to inject, in the documented order; MissingComponentError when none fits."""
    root = Path(root)
    origin = "--axe-script"
    if not script:
        script, origin = configured_script(root), "axe-script key"
    if script:
        path = Path(script)
        path = path if path.is_absolute() else root / path
        if not path.is_file():
            raise MissingComponentError(f"{path} ({origin}) not found; install axe-core with: {INSTALL_COMMAND}")
        return AxeSource(path, script_version(path), origin)
    local = root / "node_modules" / "axe-core" / "axe.min.js"
    if local.is_file():
        return AxeSource(local, script_version(local), "node_modules")
    bundled = bundled_script()
    if bundled is not None:
        version = script_version(bundled)
        if version.split(".")[0] == "4":
            return AxeSource(bundled, version, "axe-selenium-python")
    found = f" (axe-selenium-python bundles axe-core {version}, older than 4)" if bundled is not None and version else ""
    raise MissingComponentError(
        f"axe-core not found: no axe-script key, no {local}{found}; "
        f"in the project folder run: {INSTALL_COMMAND}"
    )
