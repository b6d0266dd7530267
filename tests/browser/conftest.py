"""Browser tests: Playwright (through pytest-playwright) on Debian's chromium package, against pytest-django's
``live_server``. They skip when chromium or Playwright is missing (scripts/test.sh installs chromium where it can).
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in the test's thread, and Django refuses ORM calls while a loop
# runs; these tests need both (they set data up and read it back). Set here, so only a run that collects this folder
# has it. pytest-django runs live_server tests after every other database test.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
HIER = Path(__file__).parent

try:
    import playwright  # noqa: F401
except ImportError:
    PLAYWRIGHT = False
else:
    PLAYWRIGHT = True


def pytest_configure(config: pytest.Config) -> None:
    """Keep a screenshot of every page of a failed test, under test-results/ (git-ignored)."""
    if not PLAYWRIGHT:
        return
    if config.getoption("--screenshot", default=None) == "off":
        config.option.screenshot = "only-on-failure"
    if config.getoption("--output", default=None) == "test-results":
        config.option.output = str(config.rootpath / "test-results")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if PLAYWRIGHT and CHROMIUM.exists():
        return
    alasan = (
        f"{CHROMIUM} is missing: apt-get install chromium" if PLAYWRIGHT else "playwright is not installed (.[dev])"
    )
    for item in items:
        if item.path.is_relative_to(HIER):
            item.add_marker(pytest.mark.skip(reason=alasan))


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    return {
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }
