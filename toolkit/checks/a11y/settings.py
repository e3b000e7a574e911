"""The accessibility run's settings: command-line values over ``[tool.toolkit.a11y]`` over defaults.

``toolkit a11y`` passes what its options say; ``toolkit report --a11y`` passes
nothing and gets the defaults the verb would use.
"""

from __future__ import annotations

from pathlib import Path

from ...errors import InputError
from .browser import DEFAULT_VIEWPORT, Viewport
from .runner import DEFAULT_TAGS, IMPACTS

KNOWN_SETTINGS = frozenset({"tags", "viewports", "workers", "fail-on-impact", "baseline", "timeout",
                            "webdriver-url", "serve-address", "interactions", "cache-max-age-days"})


def a11y_settings(config, *, tags: list[str] | None = None, viewports: list[str] | None = None,
                  workers: int | None = None, fail_on_impact: str | None = None, timeout: float | None = None,
                  baseline: Path | None = None, webdriver_url: str | None = None,
                  serve_address: str | None = None) -> dict:
    """The settings of one run; ``tags`` as given on the command line (each may hold commas)."""
    where = f"{config.root / 'pyproject.toml'}: [tool.toolkit.a11y]"
    table = config.a11y or {}
    unknown = sorted(set(table) - KNOWN_SETTINGS)
    if unknown:
        raise InputError(f"{where}: unknown setting(s) {', '.join(unknown)}")

    if tags:
        tags = [t.strip() for item in tags for t in item.split(",") if t.strip()]
        tags_source = "--tags"
    else:
        tags = table.get("tags", list(DEFAULT_TAGS))
        tags_source = f"{where} tags"
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise InputError(f"{where}: tags must be a list of strings")
    viewports_text = viewports or table.get("viewports") or [str(DEFAULT_VIEWPORT)]
    if not isinstance(viewports_text, list):
        raise InputError(f"{where}: viewports must be a list such as [\"1280x800\", \"375x812\"]")
    parsed_viewports = list(dict.fromkeys(Viewport.parse(str(v)) for v in viewports_text))
    workers = workers if workers is not None else table.get("workers")
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise InputError(f"--workers / {where} workers must be a whole number of at least 1")
    fail_on = fail_on_impact or table.get("fail-on-impact", "minor")
    if fail_on not in IMPACTS:
        raise InputError(f"{where}: fail-on-impact must be one of {', '.join(IMPACTS)}")
    timeout = timeout if timeout is not None else table.get("timeout", 30)
    if not isinstance(timeout, (int, float)) or timeout <= 0:
        raise InputError(f"--timeout / {where} timeout must be a positive number of seconds")
    baseline = baseline or Path(table.get("baseline", f"{config.i18n_dir}/a11y-baseline.json"))
    return {
        "tags": tags, "tags_source": tags_source, "viewports": parsed_viewports, "workers": workers,
        "fail_on": fail_on, "timeout": float(timeout),
        "baseline": baseline if baseline.is_absolute() else config.root / baseline,
        "webdriver_url": webdriver_url or table.get("webdriver-url"),
        "serve_host": serve_address or table.get("serve-address", "127.0.0.1"),
    }
