"""Fixtures every test folder may use; helpers that are not fixtures live in tests/helpers.py."""

import os

import pytest

from tests.helpers import write_mini_project

# Selenium must not try to download drivers: Chromium and ChromeDriver come from the distribution.
os.environ.setdefault("SE_OFFLINE", "true")

BROWSER_FIXTURES = {"browser", "pool"}


def pytest_collection_modifyitems(items):
    """A test that takes a browser fixture is a browser test, wherever it lives."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def mini_project(tmp_path):
    """A small self-contained project: two target locales, all three domains."""
    return write_mini_project(tmp_path)
