"""The browser fixture of tests/browser (headless Debian Chromium through Playwright)."""

from tests.browser.conftest import playwright_chromium  # noqa: F401 - a fixture
