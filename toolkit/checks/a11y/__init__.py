"""Accessibility checks: axe-core in headless Chromium, pooled, cached and baselined.

``audit.collect_pages`` and ``audit.run_a11y`` are the entry points; the
``toolkit a11y`` command adds the baseline, the exit code and the reports.
"""

from .audit import A11yRun, PageSource, collect_pages, run_a11y
from .browser import DEFAULT_VIEWPORT, Viewport
from .pool import A11yPool

__all__ = ["A11yPool", "A11yRun", "DEFAULT_VIEWPORT", "PageSource", "Viewport", "collect_pages", "run_a11y"]
